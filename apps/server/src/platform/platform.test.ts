import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertEvents, refreshSuccessors } from "../modules/org-units/repo-write.ts";
import { type TestContext, testContext } from "../test/context.ts";
import { actorOf, call, makeProvince, makeUser } from "../test/factories.ts";
import { recordAudit, verifyAuditChain } from "./audit/audit.ts";
import { scopeFor } from "./authz/scope.ts";

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});
afterAll(() => t.close());

describe("health and API conventions", () => {
  it("reports the database as reachable", async () => {
    const res = await call(t.app, null, "GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "reachable" });
  });

  it("publishes an OpenAPI 3 document", async () => {
    const res = await call(t.app, null, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain("/api/v1/auth/sign-in");
  });

  it("answers unknown API routes with problem+json in both languages", async () => {
    const res = await call(t.app, null, "GET", "/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body.messages.vi).toBe("Không có địa chỉ này.");
    expect(res.body.messages.en).toBe("No such route.");
  });

  it("rejects malformed JSON, wrong types, unknown fields and oversize bodies with stable codes", async () => {
    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{ not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe("malformed_json");

    const wrongType = await call(t.app, null, "POST", "/api/v1/auth/sign-in", { username: 5, password: "x" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe("validation_failed");
    expect(wrongType.body.errors[0].path).toBe("body.username");

    const unknown = await call(t.app, null, "POST", "/api/v1/auth/sign-in", {
      username: "a",
      password: "b",
      admin: true,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("validation_failed");

    const big = await call(t.app, null, "POST", "/api/v1/auth/sign-in", {
      username: "a",
      password: "x".repeat(2_000_000),
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("body_too_large");
  });

  it("requires sign-in and a CSRF token for writes", async () => {
    expect((await call(t.app, null, "GET", "/api/v1/auth/me")).status).toBe(401);
    const p = await makeProvince(t.db);
    const user = await makeUser(t.db, "commune_officer", p.communeA);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-out",
      headers: { cookie: user.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe("csrf_failed");
    const me = await call(t.app, user, "GET", "/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(user.username);
  });
});

describe("scope rule", () => {
  it("covers the granted subtree and not the sibling commune", async () => {
    const p = await makeProvince(t.db);
    const user = await makeUser(t.db, "commune_officer", p.communeA);
    const scope = await scopeFor(t.db, await actorOf(t.db, user, p.communeA), "orgUnit.read");
    const { rows } = await sql<{
      id: number;
    }>`select id from org_units where path <@ any(${scope.roots as string[]}::ltree[])`.execute(t.db);
    const ids = rows.map((r) => Number(r.id));
    expect(ids).toContain(p.communeA);
    expect(ids).toContain(p.areaA1);
    expect(ids).not.toContain(p.communeB);
    expect(ids).not.toContain(p.areaB1);
    expect(ids).not.toContain(p.provinceId);
  });

  it("brings in a commune that merged into the granted province at once, though the lineage is remembered", async () => {
    const p = await makeProvince(t.db, "Nhận");
    const q = await makeProvince(t.db, "Nhập");
    const user = await makeUser(t.db, "province_staff", p.provinceId);
    const actor = await actorOf(t.db, user, p.provinceId);
    const covers = async (unitId: number) => {
      const scope = await scopeFor(t.db, actor, "orgUnit.read");
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from org_units
        where id = ${unitId} and path <@ any(${scope.roots as string[]}::ltree[])`.execute(t.db);
      return rows[0].n === 1;
    };
    expect(await covers(q.communeA)).toBe(false);
    expect(await covers(q.communeA)).toBe(false);
    await t.db.transaction().execute(async (trx) => {
      await sql`update org_units set valid_to = '2024-12-31' where id = ${q.communeA}`.execute(trx);
      await insertEvents(trx, [
        { kind: "merged_into", effectiveOn: "2025-01-01", fromUnitId: q.communeA, toUnitId: p.communeA },
      ]);
      await refreshSuccessors(trx, [q.communeA]);
    });
    expect(await covers(q.communeA)).toBe(true);
    expect(await covers(q.communeB)).toBe(false);
  });
});

describe("audit trail", () => {
  it("refuses updates and deletes, and detects a tampered entry", async () => {
    const p = await makeProvince(t.db);
    await recordAudit(
      t.db,
      { kind: "system" },
      { action: "test.write", unitId: p.communeA, after: { a: 1, password: "secret" } },
    );
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("unit_id", "=", p.communeA)
      .executeTakeFirstOrThrow();
    expect(entry.after).toEqual({ a: 1, password: "[sealed]" });
    await expect(sql`update audit_log set action = 'x' where id = ${entry.id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = ${entry.id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyAuditChain(t.db)).firstBreak).toBeNull();

    // A superuser who bypasses the trigger is still caught by the hash chain.
    await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
        await sql`update audit_log set reason = 'edited' where id = ${entry.id}`.execute(trx);
        const { firstBreak } = await verifyAuditChain(trx);
        expect(firstBreak).toMatchObject({ id: entry.id, problem: "hash_mismatch" });
        // roll the tampering back so other tests see an intact log
        throw new RollbackSignal();
      })
      .catch((e) => {
        if (!(e instanceof RollbackSignal)) throw e;
      });
    expect((await verifyAuditChain(t.db)).firstBreak).toBeNull();
  });
});

class RollbackSignal extends Error {}
