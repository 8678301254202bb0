import { randomBytes } from "node:crypto";
import type { Role } from "@danvan/shared";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodApp } from "../../app.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestUser } from "../../test/factories.ts";
import { hashPassword } from "./passwords.ts";

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});
afterAll(() => t.close());

/** A distinct client address per test, so the per-address throttle of one test does not touch another. */
const newIp = () => `10.${[...randomBytes(3)].join(".")}`;

async function signIn(app: ZodApp, username: string, password: string, ip: string) {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { username, password },
    remoteAddress: ip,
    headers: { "user-agent": "vitest-auth" },
  });
  const body = res.json();
  const setCookie = [res.headers["set-cookie"] ?? []].flat().join("\n");
  const token = /dv_session=([^;]+)/.exec(setCookie)?.[1];
  const user: TestUser | null =
    res.statusCode === 200 && token
      ? { id: body.user.id, username, cookie: `dv_session=${token}`, csrf: body.csrfToken }
      : null;
  return { status: res.statusCode, body, setCookie, user };
}

const PASSWORD = "Mat-khau-2025";

/** A user with a known password (no session), holding `role` on `unitId`. */
async function userWithPassword(role: Role, unitId: number) {
  const username = `a${randomBytes(4).toString("hex")}`;
  const row = await t.db
    .insertInto("users")
    .values({
      username,
      full_name: `Trần Thị ${username}`,
      unit_id: unitId,
      password_hash: await hashPassword(PASSWORD),
      must_change_password: false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("role_grants")
    .values({ user_id: row.id, role, unit_id: unitId, valid_from: "2020-01-01" })
    .execute();
  return { id: row.id, username };
}

const totpFor = (secret: string) =>
  new TOTP({ issuer: "danvan", algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** A six-digit code the server cannot accept now (none of the codes of the accepted window). */
function wrongCode(totp: TOTP) {
  const now = Date.now();
  const valid = new Set(
    [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp.generate({ timestamp: now + d })),
  );
  return ["000000", "111111", "222222", "333333", "444444", "555555"].find((c) => !valid.has(c))!;
}

async function auditOf(userId: number) {
  return t.db
    .selectFrom("audit_log")
    .select(["action", "before", "after"])
    .where("target_type", "=", "user")
    .where("target_id", "=", String(userId))
    .orderBy("id")
    .execute();
}
const actionsOf = async (userId: number) => (await auditOf(userId)).map((r) => r.action);

describe("sign-in", () => {
  it("signs in with the right password: an HttpOnly SameSite=Strict session and the Me document", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const res = await signIn(t.app, u.username, PASSWORD, newIp());
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/dv_session=/);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Strict/i);
    expect(res.body).toMatchObject({
      user: { id: u.id, username: u.username },
      actingUnit: { id: p.communeA },
      grants: [{ role: "commune_officer", unitId: p.communeA }],
      pending: null,
    });
    expect(res.body.actions).toContain("user.read");
    expect(typeof res.body.csrfToken).toBe("string");
    expect((await call(t.app, res.user, "GET", "/api/v1/auth/me")).status).toBe(200);
    expect(await actionsOf(u.id)).toContain("auth.sign_in");
  });

  it("refuses a wrong password and an unknown user with the same invalid_credentials", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const ip = newIp();
    const wrong = await signIn(t.app, u.username, "Sai-mat-khau-1", ip);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(wrong.body.messages.vi).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(wrong.setCookie).toBe("");
    const unknown = await signIn(t.app, `khongco${u.username}`, PASSWORD, ip);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe("invalid_credentials");
  });

  it("locks the account after 5 failures and refuses even the right password until the lock ends", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const ip = newIp();
    for (let i = 1; i <= 4; i++) {
      const res = await signIn(t.app, u.username, `Sai-mat-khau-${i}`, ip);
      expect(res.status).toBe(401);
    }
    const fifth = await signIn(t.app, u.username, "Sai-mat-khau-5", ip);
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe("account_locked");
    expect(fifth.body.messages.vi).toContain("tạm khóa");
    expect(fifth.body.messages.en).toContain("locked");

    const right = await signIn(t.app, u.username, PASSWORD, newIp());
    expect(right.status).toBe(423);
    expect(right.body.code).toBe("account_locked");
    expect(right.body.messages.vi).toMatch(/Thử lại sau \d{2}:\d{2}/);
    expect(right.body.lockedUntil).toBeTruthy();
    expect(right.user).toBeNull();

    const actions = await actionsOf(u.id);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(4);
    expect(actions).toContain("auth.account_locked");

    // the lock ends (as if 15 minutes had passed): the right password works again
    await t.db
      .updateTable("users")
      .set({ locked_until: "2000-01-01T00:00:00Z" })
      .where("id", "=", u.id)
      .execute();
    expect((await signIn(t.app, u.username, PASSWORD, newIp())).status).toBe(200);
  });

  it("throttles an address after 30 failures (429); other addresses are not affected", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const ip = newIp();
    for (let i = 0; i < 30; i++) {
      const res = await signIn(t.app, `khongco-${i}-${u.username}`, "Sai-mat-khau-1", ip);
      expect(res.status).toBe(401);
    }
    const blocked = await signIn(t.app, u.username, PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe("too_many_attempts");
    expect(blocked.body.messages.vi).toContain("Quá nhiều lần đăng nhập sai");
    expect((await signIn(t.app, u.username, PASSWORD, newIp())).status).toBe(200);
  });

  it("refuses a disabled account like a wrong password", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", u.id).execute();
    const res = await signIn(t.app, u.username, PASSWORD, newIp());
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("invalid_credentials");
  });

  it("sign-out ends the session", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const { user } = await signIn(t.app, u.username, PASSWORD, newIp());
    expect((await call(t.app, user, "POST", "/api/v1/auth/sign-out")).status).toBe(200);
    expect((await call(t.app, user, "GET", "/api/v1/auth/me")).status).toBe(401);
  });
});

