import { createHash } from "node:crypto";
import sharp from "sharp";
import { AppError } from "../../platform/http/errors.ts";

/*
 * Attachments: photos (JPEG, PNG, WebP) and PDF. The type is read from the first bytes, never from the
 * name or the declared type; photos are decoded and re-encoded, which drops EXIF, GPS and every other
 * metadata block. Anything invalid is refused before a byte is stored.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;
export const MAX_TOTAL_BYTES = 15 * 1024 * 1024;
/** base64 length of MAX_FILE_BYTES */
export const MAX_FILE_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4;

export type Mime = "image/jpeg" | "image/png" | "image/webp" | "application/pdf";

export interface CleanFile {
  fileName: string;
  mime: Mime;
  size: number;
  sha256: string;
  data: Buffer;
}

export function sniff(buf: Buffer): Mime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "image/jpeg";
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "image/png";
  if (buf.length >= 12 && buf.toString("latin1", 0, 4) === "RIFF" && buf.toString("latin1", 8, 12) === "WEBP")
    return "image/webp";
  if (buf.length >= 5 && buf.toString("latin1", 0, 5) === "%PDF-") return "application/pdf";
  return null;
}

const EXT: Record<Mime, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

const fileProblem = (index: number, code: string, vi: string, en: string) =>
  new AppError(
    code === "file_too_large" ? 413 : 400,
    code,
    { vi, en },
    {
      errors: [{ path: `attachments.${index}`, message: en }],
    },
  );

export interface IncomingFile {
  name?: string;
  data: string;
}

/** Decodes, checks and cleans every file first; throws on the first bad one (nothing is stored). */
export async function cleanFiles(files: readonly IncomingFile[], startIndex = 1): Promise<CleanFile[]> {
  if (files.length > MAX_FILES)
    throw new AppError(413, "too_many_files", {
      vi: `Chỉ được đính kèm tối đa ${MAX_FILES} tệp.`,
      en: `At most ${MAX_FILES} files may be attached.`,
    });
  const decoded = files.map((f, i) => {
    const buf = Buffer.from(f.data, "base64");
    if (buf.length === 0)
      throw fileProblem(
        i,
        "file_empty",
        "Tệp đính kèm rỗng hoặc không đọc được.",
        "The file is empty or unreadable.",
      );
    if (buf.length > MAX_FILE_BYTES)
      throw fileProblem(
        i,
        "file_too_large",
        "Mỗi tệp không được vượt quá 5 MB.",
        "Each file must be at most 5 MB.",
      );
    const mime = sniff(buf);
    if (!mime)
      throw fileProblem(
        i,
        "file_type_not_allowed",
        "Chỉ nhận ảnh (JPEG, PNG, WebP) hoặc tệp PDF.",
        "Only photos (JPEG, PNG, WebP) or PDF files are accepted.",
      );
    return { buf, mime };
  });
  if (decoded.reduce((n, f) => n + f.buf.length, 0) > MAX_TOTAL_BYTES)
    throw new AppError(413, "files_too_large", {
      vi: "Tổng dung lượng tệp đính kèm không được vượt quá 15 MB.",
      en: "Attachments may total at most 15 MB.",
    });
  const out: CleanFile[] = [];
  for (const [i, { buf, mime }] of decoded.entries()) {
    let data = buf;
    if (mime !== "application/pdf") {
      try {
        // rotate() applies the EXIF orientation before the metadata is dropped; no withMetadata(): nothing is kept
        const img = sharp(buf, { failOn: "error", limitInputPixels: 50_000_000 }).rotate();
        data =
          mime === "image/jpeg"
            ? await img.jpeg({ quality: 85 }).toBuffer()
            : mime === "image/png"
              ? await img.png().toBuffer()
              : await img.webp({ quality: 85 }).toBuffer();
      } catch {
        throw fileProblem(i, "file_corrupt", "Không đọc được ảnh đính kèm.", "The photo could not be read.");
      }
    }
    out.push({
      fileName: `${mime === "application/pdf" ? "tai-lieu" : "anh"}-${startIndex + i}.${EXT[mime]}`,
      mime,
      size: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    });
  }
  return out;
}
