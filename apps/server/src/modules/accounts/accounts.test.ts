import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../platform/auth/sessions.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./demo.ts";
import { sweepAccounts } from "./housekeeping.ts";

let t: TestContext;
let ministryId: number;
beforeAll(async () => {
  t = await testContext();
  ministryId = (
    await t.db
      .selectFrom("org_units")
      .select("id")
      .where("kind", "=", "ministry")
      .orderBy("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const newIp = () => `10.${[...randomBytes(3)].join(".")}`;

/** Signs in through the API and returns a session usable with `call`. */
async function signIn(username: string, password: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { username, password },
    remoteAddress: newIp(),
  });
  const token = /dv_session=([^;]+)/.exec([res.headers["set-cookie"] ?? []].flat().join("\n"))?.[1];
  const body = res.json();
  const user: TestUser | null = token
    ? { id: body.user.id, username, cookie: `dv_session=${token}`, csrf: body.csrfToken }
    : null;
  return { status: res.statusCode, body, user };
}

/** Creates an account through the API, then signs in and sets a new password: a ready session. */
async function createAndActivate(
  by: TestUser,
  p: TestProvince,
  fields: { username: string; fullName: string; unitId: number; role: string; roleUnitId?: number },
) {
  const created = await call(t.app, by, "POST", "/api/v1/users", fields);
  expect(created.status).toBe(200);
  const first = await signIn(fields.username, created.body.initialPassword);
  const changed = await call(t.app, first.user, "POST", "/api/v1/auth/password", {
    currentPassword: created.body.initialPassword,
    newPassword: `Doi-mat-khau-${p.suffix}-1`,
  });
  expect(changed.status).toBe(200);
  return { user: first.user!, created: created.body };
}

async function auditOf(userId: number) {
  return t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("target_type", "=", "user")
    .where("target_id", "=", String(userId))
    .orderBy("id")
    .execute();
}

describe("scoped accounts", () => {
  it("province staff creates an officer for one commune, who then sees only that commune", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const neighbour = await makeUser(t.db, "commune_officer", p.communeB, { fullName: "Võ Văn Hàng Xóm" });
    const colleague = await makeUser(t.db, "commune_chief", p.communeA, { fullName: "Đặng Thị Đồng Nghiệp" });

    const res = await call(t.app, staff, "POST", "/api/v1/users", {
      username: `CanBo.${p.suffix}`,
      fullName: "Y Thị Kđăm",
      rank: "Thượng úy",
      position: "Cán bộ Công an xã",
      unitId: p.communeA,
      email: "kdam@example.vn",
      phone: "0987 654 321",
      role: "commune_officer",
    });
    expect(res.status).toBe(200);
    expect(res.body.initialPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    const created = res.body.user;
    expect(created).toMatchObject({
      username: `canbo.${p.suffix}`,
      fullName: "Y Thị Kđăm",
      rank: "Thượng úy",
      unit: { id: p.communeA },
      status: "active",
      totpEnabled: false,
      mustChangePassword: true,
      lockedUntil: null,
      lastSeenAt: null,
      grants: [{ role: "commune_officer", unitId: p.communeA, validTo: null, abilities: { revoke: true } }],
      abilities: { update: true, disable: true, grant: true, resetPassword: true, resetSecondFactor: false },
    });
    expect(created.grants[0].unitName).toContain("Đắk Thử");
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_hash/);

    const first = await signIn(`canbo.${p.suffix}`, res.body.initialPassword);
    expect(first.body.pending).toBe("password_change");
    await call(t.app, first.user, "POST", "/api/v1/auth/password", {
      currentPassword: res.body.initialPassword,
      newPassword: "Mat-khau-rieng-2025",
    });
    const officer = first.user!;
    const list = await call(t.app, officer, "GET", "/api/v1/users?limit=200");
    expect(list.status).toBe(200);
    const ids = list.body.items.map((u: { id: number }) => u.id);
    expect(ids).toContain(created.id);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(neighbour.id);
    expect(ids).not.toContain(staff.id);
    for (const u of list.body.items) expect(u.unit.id).toBe(p.communeA);
    // an officer reads but manages nobody
    for (const u of list.body.items) expect(Object.values(u.abilities).every((v) => v === false)).toBe(true);

    expect((await call(t.app, officer, "GET", `/api/v1/users/${neighbour.id}`)).status).toBe(404);
    expect((await call(t.app, officer, "GET", `/api/v1/users/${colleague.id}`)).status).toBe(200);
    // the sibling commune's account cannot be touched either: it does not exist for this officer
    const patch = await call(t.app, officer, "PATCH", `/api/v1/users/${neighbour.id}`, { fullName: "X" });
    expect(patch.status).toBe(404);
    expect((await call(t.app, officer, "POST", `/api/v1/users/${neighbour.id}/reset-password`)).status).toBe(
      404,
    );
    const filtered = await call(t.app, officer, "GET", `/api/v1/users?unitId=${p.communeB}`);
    expect(filtered.body.items).toEqual([]);
    // and an officer creates no accounts
    const refused = await call(t.app, officer, "POST", "/api/v1/users", {
      username: `khac.${p.suffix}`,
      fullName: "Khác",
      unitId: p.communeA,
      role: "commune_officer",
    });
    expect(refused.status).toBe(403);

    // the province staff sees the whole province
    const all = await call(t.app, staff, "GET", "/api/v1/users?limit=200");
    const allIds = all.body.items.map((u: { id: number }) => u.id);
    expect(allIds).toEqual(expect.arrayContaining([created.id, neighbour.id, colleague.id, staff.id]));
  });

  it("searches without diacritics, filters by unit, role and status, and pages with a cursor", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const dao = await makeUser(t.db, "commune_officer", p.communeA, {
      fullName: `Nguyễn Thị Đào ${p.suffix}`,
    });
    const chief = await makeUser(t.db, "commune_chief", p.communeB, {
      fullName: `Bùi Văn Trưởng ${p.suffix}`,
    });
    for (let i = 0; i < 4; i++) await makeUser(t.db, "commune_officer", p.communeA);

    const q = await call(
      t.app,
      staff,
      "GET",
      `/api/v1/users?q=${encodeURIComponent(`nguyen thi dao ${p.suffix}`)}`,
    );
    expect(q.body.items.map((u: { id: number }) => u.id)).toEqual([dao.id]);
    const byUsername = await call(t.app, staff, "GET", `/api/v1/users?q=${dao.username}`);
    expect(byUsername.body.items.map((u: { id: number }) => u.id)).toEqual([dao.id]);
    // a name typed with combining marks (some keyboards) is stored composed and found the same way
    const nfd = await call(t.app, staff, "POST", "/api/v1/users", {
      username: `nfd.${p.suffix}`,
      fullName: `Đoàn Thị Ngọc ${p.suffix}`.normalize("NFD"),
      unitId: p.communeB,
      role: "commune_officer",
    });
    expect(nfd.body.user.fullName).toBe(`Đoàn Thị Ngọc ${p.suffix}`.normalize("NFC"));
    const ngoc = await call(
      t.app,
      staff,
      "GET",
      `/api/v1/users?q=${encodeURIComponent(`doan thi ngoc ${p.suffix}`)}`,
    );
    expect(ngoc.body.items.map((u: { id: number }) => u.id)).toEqual([nfd.body.user.id]);
    await call(t.app, staff, "PATCH", `/api/v1/users/${nfd.body.user.id}`, { status: "disabled" });
    const percent = await call(t.app, staff, "GET", `/api/v1/users?q=${encodeURIComponent("%")}`);
    expect(percent.body.items).toEqual([]);

    const byRole = await call(t.app, staff, "GET", "/api/v1/users?role=commune_chief");
    expect(byRole.body.items.map((u: { id: number }) => u.id)).toEqual([chief.id]);
    const byUnit = await call(t.app, staff, "GET", `/api/v1/users?unitId=${p.communeB}&status=active`);
    expect(byUnit.body.items.map((u: { id: number }) => u.id)).toEqual([chief.id]);

    await call(t.app, staff, "PATCH", `/api/v1/users/${chief.id}`, { status: "disabled" });
    const disabled = await call(t.app, staff, "GET", "/api/v1/users?status=disabled");
    expect(disabled.body.items.map((u: { id: number }) => u.id).sort()).toEqual(
      [chief.id, nfd.body.user.id].sort(),
    );

    const everyone = await call(t.app, staff, "GET", "/api/v1/users?limit=200");
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await call(t.app, staff, "GET", url);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.body.items.map((u: { id: number }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(everyone.body.items.map((u: { id: number }) => u.id));
    expect(walked).toHaveLength(8);
    expect((await call(t.app, staff, "GET", "/api/v1/users?cursor=nonsense")).body.code).toBe(
      "invalid_cursor",
    );
  });
});

describe("another province", () => {
  it("its staff finds nothing of this province's accounts through any route", async () => {
    const p = await makeProvince(t.db);
    const q = await makeProvince(t.db, "Tỉnh bên");
    const officer = await makeUser(t.db, "commune_officer", p.communeA);
    const grantId = (
      await t.db
        .selectFrom("role_grants")
        .select("id")
        .where("user_id", "=", officer.id)
        .executeTakeFirstOrThrow()
    ).id;
    const stranger = await makeUser(t.db, "province_staff", q.provinceId);
    const u = `/api/v1/users/${officer.id}`;
    const attempts = [
      await call(t.app, stranger, "GET", u),
      await call(t.app, stranger, "PATCH", u, { fullName: "Đổi" }),
      await call(t.app, stranger, "POST", `${u}/reset-password`),
      await call(t.app, stranger, "POST", `${u}/second-factor/reset`),
      await call(t.app, stranger, "POST", `${u}/grants`, { role: "commune_chief", unitId: q.communeA }),
      await call(t.app, stranger, "DELETE", `${u}/grants/${grantId}`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
    const list = await call(t.app, stranger, "GET", `/api/v1/users?unitId=${p.provinceId}&limit=200`);
    expect(list.body.items).toEqual([]);
    const search = await call(t.app, stranger, "GET", `/api/v1/users?q=${officer.username}`);
    expect(search.body.items).toEqual([]);
    expect((await auditOf(officer.id)).map((e) => e.action)).toEqual([]);
  });
});

describe("grant policy", () => {
  it("province staff grant commune roles and province staff in their province, nothing above or outside", async () => {
    const p = await makeProvince(t.db);
    const other = await makeProvince(t.db, "Tỉnh khác");
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const officer = await makeUser(t.db, "commune_officer", p.communeA);

    const grant = (body: object) => call(t.app, staff, "POST", `/api/v1/users/${officer.id}/grants`, body);
    for (const role of ["leadership", "auditor", "sysadmin"]) {
      const res = await grant({ role, unitId: p.provinceId });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("grant_not_allowed");
      expect(res.body.messages.vi).toContain("Bạn không được cấp vai trò");
    }
    const outside = await grant({ role: "commune_officer", unitId: other.communeA });
    expect(outside.status).toBe(404);
    const mismatch = await grant({ role: "commune_officer", unitId: p.provinceId });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe("role_unit_mismatch");
    const area = await grant({ role: "commune_officer", unitId: p.areaA1 });
    expect(area.body.code).toBe("role_unit_mismatch");
    const ministry = await grant({ role: "commune_officer", unitId: ministryId });
    expect(ministry.status).toBe(404);

    const ok = await grant({ role: "commune_chief", unitId: p.communeB, validFrom: "2025-07-01" });
    expect(ok.status).toBe(200);
    expect(ok.body.grants.map((g: { role: string }) => g.role).sort()).toEqual([
      "commune_chief",
      "commune_officer",
    ]);
    expect((await grant({ role: "commune_chief", unitId: p.communeB })).body.code).toBe("grant_exists");
    const bothDates = await grant({
      role: "province_staff",
      unitId: p.provinceId,
      validFrom: "2025-07-01",
      validTo: "2025-01-01",
    });
    expect(bothDates.status).toBe(400);
    expect((await grant({ role: "province_staff", unitId: p.provinceId })).status).toBe(200);

    // creating accounts follows the same policy
    const create = (body: object) =>
      call(t.app, staff, "POST", "/api/v1/users", {
        username: `x${randomBytes(3).toString("hex")}`,
        fullName: "X",
        ...body,
      });
    expect((await create({ unitId: p.provinceId, role: "auditor" })).body.code).toBe("grant_not_allowed");
    expect((await create({ unitId: other.communeA, role: "commune_officer" })).status).toBe(404);
    expect(
      (await create({ unitId: p.communeA, role: "commune_officer", roleUnitId: other.communeA })).status,
    ).toBe(404);
    expect((await create({ unitId: p.areaA1, role: "commune_officer" })).body.code).toBe("invalid_unit");
    // nothing of the refused requests was stored
    const mine = await call(t.app, staff, "GET", "/api/v1/users?limit=200");
    expect(mine.body.items.map((u: { username: string }) => u.username)).not.toContain("x");

    // revoking follows the policy too, and nobody revokes their own role
    const chiefGrant = ok.body.grants.find((g: { role: string }) => g.role === "commune_chief");
    const revoked = await call(t.app, staff, "DELETE", `/api/v1/users/${officer.id}/grants/${chiefGrant.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.grants.map((g: { role: string }) => g.role)).not.toContain("commune_chief");
    const me = await call(t.app, staff, "GET", `/api/v1/users/${staff.id}`);
    expect(me.body.abilities).toMatchObject({
      update: true,
      disable: false,
      grant: false,
      resetPassword: false,
    });
    const selfRevoke = await call(
      t.app,
      staff,
      "DELETE",
      `/api/v1/users/${staff.id}/grants/${me.body.grants[0].id}`,
    );
    expect(selfRevoke.status).toBe(400);
    expect(selfRevoke.body.code).toBe("cannot_revoke_own_grant");
    const selfGrant = await call(t.app, staff, "POST", `/api/v1/users/${staff.id}/grants`, {
      role: "commune_chief",
      unitId: p.communeA,
    });
    expect(selfGrant.status).toBe(403);
  });

  it("only a sysadmin grants leadership, auditor and sysadmin; province staff cannot take over such accounts", async () => {
    const p = await makeProvince(t.db);
    const admin = await makeUser(t.db, "sysadmin", ministryId);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const created = await call(t.app, admin, "POST", "/api/v1/users", {
      username: `kiemtra.${p.suffix}`,
      fullName: "Kiểm Tra Viên",
      unitId: p.provinceId,
      role: "auditor",
    });
    expect(created.status).toBe(200);
    const auditorId = created.body.user.id;
    const leader = await call(t.app, admin, "POST", "/api/v1/users", {
      username: `lanhdao.${p.suffix}`,
      fullName: "Lãnh Đạo",
      unitId: p.provinceId,
      role: "leadership",
    });
    expect(leader.status).toBe(200);

    // the auditor belongs to the province: the staff sees the account but may not manage it
    const seen = await call(t.app, staff, "GET", `/api/v1/users/${auditorId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toEqual({
      update: false,
      disable: false,
      grant: false,
      resetPassword: false,
      resetSecondFactor: false,
    });
    expect(seen.body.grants[0].abilities.revoke).toBe(false);
    const reset = await call(t.app, staff, "POST", `/api/v1/users/${auditorId}/reset-password`);
    expect(reset.status).toBe(403);
    expect(
      (await call(t.app, staff, "PATCH", `/api/v1/users/${auditorId}`, { status: "disabled" })).status,
    ).toBe(403);
    expect(
      (await call(t.app, staff, "DELETE", `/api/v1/users/${auditorId}/grants/${seen.body.grants[0].id}`))
        .status,
    ).toBe(403);

    // the sysadmin may, anywhere
    const byAdmin = await call(t.app, admin, "GET", `/api/v1/users/${auditorId}`);
    expect(byAdmin.body.abilities).toMatchObject({
      update: true,
      disable: true,
      grant: true,
      resetPassword: true,
    });
    const roles = await call(t.app, admin, "POST", `/api/v1/users/${auditorId}/grants`, {
      role: "sysadmin",
      unitId: p.provinceId,
    });
    expect(roles.status).toBe(200);
  });

  it("validates usernames and refuses a taken one, whatever its case", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const create = (username: string) =>
      call(t.app, staff, "POST", "/api/v1/users", {
        username,
        fullName: "Tên Thử",
        unitId: p.communeA,
        role: "commune_officer",
      });
    for (const bad of ["ab", "có dấu", "a b c", "x".repeat(51), "tên"]) {
      const res = await create(bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("validation_failed");
      expect(res.body.errors[0].path).toBe("body.username");
    }
    expect((await create(`trung.${p.suffix}`)).status).toBe(200);
    const dup = await create(`TRUNG.${p.suffix}`);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("username_taken");
    expect(dup.body.messages.vi).toBe("Tên đăng nhập này đã được dùng.");
    const unknownField = await call(t.app, staff, "POST", "/api/v1/users", {
      username: `khac.${p.suffix}`,
      fullName: "Tên",
      unitId: p.communeA,
      role: "commune_officer",
      isAdmin: true,
    });
    expect(unknownField.status).toBe(400);
  });
});

describe("account writes", () => {
  it("disabling signs the user out everywhere; re-enabling lets them sign in again", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const { user: officer } = await createAndActivate(staff, p, {
      username: `khoa.${p.suffix}`,
      fullName: "Khóa Thử",
      unitId: p.communeA,
      role: "commune_officer",
    });
    expect((await call(t.app, officer, "GET", "/api/v1/auth/me")).status).toBe(200);
    const res = await call(t.app, staff, "PATCH", `/api/v1/users/${officer.id}`, { status: "disabled" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("disabled");
    expect((await call(t.app, officer, "GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await signIn(`khoa.${p.suffix}`, `Doi-mat-khau-${p.suffix}-1`)).status).toBe(401);
    await call(t.app, staff, "PATCH", `/api/v1/users/${officer.id}`, { status: "active" });
    expect((await signIn(`khoa.${p.suffix}`, `Doi-mat-khau-${p.suffix}-1`)).status).toBe(200);
    const selfDisable = await call(t.app, staff, "PATCH", `/api/v1/users/${staff.id}`, {
      status: "disabled",
    });
    expect(selfDisable.body.code).toBe("cannot_disable_self");

    const actions = (await auditOf(officer.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.disabled", "user.enabled"]));
    const disabled = (await auditOf(officer.id)).find((e) => e.action === "user.disabled")!;
    expect(disabled.actor_id).toBe(staff.id);
    expect(disabled.unit_id).toBe(p.communeA);
    expect(disabled.before).toEqual({ status: "active" });
    expect(disabled.after).toMatchObject({ status: "disabled", sessionsEnded: 1 });
  });

  it("updates details and moves an account within scope, recording only what changed", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const officer = await makeUser(t.db, "commune_officer", p.communeA, { fullName: "Trước Khi Sửa" });
    const res = await call(t.app, staff, "PATCH", `/api/v1/users/${officer.id}`, {
      fullName: "Sau Khi Sửa",
      rank: "Đại úy",
      unitId: p.communeB,
      phone: "",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullName: "Sau Khi Sửa",
      rank: "Đại úy",
      unit: { id: p.communeB },
      phone: null,
    });
    const entry = (await auditOf(officer.id)).find((e) => e.action === "user.updated")!;
    expect(entry.before).toEqual({ fullName: "Trước Khi Sửa", rank: null, unitId: p.communeA });
    expect(entry.after).toEqual({ fullName: "Sau Khi Sửa", rank: "Đại úy", unitId: p.communeB });
    const other = await makeProvince(t.db);
    const away = await call(t.app, staff, "PATCH", `/api/v1/users/${officer.id}`, { unitId: other.communeA });
    expect(away.status).toBe(404);
    const area = await call(t.app, staff, "PATCH", `/api/v1/users/${officer.id}`, { unitId: p.areaA1 });
    expect(area.body.code).toBe("invalid_unit");
  });

  it("resets a password (shown once, must be changed) and a second factor, audited without secrets", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const { user: officer } = await createAndActivate(staff, p, {
      username: `quen.${p.suffix}`,
      fullName: "Quên Mật Khẩu",
      unitId: p.communeA,
      role: "commune_officer",
    });
    // lock the account, then reset: the lock goes too
    await t.db
      .updateTable("users")
      .set({
        locked_until: "2999-01-01T00:00:00Z",
        totp_enabled: true,
        totp_secret_sealed: t.deps.vault.seal("JBSWY3DPEHPK3PXP"),
      })
      .where("id", "=", officer.id)
      .execute();
    const shown = await call(t.app, staff, "GET", `/api/v1/users/${officer.id}`);
    expect(shown.body.lockedUntil).toBe("2999-01-01T00:00:00.000Z");
    expect(shown.body.abilities.resetSecondFactor).toBe(true);

    const reset = await call(t.app, staff, "POST", `/api/v1/users/${officer.id}/reset-password`);
    expect(reset.status).toBe(200);
    const fresh = reset.body.initialPassword;
    expect(fresh).toMatch(/^[A-Za-z0-9]{14}$/);
    expect((await call(t.app, officer, "GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await signIn(`quen.${p.suffix}`, `Doi-mat-khau-${p.suffix}-1`)).status).toBe(401);

    const second = await call(t.app, staff, "POST", `/api/v1/users/${officer.id}/second-factor/reset`);
    expect(second.status).toBe(200);
    expect(second.body.totpEnabled).toBe(false);
    expect(second.body.lockedUntil).toBeNull();
    const again = await signIn(`quen.${p.suffix}`, fresh);
    expect(again.status).toBe(200);
    expect(again.body.pending).toBe("password_change");
    const noFactor = await call(t.app, staff, "POST", `/api/v1/users/${officer.id}/second-factor/reset`);
    expect(noFactor.status).toBe(409);

    const entries = await auditOf(officer.id);
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["user.created", "user.password_reset", "user.second_factor_reset"]),
    );
    const reset1 = entries.find((e) => e.action === "user.password_reset")!;
    expect(reset1.actor_id).toBe(staff.id);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(fresh);
    expect(text).not.toMatch(/argon2|password_hash|totp_secret|JBSWY3DPEHPK3PXP/);
    const createdEntry = entries.find((e) => e.action === "user.created")!;
    expect(createdEntry.after).toMatchObject({
      username: `quen.${p.suffix}`,
      unitId: p.communeA,
      grant: { role: "commune_officer", unitId: p.communeA },
    });
  });
});

describe("roles, indicator and demo", () => {
  it("lists the roles with labels, actions and who grants them", async () => {
    const p = await makeProvince(t.db);
    const officer = await makeUser(t.db, "commune_officer", p.communeA);
    const res = await call(t.app, officer, "GET", "/api/v1/roles");
    expect(res.status).toBe(200);
    const byRole = Object.fromEntries(res.body.items.map((r: { role: string }) => [r.role, r]));
    expect(Object.keys(byRole)).toHaveLength(6);
    expect(byRole.commune_officer).toMatchObject({
      label: { vi: "Cán bộ Công an xã", en: "Commune officer" },
      grantableBy: ["province_staff", "sysadmin"],
      unitKinds: ["commune"],
    });
    expect(byRole.auditor.actions).toContain("audit.read");
    expect(byRole.sysadmin.actions).not.toContain("audit.read");
    expect(byRole.auditor.grantableBy).toEqual(["sysadmin"]);

    const doc = await call(t.app, null, "GET", "/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/users",
        "/api/v1/users/{id}",
        "/api/v1/users/{id}/grants",
        "/api/v1/roles",
        "/api/v1/auth/profile",
        "/api/v1/audit",
        "/api/v1/audit/verify",
      ]),
    );
  });

  it("counts active accounts with a role in force at the period's end, at their unit", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    await makeUser(t.db, "commune_officer", p.communeA);
    await makeUser(t.db, "commune_chief", p.communeA);
    const gone = await makeUser(t.db, "commune_officer", p.communeB);
    await makeUser(t.db, "commune_officer", p.communeB);
    await call(t.app, staff, "PATCH", `/api/v1/users/${gone.id}`, { status: "disabled" });
    const expired = await makeUser(t.db, "commune_officer", p.communeB);
    await t.db
      .updateTable("role_grants")
      .set({ valid_to: "2021-01-01" })
      .where("user_id", "=", expired.id)
      .execute();

    const today = new Date().toISOString().slice(0, 10);
    const res = await call(t.app, staff, "POST", "/api/v1/indicators/evaluate", {
      codes: ["accounts.active"],
      unitId: p.provinceId,
      breakdown: "children",
      from: "2025-01-01",
      to: today,
    });
    expect(res.status).toBe(200);
    const value = (unitId: number) =>
      res.body.values.find((v: { gkey: string }) => v.gkey === String(unitId))?.value;
    expect(value(p.communeA)).toBe(2);
    expect(value(p.communeB)).toBe(1);
    const whole = await call(t.app, staff, "POST", "/api/v1/indicators/evaluate", {
      codes: ["accounts.active"],
      unitId: p.provinceId,
      from: "2025-01-01",
      to: today,
    });
    expect(whole.body.values[0].value).toBe(4); // the staff member too
    expect(whole.body.values[0].lastYear).toBe(0); // the accounts did not exist a year ago
  });

  it("loads the labelled demo accounts on their units", async () => {
    const rows = await t.db
      .selectFrom("users as u")
      .innerJoin("role_grants as g", "g.user_id", "u.id")
      .innerJoin("org_units as o", "o.id", "g.unit_id")
      .select([
        "u.username",
        "u.full_name",
        "u.must_change_password",
        "u.totp_enabled",
        "g.role",
        "o.place_name",
        "o.kind",
      ])
      .where("u.username", "like", "demo.%")
      .orderBy("u.username")
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by["demo.xa"]).toMatchObject({
      role: "commune_officer",
      place_name: "Đông Gia Nghĩa",
      must_change_password: false,
    });
    expect(by["demo.truongxa"]).toMatchObject({ role: "commune_chief", place_name: "Đông Gia Nghĩa" });
    expect(by["demo.tinh"]).toMatchObject({
      role: "province_staff",
      place_name: "Lâm Đồng",
      kind: "province",
    });
    expect(by["demo.lanhdao"]).toMatchObject({ role: "leadership", kind: "ministry" });
    expect(by["demo.thanhtra"]).toMatchObject({ role: "auditor", kind: "ministry", totp_enabled: true });
    for (const r of rows) expect(r.full_name).toContain("(Demo)");

    const xa = await signIn("demo.xa", DEMO_PASSWORD);
    expect(xa.status).toBe(200);
    expect(xa.body.pending).toBeNull();
    expect(xa.body.actingUnit.name).toBe("Công an phường Đông Gia Nghĩa");
    const auditor = await signIn("demo.thanhtra", DEMO_PASSWORD);
    expect(auditor.body.pending).toBe("second_factor");
    expect(DEMO_TOTP_SECRET).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe("housekeeping", () => {
  it("deletes old throttle hits and long-ended sessions, keeping live ones", async () => {
    const p = await makeProvince(t.db);
    const u = await makeUser(t.db, "commune_officer", p.communeA);
    const key = `sweep-${p.suffix}`;
    await t.db
      .insertInto("throttle_hits")
      .values({ bucket: key, key: "old", at: sql<string>`now() - interval '2 days'` })
      .execute();
    await t.db.insertInto("throttle_hits").values({ bucket: key, key: "new" }).execute();
    const old = await createSession(t.db, u.id, p.communeA, true, "old");
    await t.db
      .updateTable("sessions")
      .set({ expires_at: sql<string>`now() - interval '40 days'` })
      .where("id", "=", old.sessionId)
      .execute();
    await sweepAccounts(t.deps);
    const hits = await t.db.selectFrom("throttle_hits").select("key").where("bucket", "=", key).execute();
    expect(hits.map((h) => h.key)).toEqual(["new"]);
    const sessions = await t.db
      .selectFrom("sessions")
      .select("user_agent")
      .where("user_id", "=", u.id)
      .execute();
    expect(sessions.map((s) => s.user_agent)).toEqual(["vitest"]);
    expect((await call(t.app, u, "GET", "/api/v1/auth/me")).status).toBe(200);
  });
});
