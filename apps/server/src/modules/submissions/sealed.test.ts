import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppDeps, buildApp, type ZodApp } from "../../app.ts";
import { readConfig } from "../../config.ts";
import { connect, type Database } from "../../db/client.ts";
import { makeThrottle } from "../../platform/auth/throttle.ts";
import { makeVault } from "../../platform/vault/vault.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { solveChallenge } from "./secrets.ts";

/*
 * The sealed identity: a planted informant name and phone number appear in no API response without a
 * reveal, in no export or document, in no log line and in no plain-text database column.
 */
process.env.DANVAN_POW_BITS = "4";

const PLANTED = `Hoàng Thị Niêm Phong ${randomBytes(3).toString("hex")}`;
const PHONE = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const ID_NUMBER = `0${String(Math.floor(Math.random() * 1e11)).padStart(11, "0")}`;
const ADDRESS = `Số ${randomBytes(2).toString("hex")} đường Bí Mật`;
const SECRETS = [PLANTED, PHONE, ID_NUMBER, ADDRESS];

let app: ZodApp;
let database: Database;
let p: TestProvince;
let officer: TestUser;
let chief: TestUser;
let auditor: TestUser;
const logLines: string[] = [];

beforeAll(async () => {
  const kind = inject("databaseKind");
  database = await connect(inject("databaseUrl"), kind, kind === "embedded" ? 1 : 4);
  const deps: AppDeps = {
    config: { ...readConfig({}), dataDir: "/nonexistent", logLevel: "debug" },
    database,
    db: database.db,
    vault: makeVault(randomBytes(32)),
    throttle: makeThrottle(randomBytes(32)),
    jobsIntervalMs: 0,
  };
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await buildApp(deps, { logger: true, logStream });
  await app.ready();
  p = await makeProvince(database.db);
  officer = await makeUser(database.db, "commune_officer", p.communeA);
  chief = await makeUser(database.db, "commune_chief", p.communeA);
  auditor = await makeUser(database.db, "auditor", p.provinceId);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

describe("sealed informant identity", () => {
  let publicId = 0;
  let intakeId = 0;
  let code = "";

  it("stores an identified submission and an officer intake without the identity in any response", async () => {
    const ch = (await call(app, null, "GET", "/api/v1/public/submissions/challenge")).body;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/public/submissions",
      remoteAddress: "203.0.113.77",
      headers: { "x-challenge-token": ch.token, "x-challenge-solution": solveChallenge(ch.token, ch.bits) },
      payload: {
        kind: "crime_report",
        provinceId: p.provinceId,
        communeId: p.communeA,
        content: "Tôi biết nơi cất giấu hàng cấm ở cuối hẻm, xin giữ bí mật danh tính.",
        anonymous: false,
        identity: { name: PLANTED, phone: PHONE, idNumber: ID_NUMBER, address: ADDRESS },
        wantsProtection: true,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(leaks(res.payload)).toEqual([]);
    code = res.json().receiptCode;
    publicId = Number(res.json().ref.split("-")[2]);
    const intake = await call(app, officer, "POST", "/api/v1/submissions", {
      kind: "denunciation",
      channel: "walk_in",
      unitId: p.communeA,
      content: "Tố cáo cán bộ xã nhận tiền khi làm thủ tục đất đai.",
      anonymous: false,
      identity: { name: PLANTED, phone: PHONE, idNumber: ID_NUMBER, address: ADDRESS },
    });
    expect(intake.status).toBe(201);
    expect(leaks(JSON.stringify(intake.body))).toEqual([]);
    intakeId = intake.body.id;
  });

  it("is absent from lists, search, details, counts, notifications, the public view, exports and documents", async () => {
    const texts: string[] = [];
    for (const url of [
      "/api/v1/submissions",
      `/api/v1/submissions?q=${encodeURIComponent(PLANTED)}`,
      `/api/v1/submissions?q=${PHONE}`,
      `/api/v1/submissions/${publicId}`,
      `/api/v1/submissions/${intakeId}`,
      "/api/v1/submissions/counts",
      "/api/v1/submissions/notifications",
      `/api/v1/submissions/${publicId}/assignees`,
    ]) {
      const res = await call(app, chief, "GET", url);
      expect(res.status).toBe(200);
      texts.push(res.raw.payload);
    }
    const search = await call(app, chief, "GET", `/api/v1/submissions?q=${encodeURIComponent(PLANTED)}`);
    expect(search.body.items).toEqual([]);
    const detail = await call(app, chief, "GET", `/api/v1/submissions/${publicId}`);
    expect(detail.body.hasIdentity).toBe(true);
    expect(detail.body.abilities.revealIdentity).toBe(true);
    const view = await app.inject({
      method: "GET",
      url: "/api/v1/public/submissions/receipt",
      headers: { "x-receipt-code": code },
    });
    texts.push(view.payload);
    for (const t of texts) expect(leaks(t)).toEqual([]);

    const xlsx = await app.inject({
      method: "GET",
      url: "/api/v1/submissions/export.xlsx",
      headers: { cookie: chief.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const docx = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${intakeId}/receipt.docx`,
      headers: { cookie: chief.cookie },
    });
    expect(docx.statusCode).toBe(200);
    for (const file of [xlsx.rawPayload, docx.rawPayload]) {
      const zip = await JSZip.loadAsync(file);
      let all = "";
      for (const name of Object.keys(zip.files)) all += await zip.files[name].async("string");
      expect(all.length).toBeGreaterThan(100);
      expect(leaks(all)).toEqual([]);
    }
    const xlsxText = await JSZip.loadAsync(xlsx.rawPayload).then((z) =>
      z.file("xl/sharedStrings.xml")!.async("string"),
    );
    expect(xlsxText).toContain("Tôi biết nơi cất giấu hàng cấm");
  });

  it("is revealed only by an allowed role with a reason, and each reveal is listed for leadership and auditors", async () => {
    const denied = await call(app, officer, "POST", `/api/v1/submissions/${publicId}/reveal-identity`, {
      reason: "Cần liên hệ người tố giác để xác minh",
    });
    expect(denied.status).toBe(403);
    const noReason = await call(app, chief, "POST", `/api/v1/submissions/${publicId}/reveal-identity`, {
      reason: "",
    });
    expect(noReason.status).toBe(400);
    const revealed = await call(app, chief, "POST", `/api/v1/submissions/${publicId}/reveal-identity`, {
      reason: "Cần liên hệ người tố giác để xác minh địa điểm",
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body.identity).toEqual({
      name: PLANTED,
      phone: PHONE,
      idNumber: ID_NUMBER,
      address: ADDRESS,
    });
    for (const user of [chief, auditor]) {
      const list = await call(app, user, "GET", "/api/v1/submissions/identity-reveals");
      expect(list.status).toBe(200);
      const entry = list.body.items.find((i: { submissionId: number }) => i.submissionId === publicId);
      expect(entry.actor.id).toBe(chief.id);
      expect(entry.reason).toBe("Cần liên hệ người tố giác để xác minh địa điểm");
      expect(leaks(list.raw.payload)).toEqual([]);
    }
    const officerList = await call(app, officer, "GET", "/api/v1/submissions/identity-reveals");
    expect(officerList.body.items).toEqual([]);
  });

  it("leaves no trace in the logs", () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join("\n");
    expect(leaks(all)).toEqual([]);
    expect(all).not.toContain(code);
    expect(all).not.toContain("203.0.113.77");
  });

  it("is in no plain-text column of any table", async () => {
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name = 'citext')`.execute(
      database.db,
    );
    expect(columns.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const secret of SECRETS) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
          where ${sql.ref(column_name)}::text like ${`%${secret}%`}`.execute(database.db);
        if (Number(rows[0].n) > 0) found.push(`${table_name}.${column_name}`);
      }
    }
    expect(found).toEqual([]);
    const sealed = await database.db
      .selectFrom("submissions")
      .select("identity_sealed")
      .where("id", "=", publicId)
      .executeTakeFirstOrThrow();
    expect(sealed.identity_sealed).toMatch(/^v1\./);
  });
});
