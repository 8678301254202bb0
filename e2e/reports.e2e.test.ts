/**
 * Reports in Chromium, as provincial movement staff do it: open the province dashboard, drill into a
 * commune from the ranking, generate the commune's quarterly report and download it as a Word file,
 * whose text names the commune.
 */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BrowserSession, mainNavigation, openBrowser, signIn } from "./harness.ts";

/** The text of a DOCX body (the runs of word/document.xml), paragraphs on their own lines. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .map((p) =>
      (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, "")).join(""),
    )
    .join("\n")
    .replace(/&amp;/g, "&");
}

describe("reports in the browser", () => {
  let staff: BrowserSession;

  beforeAll(async () => {
    staff = await openBrowser();
  });
  afterAll(async () => {
    await staff?.close();
  });

  test("province dashboard → a commune → its quarterly report as DOCX naming the commune", async () => {
    const { page } = staff;
    await signIn(page, "demo.tinh", "demo12345");

    // the menu entry (a link, or an item of antd's menu)
    const nav = mainNavigation(page);
    const name = "Bảng điều khiển";
    await nav.getByRole("link", { name }).or(nav.getByRole("menuitem", { name })).first().click();
    await page.getByRole("heading", { name: "Bảng điều khiển", level: 1 }).waitFor();
    await page.getByText("Công an tỉnh Lâm Đồng — Cấp tỉnh").waitFor();
    await page.getByRole("heading", { name: "Xếp hạng đơn vị trực thuộc" }).waitFor();

    // the first unit of the ranking table
    const first = page.getByRole("link", { name: /^Xem bảng điều khiển của / }).first();
    await first.waitFor();
    const commune = ((await first.textContent()) ?? "").trim();
    expect(commune).toMatch(/^Công an (xã|phường|đặc khu) /);
    await first.click();

    await page.getByText(`${commune} — Đơn vị cấp xã`).waitFor();
    await page.getByRole("heading", { name: /^Tình hình tháng/ }).waitFor();

    await page.getByRole("link", { name: "Lập báo cáo quý" }).click();
    await page.getByRole("heading", { name: "Báo cáo", level: 1 }).waitFor();
    // the form comes preset with last quarter (and the commune, which the DOCX below proves)
    await page.getByText("Quý trước").first().waitFor();

    await page.getByRole("button", { name: "Lập báo cáo" }).click();
    // the confirmation toast says it too; the alert that matters is the one carrying the downloads
    const done = page
      .getByRole("alert")
      .filter({ hasText: "Đã lập báo cáo" })
      .filter({ has: page.getByRole("link", { name: "DOCX" }) });
    await done.waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      done.getByRole("link", { name: "DOCX" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const text = await docxText(bytes);
    expect(text).toContain(commune);
    expect(text).toMatch(/quý (I|II|III|IV) năm \d{4}/);

    // the saved version is listed with its files
    await page
      .getByRole("cell", { name: new RegExp(commune) })
      .first()
      .waitFor();
  });
});