describe("forced password change", () => {
  it("holds a new account at password_change until a strong new password is set", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const username = `moi.${p.suffix}`;
    const created = await call(t.app, staff, "POST", "/api/v1/users", {
      username,
      fullName: "Lò Văn Mới",
      unitId: p.communeA,
      role: "commune_officer",
    });
    expect(created.status).toBe(200);
    const initial = created.body.initialPassword as string;
    expect(initial.length).toBeGreaterThanOrEqual(12);

    const first = await signIn(t.app, username, initial, newIp());
    expect(first.status).toBe(200);
    expect(first.body.pending).toBe("password_change");
    const blocked = await call(t.app, first.user, "GET", "/api/v1/users");
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("password_change_required");
    expect(blocked.body.messages.vi).toBe("Bạn cần đổi mật khẩu trước khi tiếp tục.");

    const change = (currentPassword: string, newPassword: string) =>
      call(t.app, first.user, "POST", "/api/v1/auth/password", { currentPassword, newPassword });
    expect((await change(initial, "abc123")).body.code).toBe("weak_password");
    expect((await change(initial, "chikhongcoso")).body.code).toBe("weak_password");
    expect((await change(initial, `${username}-2025`)).body.code).toBe("weak_password");
    expect((await change("khong-dung-1", "Mat-khau-moi-2025")).body.code).toBe("wrong_current_password");

    const changed = await change(initial, "Mat-khau-moi-2025");
    expect(changed.status).toBe(200);
    expect(changed.body.pending).toBeNull();
    expect((await call(t.app, first.user, "GET", "/api/v1/users")).status).toBe(200);
    expect((await signIn(t.app, username, initial, newIp())).status).toBe(401);
    expect((await signIn(t.app, username, "Mat-khau-moi-2025", newIp())).body.pending).toBeNull();
    expect(await actionsOf(created.body.user.id)).toContain("auth.password_changed");
  });
});

