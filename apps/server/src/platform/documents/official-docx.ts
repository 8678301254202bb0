import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";

/**
 * Official documents in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait; margins
 * top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman (LibreOffice substitutes the
 * metric-compatible Liberation Serif); national motto block top right, issuing unit top left, number
 * and symbol under it, place and date in italics under the motto; type and title centred in bold; body
 * justified with a first-line indent; "Nơi nhận" bottom left (12 pt bold italic, recipients 11 pt);
 * signature block bottom right; page numbers centred in the top margin from page 2.
 */

/** A run of text inside a paragraph. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export interface TableColumn {
  title: string;
  /** relative width; the columns share the text width in proportion */
  width?: number;
  align?: "left" | "center" | "right";
}

export type Block =
  /** a section heading ("I. KẾT QUẢ ĐẠT ĐƯỢC"), bold, not indented */
  | { kind: "heading"; text: string; level?: 1 | 2 }
  /** body text, justified with a first-line indent */
  | { kind: "paragraph"; text: Inline | Inline[] }
  /** a "- " item */
  | { kind: "bullet"; text: Inline | Inline[] }
  /** a table; a last row flagged `total` is set in bold */
  | {
      kind: "table";
      caption?: string;
      columns: TableColumn[];
      rows: (string | number | null)[][];
      totalRow?: (string | number | null)[];
    };

export interface OfficialDocInput {
  /** "BỘ CÔNG AN" / "CÔNG AN TỈNH LÂM ĐỒNG" above the issuing unit; optional */
  issuerParent?: string;
  /** the issuing unit ("CÔNG AN PHƯỜNG ĐÔNG GIA NGHĨA") */
  issuer: string;
  /** the number, e.g. 12 (padded to 2 digits) or "" when not yet numbered */
  number?: number | string | null;
  /** the symbol, e.g. "BC-CAP" */
  symbol: string;
  /** the place name of the date line ("Gia Nghĩa") */
  place: string;
  /** 'YYYY-MM-DD' */
  date: string;
  /** the type of document ("BÁO CÁO") */
  docType: string;
  /** the summary line (trích yếu) */
  title: string;
  body: Block[];
  /** recipients; "Lưu: VT" is appended when absent */
  recipients: string[];
  signer: {
    /** "TM.", "KT.", "TL.", "TUQ.", "Q." or none */
    authority?: string;
    /** "TRƯỞNG CÔNG AN PHƯỜNG" / for KT.: the line under it */
    position: string;
    /** the position under an authority line, e.g. "PHÓ TRƯỞNG CÔNG AN" under "KT. TRƯỞNG CÔNG AN" */
    subPosition?: string;
    name: string;
  };
  /** body font size in points: 13 or 14 (default 14) */
  fontSize?: 13 | 14;
}

const FONT = "Times New Roman";
const pt = (n: number) => n * 2; // half-points
const mm = convertMillimetersToTwip;

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
  /** the header (page number) sits in the top margin */
  header: mm(10),
} as const;
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

/** "Gia Nghĩa, ngày 05 tháng 3 năm 2020": days below 10 and months 1–2 take a leading zero. */
export function placeAndDate(place: string, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const day = String(d).padStart(2, "0");
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Số: 05/BC-CAP" (numbers below 10 take a leading 0; unnumbered drafts keep the blank). */
export function numberAndSymbol(number: number | string | null | undefined, symbol: string): string {
  const n = number == null || number === "" ? "      " : String(number).padStart(2, "0");
  return `Số: ${n}/${symbol}`;
}

function runs(text: Inline | Inline[], size: number, base: { bold?: boolean; italic?: boolean } = {}) {
  const parts = Array.isArray(text) ? text : [text];
  return parts.map((p) =>
    typeof p === "string"
      ? new TextRun({ text: p, font: FONT, size: pt(size), ...base })
      : new TextRun({
          text: p.text,
          font: FONT,
          size: pt(size),
          bold: p.bold ?? base.bold,
          italics: p.italic ?? base.italic,
        }),
  );
}

function centred(
  text: string,
  size: number,
  opts: { bold?: boolean; italic?: boolean; after?: number; before?: number } = {},
) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text, font: FONT, size: pt(size), bold: opts.bold, italics: opts.italic })],
  });
}

/** A centred solid line of about `fraction` of the cell's width (a bottom border on an empty paragraph). */
function rule(cellWidth: number, fraction: number) {
  const inset = Math.round((cellWidth * (1 - fraction)) / 2);
  return new Paragraph({
    indent: { left: inset, right: inset },
    spacing: { before: 0, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

type CellBorders = ConstructorParameters<typeof TableCell>[0]["borders"];

function cell(width: number, children: (Paragraph | Table)[], borders: CellBorders = NO_BORDERS) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    verticalAlign: VerticalAlignTable.TOP,
    children,
  });
}

function headerBlock(input: OfficialDocInput) {
  const left = Math.round(TEXT_WIDTH * 0.43);
  const right = TEXT_WIDTH - left;
  const leftCell = [
    ...(input.issuerParent ? [centred(input.issuerParent.toUpperCase(), 13)] : []),
    centred(input.issuer.toUpperCase(), 13, { bold: true }),
    rule(left, 0.4),
    centred(numberAndSymbol(input.number, input.symbol), 13),
  ];
  const rightCell = [
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, { bold: true }),
    centred("Độc lập - Tự do - Hạnh phúc", 13, { bold: true }),
    rule(right, 0.62),
    centred(placeAndDate(input.place, input.date), 14, { italic: true }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftCell), cell(right, rightCell)] })],
  });
}

