/**
 * Browser-test harness: the server comes from global-setup.ts (one per run); this file launches
 * Chromium with a fresh profile and signs users in through the real pages, completing the steps
 * the server demands (new password, second-factor enrolment or code, computed with otpauth).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { ApiClient, TotpStore } from "../tools/bench/api-client.ts";
import { repoRoot } from "../tools/bench/server.ts";

export const CHROMIUM_PATH = process.env.DANVAN_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
export const E2E_ADMIN_PASSWORD = "Quantri-e2e-2025";

export interface E2eEnvironment {
  baseUrl: string;
  adminPassword: string;
  /** Temporary directory of the run: data directory, shared authenticator secrets. */
  stateDir: string;
}

/** Fails loudly (never skips) when the browser is missing. */
export function assertChromium() {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it: install it with ` +
        "`apt-get install -y chromium` (Debian/Ubuntu) or point DANVAN_CHROMIUM at a Chromium binary.",
    );
}

/** Builds apps/web when dist is missing or older than its sources (same rule as `npm start`). */
export function buildWebIfNeeded(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, "tools/start.mjs"), "--build-only"], {
      cwd: repoRoot,
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`building the web interface failed (exit ${code})`)),
    );
  });
}

export const env = (): E2eEnvironment => inject("e2e");

/** Authenticator secrets learnt during the run, shared by all test files. */
export const totp = () => new TotpStore(join(env().stateDir, "totp.json"));

/** An API client of the run's server (for preparing data faster than through the pages). */
export const apiClient = () => new ApiClient(env().baseUrl, totp());

export async function adminApi(): Promise<ApiClient> {
  const client = apiClient();
  await client.signIn("admin", env().adminPassword);
  return client;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A Chromium instance with its own fresh profile (so its own cookies), in Vietnamese. */
export async function openBrowser(): Promise<BrowserSession> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), "danvan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1366, height: 900 },
    baseURL: env().baseUrl,
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The main navigation of the signed-in layout. */
export const mainNavigation = (page: Page) => page.getByRole("navigation", { name: "Điều hướng chính" });

/** An entry of the main menu by its label (the icon's name precedes it in the accessible name). */
export const menuEntry = (page: Page, label: string) =>
  mainNavigation(page).getByRole("menuitem", { name: new RegExp(`(^|\\s)${label}$`) });

/**
 * Signs in through the pages and completes the pending steps: a forced password change (to
 * `newPassword`), second-factor enrolment (reads the secret shown, remembers it) or a code.
 * Resolves once the signed-in layout is shown; returns the password now in force.
 */
export async function signIn(
  page: Page,
  username: string,
  password: string,
  options: { newPassword?: string } = {},
): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  const passwordStep = page.getByRole("heading", { name: "Đổi mật khẩu" });
  const codeStep = page.getByRole("heading", { name: "Nhập mã xác thực" });
  const enrolStep = page.getByRole("heading", { name: "Đăng ký xác thực hai lớp" });
  const signedIn = mainNavigation(page);
  let current = password;
  for (let guard = 0; guard < 5; guard++) {
    await passwordStep.or(codeStep).or(enrolStep).or(signedIn).first().waitFor();
    if (await signedIn.isVisible()) return current;
    if (await passwordStep.isVisible()) {
      const next = options.newPassword ?? `Doi-mat-khau-${Math.random().toString(36).slice(2, 10)}`;
      await page.getByLabel("Mật khẩu hiện tại").fill(current);
      await page.getByLabel("Mật khẩu mới", { exact: true }).fill(next);
      await page.getByLabel("Nhập lại mật khẩu mới").fill(next);
      await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
      await passwordStep.waitFor({ state: "hidden" });
      current = next;
    } else if (await enrolStep.isVisible()) {
      const secret = page.getByTestId("totp-secret");
      await secret.waitFor();
      const store = totp();
      store.remember(username, ((await secret.textContent()) ?? "").replace(/\s/g, ""));
      await page.getByLabel("Mã xác thực (6 chữ số)").fill(await store.nextCode(username));
      await page.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
      await enrolStep.waitFor({ state: "hidden" });
    } else {
      await page.getByLabel("Mã xác thực (6 chữ số)").fill(await totp().nextCode(username));
      await page.getByRole("button", { name: "Xác nhận" }).click();
      await codeStep.waitFor({ state: "hidden" });
    }
  }
  throw new Error(`sign-in of ${username} did not reach the signed-in layout`);
}
