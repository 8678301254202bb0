import {
  CHANNEL_LABELS,
  type Channel,
  KIND_LABELS,
  type SubmissionKind,
} from "@danvan/shared/schemas/submissions";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

/*
 * Biên bản tiếp nhận (receipt record) in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins
 * top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, national motto 13 pt bold, slogan 14 pt
 * bold, body 14 pt justified with a first-line indent. The informant's identity is never printed from
 * the sealed record: the lines are left for the informant to fill in and sign by hand.
 */
const MM = 56.7; // twips per millimetre
const FONT = "Times New Roman";
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

const run = (
  text: string,
  o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text,
    font: FONT,
    bold: o.bold,
    italics: o.italics,
    size: (o.size ?? 14) * 2,
    underline: o.underline ? {} : undefined,
  });
const center = (children: TextRun[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
const body = (children: TextRun[]) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * MM) },
    spacing: { before: 60, after: 60, line: 300 },
    children,
  });

export interface ReceiptRecord {
  ref: string;
  kind: string;
  channel: string;
  unitName: string;
  parentUnitName: string | null;
  placeName: string;
  receivedAt: string;
  officerName: string;
  officerRank: string | null;
  officerPosition: string | null;
  anonymous: boolean;
  wantsProtection: boolean;
  occurredOn: string | null;
  placeText: string | null;
  content: string;
  documents: string | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

export async function receiptDocx(r: ReceiptRecord): Promise<Buffer> {
  // Asia/Ho_Chi_Minh is UTC+7 without daylight saving
  const t = new Date(Date.parse(r.receivedAt) + 7 * 3_600_000);
  const [d, m, y, hh, mi] = [
    t.getUTCDate(),
    t.getUTCMonth() + 1,
    t.getUTCFullYear(),
    t.getUTCHours(),
    t.getUTCMinutes(),
  ];
  const kindLabel = KIND_LABELS[r.kind as SubmissionKind]?.vi ?? r.kind;
  const dots = "................................................................";
  const header = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: Math.round(165 * MM), type: WidthType.DXA },
    columnWidths: [Math.round(65 * MM), Math.round(100 * MM)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            children: [
              center([run((r.parentUnitName ?? "").toUpperCase(), { size: 13 })]),
              center([run(r.unitName.toUpperCase(), { bold: true, size: 13 })]),
              center([run("———————", { size: 13 })]),
              center([run(`Số: ${r.ref}/BB-TN`, { size: 13 })]),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            children: [
              center([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 13 })]),
              center([run("Độc lập - Tự do - Hạnh phúc", { bold: true, size: 14 })]),
              center([run("———————————————", { size: 13 })]),
              center([
                run(`${r.placeName}, ngày ${pad(d)} tháng ${pad(m)} năm ${y}`, { italics: true, size: 14 }),
              ]),
            ],
          }),
        ],
      }),
    ],
  });
  const signature = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: Math.round(165 * MM), type: WidthType.DXA },
    columnWidths: [Math.round(82 * MM), Math.round(83 * MM)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            children: [
              center([run("NGƯỜI TỐ GIÁC, BÁO TIN", { bold: true })]),
              center([run("(Ký, ghi rõ họ tên)", { italics: true })]),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            children: [
              center([run("NGƯỜI TIẾP NHẬN", { bold: true })]),
              center([run("(Ký, ghi rõ họ tên)", { italics: true })], 1200),
              center([run(r.officerName, { bold: true })]),
            ],
          }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: "danvan",
    title: `Biên bản tiếp nhận ${r.ref}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children: [
          header,
          center([], 240),
          center([run("BIÊN BẢN", { bold: true })]),
          center([
            run(`Tiếp nhận ${kindLabel.charAt(0).toLowerCase()}${kindLabel.slice(1)}`, { bold: true }),
          ]),
          center([run("—————", {})], 240),
          body([
            run(
              `Hồi ${pad(hh)} giờ ${pad(mi)} phút, ngày ${pad(d)} tháng ${pad(m)} năm ${y}, tại trụ sở ${r.unitName}.`,
            ),
          ]),
          body([
            run(
              `Người tiếp nhận: ${r.officerName}${r.officerRank ? `, cấp bậc: ${r.officerRank}` : ""}${r.officerPosition ? `, chức vụ: ${r.officerPosition}` : ""}.`,
            ),
          ]),
          body([run(`Hình thức tiếp nhận: ${CHANNEL_LABELS[r.channel as Channel]?.vi ?? r.channel}.`)]),
          body([
            run(
              r.anonymous
                ? "Người tố giác, báo tin: đề nghị không nêu danh tính (ẩn danh)."
                : `Họ và tên người tố giác, báo tin: ${dots}`,
            ),
          ]),
          ...(r.anonymous
            ? []
            : [
                body([run(`Số định danh cá nhân/CCCD: ${dots}`)]),
                body([run(`Nơi cư trú: ${dots}`)]),
                body([run(`Số điện thoại: ${dots}`)]),
              ]),
          body([
            run(
              `Đề nghị giữ bí mật, bảo vệ người tố giác: ${r.wantsProtection ? "Có" : "Không"}. Thông tin về người tố giác được giữ bí mật theo quy định của pháp luật.`,
            ),
          ]),
          body([run("Nội dung tố giác, tin báo, phản ánh:", { bold: true })]),
          ...r.content.split(/\n+/).map((line) => body([run(line)])),
          ...(r.occurredOn || r.placeText
            ? [
                body([
                  run(
                    `Thời gian, địa điểm xảy ra: ${r.occurredOn ? r.occurredOn.split("-").reverse().join("/") : "chưa rõ"}${r.placeText ? `, ${r.placeText}` : ""}.`,
                  ),
                ]),
              ]
            : []),
          body([run(`Tài liệu, đồ vật kèm theo: ${r.documents ?? "không có"}.`)]),
          body([
            run(
              `Biên bản được lập thành 02 bản, đã đọc lại cho người tố giác, báo tin nghe, công nhận đúng và cùng ký tên dưới đây. Số vào sổ tiếp nhận: ${r.ref}.`,
            ),
          ]),
          center([], 240),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
