/**
 * Movement work in Chromium, as a ward officer does it: record a household-pledge drive with its
 * results, then see the figure change on the unit's movement overview (indicator registry).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BrowserSession, openBrowser, signIn } from "./harness.ts";

describe("movement work in the browser", () => {
  let officer: BrowserSession;

  beforeAll(async () => {
    officer = await openBrowser();
  });
  afterAll(async () => {
    await officer?.close();
  });

  test("a pledge drive recorded with its results changes the figure on the unit's overview", async () => {
    const { page } = officer;
    // the demo ward officer of Phường Đông Gia Nghĩa (demo accounts: password demo12345)
    await signIn(page, "demo.xa", "demo12345");
    // the movement entries sit in the "work" group of the main navigation; open the pages by address
    await page.goto("/phong-trao");
    await page
      .getByRole("heading", { name: "Phong trào toàn dân bảo vệ an ninh Tổ quốc", level: 1 })
      .waitFor();
    const figure = page.locator('[data-code="movement.results.households_signed"]');
    await figure.waitFor();
    const before =
      Number(
        ((await figure.locator(".ant-statistic-content-value").textContent()) ?? "0").replace(/\./g, ""),
      ) || 0;

    await page.goto("/phong-trao/hoat-dong");
    await page.getByRole("heading", { name: "Hoạt động", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Ghi nhận hoạt động" }).click();
    const dialog = page.getByRole("dialog").filter({ hasText: "Loại hoạt động" });
    await dialog.waitFor();
    const kind = dialog.getByLabel("Loại hoạt động");
    await kind.click();
    await kind.fill("cam kết");
    await page.getByTitle("Vận động hộ gia đình ký cam kết").click();
    await dialog.getByLabel("Tên hoạt động").fill("Vận động hộ gia đình tổ dân phố 3 ký cam kết");
    await dialog.getByLabel("Số hộ ký cam kết (hộ)").fill("85");
    await dialog.getByLabel("Số người tham dự (người)").fill("90");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã ghi nhận hoạt động.").waitFor();
    await page.getByRole("cell", { name: /Vận động hộ gia đình tổ dân phố 3 ký cam kết/ }).waitFor();

    await page.goto("/phong-trao");
    await page
      .getByRole("heading", { name: "Phong trào toàn dân bảo vệ an ninh Tổ quốc", level: 1 })
      .waitFor();
    const value = figure.locator(".ant-statistic-content-value");
    const expected = (before + 85).toLocaleString("vi-VN");
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want, [
      '[data-code="movement.results.households_signed"] .ant-statistic-content-value',
      expected,
    ] as const);
    await expect(value.textContent()).resolves.toBe(expected);
  });
});
