import type { AnalysisResult, Cell } from "@danvan/shared/schemas/reports";
import ExcelJS from "exceljs";
import { dmy } from "./period.ts";

const BREAKDOWN_VI = {
  none: "Không",
  children: "Theo đơn vị trực thuộc",
  period: "Theo thời gian",
  kind: "Theo loại",
};
const LINEAGE_VI = { current: "Theo đơn vị hiện nay", historical: "Theo đơn vị tại thời điểm đó" };

/** The filters of an analysis as label/value lines, printed at the top of every export. */
export function filterLines(r: AnalysisResult, generatedBy: string, at = new Date()): [string, string][] {
  return [
    ["Đơn vị", r.unit.name],
    ["Kỳ", `${r.period.label} (${dmy(r.period.from)} – ${dmy(r.period.to)})`],
    ["So sánh", `cùng kỳ: ${r.period.lastYearLabel}`],
    ["Phân tổ", BREAKDOWN_VI[r.breakdown]],
    ["Nhóm đơn vị", LINEAGE_VI[r.lineage]],
    ["Chỉ tiêu", r.rows.map((x) => x.code).join(", ")],
    ["Người xuất", generatedBy],
    ["Thời điểm xuất", at.toISOString()],
  ];
}

/** Header and body of the table: one block of 4 columns (value, last year, difference, %) per column. */
export function tableOf(r: AnalysisResult) {
  const blocks = [{ key: "total", label: "Tổng" }, ...r.columns.map((c) => ({ key: c.key, label: c.label }))];
  const header = ["Mã", "Chỉ tiêu", "Đơn vị tính"];
  for (const b of blocks)
    header.push(`${b.label} - kỳ này`, `${b.label} - cùng kỳ`, `${b.label} - tăng/giảm`, `${b.label} - %`);
  const body = r.rows.map((row) => {
    const line: (string | number | null)[] = [row.code, row.label.vi, row.unit.vi];
    for (const b of blocks) {
      const c: Cell | undefined = b.key === "total" ? row.total : row.cells[b.key];
      line.push(c?.value ?? null, c?.lastYear ?? null, c?.diff ?? null, c?.percent ?? null);
    }
    return line;
  });
  return { header, body };
}

const csvField = (v: string | number | null) => {
  if (v == null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV in UTF-8 with a byte-order mark (Excel opens Vietnamese correctly), filters first. */
export function toCsv(r: AnalysisResult, generatedBy: string): Buffer {
  const { header, body } = tableOf(r);
  const lines = [
    ...filterLines(r, generatedBy).map(([k, v]) => [k, v].map(csvField).join(",")),
    "",
    header.map(csvField).join(","),
    ...body.map((l) => l.map(csvField).join(",")),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

export async function toXlsx(r: AnalysisResult, generatedBy: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "danvan";
  const ws = wb.addWorksheet("Số liệu");
  const font = { name: "Times New Roman", size: 12 };
  ws.addRow([`SỐ LIỆU ${r.unit.name.toUpperCase()} - ${r.period.label.toUpperCase()}`]).font = {
    ...font,
    bold: true,
    size: 13,
  };
  for (const [k, v] of filterLines(r, generatedBy)) ws.addRow([k, v]).font = font;
  ws.addRow([]);
  const { header, body } = tableOf(r);
  const h = ws.addRow(header);
  h.font = { ...font, bold: true };
  h.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  for (const line of body) {
    const row = ws.addRow(line);
    row.font = font;
    row.eachCell((cell, i) => {
      if (i > 3) cell.numFmt = (i - 4) % 4 === 3 ? '0.0"%"' : "#,##0.##";
    });
  }
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 12;
  for (let i = 4; i <= header.length; i++) ws.getColumn(i).width = 14;
  ws.views = [{ state: "frozen", xSplit: 3, ySplit: ws.rowCount - body.length }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An ASCII file name for Content-Disposition, plus the UTF-8 one (RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
