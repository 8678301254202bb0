#!/usr/bin/env node
// Renders a DOCX (or XLSX) to PNG pages with LibreOffice + pdftoppm, to look at a generated document.
// Usage: node tools/render-docx.mjs file.docx [outDir] [dpi]   → outDir/<name>-1.png, -2.png, ...
// Needs Debian's libreoffice-writer-nogui, fonts-liberation2 and poppler-utils.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";

const [input, outArg, dpiArg] = process.argv.slice(2);
if (!input) {
  console.error("usage: node tools/render-docx.mjs file.docx [outDir] [dpi]");
  process.exit(2);
}
const file = resolve(input);
const outDir = resolve(outArg ?? dirname(file));
const dpi = dpiArg ?? "80";
mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "danvan-lo-"));
try {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      file,
    ],
    { stdio: "ignore" },
  );
} finally {
  rmSync(profile, { recursive: true, force: true });
}
const name = basename(file, extname(file));
const pdf = join(outDir, `${name}.pdf`);
execFileSync("pdftoppm", ["-png", "-r", dpi, pdf, join(outDir, name)]);
for (const f of readdirSync(outDir)
  .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
  .sort())
  console.log(join(outDir, f));
