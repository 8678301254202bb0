import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../platform/audit/audit.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestUser } from "../../test/factories.ts";

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

type Entry = {
  id: number;
  at: string;
  action: string;
  actor: { id: number; name: string } | null;
  actorKind: string;
  unit: { id: number; name: string } | null;
  actingUnit: { id: number; name: string } | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
};

const search = async (user: TestUser, params: Record<string, string | number>) => {
  const qs = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return call(t.app, user, "GET", `/api/v1/audit?${qs}`);
};
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A province where its staff created two officers (two audited writes) and changed one of them. */
async function provinceWithHistory() {
  const p = await makeProvince(t.db);
  const staff = await makeUser(t.db, "province_staff", p.provinceId, {
    fullName: `Hà Thị Nhân Sự ${p.suffix}`,
  });
  const a = await call(t.app, staff, "POST", "/api/v1/users", {
    username: `xa.a.${p.suffix}`,
    fullName: "Cán Bộ A",
    unitId: p.communeA,
    role: "commune_officer",
  });
  const b = await call(t.app, staff, "POST", "/api/v1/users", {
    username: `xa.b.${p.suffix}`,
    fullName: "Cán Bộ B",
    unitId: p.communeB,
    role: "commune_officer",
  });
  await call(t.app, staff, "PATCH", `/api/v1/users/${a.body.user.id}`, { rank: "Trung úy Đặc biệt" });
  return { p, staff, userA: a.body.user.id as number, userB: b.body.user.id as number };
}

describe("audit log access", () => {
  it("is closed to officers, province staff, leadership and administrators", async () => {
    const p = await makeProvince(t.db);
    for (const role of ["commune_officer", "province_staff", "leadership", "sysadmin"] as const) {
      const user = await makeUser(t.db, role, role === "commune_officer" ? p.communeA : p.provinceId);
      for (const url of ["/api/v1/audit", "/api/v1/audit/actions", "/api/v1/audit/verify"]) {
        const res = await call(t.app, user, "GET", url);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe("forbidden");
        expect(res.body.messages.vi).toContain("thanh tra");
      }
    }
  });

  it("shows a provincial auditor the entries of units in the province only, and no unit-less entries", async () => {
    const h = await provinceWithHistory();
    const other = await provinceWithHistory();
    await recordAudit(t.db, { kind: "system" }, { action: `test.global.${h.p.suffix}` });
    const auditor = await makeUser(t.db, "auditor", h.p.provinceId);
    const res = await search(auditor, { limit: 200 });
    expect(res.status).toBe(200);
    const items = res.body.items as Entry[];
    const targets = items.map((e) => e.targetId);
    expect(targets).toContain(String(h.userA));
    expect(targets).toContain(String(h.userB));
    expect(targets).not.toContain(String(other.userA));
    expect(items.some((e) => e.unit === null)).toBe(false);
    expect(items.map((e) => e.action)).not.toContain(`test.global.${h.p.suffix}`);
    // a unit filter outside the province finds nothing
    expect((await search(auditor, { unitId: other.p.communeA })).body.items).toEqual([]);

    const root = await makeUser(t.db, "auditor", ministryId);
    const all = await search(root, { action: `test.global.${h.p.suffix}` });
    expect(all.body.items).toHaveLength(1);
    expect(all.body.items[0]).toMatchObject({ actor: null, actorKind: "system", unit: null });
  });
});

describe("audit search", () => {
  it("filters by actor, unit, action, date and free text, newest first, with redacted diffs", async () => {
    const h = await provinceWithHistory();
    const auditor = await makeUser(t.db, "auditor", h.p.provinceId);

    const byActor = await search(auditor, { actorId: h.staff.id });
    const actions = (byActor.body.items as Entry[]).map((e) => e.action);
    expect(actions).toEqual(["user.updated", "user.created", "user.created"]);
    const [updated] = byActor.body.items as Entry[];
    expect(updated.actor).toMatchObject({ id: h.staff.id, name: `Hà Thị Nhân Sự ${h.p.suffix}` });
    expect(updated.actorKind).toBe("user");
    expect(updated.actingUnit?.id).toBe(h.p.provinceId);
    expect(updated.unit?.id).toBe(h.p.communeA);
    expect(updated.unit?.name).toContain("Đắk Thử");
    expect(updated.before).toEqual({ rank: null });
    expect(updated.after).toEqual({ rank: "Trung úy Đặc biệt" });
    const ids = (byActor.body.items as Entry[]).map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const byUnit = await search(auditor, { unitId: h.p.communeB });
    expect((byUnit.body.items as Entry[]).every((e) => e.unit?.id === h.p.communeB)).toBe(true);
    expect((byUnit.body.items as Entry[]).map((e) => e.targetId)).toContain(String(h.userB));
    const byProvince = await search(auditor, { unitId: h.p.provinceId, action: "user.created" });
    expect(byProvince.body.items).toHaveLength(2);

    const byAction = await search(auditor, { action: "user.updated" });
    expect((byAction.body.items as Entry[]).map((e) => e.targetId)).toEqual([String(h.userA)]);

    const today = vnToday();
    expect((await search(auditor, { actorId: h.staff.id, from: today, to: today })).body.items).toHaveLength(
      3,
    );
    expect(
      (await search(auditor, { actorId: h.staff.id, from: "2020-01-01", to: "2020-12-31" })).body.items,
    ).toEqual([]);
    const bad = await search(auditor, { from: today, to: "2020-01-01" });
    expect(bad.status).toBe(400);

    // free text without diacritics: the changed rank, and the actor's name
    const text = await search(auditor, { q: "trung uy dac biet" });
    expect((text.body.items as Entry[]).map((e) => e.action)).toEqual(["user.updated"]);
    const name = await search(auditor, { q: `ha thi nhan su ${h.p.suffix}` });
    expect(name.body.items).toHaveLength(3);

    // pages of one, newest first, with no gap or repeat
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(auditor, { actorId: h.staff.id, limit: 1, ...(cursor ? { cursor } : {}) });
      walked.push(...(page.body.items as Entry[]).map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    // no entry carries a password hash or an initial password
    const created = await t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("actor_id", "=", h.staff.id)
      .execute();
    expect(JSON.stringify(created)).not.toMatch(/argon2|password_hash|initialPassword/);
  });

  it("lists the actions and verifies the chain", async () => {
    const h = await provinceWithHistory();
    const auditor = await makeUser(t.db, "auditor", h.p.provinceId);
    const actions = await call(t.app, auditor, "GET", "/api/v1/audit/actions");
    expect(actions.status).toBe(200);
    expect(actions.body.items).toEqual(expect.arrayContaining(["user.created", "user.updated"]));
    expect([...actions.body.items].sort()).toEqual(actions.body.items);
    const verify = await call(t.app, auditor, "GET", "/api/v1/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body.checked).toBeGreaterThan(0);
    expect(verify.body.firstBreak).toBeNull();
  });

  it("reading the log is not itself recorded", async () => {
    const h = await provinceWithHistory();
    const auditor = await makeUser(t.db, "auditor", h.p.provinceId);
    await search(auditor, { limit: 10 });
    await call(t.app, auditor, "GET", "/api/v1/audit/actions");
    const mine = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", auditor.id)
      .execute();
    expect(mine).toEqual([]);
  });
});
