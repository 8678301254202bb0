import JSZip from "jszip";

/** The XML of a part of a DOCX file (word/document.xml by default). */
export async function docxPart(bytes: Buffer | Uint8Array, part = "word/document.xml"): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(part);
  if (!file) throw new Error(`${part} missing`);
  return file.async("string");
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The text of a DOCX body, one line per paragraph (table cells are paragraphs too). */
export async function docxText(bytes: Buffer | Uint8Array): Promise<string> {
  const xml = await docxPart(bytes);
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
  return paragraphs
    .map((p) =>
      decode(
        (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:tab\/>/g) ?? [])
          .map((t) => (t === "<w:tab/>" ? "\t" : t.replace(/<[^>]+>/g, "")))
          .join(""),
      ),
    )
    .join("\n");
}
