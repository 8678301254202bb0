import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeProvince, makeUser } from "../../test/factories.ts";
import { auditChainOf, recordAudit, verifyAuditChain } from "./audit.ts";

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});
afterAll(() => t?.close());

describe("audit chain", () => {
  it("hashes an entry with every field set exactly as the verification recomputes it", async () => {
    const p = await makeProvince(t.db);
    const user = await makeUser(t.db, "commune_officer", p.communeA);
    const actor = {
      userId: user.id,
      username: user.username,
      fullName: "Cán bộ thử nghiệm",
      unitId: p.communeA,
      actingUnitId: p.communeA,
      grants: [],
      sessionId: "s",
      ip: "203.0.113.9",
    };
    for (let i = 0; i < 3; i++)
      await recordAudit(t.db, actor, {
        action: "test.every_field",
        targetType: "thing",
        targetId: 40 + i,
        unitId: p.communeA,
        before: { tên: "Đắk Nia", n: i, list: [1, "hai"] },
        after: { tên: "Đắk Nia mới", n: i + 1, nested: { ok: true } },
        reason: "Lý do có dấu | và ký tự đặc biệt",
      });
    const { rows } = await sql<{ chain: number; chain_seq: number; ok: boolean; linked: boolean }>`
      select a.chain, a.chain_seq, a.hash = audit_digest(a) as ok,
        a.prev_hash is not distinct from (select b.hash from audit_log b
          where b.chain = a.chain and b.chain_seq = a.chain_seq - 1) as linked
      from audit_log a where a.action = 'test.every_field' and a.unit_id = ${p.communeA} order by a.id`.execute(
      t.db,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.ok && r.linked)).toBe(true);
    expect(rows.every((r) => r.chain === auditChainOf(p.communeA))).toBe(true);
    expect(rows.map((r) => r.chain_seq - rows[0].chain_seq)).toEqual([0, 1, 2]);
    expect((await verifyAuditChain(t.db)).firstBreak).toBeNull();
  });
});
