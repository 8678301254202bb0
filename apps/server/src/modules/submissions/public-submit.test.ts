import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditChainOf, verifyAuditChain } from "../../platform/audit/audit.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeProvince, type TestProvince } from "../../test/factories.ts";
import { executePrepared, publicItemStatement } from "./repo.ts";

// the challenge has its own tests (submissions.test.ts); here it would only slow the racing requests
process.env.DANVAN_POW_BITS = "0";

let ctx: TestContext;
let p: TestProvince;
beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db);
});
afterAll(async () => ctx?.close());

let ipCounter = 1;
const freshIp = () => `10.77.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

function post(body: Record<string, unknown>, opts: { ip?: string; key?: string } = {}) {
  return ctx.app
    .inject({
      method: "POST",
      url: "/api/v1/public/submissions",
      remoteAddress: opts.ip ?? freshIp(),
      headers: opts.key ? { "idempotency-key": opts.key } : {},
      payload: {
        kind: "security_feedback",
        provinceId: p.provinceId,
        communeId: p.communeA,
        content: "Nhóm thanh niên tụ tập đua xe gây ồn ào sau 23 giờ ở đường ven hồ.",
        anonymous: true,
        ...body,
      },
    })
    .then((res) => ({ status: res.statusCode, body: res.json() }));
}

const itemsWith = (content: string) =>
  ctx.db.selectFrom("submissions").select(["id", "unit_id"]).where("content", "=", content).execute();

describe("a public submission is one statement", () => {
  it("stores the item with its timeline entry and its audit entry; the chain still verifies", async () => {
    const content = `Có người lạ dò hỏi nhà vắng chủ trong xóm (${randomBytes(4).toString("hex")}).`;
    const res = await post({ content });
    expect(res.status).toBe(201);
    const [item] = await itemsWith(content);
    expect(item.unit_id).toBe(p.communeA);
    const events = await ctx.db
      .selectFrom("submission_events")
      .select(["kind", "to_unit_id"])
      .where("submission_id", "=", item.id)
      .execute();
    expect(events).toEqual([{ kind: "received", to_unit_id: p.communeA }]);
    const audit = await ctx.db
      .selectFrom("audit_log")
      .select(["chain", "actor_name", "action", "unit_id", "ip", "after"])
      .where("target_type", "=", "submission")
      .where("target_id", "=", String(item.id))
      .execute();
    expect(audit).toEqual([
      {
        chain: auditChainOf(p.communeA),
        actor_name: "public",
        action: "submission.received",
        unit_id: p.communeA,
        ip: null,
        after: { kind: "security_feedback", channel: "web", attachments: 0 },
      },
    ]);
    expect((await verifyAuditChain(ctx.db)).firstBreak).toBeNull();
  });

  it("racing retries with one idempotency key store one item; the others answer with its code", async () => {
    const key = randomBytes(16).toString("hex");
    const content = `Xe tải đổ trộm phế thải xây dựng xuống mương (${key.slice(0, 6)}).`;
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post({ content }, { ip, key })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const codes = new Set(answers.map((a) => a.body.receiptCode));
    const refs = new Set(answers.map((a) => a.body.ref));
    expect(codes.size).toBe(1);
    expect(refs.size).toBe(1);
    const items = await itemsWith(content);
    expect(items).toHaveLength(1);
    const audit = await ctx.db
      .selectFrom("audit_log")
      .select("id")
      .where("target_type", "=", "submission")
      .where("target_id", "=", String(items[0].id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("a retry past the address's limit still answers with its first result; a new submission is refused", async () => {
    const ip = freshIp();
    const key = randomBytes(16).toString("hex");
    const first = await post({}, { ip, key });
    expect(first.status).toBe(201);
    for (let i = 0; i < 9; i++) expect((await post({}, { ip })).status).toBe(201);
    const retry = await post({}, { ip, key });
    expect(retry.status).toBe(200);
    expect(retry.body.receiptCode).toBe(first.body.receiptCode);
    expect((await post({}, { ip })).status).toBe(429);
  });

  it("refuses a commune closed after the page listed it, and stores nothing", async () => {
    const q = await makeProvince(ctx.db);
    const listed = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/public/submissions/places/communes?provinceId=${q.provinceId}`,
    });
    expect(listed.json().items.map((c: { id: number }) => c.id)).toContain(q.communeA);
    await sql`update org_units set valid_to = current_date where id = ${q.communeA}`.execute(ctx.db);
    const content = `Phản ánh gửi vào xã vừa giải thể (${randomBytes(4).toString("hex")}).`;
    const res = await post({ provinceId: q.provinceId, communeId: q.communeA, content });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid_place");
    expect(await itemsWith(content)).toHaveLength(0);
  });

  it("stores nothing when any part of the statement fails (here the audit entry)", async () => {
    const content = `Nội dung không được lưu nửa chừng (${randomBytes(4).toString("hex")}).`;
    const statement = publicItemStatement({
      kind: "security_feedback",
      placeId: p.communeA,
      areaId: null,
      placeText: null,
      occurredOn: null,
      occurredTime: null,
      title: null,
      content,
      receivedOn: "2026-01-05",
      anonymous: true,
      identitySealed: null,
      wantsProtection: false,
      concernedOfficerText: null,
      codeHash: randomBytes(16).toString("base64url"),
      idemHash: null,
      idemBox: null,
      ruleCode: "security_feedback.response",
      dueOn: { normal: "2026-01-19", remote: "2026-01-19" },
      language: "vi",
      // audit_log.action is not null: the last part of the statement fails
      audit: { subject: { kind: "public" }, entry: { action: null as unknown as string } },
      throttle: null,
    });
    await expect(executePrepared(ctx.database, statement)).rejects.toThrow(/action/);
    expect(await itemsWith(content)).toHaveLength(0);
  });
});