function bodyParagraph(children: ParagraphChild[], indent = true) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: mm(10) } : undefined,
    spacing: { before: 0, after: 120, line: 288, lineRule: LineRuleType.AUTO },
    children,
  });
}

function dataTable(block: Extract<Block, { kind: "table" }>, size: number): (Paragraph | Table)[] {
  const weights = block.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const borders = {
    top: THIN,
    bottom: THIN,
    left: THIN,
    right: THIN,
    insideHorizontal: THIN,
    insideVertical: THIN,
  };
  const tableSize = Math.max(size - 2, 11);
  const cellPara = (text: string, align: TableColumn["align"], bold = false) =>
    new Paragraph({
      alignment:
        align === "right"
          ? AlignmentType.RIGHT
          : align === "center"
            ? AlignmentType.CENTER
            : AlignmentType.LEFT,
      spacing: { before: 40, after: 40 },
      children: [new TextRun({ text, font: FONT, size: pt(tableSize), bold })],
    });
  const mkRow = (values: (string | number | null)[], bold: boolean, header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: block.columns.map((c, i) =>
        cell(
          widths[i],
          [
            cellPara(
              formatCell(values[i]),
              header ? "center" : (c.align ?? (typeof values[i] === "number" ? "right" : "left")),
              bold,
            ),
          ],
          borders,
        ),
      ),
    });
  const out: (Paragraph | Table)[] = [];
  if (block.caption)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // the caption stays on the page of its table
        keepNext: true,
        spacing: { before: 120, after: 60 },
        children: [new TextRun({ text: block.caption, font: FONT, size: pt(size), bold: true })],
      }),
    );
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        mkRow(
          block.columns.map((c) => c.title),
          true,
          true,
        ),
        ...block.rows.map((r) => mkRow(r, false)),
        ...(block.totalRow ? [mkRow(block.totalRow, true)] : []),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  );
  return out;
}

/** Numbers as written in Vietnamese documents: 1.234,5 */
export function formatNumberVi(n: number): string {
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(n);
}

const formatCell = (v: string | number | null | undefined) =>
  v == null ? "" : typeof v === "number" ? formatNumberVi(v) : v;

function bodyBlocks(blocks: Block[], size: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case "heading":
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: mm(10) },
            spacing: { before: 120, after: 120 },
            children: runs(b.text, size, { bold: true }),
          }),
        );
        break;
      case "paragraph":
        out.push(bodyParagraph(runs(b.text, size)));
        break;
      case "bullet": {
        const parts = Array.isArray(b.text) ? b.text : [b.text];
        out.push(bodyParagraph(runs(["- ", ...parts], size)));
        break;
      }
      case "table":
        out.push(...dataTable(b, size));
        break;
    }
  }
  return out;
}

function closingBlock(input: OfficialDocInput) {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const right = TEXT_WIDTH - left;
  const recipients = [...input.recipients];
  if (!recipients.some((r) => r.trim().startsWith("Lưu"))) recipients.push("Lưu: VT");
  const recipientParas = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text: "Nơi nhận:", font: FONT, size: pt(12), bold: true, italics: true })],
    }),
    ...recipients.map(
      (r, i) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [
            new TextRun({
              text: `- ${r.replace(/[;.]\s*$/, "")}${i === recipients.length - 1 ? "." : ";"}`,
              font: FONT,
              size: pt(11),
            }),
          ],
        }),
    ),
  ];
  const s = input.signer;
  const signerParas = [
    ...(s.authority ? [centred(`${s.authority} ${s.position}`.toUpperCase(), 14, { bold: true })] : []),
    centred((s.authority ? (s.subPosition ?? "") : s.position).toUpperCase(), 14, { bold: true }),
    // room for the signature and the seal
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
    centred(s.name, 14, { bold: true }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cell(left, recipientParas), cell(right, signerParas)],
      }),
    ],
  });
}

/** Builds the DOCX file of an official document; returns its bytes. */
export async function buildOfficialDocx(input: OfficialDocInput): Promise<Buffer> {
  const size = input.fontSize ?? 14;
  const pageHeader = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(size) })],
      }),
    ],
  });
  const doc = new Document({
    creator: "danvan",
    title: `${input.docType} ${input.title}`,
    styles: {
      default: { document: { run: { font: FONT, size: pt(size), color: "000000" } } },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, header: PAGE.header, footer: mm(10) },
          },
        },
        // no number on page 1; centred in the top margin from page 2
        headers: { default: pageHeader, first: new Header({ children: [] }) },
        children: [
          headerBlock(input),
          centred(input.docType.toUpperCase(), 14, { bold: true, before: 360 }),
          centred(input.title, 14, { bold: true }),
          rule(TEXT_WIDTH, 0.25),
          new Paragraph({ spacing: { after: 60 }, children: [] }),
          ...bodyBlocks(input.body, size),
          new Paragraph({ spacing: { after: 120 }, children: [] }),
          closingBlock(input),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
