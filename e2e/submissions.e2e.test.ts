/**
 * The citizen channel in Chromium: a citizen reports anonymously on the public page, the ward police
 * asks a question, the citizen answers with the code, the police closes the item, the citizen rates it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BrowserSession, openBrowser, signIn } from "./harness.ts";

describe("citizen channel in the browser", () => {
  let citizen: BrowserSession;
  let officer: BrowserSession;
  let code = "";
  let ref = "";
  const content = `Có nhóm người lạ tụ tập đánh bạc ở chòi rẫy cuối bon, mã kiểm thử ${Date.now().toString(36)}.`;

  beforeAll(async () => {
    citizen = await openBrowser();
    officer = await openBrowser();
  });
  afterAll(async () => {
    await citizen?.close();
    await officer?.close();
  });

  test("a citizen submits anonymously and gets a receipt code once", async () => {
    const { page } = citizen;
    await page.goto("/cong-dan");
    await page.getByRole("heading", { name: "Gửi tin báo, phản ánh đến Công an" }).waitFor();
    await page.getByLabel("Tố giác, tin báo về tội phạm").check();
    await page.locator("#provinceId option", { hasText: "Lâm Đồng" }).first().waitFor({ state: "attached" });
    await page.locator("#provinceId").selectOption({ label: "Lâm Đồng" });
    await page
      .locator("#communeId option", { hasText: "Đông Gia Nghĩa" })
      .first()
      .waitFor({ state: "attached" });
    await page.locator("#communeId").selectOption({ label: "Đông Gia Nghĩa" });
    await page.locator("textarea[name=content]").fill(content);
    await expect(page.getByLabel("Gửi ẩn danh (không cần cung cấp họ tên)").isChecked()).resolves.toBe(true);
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await page.getByRole("heading", { name: "Đã gửi thành công" }).waitFor({ timeout: 60_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, not the DOM property
    code = (await page.getByTestId("receipt-code").innerText()).replace(/\s+/g, "");
    expect(code).toMatch(/^[0-9A-Z]{16}$/);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, not the DOM property
    ref = (await page.locator("strong", { hasText: /^TG-\d{4}-\d{6}$/ }).innerText()).trim();
  });

  test("the ward police finds it in the inbox and asks a question", async () => {
    const { page } = officer;
    await signIn(page, "demo.truongxa", "demo12345");
    await page.goto("/tin-bao");
    await page.getByRole("heading", { name: "Tin báo, phản ánh", level: 1 }).waitFor();
    await page.getByRole("link", { name: ref }).click();
    await page.getByRole("heading", { name: new RegExp(ref) }).waitFor();
    await page.getByText(content).waitFor();
    await page
      .getByLabel("Trả lời người gửi")
      .fill("Bạn có biết chòi rẫy gần nhà ai hoặc mốc nào dễ nhận biết không?");
    await page.getByLabel("Gửi dưới dạng câu hỏi (chờ người gửi trả lời)").check();
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await page.getByTestId("message").filter({ hasText: "mốc nào dễ nhận biết" }).waitFor();
  });

  test("the citizen sees the question with the code and answers", async () => {
    const { page } = citizen;
    await page.getByRole("button", { name: "Tra cứu bằng mã này" }).click();
    await page.getByText("Công an đang chờ bạn trả lời câu hỏi bên dưới.").waitFor();
    await page.getByText("mốc nào dễ nhận biết").waitFor();
    await page
      .getByLabel("Trả lời hoặc bổ sung thông tin")
      .fill("Chòi cạnh cây điều lớn, cách trạm bơm 200 mét.");
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.getByText("Đã gửi thông tin bổ sung.").waitFor();
  });

  test("the police reads the answer and closes the item with an outcome", async () => {
    const { page } = officer;
    await page.reload();
    await page.getByTestId("message").filter({ hasText: "cây điều lớn" }).waitFor();
    await page.getByRole("button", { name: "Kết thúc" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: /Kết quả/ }).click();
    await page.locator(".ant-select-item-option", { hasText: "Tin có giá trị" }).click();
    await dialog
      .getByLabel("Thông báo kết quả cho người gửi")
      .fill("Công an đã kiểm tra, xử lý. Cảm ơn bạn.");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await page.getByTestId("officer-status").filter({ hasText: "Đã giải quyết" }).waitFor();
  });

  test("the citizen sees the result and rates the handling", async () => {
    const { page } = citizen;
    await page.getByRole("tab", { name: "Tra cứu bằng mã" }).click();
    await page.getByLabel("Nhập mã tra cứu (16 ký tự)").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await page.getByTestId("public-status").filter({ hasText: "Đã giải quyết xong" }).waitFor();
    await page.getByText("Tin có giá trị").waitFor();
    await page.getByRole("button", { name: "4/5" }).click();
    await page.getByLabel("Nhận xét (không bắt buộc)").fill("Xử lý nhanh, thái độ tốt");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByText("Cảm ơn bạn đã đánh giá.").waitFor();
    await page.getByText("Bạn đã đánh giá: ★★★★☆").waitFor();
  });
});
