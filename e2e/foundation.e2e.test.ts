/**
 * Foundation flows in Chromium, as a user does them: sign in, find a unit in the tree without
 * diacritics, create an officer scoped to one commune and see that officer confined to it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BrowserSession, env, menuEntry, openBrowser, signIn } from "./harness.ts";

describe("foundation in the browser", () => {
  let admin: BrowserSession;

  beforeAll(async () => {
    admin = await openBrowser();
  });
  afterAll(async () => {
    await admin?.close();
  });

  test("the administrator is refused with a wrong password, then signs in with the second factor", async () => {
    const { page } = admin;
    await page.goto("/");
    await page.getByLabel("Tên đăng nhập").fill("admin");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText("Tên đăng nhập hoặc mật khẩu không đúng.").waitFor();

    await signIn(page, "admin", env().adminPassword);
    await page.getByRole("heading", { name: "Xin chào, Quản trị hệ thống", level: 1 }).waitFor();
    await page.getByText("Bạn đang làm việc cho đơn vị: Bộ Công an").waitFor();
    await expect(menuEntry(page, "Tài khoản").isVisible()).resolves.toBe(true);
  });

  test("tree search ignores diacritics: 'dak nia' finds the former commune Đắk Nia", async () => {
    const { page } = admin;
    await menuEntry(page, "Đơn vị").click();
    await page.getByRole("heading", { name: "Cây đơn vị", level: 1 }).waitFor();

    const search = page.getByLabel("Tìm đơn vị");
    const results = page.getByRole("region", { name: "Kết quả tìm kiếm" });
    await search.fill("hoa thuan");
    await results
      .getByRole("button", { name: /^Công an phường Hòa Thuận/ })
      .first()
      .waitFor();

    // Đắk Nia (former Đắk Nông) merged into Đông Gia Nghĩa on 1 July 2025: found, with its old parents
    await search.fill("dak nia");
    const hit = results.getByRole("button", { name: /^Công an xã Đắk Nia/ });
    await hit.waitFor();
    await expect(hit.textContent()).resolves.toContain("Công an tỉnh Đắk Nông");
    await hit.click();
    await page.getByRole("heading", { name: "Công an xã Đắk Nia", level: 2 }).waitFor();
    // the tree opened down to it
    await page
      .getByRole("region", { name: "Cây đơn vị" })
      .getByRole("treeitem", { name: /Đắk Nia/ })
      .waitFor();
  });

  test("an officer created for one commune signs in and sees only that commune", async () => {
    const { page } = admin;
    const username = `canbo.dgn.${Date.now().toString(36)}`;
    await menuEntry(page, "Tài khoản").click();
    await page.getByRole("link", { name: /Tạo tài khoản/ }).click();
    await page.getByRole("heading", { name: "Tạo tài khoản mới", level: 1 }).waitFor();

    await page.getByLabel("Họ và tên").fill("Nguyễn Văn Thử");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Cấp bậc").fill("Thượng úy");
    const unit = page.getByLabel("Đơn vị", { exact: true });
    await unit.click();
    await unit.fill("dong gia nghia");
    await page
      .getByTitle(/Công an phường Đông Gia Nghĩa/)
      .first()
      .click();
    await page.getByLabel("Vai trò", { exact: true }).click();
    await page.getByTitle("Cán bộ Công an xã").click();
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();

    await page.getByText(`Đã tạo tài khoản ${username}`).waitFor();
    await page.getByText("Mật khẩu khởi tạo").waitFor();
    // the password element is labelled for assistive technology, but a `code` element takes no label
    const initialPassword = ((await page.locator("#initial-password").textContent()) ?? "").trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);

    const officer = await openBrowser();
    try {
      const p = officer.page;
      // a generated password must be replaced at first sign-in
      await signIn(p, username, initialPassword, { newPassword: "Dong-Gia-Nghia-2025" });
      await p.getByText("Bạn đang làm việc cho đơn vị: Công an phường Đông Gia Nghĩa").waitFor();
      // the accounts list holds the ward's accounts only, and offers no account creation
      await menuEntry(p, "Tài khoản").click();
      const main = p.getByRole("main");
      await main.getByRole("cell", { name: username, exact: true }).waitFor();
      await main.getByRole("cell", { name: "demo.xa", exact: true }).waitFor();
      await expect(main.getByRole("cell", { name: "admin", exact: true }).count()).resolves.toBe(0);
      await expect(main.getByRole("cell", { name: "demo.tinh", exact: true }).count()).resolves.toBe(0);
      await expect(main.getByRole("link", { name: /Tạo tài khoản/ }).count()).resolves.toBe(0);

      await menuEntry(p, "Đơn vị").click();

      const tree = p.getByRole("region", { name: "Cây đơn vị" });
      await tree.getByText("Công an phường Đông Gia Nghĩa").waitFor();
      await expect(tree.getByText("Bộ Công an").count()).resolves.toBe(0);
      await expect(tree.getByText("Công an tỉnh Lâm Đồng").count()).resolves.toBe(0);

      const search = p.getByLabel("Tìm đơn vị");
      const results = p.getByRole("region", { name: "Kết quả tìm kiếm" });
      // a neighbouring ward of the same city is out of scope: nothing is found
      await search.fill("nam gia nghia");
      await results.getByText("Không tìm thấy đơn vị phù hợp.").waitFor();
      await search.fill("hoa thuan");
      await results.getByText("Không tìm thấy đơn vị phù hợp.").waitFor();
      // its own ward is found
      await search.fill("dong gia nghia");
      await results.getByRole("button", { name: /^Công an phường Đông Gia Nghĩa/ }).waitFor();
      await expect(results.getByRole("button").count()).resolves.toBe(1);
      // and the commune that merged into it is part of its history
      await search.fill("dak nia");
      await results.getByRole("button", { name: /^Công an xã Đắk Nia/ }).waitFor();
    } finally {
      await officer.close();
    }
  });
});
