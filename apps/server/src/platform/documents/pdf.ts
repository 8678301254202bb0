import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

let found: string | null | undefined;

/** The LibreOffice binary when installed (`soffice` on PATH or the Debian location), else null. */
export function findSoffice(): string | null {
  if (found !== undefined) return found;
  const dirs = (process.env.PATH ?? "").split(":").filter(Boolean);
  const candidates = [
    ...dirs.map((d) => join(d, "soffice")),
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
  ];
  found = candidates.find((c) => existsSync(c)) ?? null;
  return found;
}

export const pdfAvailable = () => findSoffice() !== null;

/**
 * Converts a DOCX (or XLSX) file to PDF with LibreOffice; returns the PDF path (next to the input,
 * or in `outDir`), or null when LibreOffice is not installed. Each call gets its own LibreOffice profile
 * so that concurrent conversions do not collide.
 */
export async function renderDocxToPdf(path: string, outDir = dirname(path)): Promise<string | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const profile = mkdtempSync(join(tmpdir(), "danvan-lo-"));
  try {
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        path,
      ],
      { timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(outDir, `${basename(path, extname(path))}.pdf`);
  if (!existsSync(pdf)) throw new Error("LibreOffice did not produce a PDF");
  return pdf;
}
