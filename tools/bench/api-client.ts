/**
 * A small HTTP client for the danvan API as a browser would use it: session cookie, CSRF header,
 * and the steps a sign-in may demand (new password, second-factor enrolment or code). Used by the
 * benchmarks and by the browser tests to prepare data quickly.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Secret, TOTP } from "otpauth";

const PERIOD_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Remembers each account's authenticator secret and the last time step used: the server accepts a
 * code once and only a newer step afterwards, so consecutive sign-ins need consecutive steps.
 * With a file, several processes (test files) share what they learnt.
 */
export class TotpStore {
  private memory: Record<string, { secret: string; lastStep: number }> = {};
  constructor(private readonly file?: string) {}

  private load() {
    if (!this.file) return this.memory;
    try {
      return JSON.parse(readFileSync(this.file, "utf8")) as typeof this.memory;
    } catch {
      return {};
    }
  }
  private save(all: typeof this.memory) {
    if (this.file) writeFileSync(this.file, JSON.stringify(all));
    else this.memory = all;
  }

  secret(username: string): string | undefined {
    return this.load()[username]?.secret;
  }

  remember(username: string, secret: string) {
    const all = this.load();
    all[username] = { secret: secret.replace(/\s/g, ""), lastStep: 0 };
    this.save(all);
  }

  /** A code not used before for this account; waits for the next period when it must. */
  async nextCode(username: string): Promise<string> {
    const all = this.load();
    const entry = all[username];
    if (!entry) throw new Error(`no authenticator secret known for ${username}`);
    const current = Math.floor(Date.now() / PERIOD_MS);
    const step = Math.max(current, entry.lastStep + 1);
    // the server accepts one step either side of its clock: wait until `step` is at most one ahead
    while (Math.floor(Date.now() / PERIOD_MS) < step - 1) await sleep(500);
    const totp = new TOTP({ secret: Secret.fromBase32(entry.secret), digits: 6, period: 30 });
    const code = totp.generate({ timestamp: step * PERIOD_MS + 1 });
    all[username] = { ...entry, lastStep: step };
    this.save(all);
    return code;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    method: string,
    path: string,
  ) {
    super(`${method} ${path} → ${status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export interface Me {
  user: { id: number; username: string; fullName: string; unitId: number };
  actingUnit: { id: number; name: string };
  grants: { role: string; unitId: number; unitName: string }[];
  actions: string[];
  pending: null | "password_change" | "second_factor" | "second_factor_enrolment";
  csrfToken: string;
}

export class ApiClient {
  private cookie: string | undefined;
  me: Me | undefined;
  /** The password in force after sign-in (changed when the server demanded it). */
  password: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly totp = new TotpStore(),
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.me) headers["x-csrf-token"] = this.me.csrfToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair.startsWith("dv_session=")) this.cookie = pair.endsWith("=") ? undefined : pair;
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, parsed, method, path);
    return parsed as T;
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }

  /**
   * Signs in and completes whatever the server asks first: a forced password change (to
   * `newPassword`, or a generated one), second-factor enrolment (the secret is remembered), or a code.
   */
  async signIn(username: string, password: string, options: { newPassword?: string } = {}): Promise<Me> {
    this.cookie = undefined;
    this.me = await this.request<Me>("POST", "/api/v1/auth/sign-in", { username, password });
    this.password = password;
    for (let guard = 0; this.me.pending && guard < 4; guard++) {
      if (this.me.pending === "password_change") {
        // letters and at least one digit, whatever the random part holds
        const newPassword =
          options.newPassword ?? `Doi-mat-khau-${Math.random().toString(36).slice(2, 10)}-2026`;
        this.me = await this.post<Me>("/api/v1/auth/password", { currentPassword: password, newPassword });
        this.password = newPassword;
      } else if (this.me.pending === "second_factor_enrolment") {
        const { secret } = await this.post<{ secret: string }>("/api/v1/auth/second-factor/setup");
        this.totp.remember(username, secret);
        const code = await this.totp.nextCode(username);
        this.me = await this.post<Me>("/api/v1/auth/second-factor/enable", { code });
      } else {
        const code = await this.totp.nextCode(username);
        this.me = await this.post<Me>("/api/v1/auth/second-factor/verify", { code });
      }
    }
    return this.me;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