describe("second factor", () => {
  it("enrols with an authenticator code, then asks for a code at each sign-in; a code works once", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const { user } = await signIn(t.app, u.username, PASSWORD, newIp());
    const setup = await call(t.app, user, "POST", "/api/v1/auth/second-factor/setup");
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = totpFor(setup.body.secret);

    const wrong = await call(t.app, user, "POST", "/api/v1/auth/second-factor/enable", {
      code: wrongCode(totp),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("wrong_code");
    const code0 = totp.generate();
    const enabled = await call(t.app, user, "POST", "/api/v1/auth/second-factor/enable", { code: code0 });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.totpEnabled).toBe(true);
    expect(enabled.body.pending).toBeNull();
    const stored = await t.db
      .selectFrom("users")
      .select(["totp_secret_sealed"])
      .where("id", "=", u.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_sealed).not.toContain(setup.body.secret);

    const second = await signIn(t.app, u.username, PASSWORD, newIp());
    expect(second.body.pending).toBe("second_factor");
    const held = await call(t.app, second.user, "GET", "/api/v1/users");
    expect(held.status).toBe(403);
    expect(held.body.code).toBe("second_factor_required");
    // the password alone changes nothing: not the password, the contacts, nor the owner's sessions
    const stolen = [
      await call(t.app, second.user, "POST", "/api/v1/auth/password", {
        currentPassword: PASSWORD,
        newPassword: "Ke-gian-doi-2025",
      }),
      await call(t.app, second.user, "PATCH", "/api/v1/auth/profile", { email: "ke.gian@example.com" }),
      await call(t.app, second.user, "GET", "/api/v1/auth/sessions"),
      await call(t.app, second.user, "POST", "/api/v1/auth/second-factor/setup"),
    ];
    for (const res of stolen) expect(res.body.code).toBe("second_factor_required");
    expect((await call(t.app, user, "GET", "/api/v1/auth/me")).status).toBe(200);
    const verify = (code: string) =>
      call(t.app, second.user, "POST", "/api/v1/auth/second-factor/verify", { code });
    const bad = await verify(wrongCode(totp));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("wrong_code");
    // the code used to enable cannot be replayed
    const replay = await verify(code0);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe("code_already_used");
    const ok = await verify(totp.generate({ timestamp: Date.now() + 30_000 }));
    expect(ok.status).toBe(200);
    expect(ok.body.pending).toBeNull();
    expect((await call(t.app, second.user, "GET", "/api/v1/users")).status).toBe(200);
    expect(await actionsOf(u.id)).toEqual(
      expect.arrayContaining([
        "auth.second_factor_setup",
        "auth.second_factor_enabled",
        "auth.second_factor_ok",
      ]),
    );
    expect(JSON.stringify(await auditOf(u.id))).not.toContain(setup.body.secret);
  });

  it("holds administrators and auditors without a second factor at enrolment", async () => {
    const p = await makeProvince(t.db);
    const admin = await makeUser(t.db, "sysadmin", p.provinceId);
    const username = `thanhtra.${p.suffix}`;
    const created = await call(t.app, admin, "POST", "/api/v1/users", {
      username,
      fullName: "Đinh Thị Thanh Tra",
      unitId: p.provinceId,
      role: "auditor",
    });
    expect(created.status).toBe(200);
    const first = await signIn(t.app, username, created.body.initialPassword, newIp());
    expect(first.body.pending).toBe("password_change");
    const changed = await call(t.app, first.user, "POST", "/api/v1/auth/password", {
      currentPassword: created.body.initialPassword,
      newPassword: "Kiem-tra-2025",
    });
    expect(changed.body.pending).toBe("second_factor_enrolment");
    const held = await call(t.app, first.user, "GET", "/api/v1/audit");
    expect(held.status).toBe(403);
    expect(held.body.code).toBe("second_factor_enrolment_required");
    const setup = await call(t.app, first.user, "POST", "/api/v1/auth/second-factor/setup");
    const enabled = await call(t.app, first.user, "POST", "/api/v1/auth/second-factor/enable", {
      code: totpFor(setup.body.secret).generate(),
    });
    expect(enabled.body.pending).toBeNull();
    expect((await call(t.app, first.user, "GET", "/api/v1/audit")).status).toBe(200);

    // a sysadmin signing in without a second factor is held the same way
    const bare = await userWithPassword("sysadmin", p.provinceId);
    const res = await signIn(t.app, bare.username, PASSWORD, newIp());
    expect(res.body.pending).toBe("second_factor_enrolment");
    expect((await call(t.app, res.user, "GET", "/api/v1/users")).body.code).toBe(
      "second_factor_enrolment_required",
    );
  });
});

