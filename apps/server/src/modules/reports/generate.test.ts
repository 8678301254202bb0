import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../platform/documents/docx-text.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";

let ctx: TestContext;
let p: TestProvince;
let admin: TestUser;
let staff: TestUser;
let chiefA: TestUser;
let officerA: TestUser;
let templateId: number;
const s = Math.random().toString(36).slice(2, 8);
const ids: Record<string, number> = {};

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db, "Báo cáo");
  admin = await makeUser(ctx.db, "sysadmin", p.provinceId);
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
  chiefA = await makeUser(ctx.db, "commune_chief", p.communeA, { fullName: "Trần Văn Bình" });
  officerA = await makeUser(ctx.db, "commune_officer", p.communeA);
  for (const [code, name, unit] of [
    ["cases", "Số vụ phạm pháp hình sự", "vụ"],
    ["suspects", "Số đối tượng", "đối tượng"],
  ]) {
    const r = await call(ctx.app, admin, "POST", "/api/v1/figures/definitions", {
      code: `${code}_${s}`,
      name,
      nameEn: name,
      unitLabel: unit,
      unitLabelEn: unit,
      periodType: "year",
    });
    ids[code] = r.body.id;
  }
  const enter = (unitId: number, year: number, cases: number, suspects: number) =>
    call(ctx.app, admin, "PUT", "/api/v1/figures/entry", {
      unitId,
      periodType: "year",
      periodStart: `${year}-01-01`,
      values: [
        { definitionId: ids.cases, value: cases },
        { definitionId: ids.suspects, value: suspects },
      ],
    });
  // Ward 5, Trà Vinh, 2024: 5 cases / 9 suspects, down 2 / 3 on 2023
  expect((await enter(p.communeA, 2023, 7, 12)).status).toBe(200);
  expect((await enter(p.communeA, 2024, 5, 9)).status).toBe(200);
  expect((await enter(p.communeB, 2024, 1, 1)).status).toBe(200);
  const c = `figures.cases_${s}`;
  const su = `figures.suspects_${s}`;
  const t = await call(ctx.app, admin, "POST", "/api/v1/reports/templates", {
    name: `Báo cáo năm ${s}`,
    title: "Kết quả công tác đảm bảo an ninh, trật tự {period.label}",
    symbol: "BC-CA",
    sections: [
      { kind: "heading", text: "I. TÌNH HÌNH TỘI PHẠM" },
      {
        kind: "paragraph",
        text: `Trong {period.label}, trên địa bàn xảy ra {${c}} vụ, {${su}} đối tượng, {${c}.diff_words}, {${su}.diff_words} so với năm {period.last_year}.`,
      },
      { kind: "table", caption: "Bảng 1. Số liệu theo đơn vị", codes: [c, su] },
      { kind: "contained_reports" },
    ],
    recipients: ["Công an tỉnh (PV05)"],
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  templateId = t.body.id;
});
afterAll(async () => ctx?.close());

