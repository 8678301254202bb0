import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeGrants } from "../../platform/auth/sessions.ts";
import { scopeFor } from "../../platform/authz/scope.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { loadSubmissionsDemo } from "./demo.ts";
import { intakeFromForum, submissionStatuses } from "./intake.ts";
import { runReminders } from "./jobs.ts";
import { solveChallenge } from "./secrets.ts";

process.env.DANVAN_POW_BITS = "8";

let ctx: TestContext;
let p: TestProvince;
let officerA: TestUser;
let chiefA: TestUser;
let officerB: TestUser;
let chiefB: TestUser;
let staff: TestUser;

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db);
  officerA = await makeUser(ctx.db, "commune_officer", p.communeA);
  chiefA = await makeUser(ctx.db, "commune_chief", p.communeA);
  officerB = await makeUser(ctx.db, "commune_officer", p.communeB);
  chiefB = await makeUser(ctx.db, "commune_chief", p.communeB);
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
});
afterAll(async () => ctx?.close());

let ipCounter = 1;
const freshIp = () => `10.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}.7`;

async function challenge() {
  const res = await call(ctx.app, null, "GET", "/api/v1/public/submissions/challenge");
  expect(res.status).toBe(200);
  return { token: res.body.token as string, solution: solveChallenge(res.body.token, res.body.bits) };
}

async function submit(body: Record<string, unknown>, opts: { ip?: string; key?: string } = {}) {
  const ch = await challenge();
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/v1/public/submissions",
    remoteAddress: opts.ip ?? freshIp(),
    headers: {
      "x-challenge-token": ch.token,
      "x-challenge-solution": ch.solution,
      ...(opts.key ? { "idempotency-key": opts.key } : {}),
    },
    payload: {
      kind: "crime_report",
      provinceId: p.provinceId,
      communeId: p.communeA,
      content: "Có người lạ thường xuyên tụ tập đánh bạc tại bãi đất trống cuối thôn vào ban đêm.",
      anonymous: true,
      ...body,
    },
  });
  return { status: res.statusCode, body: res.json() };
}

const receipt = (code: string, ip = freshIp()) =>
  ctx.app.inject({
    method: "GET",
    url: "/api/v1/public/submissions/receipt",
    remoteAddress: ip,
    headers: { "x-receipt-code": code },
  });

