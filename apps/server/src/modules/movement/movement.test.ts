import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../platform/documents/docx-text.ts";
import { evaluate } from "../../platform/indicators/registry.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { insertUnits } from "../org-units/repo-write.ts";

let t: TestContext;
let p: TestProvince;
let officerA: TestUser;
let officerB: TestUser;
let staff: TestUser;
let admin: TestUser;
const M = "/api/v1/movement";

beforeAll(async () => {
  t = await testContext();
  p = await makeProvince(t.db);
  officerA = await makeUser(t.db, "commune_officer", p.communeA);
  officerB = await makeUser(t.db, "commune_officer", p.communeB);
  staff = await makeUser(t.db, "province_staff", p.provinceId);
  const root = await t.db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .executeTakeFirstOrThrow();
  admin = await makeUser(t.db, "sysadmin", root.id);
});
afterAll(() => t?.close());

const today = () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
const typeId = async (code: string) =>
  (
    await t.db
      .selectFrom("movement_model_types")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirstOrThrow()
  ).id;

async function upload(user: TestUser, url: string, filename: string, content: Buffer, type: string) {
  const boundary = `----dv${randomBytes(8).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: user.cookie,
      "x-csrf-token": user.csrf,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

async function finished(user: TestUser, jobId: number) {
  for (let i = 0; i < 1200; i++) {
    const res = await call(t.app, user, "GET", `${M}/import/jobs/${jobId}`);
    expect(res.status).toBe(200);
    if (res.body.status === "done" || res.body.status === "failed") return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("import did not finish");
}

async function xlsx(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Cam kết");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("scope: a sibling commune sees nothing, through every route", () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const a = await call(t.app, officerA, "POST", `${M}/activities`, {
      unitId: p.communeA,
      areaId: p.areaA1,
      kind: "propaganda",
      occurredOn: "2024-03-05",
      title: "Tuyên truyền phòng, chống lừa đảo qua mạng",
      results: { attendance: 120 },
    });
    expect(a.status).toBe(201);
    ids.activity = a.body.id;
    const m = await call(t.app, officerA, "POST", `${M}/models`, {
      unitId: p.communeA,
      typeId: await typeId("household_group"),
      name: "Tổ liên gia tự quản thôn 1",
      launchedOn: "2023-01-10",
      coordinatorName: "Trần Văn Tổ",
      coordinatorPhone: "0912 345 678",
    });
    expect(m.status).toBe(201);
    ids.model = m.body.id;
    const f = await call(t.app, officerA, "POST", `${M}/forums`, {
      unitId: p.communeA,
      title: "Công an lắng nghe ý kiến Nhân dân",
      heldOn: "2024-04-10",
      place: "Nhà văn hóa thôn 1",
      attendance: 80,
    });
    expect(f.status).toBe(201);
    ids.forum = f.body.id;
    const pl = await call(t.app, officerA, "PUT", `${M}/pledges`, {
      unitId: p.areaA1,
      year: 2024,
      households: 200,
      householdsSigned: 190,
    });
    expect(pl.status).toBe(200);
    expect(pl.body.rate).toBe(95);
    ids.pledge = pl.body.id;
    const w = await call(t.app, officerA, "POST", `${M}/weapons`, {
      unitId: p.communeA,
      surrenderedOn: "2024-05-01",
      anonymous: true,
      items: [{ category: "homemade_gun", quantity: 2 }],
    });
    expect(w.status).toBe(201);
    ids.weapon = w.body.id;
    const att = await upload(
      officerA,
      `${M}/activities/${ids.activity}/attachments`,
      "bien-ban.txt",
      Buffer.from("biên bản"),
      "text/plain",
    );
    expect(att.status).toBe(201);
    ids.attachment = att.body.id;
  });

  it("lists nothing of commune A to commune B's officer", async () => {
    for (const path of ["activities", "forums", "pledges", "weapons", "models"]) {
      const mine = await call(t.app, officerB, "GET", `${M}/${path}`);
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([]);
      const theirs = await call(t.app, officerB, "GET", `${M}/${path}?unitId=${p.communeA}`);
      expect(theirs.status).toBe(404);
    }
    expect((await call(t.app, officerB, "GET", `${M}/register?unitId=${p.communeA}`)).status).toBe(404);
    expect((await call(t.app, officerB, "GET", `${M}/overview?unitId=${p.communeA}`)).status).toBe(404);
    const cal = await call(
      t.app,
      officerB,
      "GET",
      `${M}/activities/calendar?unitId=${p.communeA}&from=2024-03-01&to=2024-03-31`,
    );
    expect(cal.status).toBe(404);
  });

  it("answers 404 on every single read and write of commune A's records", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", `${M}/activities/${ids.activity}`],
      [
        "PUT",
        `${M}/activities/${ids.activity}`,
        { unitId: p.communeB, kind: "propaganda", occurredOn: "2024-03-05", title: "x", results: {} },
      ],
      ["POST", `${M}/activities/${ids.activity}/copy`, { occurredOn: "2024-03-06" }],
      ["DELETE", `${M}/activities/${ids.activity}`],
      ["GET", `${M}/models/${ids.model}`],
      ["PATCH", `${M}/models/${ids.model}`, { name: "x" }],
      ["DELETE", `${M}/models/${ids.model}`],
      ["POST", `${M}/models/${ids.model}/members`, { fullName: "x" }],
      [
        "POST",
        `${M}/models/${ids.model}/reviews`,
        { kind: "interim", reviewedOn: "2024-01-01", rating: "effective" },
      ],
      ["GET", `${M}/forums/${ids.forum}`],
      ["PATCH", `${M}/forums/${ids.forum}`, { attendance: 1 }],
      ["POST", `${M}/forums/${ids.forum}/opinions`, { kind: "security_feedback", content: "x" }],
      ["GET", `${M}/forums/${ids.forum}/report.docx`],
      ["DELETE", `${M}/pledges/${ids.pledge}`],
      ["PUT", `${M}/pledges`, { unitId: p.areaA1, year: 2024, households: 1, householdsSigned: 1 }],
      ["GET", `${M}/weapons/${ids.weapon}`],
      ["GET", `${M}/weapons/${ids.weapon}/receipt.docx`],
      ["DELETE", `${M}/weapons/${ids.weapon}`],
      ["GET", `${M}/attachments/${ids.attachment}`],
      ["DELETE", `${M}/attachments/${ids.attachment}`],
      [
        "POST",
        `${M}/activities`,
        { unitId: p.communeA, kind: "patrol", occurredOn: "2024-03-05", title: "x", results: {} },
      ],
    ];
    for (const [method, url, body] of routes) {
      const res = await call(t.app, officerB, method as "GET", url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    // nothing was changed
    const a = await call(t.app, officerA, "GET", `${M}/activities/${ids.activity}`);
    expect(a.body.title).toBe("Tuyên truyền phòng, chống lừa đảo qua mạng");
  });

  it("lets the province see everything and the owner read contact data", async () => {
    const list = await call(t.app, staff, "GET", `${M}/activities?unitId=${p.provinceId}`);
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(ids.activity);
    const m = await call(t.app, officerA, "GET", `${M}/models/${ids.model}`);
    expect(m.body.coordinator).toEqual({ name: "Trần Văn Tổ", phone: "0912 345 678" });
    const att = await t.app.inject({
      method: "GET",
      url: `${M}/attachments/${ids.attachment}`,
      headers: { cookie: officerA.cookie },
    });
    expect(att.statusCode).toBe(200);
    expect(att.body).toBe("biên bản");
  });

  it("audits every write", async () => {
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", officerA.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "movement.activity.created",
        "movement.model.created",
        "movement.forum.created",
        "movement.pledge.created",
        "movement.weapon_surrender.created",
        "movement.attachment.added",
      ]),
    );
  });
});

describe("validation", () => {
  it("rejects unknown fields, wrong types and results outside the kind's form", async () => {
    const base = {
      unitId: p.communeA,
      kind: "pledge_drive",
      occurredOn: "2024-06-01",
      title: "Vận động ký cam kết",
    };
    const unknown = await call(t.app, officerA, "POST", `${M}/activities`, {
      ...base,
      results: { householdsSigned: 5 },
      secret: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("validation_failed");

    const missing = await call(t.app, officerA, "POST", `${M}/activities`, {
      ...base,
      results: { attendance: 10 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("invalid_results");
    expect(missing.body.errors[0].path).toBe("body.results.householdsSigned");
    expect(missing.body.messages.vi).toContain("Số hộ ký cam kết");

    const bad = await call(t.app, officerA, "POST", `${M}/activities`, {
      ...base,
      results: { householdsSigned: -3, attendance: 2.5, housesBuilt: 1 },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      "body.results.attendance",
      "body.results.householdsSigned",
      "body.results.housesBuilt",
    ]);

    const kind = await call(t.app, officerA, "POST", `${M}/activities`, {
      ...base,
      kind: "no_such_kind",
      results: {},
    });
    expect(kind.body.code).toBe("invalid_activity_kind");

    const area = await call(t.app, officerA, "POST", `${M}/activities`, {
      ...base,
      areaId: p.areaB1,
      results: { householdsSigned: 1 },
    });
    expect([400, 404]).toContain(area.status);
  });

  it("checks pledges, weapon hand-ins, forums and models", async () => {
    const pledge = await call(t.app, officerA, "PUT", `${M}/pledges`, {
      unitId: p.areaA1,
      year: 2023,
      households: 10,
      householdsSigned: 11,
    });
    expect(pledge.status).toBe(400);
    const noItems = await call(t.app, officerA, "POST", `${M}/weapons`, {
      unitId: p.communeA,
      surrenderedOn: "2024-01-01",
      anonymous: true,
      items: [],
    });
    expect(noItems.status).toBe(400);
    const noName = await call(t.app, officerA, "POST", `${M}/weapons`, {
      unitId: p.communeA,
      surrenderedOn: "2024-01-01",
      anonymous: false,
      items: [{ category: "explosive", quantity: 1 }],
    });
    expect(noName.status).toBe(400);
    const future = await call(t.app, officerA, "POST", `${M}/forums`, {
      unitId: p.communeA,
      title: "Diễn đàn",
      heldOn: "2099-01-01",
      place: "Hội trường",
      status: "held",
    });
    expect(future.body.code).toBe("forum_in_future");
    const dates = await call(t.app, officerA, "POST", `${M}/models`, {
      unitId: p.communeA,
      typeId: await typeId("people_patrol"),
      name: "Tổ tuần tra",
      launchedOn: "2024-01-10",
      endedOn: "2023-01-01",
    });
    expect(dates.status).toBe(400);
    const ministry = await call(t.app, staff, "POST", `${M}/activities`, {
      unitId: p.areaA1,
      kind: "patrol",
      occurredOn: "2024-01-01",
      title: "Tuần tra",
      results: {},
    });
    expect(ministry.body.code).toBe("invalid_unit");
  });
});

describe("activities: list, copy, bulk week of patrols, calendar", () => {
  it("records a week of patrols at once, all or nothing", async () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({
      occurredOn: `2024-07-0${i + 1}`,
      startsAt: "19:00",
      endsAt: "22:00",
      results: { attendance: 6, patrolHours: 3, incidents: i === 3 ? 1 : 0 },
    }));
    const bad = await call(t.app, officerA, "POST", `${M}/activities/bulk`, {
      unitId: p.communeA,
      title: "Tuần tra đêm",
      entries: [...entries.slice(0, 6), { ...entries[6], results: { patrolHours: "ba" } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("body.entries.6.results.patrolHours");
    const none = await call(
      t.app,
      officerA,
      "GET",
      `${M}/activities?kind=patrol&from=2024-07-01&to=2024-07-31`,
    );
    expect(none.body.items).toHaveLength(0);

    const ok = await call(t.app, officerA, "POST", `${M}/activities/bulk`, {
      unitId: p.communeA,
      title: "Tuần tra đêm",
      entries,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(7);

    const page1 = await call(
      t.app,
      officerA,
      "GET",
      `${M}/activities?kind=patrol&from=2024-07-01&to=2024-07-31&limit=5`,
    );
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.items[0].occurredOn).toBe("2024-07-07");
    const page2 = await call(
      t.app,
      officerA,
      "GET",
      `${M}/activities?kind=patrol&from=2024-07-01&to=2024-07-31&limit=5&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();

    const cal = await call(t.app, officerA, "GET", `${M}/activities/calendar?from=2024-07-01&to=2024-07-31`);
    expect(cal.body.days).toHaveLength(7);
    expect(cal.body.days[0].kinds.patrol).toBe(1);

    const copy = await call(t.app, officerA, "POST", `${M}/activities/${page1.body.items[0].id}/copy`, {
      occurredOn: "2024-07-08",
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      occurredOn: "2024-07-08",
      title: "Tuần tra đêm",
      results: { patrolHours: 3 },
    });

    const [v] = await evaluate(t.db, {
      codes: ["movement.results.patrol_hours"],
      groups: [{ key: "a", root: await pathOf(p.communeA) }],
      from: "2024-07-01",
      to: "2024-08-01",
    });
    expect(v.value).toBe(24);
  });
});