describe("official reports", () => {
  it("only an administrator edits templates", async () => {
    const r = await call(ctx.app, staff, "POST", "/api/v1/reports/templates", {
      name: "x",
      title: "x",
      symbol: "BC",
      sections: [],
      recipients: [],
    });
    expect(r.status).toBe(403);
  });

  it("generates a commune's DOCX stating the article's sentence, and files it as version 1", async () => {
    const r = await call(ctx.app, chiefA, "POST", "/api/v1/reports/generate", {
      templateId,
      unitId: p.communeA,
      period: "2024",
      number: "12",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.version).toBe(1);
    const file = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${r.body.id}/file/docx`,
      headers: { cookie: chiefA.cookie },
    });
    expect(file.statusCode).toBe(200);
    const text = await docxText(file.rawPayload);
    expect(text).toContain(
      "trên địa bàn xảy ra 5 vụ, 9 đối tượng, giảm 02 vụ, giảm 03 đối tượng so với năm 2023.",
    );
    expect(text).toContain(`CÔNG AN XÃ ĐẮK THỬ ${p.suffix.toUpperCase()}`);
    expect(text).toContain("Số: 12/BC-CA");
    expect(text).toContain("Kết quả công tác đảm bảo an ninh, trật tự năm 2024");
    expect(text).toContain("Trần Văn Bình");
    expect(text).toContain("Nơi nhận:");
  });

  it("a province report is computed over its communes and lists the commune reports it contains", async () => {
    const r = await call(ctx.app, staff, "POST", "/api/v1/reports/generate", {
      templateId,
      unitId: p.provinceId,
      period: "2024",
    });
    expect(r.status).toBe(201);
    expect(r.body.contained).toBe(1);
    const file = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${r.body.id}/file/docx`,
      headers: { cookie: staff.cookie },
    });
    const text = await docxText(file.rawPayload);
    expect(text).toContain("xảy ra 6 vụ, 10 đối tượng");
    expect(text).toContain(
      `Công an xã Đắk Thử ${p.suffix}: Kết quả công tác đảm bảo an ninh, trật tự năm 2024 (bản 1).`,
    );
    expect(text).toContain(`Công an phường Bên Cạnh ${p.suffix}`);
    const xlsx = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${r.body.id}/file/xlsx`,
      headers: { cookie: staff.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
  });

  it("a filed report keeps its figures; regenerating after a correction makes a new version", async () => {
    const before = await call(ctx.app, chiefA, "GET", `/api/v1/reports/versions?unitId=${p.communeA}`);
    const v1 = before.body.items.find((i: { unit: { id: number } }) => i.unit.id === p.communeA);
    await call(ctx.app, admin, "PUT", "/api/v1/figures/entry", {
      unitId: p.communeA,
      periodType: "year",
      periodStart: "2024-01-01",
      values: [{ definitionId: ids.suspects, value: 10 }],
    });
    const old = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${v1.id}/file/docx`,
      headers: { cookie: chiefA.cookie },
    });
    expect(await docxText(old.rawPayload)).toContain("5 vụ, 9 đối tượng");
    const r = await call(ctx.app, chiefA, "POST", "/api/v1/reports/generate", {
      templateId,
      unitId: p.communeA,
      period: "2024",
    });
    expect(r.body.version).toBe(2);
    const fresh = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${r.body.id}/file/docx`,
      headers: { cookie: chiefA.cookie },
    });
    expect(await docxText(fresh.rawPayload)).toContain("5 vụ, 10 đối tượng");
  });

  it("the built-in template states the unit's figures in prose, with last year's in words, and a table by commune", async () => {
    // three activities in 2024 (two in commune A, one in B), one in 2023, recorded by the communes' officers
    const officerB = await makeUser(ctx.db, "commune_officer", p.communeB);
    for (const [unitId, on, attendance] of [
      [p.communeA, "2024-03-05", 120],
      [p.communeA, "2024-05-10", 80],
      [p.communeB, "2024-06-01", 45],
      [p.communeA, "2023-04-02", 30],
    ] as const) {
      const a = await call(
        ctx.app,
        unitId === p.communeA ? officerA : officerB,
        "POST",
        "/api/v1/movement/activities",
        {
          unitId,
          kind: "propaganda",
          occurredOn: on,
          title: "Tuyên truyền phòng, chống lừa đảo qua mạng",
          results: { attendance },
        },
      );
      expect(a.status, JSON.stringify(a.body)).toBe(201);
    }
    const builtIn = await ctx.db
      .selectFrom("report_templates")
      .select("id")
      .where("name", "=", "Báo cáo kết quả phong trào Toàn dân bảo vệ ANTQ")
      .executeTakeFirstOrThrow();
    const r = await call(ctx.app, staff, "POST", "/api/v1/reports/generate", {
      templateId: builtIn.id,
      unitId: p.provinceId,
      period: "2024",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const file = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/versions/${r.body.id}/file/docx`,
      headers: { cookie: staff.cookie },
    });
    const text = (await docxText(file.rawPayload)).replace(/\s+/g, " ");
    const province = await ctx.db
      .selectFrom("org_units")
      .select("name")
      .where("id", "=", p.provinceId)
      .executeTakeFirstOrThrow();
    expect(text).toContain(
      `Trong năm 2024, ${province.name} đã tổ chức 3 hoạt động tuyên truyền, vận động quần chúng nhân dân (tăng 02 hoạt động so với cùng kỳ), thu hút 245 lượt người tham gia`,
    );
    expect(text).toContain("Bảng 1. Kết quả theo đơn vị");
    expect(text).toContain("Tổng số hoạt động (hoạt động)");
    expect(text).toContain("Tổng số hoạt động: 3 hoạt động, tăng 02 hoạt động so với năm 2023");
    expect(text).toContain("Đến cuối kỳ có 0 mô hình đang duy trì (không thay đổi so với cùng kỳ)");
    expect(text).not.toMatch(/\{[a-z_.]+\}/); // every placeholder was filled
  });

  it("a commune cannot generate or download a neighbour's report (404)", async () => {
    const mine = await call(ctx.app, chiefA, "GET", `/api/v1/reports/versions?unitId=${p.communeA}`);
    expect(mine.status).toBe(200);
    expect(
      (
        await call(ctx.app, chiefA, "POST", "/api/v1/reports/generate", {
          templateId,
          unitId: p.communeB,
          period: "2024",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(ctx.app, officerA, "POST", "/api/v1/reports/generate", {
          templateId,
          unitId: p.communeA,
          period: "2024",
        })
      ).status,
    ).toBe(404);
    const prov = await call(ctx.app, staff, "GET", `/api/v1/reports/versions?unitId=${p.provinceId}`);
    const provinceReport = prov.body.items.find((i: { unit: { id: number } }) => i.unit.id === p.provinceId);
    expect(
      (await call(ctx.app, chiefA, "GET", `/api/v1/reports/versions/${provinceReport.id}/file/docx`)).status,
    ).toBe(404);
    expect(
      (await call(ctx.app, chiefA, "GET", `/api/v1/reports/versions?unitId=${p.provinceId}`)).status,
    ).toBe(404);
  });
});