describe("public submission and follow-up by code", () => {
  it("gives an 80-bit code in four groups after commit; the code opens the item and a wrong one does not", async () => {
    const res = await submit({});
    expect(res.status).toBe(201);
    expect(res.body.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(res.body.ref).toMatch(/^TG-\d{4}-\d{6}$/);
    const view = await receipt(res.body.receiptCode.toLowerCase().replace(/-/g, " "));
    expect(view.statusCode).toBe(200);
    expect(view.json().statusLabel.vi).toBe("Đã tiếp nhận, đang chờ xử lý");
    expect(view.json().dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const wrong = await receipt("ABCD-EFGH-JKMN-PQRS");
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe("receipt_not_found");
    // the code is not stored: no column holds it
    const hit = await ctx.db
      .selectFrom("submissions")
      .select("id")
      .where((eb) =>
        eb.or([
          eb("code_hash", "=", res.body.receiptCode),
          eb("code_hash", "=", res.body.receiptCode.replace(/-/g, "")),
        ]),
      )
      .execute();
    expect(hit).toHaveLength(0);
  });

  it("refuses a submission without a solved challenge, before storing anything", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/submissions",
      remoteAddress: freshIp(),
      payload: {
        kind: "crime_report",
        provinceId: p.provinceId,
        communeId: p.communeA,
        content: "x".repeat(20),
        anonymous: true,
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("challenge_invalid");
    const ch = await challenge();
    const bad = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/submissions",
      remoteAddress: freshIp(),
      headers: { "x-challenge-token": ch.token, "x-challenge-solution": "not-a-solution" },
      payload: {
        kind: "crime_report",
        provinceId: p.provinceId,
        communeId: p.communeA,
        content: "x".repeat(20),
        anonymous: true,
      },
    });
    expect(bad.statusCode).toBe(403);
  });

  it("validates every field with a message in both languages", async () => {
    const res = await submit({
      content: "ngắn",
      kind: "nonsense",
      communeId: p.communeB,
      provinceId: 999999999,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.messages.vi).toContain("không hợp lệ");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["body.kind", "body.content"]),
    );
    const wrongPlace = await submit({ communeId: p.areaA1 });
    expect(wrongPlace.status).toBe(400);
    expect(wrongPlace.body.code).toBe("invalid_place");
  });

  it("a retried submission with the same idempotency key is stored once and returns the same code", async () => {
    const key = randomBytes(16).toString("hex");
    const content = `Phát hiện xe máy không biển số dựng lâu ngày trước cổng chợ (${key.slice(0, 6)}).`;
    const first = await submit({ content }, { key });
    const second = await submit({ content }, { key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.receiptCode).toBe(first.body.receiptCode);
    expect(second.body.ref).toBe(first.body.ref);
    const rows = await ctx.db.selectFrom("submissions").select("id").where("content", "=", content).execute();
    expect(rows).toHaveLength(1);
  });

  it("limits submissions per address and wrong codes per address", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit({}, { ip })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = freshIp();
    const misses: number[] = [];
    for (let i = 0; i < 11; i++) misses.push((await receipt("ZZZZ-ZZZZ-ZZZZ-ZZZZ", other)).statusCode);
    expect(misses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(misses[10]).toBe(429);
    // the limit is kept as a keyed hash: the address itself is nowhere
    const rows = await ctx.db
      .selectFrom("throttle_hits")
      .select("key")
      .where("key", "like", "%10.%")
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("accepts photos without their location metadata and refuses wrong types and oversized files", async () => {
    const withGps = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#c33" } })
      .jpeg()
      .withExif({ IFD0: { Artist: "Nguyễn Văn Chụp", Copyright: "GPS 10.7769 106.7009" } })
      .toBuffer();
    expect(withGps.includes(Buffer.from("GPS 10.7769"))).toBe(true);
    const ok = await submit({ attachments: [{ name: "IMG_NhaToi.jpg", data: withGps.toString("base64") }] });
    expect(ok.status).toBe(201);
    const stored = await ctx.db
      .selectFrom("submission_attachments as a")
      .innerJoin("submissions as s", "s.id", "a.submission_id")
      .select(["a.data", "a.file_name", "a.mime"])
      .where("s.id", "=", Number(ok.body.ref.split("-")[2]))
      .executeTakeFirstOrThrow();
    expect(stored.mime).toBe("image/jpeg");
    expect(stored.file_name).toBe("anh-1.jpg");
    expect(stored.data.includes(Buffer.from("GPS 10.7769"))).toBe(false);
    expect((await sharp(stored.data).metadata()).exif).toBeUndefined();

    const before = await ctx.db
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const exe = await submit({
      attachments: [{ name: "anh.jpg", data: Buffer.from("MZ\x90\x00 not a photo").toString("base64") }],
    });
    expect(exe.status).toBe(400);
    expect(exe.body.code).toBe("file_type_not_allowed");
    const big = await submit({
      attachments: [
        {
          data: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5 * 1024 * 1024)]).toString("base64"),
        },
      ],
    });
    expect(big.status).toBe(413);
    const after = await ctx.db
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe("officer handling and the two-way conversation", () => {
  it("question, answer by code, close with an outcome, rating; internal notes stay internal", async () => {
    const sub = await submit({
      content: "Nhóm thanh niên đua xe trái phép trên đường tỉnh lộ mỗi tối thứ Bảy.",
    });
    const id = Number(sub.body.ref.split("-")[2]);
    const inbox = await call(ctx.app, officerA, "GET", "/api/v1/submissions?status=open");
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(id);

    expect(
      (await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/assign`, { assigneeId: officerA.id }))
        .status,
    ).toBe(200);
    const q = await call(ctx.app, officerA, "POST", `/api/v1/submissions/${id}/replies`, {
      body: "Bạn có biết biển số xe hoặc giờ cụ thể không?",
      kind: "question",
    });
    expect(q.status).toBe(201);
    await call(ctx.app, officerA, "POST", `/api/v1/submissions/${id}/notes`, {
      body: "Ghi chú nội bộ: đã phối hợp CSGT.",
    });

    const view = (await receipt(sub.body.receiptCode)).json();
    expect(view.awaitingAnswer).toBe(true);
    expect(view.messages.map((m: { body: string }) => m.body)).toEqual([
      "Bạn có biết biển số xe hoặc giờ cụ thể không?",
    ]);
    const answer = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/submissions/receipt/messages",
      remoteAddress: freshIp(),
      headers: { "x-receipt-code": sub.body.receiptCode },
      payload: { body: "Khoảng 21 giờ, xe biển 49X1-234.56" },
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().kind).toBe("answer");

    const detail = await call(ctx.app, officerA, "GET", `/api/v1/submissions/${id}`);
    expect(detail.body.messages.map((m: { kind: string }) => m.kind)).toEqual(["question", "note", "answer"]);
    expect(detail.body.clock.dueOn).toBe(detail.body.dueOn);

    const early = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/submissions/receipt/rating",
      remoteAddress: freshIp(),
      headers: { "x-receipt-code": sub.body.receiptCode },
      payload: { rating: 5 },
    });
    expect(early.statusCode).toBe(409);
    expect(
      (await call(ctx.app, officerA, "POST", `/api/v1/submissions/${id}/close`, { outcome: "valuable_tip" }))
        .status,
    ).toBe(403);
    const closed = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/close`, {
      outcome: "valuable_tip",
      publicReply: "Đã xử lý nhóm đua xe. Cảm ơn bạn.",
    });
    expect(closed.status).toBe(200);
    expect(closed.body.closedOnTime).toBe(true);
    const rated = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/submissions/receipt/rating",
      remoteAddress: freshIp(),
      headers: { "x-receipt-code": sub.body.receiptCode },
      payload: { rating: 4, comment: "Xử lý nhanh" },
    });
    expect(rated.statusCode).toBe(200);
    const final = (await receipt(sub.body.receiptCode)).json();
    expect(final.statusLabel.vi).toBe("Đã giải quyết xong");
    expect(final.outcomeLabel.vi).toBe("Tin có giá trị");
    expect(final.rating).toBe(4);
    expect(final.messages.some((m: { body: string }) => m.body.includes("nội bộ"))).toBe(false);
  });

  it("records extensions and suspensions as decisions that move the clock", async () => {
    const sub = await submit({});
    const id = Number(sub.body.ref.split("-")[2]);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const ext = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/decisions`, {
      kind: "extension",
      decidedOn: today,
      amount: 2,
      amountUnit: "months",
      decidedBy: "Viện kiểm sát nhân dân",
      reason: "Vụ việc phức tạp, cần xác minh nhiều nơi",
    });
    expect(ext.status).toBe(201);
    const again = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/decisions`, {
      kind: "extension",
      decidedOn: today,
      amount: 1,
      amountUnit: "months",
      reason: "Gia hạn lần hai",
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("no_extension_left");
    const susp = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/decisions`, {
      kind: "suspension",
      decidedOn: today,
      reason: "Chờ kết quả giám định",
    });
    expect(susp.body.status).toBe("suspended");
    expect(susp.body.paused).toBe(true);
    const list = await call(ctx.app, chiefA, "GET", `/api/v1/submissions?q=${sub.body.ref}`);
    expect(list.body.items[0].paused).toBe(true);
    const resumed = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/decisions`, {
      kind: "resumption",
      decidedOn: today,
      reason: "Đã có kết quả giám định",
    });
    expect(resumed.body.status).toBe("in_progress");
    expect(resumed.body.dueOn).toBe(ext.body.dueOn);
  });

  it("officer intake gives a receipt code once and a receipt record in DOCX", async () => {
    const res = await call(ctx.app, officerA, "POST", "/api/v1/submissions", {
      kind: "crime_report",
      channel: "walk_in",
      unitId: p.communeA,
      content: "Người dân đến trình báo bị lừa đảo qua mạng xã hội, mất 20 triệu đồng.",
      anonymous: false,
      identity: { name: "Trần Thị Báo Tin", phone: "0912345678" },
      wantsProtection: true,
      documents: "01 ảnh chụp màn hình giao dịch",
    });
    expect(res.status).toBe(201);
    expect(res.body.receiptCode).toMatch(/^[0-9A-Z]{4}-/);
    const docx = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/submissions/${res.body.id}/receipt.docx`,
      headers: { cookie: officerA.cookie },
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const detail = await call(ctx.app, officerA, "GET", `/api/v1/submissions/${res.body.id}`);
    expect(detail.body.transferClock.hours).toBe(24);
    expect(detail.body.hasIdentity).toBe(true);
  });

  it("shows the 24-hour transfer clock as overdue only while the commune has not taken the report up", async () => {
    const id = Number((await submit({})).body.ref.split("-")[2]);
    // received three days ago and left untouched
    await ctx.db
      .updateTable("submissions")
      .set({ received_at: sql<string>`now() - interval '3 days'` })
      .where("id", "=", id)
      .execute();
    const waiting = await call(ctx.app, officerA, "GET", `/api/v1/submissions/${id}`);
    expect(waiting.body.transferClock).toMatchObject({ hours: 24, overdue: true, kept: false });
    // the chief assigns it to an officer of the commune: the commune handles it, nothing to transfer
    expect(
      (await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${id}/assign`, { assigneeId: officerA.id }))
        .status,
    ).toBe(200);
    const taken = await call(ctx.app, officerA, "GET", `/api/v1/submissions/${id}`);
    expect(taken.body.status).not.toBe("received");
    expect(taken.body.transferClock).toMatchObject({ overdue: false, kept: true });
  });

  it("routes, transfers with a reason, merges duplicates and sends daily reminders", async () => {
    const a = Number((await submit({})).body.ref.split("-")[2]);
    const b = Number((await submit({})).body.ref.split("-")[2]);
    const merged = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${b}/merge`, {
      intoId: a,
      reason: "Cùng nội dung",
    });
    expect(merged.body.status).toBe("merged");
    const t = await call(ctx.app, chiefA, "POST", `/api/v1/submissions/${a}/transfer`, {
      toUnitId: p.communeB,
      reason: "Vụ việc xảy ra trên địa bàn phường bên cạnh",
    });
    expect(t.status).toBe(200);
    expect((await call(ctx.app, officerA, "GET", `/api/v1/submissions/${a}`)).status).toBe(404);
    const atB = await call(ctx.app, chiefB, "GET", `/api/v1/submissions/${a}`);
    expect(atB.status).toBe(200);
    expect(atB.body.events.map((e: { kind: string }) => e.kind)).toContain("transferred");
    const notes = await call(ctx.app, chiefB, "GET", "/api/v1/submissions/notifications");
    expect(notes.body.items.some((n: { submissionId: number }) => n.submissionId === a)).toBe(true);
    // make it overdue and run the reminder
    await ctx.db.updateTable("submissions").set({ due_on: "2020-01-01" }).where("id", "=", a).execute();
    await call(ctx.app, chiefB, "POST", `/api/v1/submissions/${a}/assign`, { assigneeId: officerB.id });
    await runReminders(ctx.db);
    const mine = await call(ctx.app, officerB, "GET", "/api/v1/submissions/notifications");
    expect(
      mine.body.items.some(
        (n: { kind: string; submissionId: number }) => n.kind === "overdue" && n.submissionId === a,
      ),
    ).toBe(true);
    const overdue = await call(ctx.app, chiefB, "GET", "/api/v1/submissions?overdue=true");
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toContain(a);
    const counts = await call(ctx.app, chiefB, "GET", "/api/v1/submissions/counts");
    expect(counts.body.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe("scope and conduct feedback", () => {
  it("a sibling commune sees nothing: 404 on every item route", async () => {
    const sub = await submit({});
    const id = Number(sub.body.ref.split("-")[2]);
    const list = await call(ctx.app, officerB, "GET", "/api/v1/submissions");
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const routes: Array<[string, string, unknown?]> = [
      ["GET", `/api/v1/submissions/${id}`],
      ["GET", `/api/v1/submissions/${id}/assignees`],
      ["GET", `/api/v1/submissions/${id}/receipt.docx`],
      ["GET", `/api/v1/submissions/${id}/attachments/1`],
      ["POST", `/api/v1/submissions/${id}/transfer`, { toUnitId: p.communeB, reason: "lấy về" }],
      ["POST", `/api/v1/submissions/${id}/assign`, { assigneeId: null }],
      ["POST", `/api/v1/submissions/${id}/sub-status`, { subStatus: "verifying" }],
      ["POST", `/api/v1/submissions/${id}/replies`, { body: "x", kind: "message" }],
      ["POST", `/api/v1/submissions/${id}/notes`, { body: "x" }],
      [
        "POST",
        `/api/v1/submissions/${id}/decisions`,
        { kind: "suspension", decidedOn: "2025-01-02", reason: "xyz" },
      ],
      ["POST", `/api/v1/submissions/${id}/close`, { outcome: "resolved" }],
      ["POST", `/api/v1/submissions/${id}/reopen`, { reason: "xyz" }],
      ["POST", `/api/v1/submissions/${id}/links`, { otherId: 1, kind: "related" }],
      ["POST", `/api/v1/submissions/${id}/merge`, { intoId: 1 }],
      ["POST", `/api/v1/submissions/${id}/concerned-officer`, { concernedOfficerId: null }],
      ["POST", `/api/v1/submissions/${id}/reveal-identity`, { reason: "kiểm tra thử quyền" }],
    ];
    for (const user of [officerB, chiefB]) {
      for (const [method, url, body] of routes) {
        const res = await call(ctx.app, user, method as "GET", url, body);
        expect(`${method} ${url} ${res.status}`).toBe(`${method} ${url} 404`);
      }
    }
  });

  it("conduct feedback goes above the officer's unit and never reaches the officer concerned", async () => {
    const sub = await submit({
      kind: "conduct_feedback",
      content: "Cán bộ trực ban có thái độ thiếu tôn trọng khi tôi đến làm thủ tục.",
      concernedOfficer: "Cán bộ trực ban sáng thứ Hai",
    });
    const id = Number(sub.body.ref.split("-")[2]);
    expect((await call(ctx.app, chiefA, "GET", `/api/v1/submissions/${id}`)).status).toBe(404);
    const atProvince = await call(ctx.app, staff, "GET", `/api/v1/submissions/${id}`);
    expect(atProvince.status).toBe(200);
    expect(atProvince.body.unit.id).toBe(p.provinceId);
    // the officer concerned works at commune A but also holds a province role: they still never see it
    const concerned = await makeUser(ctx.db, "province_staff", p.provinceId);
    await ctx.db.updateTable("users").set({ unit_id: p.communeA }).where("id", "=", concerned.id).execute();
    const named = await call(ctx.app, staff, "POST", `/api/v1/submissions/${id}/concerned-officer`, {
      concernedOfficerId: concerned.id,
    });
    expect(named.status).toBe(200);
    expect(named.body.unitId).toBe(p.provinceId);
    expect((await call(ctx.app, concerned, "GET", `/api/v1/submissions/${id}`)).status).toBe(404);
    const list = await call(ctx.app, concerned, "GET", "/api/v1/submissions?kind=conduct_feedback");
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const assign = await call(ctx.app, staff, "POST", `/api/v1/submissions/${id}/assign`, {
      assigneeId: concerned.id,
    });
    expect(assign.status).toBe(400);
  });
});

describe("crime-method warnings", () => {
  it("a unit publishes a warning that the public page lists by province and commune", async () => {
    const w = await call(ctx.app, officerA, "POST", "/api/v1/submissions/warnings", {
      unitId: p.communeA,
      title: "Cảnh báo giả danh công an gọi điện",
      body: "Đối tượng giả danh cán bộ công an gọi điện yêu cầu chuyển tiền để 'xác minh'. Công an không làm việc qua điện thoại.",
    });
    expect(w.status).toBe(201);
    expect(
      (
        await call(ctx.app, officerB, "POST", "/api/v1/submissions/warnings", {
          unitId: p.communeA,
          title: "abc",
          body: "x".repeat(20),
        })
      ).status,
    ).toBe(404);
    const byCommune = await call(ctx.app, null, "GET", `/api/v1/public/warnings?communeId=${p.communeA}`);
    expect(byCommune.body.items.map((i: { title: string }) => i.title)).toContain(
      "Cảnh báo giả danh công an gọi điện",
    );
    const other = await call(ctx.app, null, "GET", `/api/v1/public/warnings?communeId=${p.communeB}`);
    expect(other.body.items.map((i: { title: string }) => i.title)).not.toContain(
      "Cảnh báo giả danh công an gọi điện",
    );
    const byProvince = await call(ctx.app, null, "GET", `/api/v1/public/warnings?provinceId=${p.provinceId}`);
    expect(byProvince.body.items).toHaveLength(1);
  });
});

describe("figures and demo", () => {
  it("registers indicators counted from the items of a subtree", async () => {
    const leader = await makeUser(ctx.db, "leadership", p.provinceId);
    const list = await call(ctx.app, leader, "GET", "/api/v1/indicators");
    const codes = list.body.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "submissions.received",
        "submissions.on_time_pct",
        "submissions.satisfaction_avg",
        "submissions.valuable_tips",
        "submissions.overdue_now",
        "submissions.avg_days_to_close",
      ]),
    );
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
    const res = await call(ctx.app, leader, "POST", "/api/v1/indicators/evaluate", {
      codes: [
        "submissions.received",
        "submissions.received.crime_report",
        "submissions.valuable_tips",
        "submissions.satisfaction_avg",
        "submissions.on_time_pct",
      ],
      unitId: p.provinceId,
      breakdown: "none",
      from: today,
      to: tomorrow,
      lineage: "current",
    });
    expect(res.status).toBe(200);
    const value = (code: string) => res.body.values.find((v: { code: string }) => v.code === code)?.value;
    const direct = await ctx.db
      .selectFrom("submissions as s")
      .innerJoin("org_units as u", "u.id", "s.unit_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("u.province_id", "=", p.provinceId)
      .executeTakeFirstOrThrow();
    expect(value("submissions.received")).toBeGreaterThan(0);
    expect(value("submissions.received")).toBeLessThanOrEqual(Number(direct.n) + 1);
    expect(value("submissions.valuable_tips")).toBe(1);
    expect(value("submissions.satisfaction_avg")).toBe(4);
    expect(value("submissions.on_time_pct")).toBe(100);
  });

  it("the demo holds labelled items in Phường Đông Gia Nghĩa and Phường Hòa Thuận in different states", async () => {
    // idempotent: a database whose demo predates this loader gets it now, a fresh one keeps its items
    await loadSubmissionsDemo(ctx.db);
    const rows = await ctx.db
      .selectFrom("submissions as s")
      .innerJoin("org_units as u", "u.id", "s.place_unit_id")
      .select(["u.place_name", "s.status"])
      .where("s.title", "like", "[Dữ liệu mẫu]%")
      .execute();
    expect(new Set(rows.map((r) => r.place_name))).toEqual(new Set(["Đông Gia Nghĩa", "Hòa Thuận"]));
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
  });
});

describe("interface for the listening forum", () => {
  it("records a forum opinion with its own clock and reports its status within scope", async () => {
    const actor = {
      userId: officerA.id,
      username: officerA.username,
      fullName: "x",
      unitId: p.communeA,
      actingUnitId: p.communeA,
      grants: await activeGrants(ctx.db, officerA.id),
      sessionId: "test",
      ip: undefined,
    };
    const { id, code } = await ctx.db.transaction().execute((trx) =>
      intakeFromForum(trx, actor, {
        unitId: p.communeA,
        kind: "security_feedback",
        content: "Đề nghị lắp thêm camera an ninh ở ngã ba chợ.",
        receivedOn: "2025-08-19",
        forumId: 424242,
        citizenName: "Người dân dự diễn đàn",
      }),
    );
    expect(code).toMatch(/^PA-2025-/);
    const detail = await call(ctx.app, officerA, "GET", `/api/v1/submissions/${id}`);
    expect(detail.body.channel).toBe("forum");
    expect(detail.body.forumId).toBe(424242);
    expect(detail.body.hasIdentity).toBe(true);
    const scope = await scopeFor(ctx.db, actor, "submission.read");
    const [st] = await submissionStatuses(ctx.db, scope, [id]);
    expect(st.status).toBe("received");
    expect(st.dueOn).toBe(detail.body.dueOn);
    const bActor = { ...actor, userId: officerB.id, grants: await activeGrants(ctx.db, officerB.id) };
    expect(await submissionStatuses(ctx.db, await scopeFor(ctx.db, bActor, "submission.read"), [id])).toEqual(
      [],
    );
  });
});
