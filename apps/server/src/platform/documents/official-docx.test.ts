import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docxPart, docxText } from "./docx-text.ts";
import { buildOfficialDocx, numberAndSymbol, type OfficialDocInput, placeAndDate } from "./official-docx.ts";
import { pdfAvailable, renderDocxToPdf } from "./pdf.ts";

const sample: OfficialDocInput = {
  issuerParent: "Công an tỉnh Lâm Đồng",
  issuer: "Công an phường Đông Gia Nghĩa",
  number: 5,
  symbol: "BC-CAP",
  place: "Gia Nghĩa",
  date: "2025-02-03",
  docType: "Báo cáo",
  title: "Kết quả phong trào Toàn dân bảo vệ an ninh Tổ quốc quý I năm 2025",
  body: [
    { kind: "heading", text: "I. KẾT QUẢ ĐẠT ĐƯỢC" },
    {
      kind: "paragraph",
      text: ["Tổ chức ", { text: "22", bold: true }, " buổi tuần tra, giảm 02 vụ so với cùng kỳ năm 2024."],
    },
    { kind: "bullet", text: "Vận động giao nộp 01 súng kíp và 10 súng tự chế." },
    {
      kind: "table",
      caption: "Bảng 1. Kết quả theo đơn vị",
      columns: [
        { title: "STT", width: 1 },
        { title: "Đơn vị", width: 5 },
        { title: "Số buổi", width: 2 },
      ],
      rows: [
        [1, "Thôn 1", 12],
        [2, "Bon Bu Sir", 1234.5],
      ],
      totalRow: ["", "Tổng cộng", 1246.5],
    },
    ...Array.from({ length: 40 }, (_, i) => ({
      kind: "paragraph" as const,
      text: `Đoạn ${i + 1}: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ Đ đ.`,
    })),
  ],
  recipients: ["Công an tỉnh Lâm Đồng (PV05)", "Đảng ủy phường"],
  signer: { position: "Trưởng Công an phường", name: "Nguyễn Văn An" },
};

describe("official DOCX (Nghị định 30/2020 layout)", () => {
  it("writes the heading blocks, body, recipients and signature in reading order", async () => {
    const bytes = await buildOfficialDocx(sample);
    const text = await docxText(bytes);
    const order = [
      "CÔNG AN TỈNH LÂM ĐỒNG",
      "CÔNG AN PHƯỜNG ĐÔNG GIA NGHĨA",
      "Số: 05/BC-CAP",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Gia Nghĩa, ngày 03 tháng 02 năm 2025",
      "BÁO CÁO",
      "Kết quả phong trào Toàn dân bảo vệ an ninh Tổ quốc quý I năm 2025",
      "I. KẾT QUẢ ĐẠT ĐƯỢC",
      "Tổ chức 22 buổi tuần tra, giảm 02 vụ so với cùng kỳ năm 2024.",
      "- Vận động giao nộp 01 súng kíp và 10 súng tự chế.",
      "Bảng 1. Kết quả theo đơn vị",
      "1.234,5",
      "Tổng cộng",
      "Nơi nhận:",
      "- Công an tỉnh Lâm Đồng (PV05);",
      "- Đảng ủy phường;",
      "- Lưu: VT.",
      "TRƯỞNG CÔNG AN PHƯỜNG",
      "Nguyễn Văn An",
    ];
    let at = -1;
    for (const s of order) {
      const i = text.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
  });

  it("sets A4, the margins, Times New Roman and page numbers from page 2", async () => {
    const bytes = await buildOfficialDocx(sample);
    const xml = await docxPart(bytes);
    const sect = xml.match(/<w:sectPr[\s\S]*<\/w:sectPr>/)![0];
    const attr = (tag: string, name: string) =>
      Number(sect.match(new RegExp(`<w:${tag} [^>]*w:${name}="(\\d+)"`))![1]);
    const toMm = (twip: number) => Math.round((twip / 1440) * 25.4);
    expect(toMm(attr("pgSz", "w"))).toBe(210);
    expect(toMm(attr("pgSz", "h"))).toBe(297);
    expect(toMm(attr("pgMar", "top"))).toBeGreaterThanOrEqual(20);
    expect(toMm(attr("pgMar", "top"))).toBeLessThanOrEqual(25);
    expect(toMm(attr("pgMar", "bottom"))).toBeGreaterThanOrEqual(20);
    expect(toMm(attr("pgMar", "bottom"))).toBeLessThanOrEqual(25);
    expect(toMm(attr("pgMar", "left"))).toBeGreaterThanOrEqual(30);
    expect(toMm(attr("pgMar", "left"))).toBeLessThanOrEqual(35);
    expect(toMm(attr("pgMar", "right"))).toBeGreaterThanOrEqual(15);
    expect(toMm(attr("pgMar", "right"))).toBeLessThanOrEqual(20);
    // a different first page: page 1 has an empty header, the others carry the page number field
    expect(sect).toContain("<w:titlePg");
    const firstRef = sect.match(/<w:headerReference w:type="first" r:id="(\w+)"/)![1];
    const defaultRef = sect.match(/<w:headerReference w:type="default" r:id="(\w+)"/)![1];
    const rels = await docxPart(bytes, "word/_rels/document.xml.rels");
    const target = (id: string) => rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))![1];
    const firstHeader = await docxPart(bytes, `word/${target(firstRef)}`);
    const defaultHeader = await docxPart(bytes, `word/${target(defaultRef)}`);
    expect(firstHeader).not.toContain("PAGE");
    expect(defaultHeader).toContain("PAGE");
    expect(defaultHeader).toContain('w:val="center"');
    const styles = await docxPart(bytes, "word/styles.xml");
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    // body paragraphs: 14 pt Times New Roman
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  it("pads day, month and number as the decree requires", () => {
    expect(placeAndDate("Hà Nội", "2020-03-05")).toBe("Hà Nội, ngày 05 tháng 3 năm 2020");
    expect(placeAndDate("Hà Nội", "2020-12-25")).toBe("Hà Nội, ngày 25 tháng 12 năm 2020");
    expect(placeAndDate("Hà Nội", "2020-01-15")).toBe("Hà Nội, ngày 15 tháng 01 năm 2020");
    expect(numberAndSymbol(7, "BC-CAX")).toBe("Số: 07/BC-CAX");
    expect(numberAndSymbol(123, "BC-CAT")).toBe("Số: 123/BC-CAT");
  });

  it.runIf(pdfAvailable())("converts to PDF when LibreOffice is installed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "danvan-docx-"));
    const path = join(dir, "bao-cao.docx");
    writeFileSync(path, await buildOfficialDocx(sample));
    const pdf = await renderDocxToPdf(path);
    expect(pdf).toBe(join(dir, "bao-cao.pdf"));
  });
});