describe("sessions, profile and acting unit", () => {
  it("lists one's sessions and revokes another one", async () => {
    const p = await makeProvince(t.db);
    const u = await userWithPassword("commune_officer", p.communeA);
    const a = await signIn(t.app, u.username, PASSWORD, newIp());
    const b = await signIn(t.app, u.username, PASSWORD, newIp());
    const list = await call(t.app, a.user, "GET", "/api/v1/auth/sessions");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    type S = { id: string; current: boolean; userAgent: string };
    const items = list.body.items as S[];
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items[0].userAgent).toBe("vitest-auth");
    const other = items.find((s) => !s.current)!;
    const current = items.find((s) => s.current)!;
    expect((await call(t.app, a.user, "DELETE", `/api/v1/auth/sessions/${other.id}`)).status).toBe(200);
    expect((await call(t.app, b.user, "GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await call(t.app, a.user, "GET", "/api/v1/auth/me")).status).toBe(200);
    expect((await call(t.app, a.user, "DELETE", `/api/v1/auth/sessions/${other.id}`)).status).toBe(404);

    // someone else's session cannot be revoked: it is not found
    const stranger = await makeUser(t.db, "commune_officer", p.communeB);
    expect((await call(t.app, stranger, "DELETE", `/api/v1/auth/sessions/${current.id}`)).status).toBe(404);
    expect((await call(t.app, a.user, "GET", "/api/v1/auth/me")).status).toBe(200);
    expect(await actionsOf(u.id)).toContain("auth.session_revoked");
  });

  it("updates one's own contact details and language, audited", async () => {
    const p = await makeProvince(t.db);
    const u = await makeUser(t.db, "commune_officer", p.communeA);
    const res = await call(t.app, u, "PATCH", "/api/v1/auth/profile", {
      email: "can.bo@example.vn",
      phone: "0912 345 678",
      locale: "en",
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: "can.bo@example.vn", phone: "0912 345 678", locale: "en" });
    expect(
      (await call(t.app, u, "PATCH", "/api/v1/auth/profile", { email: "khong-phai-email" })).status,
    ).toBe(400);
    expect((await call(t.app, u, "PATCH", "/api/v1/auth/profile", { fullName: "Đổi tên" })).status).toBe(400);
    const entry = (await auditOf(u.id)).find((e) => e.action === "auth.profile_updated");
    expect(entry?.before).toEqual({ email: null, phone: null, locale: "vi" });
    expect(entry?.after).toEqual({ email: "can.bo@example.vn", phone: "0912 345 678", locale: "en" });
  });

  it("changes the acting unit among one's grants and records it", async () => {
    const p = await makeProvince(t.db);
    const u = await makeUser(t.db, "commune_officer", p.communeA);
    await t.db
      .insertInto("role_grants")
      .values({ user_id: u.id, role: "commune_chief", unit_id: p.communeB, valid_from: "2020-01-01" })
      .execute();
    const res = await call(t.app, u, "PUT", "/api/v1/auth/acting-unit", { unitId: p.communeB });
    expect(res.status).toBe(200);
    expect(res.body.actingUnit.id).toBe(p.communeB);
    expect((await call(t.app, u, "PUT", "/api/v1/auth/acting-unit", { unitId: p.provinceId })).status).toBe(
      404,
    );
    const entry = (await auditOf(u.id)).find((e) => e.action === "auth.acting_unit_changed");
    expect(entry).toMatchObject({
      before: { actingUnitId: p.communeA },
      after: { actingUnitId: p.communeB },
    });
  });
});