async function pathOf(id: number) {
  const { rows } = await sql<{
    path: string;
  }>`select path::text as path from org_units where id = ${id}`.execute(t.db);
  return rows[0].path;
}

describe("a model spanning two provinces", () => {
  it("is visible to both provinces and counted once over both", async () => {
    const p2 = await makeProvince(t.db, "Bên kia");
    const staff2 = await makeUser(t.db, "province_staff", p2.provinceId);
    const created = await call(t.app, staff, "POST", `${M}/models`, {
      unitId: p.communeA,
      typeId: await typeId("border_cluster"),
      name: "Cụm liên hoàn an toàn về ANTT giáp ranh",
      launchedOn: "2018-03-01",
      coverUnitIds: [p2.communeA],
      coordinatorName: "Lê Văn Cụm",
      coordinatorPhone: "0988 000 111",
    });
    expect(created.status).toBe(201);
    expect(created.body.units.map((u: { id: number }) => u.id).sort()).toEqual(
      [p.communeA, p2.communeA].sort(),
    );

    const seen = await call(t.app, staff2, "GET", `${M}/models?unitId=${p2.provinceId}`);
    expect(seen.body.items.map((m: { id: number }) => m.id)).toContain(created.body.id);
    const detail = await call(t.app, staff2, "GET", `${M}/models/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.coordinator.phone).toBeNull(); // personal data stays with the owner's scope
    expect(detail.body.abilities.update).toBe(false);
    expect((await call(t.app, staff2, "PATCH", `${M}/models/${created.body.id}`, { name: "x" })).status).toBe(
      403,
    );
    // a plain model cannot reach into another province
    const plain = await call(t.app, staff, "POST", `${M}/models`, {
      unitId: p.communeA,
      typeId: await typeId("people_patrol"),
      name: "Tổ tuần tra",
      launchedOn: "2018-03-01",
      coverUnitIds: [p2.communeA],
    });
    expect(plain.status).toBe(404);

    const p1 = await pathOf(p.provinceId);
    const p2p = await pathOf(p2.provinceId);
    const codes = ["movement.models.count", "movement.models.border_cluster.count", "movement.models.new"];
    const each = await evaluate(t.db, {
      codes,
      groups: [
        { key: "p1", root: p1 },
        { key: "p2", root: p2p },
      ],
      from: "2018-01-01",
      to: "2019-01-01",
    });
    const v = (code: string, key: string) => each.find((x) => x.code === code && x.gkey === key)?.value;
    expect(v("movement.models.border_cluster.count", "p1")).toBe(1);
    expect(v("movement.models.border_cluster.count", "p2")).toBe(1);
    const both = await evaluate(t.db, {
      codes,
      groups: [
        { key: "both", root: p1 },
        { key: "both", root: p2p },
      ],
      from: "2018-01-01",
      to: "2019-01-01",
    });
    expect(both.find((x) => x.code === "movement.models.border_cluster.count")?.value).toBe(1);
    expect(both.find((x) => x.code === "movement.models.new")?.value).toBe(1);
  });
});

describe("listening forum → citizen channel", () => {
  it("turns each opinion into a citizen-channel item with its clock, shown on the forum page", async () => {
    const f = await call(t.app, officerA, "POST", `${M}/forums`, {
      unitId: p.communeA,
      title: "Công an xã lắng nghe ý kiến Nhân dân",
      heldOn: today(),
      place: "Hội trường UBND xã",
      invitees: "Trưởng thôn, Mặt trận Tổ quốc, Đoàn thanh niên",
      attendance: 310,
    });
    expect(f.status).toBe(201);
    expect(f.body.status).toBe("held");
    const o = await call(t.app, officerA, "POST", `${M}/forums/${f.body.id}/opinions`, {
      kind: "security_feedback",
      content: "Đề nghị tăng cường tuần tra tuyến Quốc lộ 28 vào ban đêm.",
      citizenName: "Y Bih",
    });
    expect(o.status).toBe(201);
    expect(o.body.submission.id).toBeGreaterThan(0);
    expect(o.body.submission.code).toBeTruthy();
    expect(o.body.submission.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(o.body.submission.overdue).toBe(false);

    const item = await t.db
      .selectFrom("submissions")
      .select(["id", "forum_id", "channel", "kind", "due_on"])
      .where("id", "=", o.body.submission.id)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ forum_id: f.body.id, channel: "forum", kind: "security_feedback" });

    const page = await call(t.app, officerA, "GET", `${M}/forums/${f.body.id}`);
    expect(page.body.opinions).toHaveLength(1);
    expect(page.body.opinions[0].submission.statusLabel.vi).toBeTruthy();

    const doc = await t.app.inject({
      method: "GET",
      url: `${M}/forums/${f.body.id}/report.docx`,
      headers: { cookie: officerA.cookie },
    });
    expect(doc.statusCode).toBe(200);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("Đề nghị tăng cường tuần tra tuyến Quốc lộ 28 vào ban đêm.");
    expect(text).not.toContain("Y Bih");

    const [v] = await evaluate(t.db, {
      codes: ["movement.forums.opinions_linked"],
      groups: [{ key: "a", root: await pathOf(p.communeA) }],
      from: today(),
      to: "2100-01-01",
    });
    expect(v.value).toBe(1);
  });
});

describe("weapon surrender receipt", () => {
  it("keeps anonymous hand-ins anonymous and prints the receipt", async () => {
    const w = await call(t.app, officerA, "POST", `${M}/weapons`, {
      unitId: p.communeA,
      surrenderedOn: "2022-08-19",
      place: "Nhà văn hóa bon",
      anonymous: true,
      surrenderedBy: "should be dropped",
      storageRef: "Kho số 1",
      items: [
        { category: "detonator_gun", quantity: 1 },
        { category: "homemade_gun", quantity: 10 },
      ],
    });
    expect(w.status).toBe(201);
    expect(w.body).toMatchObject({
      anonymous: true,
      surrenderedBy: null,
      totalItems: 11,
      receiptNo: "01/BB-2022",
    });
    const doc = await t.app.inject({
      method: "GET",
      url: `${M}/weapons/${w.body.id}/receipt.docx`,
      headers: { cookie: officerA.cookie },
    });
    const text = await docxText(doc.rawPayload);
    expect(text).toContain("BIÊN BẢN");
    expect(text).toContain("Súng kíp");
    expect(text).toContain("ẩn danh");
  });
});

describe("import: template, row-by-row errors, all or nothing", () => {
  it("stores nothing when one row is bad, and everything when all are good", async () => {
    const tpl = await t.app.inject({
      method: "GET",
      url: `${M}/import/pledges/template.xlsx`,
      headers: { cookie: officerA.cookie },
    });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as never);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe("Mã đơn vị");

    const [area2] = await insertUnits(t.db, [
      {
        parentId: p.communeA,
        kind: "area",
        adminType: "village",
        name: `Thôn 2 ${p.suffix}`,
        placeName: `Thôn 2 ${p.suffix}`,
      },
    ]);
    const code = `T-${p.suffix}-A`;
    const header = ["Mã đơn vị", "Khu dân cư", "Năm", "Số hộ", "Số hộ ký cam kết"];
    const bad = await xlsx([
      header,
      [code, `Thôn 2 ${p.suffix}`, 2025, 150, 140],
      [code, "Không có thôn này", 2025, 100, 90],
      [code, `Thôn 2 ${p.suffix}`, 2024, 100, 120],
    ]);
    const started = await upload(
      officerA,
      `${M}/import/pledges`,
      "cam-ket.xlsx",
      bad,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(started.status).toBe(202);
    const job = await finished(officerA, started.body.jobId);
    expect(job.status).toBe("failed");
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(job.errors[0].messages.vi).toContain("Dòng 3");
    expect(job.errors[0].column).toBe("Khu dân cư");
    const stored = await t.db
      .selectFrom("movement_pledges")
      .select("id")
      .where("unit_id", "=", area2)
      .execute();
    expect(stored).toHaveLength(0);

    const good = await xlsx([
      header,
      [code, `Thôn 2 ${p.suffix}`, 2025, 150, 140],
      [code, "", 2025, 400, 390],
    ]);
    const again = await upload(
      officerA,
      `${M}/import/pledges`,
      "cam-ket.xlsx",
      good,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const done = await finished(officerA, again.body.jobId);
    expect(done).toMatchObject({ status: "done", created: 2, total: 2 });
    const list = await call(t.app, officerA, "GET", `${M}/pledges?year=2025`);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.totals[0]).toMatchObject({ households: 550, householdsSigned: 530 });

    // another user cannot read the job
    expect((await call(t.app, officerB, "GET", `${M}/import/jobs/${again.body.jobId}`)).status).toBe(404);
  });
});

describe("catalogue held as data", () => {
  it("lets an administrator add an activity kind with its result form, which registers indicators", async () => {
    const code = `drill_${randomBytes(3).toString("hex")}`;
    const denied = await call(t.app, staff, "POST", `${M}/activity-kinds`, {
      code,
      name: "x",
      nameEn: "x",
      resultFields: [],
    });
    expect(denied.status).toBe(403);
    const k = await call(t.app, admin, "POST", `${M}/activity-kinds`, {
      code,
      name: "Diễn tập phòng cháy",
      nameEn: "Fire drill",
      resultFields: [
        { key: "attendance", label: { vi: "Số người", en: "People" }, type: "int", min: 0 },
        {
          key: "extinguishersChecked",
          label: { vi: "Số bình chữa cháy kiểm tra", en: "Extinguishers checked" },
          type: "int",
          required: true,
        },
      ],
    });
    expect(k.status).toBe(201);
    const codes = (await call(t.app, staff, "GET", "/api/v1/indicators")).body.items.map(
      (i: { code: string }) => i.code,
    );
    expect(codes).toContain(`movement.activities.${code}.count`);
    expect(codes).toContain("movement.results.extinguishers_checked");
    const a = await call(t.app, officerA, "POST", `${M}/activities`, {
      unitId: p.communeA,
      kind: code,
      occurredOn: "2024-09-09",
      title: "Diễn tập",
      results: { extinguishersChecked: 12, attendance: 40 },
    });
    expect(a.status).toBe(201);
    const [v] = await evaluate(t.db, {
      codes: ["movement.results.extinguishers_checked"],
      groups: [{ key: "a", root: await pathOf(p.communeA) }],
      from: "2024-01-01",
      to: "2025-01-01",
    });
    expect(v.value).toBe(12);
  });
});
