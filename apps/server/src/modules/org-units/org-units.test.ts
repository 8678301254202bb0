import { viSortKey } from "@danvan/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeFor, unitInScope } from "../../platform/authz/scope.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { actorOf, call, makeProvince, makeUser, type TestUser } from "../../test/factories.ts";

let t: TestContext;
let ministryId: number;
let admin: TestUser;
beforeAll(async () => {
  t = await testContext();
  ministryId = Number(
    (await t.db.selectFrom("org_units").select("id").where("code", "=", "BCA").executeTakeFirstOrThrow()).id,
  );
  admin = await makeUser(t.db, "sysadmin", ministryId);
});
afterAll(() => t.close());

const P = "/api/v1/org-units";

async function unitByCode(code: string) {
  const row = await t.db
    .selectFrom("org_units")
    .select(["id", "name", "place_name"])
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return { ...row, id: Number(row.id) };
}

describe("reference data", () => {
  it("holds today's 34 provinces and 3,321 commune-level units, and the Ministry at the root", async () => {
    const { rows } = await sql<{ provinces: number; communes: number }>`select
      (select count(*) from org_units where kind = 'province' and valid_to is null and code ~ '^[0-9]{2}$')::int as provinces,
      (select count(*) from org_units where kind = 'commune' and valid_to is null and code ~ '^[0-9]{5}$')::int as communes`.execute(
      t.db,
    );
    expect(rows[0]).toEqual({ provinces: 34, communes: 3321 });

    const roots = await call(t.app, admin, "GET", `${P}/roots`);
    expect(roots.status).toBe(200);
    expect(roots.body.items.map((u: { name: string }) => u.name)).toEqual(["Bộ Công an"]);
  });

  it("names former districts by their own type (quận, huyện, thành phố) and closes district police on 28/02/2025", async () => {
    const giaNghia = await unitByCode("old-67-thanh-pho-gia-nghia");
    expect(giaNghia.name).toBe("Công an thành phố Gia Nghĩa");
    const leThuy = await t.db
      .selectFrom("org_units")
      .select(["name", "valid_to"])
      .where("code", "=", "old-44-huyen-le-thuy")
      .executeTakeFirstOrThrow();
    expect(leThuy).toEqual({ name: "Công an huyện Lệ Thủy", valid_to: "2025-02-28" });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from org_units
      where code like 'old-01-quan-%' and name like 'Công an quận %'`.execute(t.db);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe("tree", () => {
  it("lists children in Vietnamese order (Đ after D, before E)", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    for (const name of ["Ea Tling", "Đắk Mil", "Dương Xuân", "Bon Bu Prăng", "Zê Rốp", "Ân Thịnh"]) {
      const res = await call(t.app, staff, "POST", P, {
        parentId: p.communeA,
        kind: "area",
        adminType: "village",
        name: `Thôn ${name}`,
        placeName: name,
        validFrom: "2025-07-01",
      });
      expect(res.status).toBe(201);
    }
    const res = await call(t.app, staff, "GET", `${P}/${p.communeA}/children`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { placeName: string }) => u.placeName)).toEqual([
      "Ân Thịnh",
      "Bon Bu Prăng",
      "Dương Xuân",
      "Đắk Mil",
      "Ea Tling",
      `Thôn 1 ${p.suffix}`,
      "Zê Rốp",
    ]);
    expect(res.body.items[0]).toMatchObject({ kind: "area", hasChildren: false, childCount: 0 });
    expect(res.body.items[0].abilities).toMatchObject({ update: true, rename: true, close: true });

    const province = await call(t.app, staff, "GET", `${P}/${p.provinceId}/children`);
    expect(province.body.items.map((u: { id: number }) => u.id)).toEqual([p.communeB, p.communeA]);
    expect(province.body.items[1]).toMatchObject({ childCount: 7, hasChildren: true });
  });

  it("orders the communes of a real province the same way as the Vietnamese sort key", async () => {
    const lamDong = await unitByCode("68");
    const res = await call(t.app, admin, "GET", `${P}/${lamDong.id}/children`);
    const names: string[] = res.body.items.map((u: { placeName: string }) => u.placeName);
    expect(names.length).toBeGreaterThan(100);
    expect(names).toEqual([...names].sort((a, b) => (viSortKey(a) < viSortKey(b) ? -1 : 1)));
    const firstD = names.findIndex((n) => n.startsWith("Đ"));
    const lastPlainD = names.findLastIndex((n) => n.startsWith("D"));
    const firstE = names.findIndex((n) => n.startsWith("E"));
    expect(lastPlainD).toBeLessThan(firstD);
    if (firstE >= 0) expect(firstD).toBeLessThan(firstE);
  });
});

describe("API description", () => {
  it("publishes the org-units routes in the OpenAPI document", async () => {
    const res = await call(t.app, null, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([`${P}/search`, `${P}/{id}/children`, `${P}/merge`, `${P}/import/{jobId}`]),
    );
  });
});

describe("search", () => {
  it('finds "Đắk Nia" for "dak nia" (closed units only when asked), with its ancestors', async () => {
    const open = await call(t.app, admin, "GET", `${P}/search?q=dak%20nia`);
    expect(open.status).toBe(200);
    expect(open.body.items.some((u: { placeName: string }) => u.placeName === "Đắk Nia")).toBe(false);

    const all = await call(t.app, admin, "GET", `${P}/search?q=dak%20nia&includeClosed=true`);
    const hit = all.body.items[0];
    expect(hit).toMatchObject({ name: "Công an xã Đắk Nia", placeName: "Đắk Nia", validTo: "2025-06-30" });
    expect(hit.ancestors.map((a: { name: string }) => a.name)).toEqual([
      "Bộ Công an",
      "Công an tỉnh Đắk Nông (cũ)",
      "Công an thành phố Gia Nghĩa (cũ)",
    ]);
  });

  it("ranks exact and prefix matches first and matches the police name too", async () => {
    const res = await call(t.app, admin, "GET", `${P}/search?q=lam%20dong&kind=province`);
    expect(res.body.items[0]).toMatchObject({ name: "Công an tỉnh Lâm Đồng", validTo: null });
    const byPolice = await call(
      t.app,
      admin,
      "GET",
      `${P}/search?q=${encodeURIComponent("công an phường đông gia")}`,
    );
    expect(byPolice.body.items.map((u: { placeName: string }) => u.placeName)).toContain("Đông Gia Nghĩa");
    const wildcard = await call(t.app, admin, "GET", `${P}/search?q=%25`);
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.items).toEqual([]);
  });
});

describe("scope", () => {
  it("shows a commune officer nothing of the sibling commune through any org-units route", async () => {
    const p = await makeProvince(t.db);
    const officer = await makeUser(t.db, "commune_officer", p.communeA);
    const chief = await makeUser(t.db, "commune_chief", p.communeA);

    const roots = await call(t.app, officer, "GET", `${P}/roots`);
    expect(roots.body.items.map((u: { id: number }) => u.id)).toEqual([p.communeA]);
    const search = await call(
      t.app,
      officer,
      "GET",
      `${P}/search?q=${encodeURIComponent(`Bên Cạnh ${p.suffix}`)}`,
    );
    expect(search.body.items).toEqual([]);
    const own = await call(
      t.app,
      officer,
      "GET",
      `${P}/search?q=${encodeURIComponent(`dak thu ${p.suffix}`)}`,
    );
    expect(own.body.items.map((u: { id: number }) => u.id)).toEqual([p.communeA]);

    for (const user of [officer, chief]) {
      for (const id of [p.communeB, p.areaB1, p.provinceId]) {
        const reads = [
          await call(t.app, user, "GET", `${P}/${id}`),
          await call(t.app, user, "GET", `${P}/${id}/children`),
          await call(t.app, user, "GET", `${P}/${id}/as-of?date=2024-01-01`),
          await call(t.app, user, "GET", `${P}/${id}/current`),
        ];
        for (const r of reads) expect(r.status).toBe(404);
        const writes = [
          await call(t.app, user, "PATCH", `${P}/${id}`, { isRemote: true }),
          await call(t.app, user, "POST", `${P}/${id}/rename`, {
            name: "X",
            placeName: "X",
            effectiveOn: "2025-08-01",
          }),
          await call(t.app, user, "POST", `${P}/${id}/close`, { effectiveOn: "2025-08-01" }),
          await call(t.app, user, "POST", `${P}/${id}/move`, {
            newParentId: p.communeA,
            effectiveOn: "2025-08-01",
          }),
          await call(t.app, user, "POST", `${P}/${id}/split`, {
            into: [{ name: "X", placeName: "X", adminType: "commune" }],
            effectiveOn: "2025-08-01",
          }),
          await call(t.app, user, "POST", `${P}/merge`, {
            fromIds: [id],
            into: { existingId: p.communeA },
            effectiveOn: "2025-08-01",
          }),
          await call(t.app, user, "POST", P, {
            parentId: id,
            kind: "area",
            adminType: "village",
            name: "Thôn lạ",
            placeName: "Thôn lạ",
            validFrom: "2025-08-01",
          }),
        ];
        for (const r of writes) expect(r.status).toBe(404);
      }
    }
    const b = await t.db
      .selectFrom("org_units")
      .selectAll()
      .where("id", "=", p.communeB)
      .executeTakeFirstOrThrow();
    expect(b).toMatchObject({
      valid_to: null,
      is_remote: false,
      name: `Công an phường Bên Cạnh ${p.suffix}`,
    });

    // within its own commune the officer reads, the chief also adds residential areas, neither renames
    expect((await call(t.app, officer, "GET", `${P}/${p.communeA}`)).status).toBe(200);
    const area = {
      parentId: p.communeA,
      kind: "area",
      adminType: "bon",
      name: "Bon Mới",
      placeName: "Bon Mới",
      validFrom: "2025-08-01",
    };
    expect((await call(t.app, officer, "POST", P, area)).status).toBe(403);
    expect((await call(t.app, chief, "POST", P, area)).status).toBe(201);
    const rename = await call(t.app, chief, "POST", `${P}/${p.communeA}/rename`, {
      name: "X",
      placeName: "X",
      effectiveOn: "2025-08-01",
    });
    expect(rename.status).toBe(403);
  });
});

describe("dated hierarchy", () => {
  it("keeps the name history: as-of views before and after a rename", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const oldName = `Công an xã Đắk Thử ${p.suffix}`;
    const res = await call(t.app, staff, "POST", `${P}/${p.communeA}/rename`, {
      name: `Công an xã Tân Thử ${p.suffix}`,
      placeName: `Tân Thử ${p.suffix}`,
      effectiveOn: "2024-01-01",
      decisionRef: "Nghị quyết 1/2023",
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(`Công an xã Tân Thử ${p.suffix}`);

    const before = await call(t.app, staff, "GET", `${P}/${p.communeA}/as-of?date=2023-06-30`);
    expect(before.body.unit).toMatchObject({ name: oldName, existed: true });
    expect(before.body.ancestors.map((a: { id: number }) => a.id)).toEqual([ministryId, p.provinceId]);
    const after = await call(t.app, staff, "GET", `${P}/${p.communeA}/as-of?date=2024-06-30`);
    expect(after.body.unit.name).toBe(`Công an xã Tân Thử ${p.suffix}`);
    const ancient = await call(t.app, staff, "GET", `${P}/${p.communeA}/as-of?date=2019-01-01`);
    expect(ancient.body.unit.existed).toBe(false);

    const children2023 = await call(t.app, staff, "GET", `${P}/${p.provinceId}/children?asOf=2023-06-30`);
    expect(children2023.body.items.map((u: { name: string }) => u.name)).toContain(oldName);

    const detail = await call(t.app, staff, "GET", `${P}/${p.communeA}`);
    expect(detail.body.names).toEqual([
      { name: oldName, placeName: `Đắk Thử ${p.suffix}`, validFrom: "2020-01-01", validTo: "2023-12-31" },
      {
        name: `Công an xã Tân Thử ${p.suffix}`,
        placeName: `Tân Thử ${p.suffix}`,
        validFrom: "2024-01-01",
        validTo: null,
      },
    ]);
    expect(detail.body.events).toMatchObject([
      { kind: "renamed", effectiveOn: "2024-01-01", decisionRef: "Nghị quyết 1/2023" },
    ]);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_id", "=", String(p.communeA))
      .execute();
    expect(audit).toEqual([{ action: "orgUnit.renamed", actor_id: staff.id }]);

    const early = await call(t.app, staff, "POST", `${P}/${p.communeA}/rename`, {
      name: "X",
      placeName: "X",
      effectiveOn: "2023-01-01",
    });
    expect(early.status).toBe(400);
    const future = await call(t.app, staff, "POST", `${P}/${p.communeA}/rename`, {
      name: "X",
      placeName: "X",
      effectiveOn: "2999-01-01",
    });
    expect(future.body.code).toBe("effective_in_future");
  });

  it("merges communes into a new one: sources close the day before, areas follow, lineage leads to today's unit", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const res = await call(t.app, staff, "POST", `${P}/merge`, {
      fromIds: [p.communeA, p.communeB],
      into: {
        newUnit: {
          name: `Công an phường Hợp Nhất ${p.suffix}`,
          placeName: `Hợp Nhất ${p.suffix}`,
          adminType: "ward",
        },
      },
      effectiveOn: "2025-07-01",
      decisionRef: "Nghị quyết 1654/NQ-UBTVQH15",
    });
    expect(res.status).toBe(200);
    const [target, a, b] = res.body.units;
    expect(target).toMatchObject({ kind: "commune", validFrom: "2025-07-01", validTo: null, childCount: 2 });
    expect(a).toMatchObject({ id: p.communeA, validTo: "2025-06-30" });
    expect(b).toMatchObject({ id: p.communeB, validTo: "2025-06-30" });

    const current = await call(t.app, staff, "GET", `${P}/${p.communeA}/current`);
    expect(current.body.items).toEqual([
      { id: target.id, name: `Công an phường Hợp Nhất ${p.suffix}`, share: 1 },
    ]);
    const areaNow = await call(t.app, staff, "GET", `${P}/${p.areaA1}/as-of?date=2026-01-01`);
    expect(areaNow.body.ancestors.at(-1).id).toBe(target.id);
    const areaThen = await call(t.app, staff, "GET", `${P}/${p.areaA1}/as-of?date=2025-06-30`);
    expect(areaThen.body.ancestors.at(-1).id).toBe(p.communeA);

    const detail = await call(t.app, staff, "GET", `${P}/${target.id}`);
    expect(detail.body.predecessors.map((x: { id: number }) => x.id).sort()).toEqual(
      [p.communeA, p.communeB].sort(),
    );
    expect(detail.body.counts).toMatchObject({ children: 2, areas: 2 });
    const aDetail = await call(t.app, staff, "GET", `${P}/${p.communeA}`);
    expect(aDetail.body.successors).toEqual([{ id: target.id, name: target.name, share: 1 }]);
    expect(aDetail.body.events.find((e: { kind: string }) => e.kind === "merged_into")).toMatchObject({
      effectiveOn: "2025-07-01",
      to: { id: target.id },
    });

    // the new unit's officer sees the history of the communes merged into it
    const officer = await makeUser(t.db, "commune_officer", target.id);
    expect((await call(t.app, officer, "GET", `${P}/${p.communeB}`)).status).toBe(200);
    const closedAgain = await call(t.app, staff, "POST", `${P}/${p.communeA}/close`, {
      effectiveOn: "2025-08-01",
    });
    expect(closedAgain.status).toBe(409);
  });

  it("merges into an existing unit and splits a unit with shares", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const merged = await call(t.app, staff, "POST", `${P}/merge`, {
      fromIds: [p.communeB],
      into: { existingId: p.communeA },
      effectiveOn: "2025-07-01",
    });
    expect(merged.status).toBe(200);
    expect((await call(t.app, staff, "GET", `${P}/${p.communeB}/current`)).body.items).toMatchObject([
      { id: p.communeA, share: 1 },
    ]);

    const split = await call(t.app, staff, "POST", `${P}/${p.communeA}/split`, {
      into: [
        {
          name: `Công an xã Bắc ${p.suffix}`,
          placeName: `Bắc ${p.suffix}`,
          adminType: "commune",
          share: 0.6,
        },
        {
          name: `Công an xã Nam ${p.suffix}`,
          placeName: `Nam ${p.suffix}`,
          adminType: "commune",
          share: 0.4,
        },
      ],
      effectiveOn: "2026-01-01",
    });
    expect(split.status).toBe(200);
    const [north, south, source] = split.body.units;
    expect(source).toMatchObject({ id: p.communeA, validTo: "2025-12-31" });
    const nowA = await call(t.app, staff, "GET", `${P}/${p.communeA}/current`);
    expect(nowA.body.items.sort((x: { share: number }, y: { share: number }) => y.share - x.share)).toEqual([
      { id: north.id, name: north.name, share: 0.6 },
      { id: south.id, name: south.name, share: 0.4 },
    ]);
    // B merged into A, A split: B lives on in both
    const nowB = await call(t.app, staff, "GET", `${P}/${p.communeB}/current`);
    expect(nowB.body.items.map((x: { id: number }) => x.id).sort()).toEqual([north.id, south.id].sort());
    const events = (await call(t.app, staff, "GET", `${P}/${p.communeA}`)).body.events;
    expect(events.filter((e: { kind: string }) => e.kind === "split_from")).toHaveLength(2);

    const onDate = await call(t.app, staff, "GET", `${P}/${p.provinceId}/children?asOf=2025-12-31`);
    expect(onDate.body.items.map((u: { id: number }) => u.id)).toEqual([p.communeA]);
    const withClosed = await call(t.app, staff, "GET", `${P}/${p.provinceId}/children?includeClosed=true`);
    expect(withClosed.body.items).toHaveLength(4);
  });

  it("moves a subtree: paths are rewritten, the parent history answers as-of queries", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const dept = async (parentId: number, name: string) =>
      (
        await call(t.app, staff, "POST", P, {
          parentId,
          kind: "department",
          adminType: "department",
          name,
          placeName: name,
          validFrom: "2025-01-01",
        })
      ).body.id as number;
    const d1 = await dept(p.provinceId, `Phòng Một ${p.suffix}`);
    const d2 = await dept(d1, `Đội Hai ${p.suffix}`);
    const d3 = await dept(p.provinceId, `Phòng Ba ${p.suffix}`);
    const res = await call(t.app, staff, "POST", `${P}/${d1}/move`, {
      newParentId: d3,
      effectiveOn: "2025-09-01",
    });
    expect(res.status).toBe(200);
    const { rows } = await sql<{ id: number; path: string; parent_id: number }>`
      select id, path::text as path, parent_id from org_units where id in (${d1}, ${d2}, ${d3}) order by id`.execute(
      t.db,
    );
    const [r1, r2, r3] = rows;
    expect(Number(r1.parent_id)).toBe(d3);
    expect(r1.path).toBe(`${r3.path}.${d1}`);
    expect(r2.path).toBe(`${r3.path}.${d1}.${d2}`);
    const then = await call(t.app, staff, "GET", `${P}/${d2}/as-of?date=2025-08-31`);
    expect(then.body.ancestors.map((a: { id: number }) => a.id)).toEqual([ministryId, p.provinceId, d1]);
    const now = await call(t.app, staff, "GET", `${P}/${d2}/as-of?date=2025-09-01`);
    expect(now.body.ancestors.map((a: { id: number }) => a.id)).toEqual([ministryId, p.provinceId, d3, d1]);
    const province = (date: string) =>
      call(t.app, staff, "GET", `${P}/${p.provinceId}/children?asOf=${date}&kind=department`);
    expect((await province("2025-08-31")).body.items.map((u: { id: number }) => u.id)).toEqual([d3, d1]);
    expect((await province("2025-09-01")).body.items.map((u: { id: number }) => u.id)).toEqual([d3]);
    const intoSelf = await call(t.app, staff, "POST", `${P}/${d3}/move`, {
      newParentId: d2,
      effectiveOn: "2025-10-01",
    });
    expect(intoSelf.status).toBe(400);
  });

  it("closes a unit without open children and refuses one with them", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    expect(
      (await call(t.app, staff, "POST", `${P}/${p.communeA}/close`, { effectiveOn: "2025-07-01" })).status,
    ).toBe(409);
    const closed = await call(t.app, staff, "POST", `${P}/${p.areaA1}/close`, {
      effectiveOn: "2025-07-01",
      note: "giải thể",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ validTo: "2025-06-30", abilities: { rename: false } });
    const children = await call(t.app, staff, "GET", `${P}/${p.communeA}/children`);
    expect(children.body.items).toEqual([]);
  });
});

describe("roll-up through lineage (no records needed)", () => {
  it("puts a 2022 unit of former Đắk Nông in today's Lâm Đồng and in a Lâm Đồng staff member's scope", async () => {
    const dakNia = await unitByCode("old-24628");
    const lamDong = await unitByCode("68");
    const staff = await makeUser(t.db, "province_staff", lamDong.id);

    const in2022 = await call(t.app, staff, "GET", `${P}/${dakNia.id}/as-of?date=2022-07-01`);
    expect(in2022.status).toBe(200);
    expect(in2022.body.unit).toMatchObject({ name: "Công an xã Đắk Nia", existed: true });
    expect(in2022.body.ancestors.map((a: { name: string }) => a.name)).toEqual([
      "Bộ Công an",
      "Công an tỉnh Đắk Nông",
      "Công an thành phố Gia Nghĩa",
    ]);

    const current = await call(t.app, staff, "GET", `${P}/${dakNia.id}/current`);
    expect(current.body.items).toEqual([
      { id: (await unitByCode("24617")).id, name: "Công an phường Đông Gia Nghĩa", share: 1 },
    ]);
    const ward = await call(t.app, staff, "GET", `${P}/${current.body.items[0].id}`);
    expect(ward.body.ancestors.map((a: { id: number }) => a.id)).toEqual([ministryId, lamDong.id]);

    const scope = await scopeFor(t.db, await actorOf(t.db, staff, lamDong.id), "orgUnit.read");
    const { rows } = await sql<{
      ok: boolean;
    }>`select ${unitInScope(sql`${dakNia.id}::bigint`, scope)} as ok`.execute(t.db);
    expect(rows[0].ok).toBe(true);

    // and a staff member of another province does not see it
    const other = await makeUser(t.db, "province_staff", (await unitByCode("44")).id);
    const otherScope = await scopeFor(
      t.db,
      await actorOf(t.db, other, (await unitByCode("44")).id),
      "orgUnit.read",
    );
    const { rows: no } = await sql<{
      ok: boolean;
    }>`select ${unitInScope(sql`${dakNia.id}::bigint`, otherScope)} as ok`.execute(t.db);
    expect(no[0].ok).toBe(false);
    expect((await call(t.app, other, "GET", `${P}/${dakNia.id}`)).status).toBe(404);
  });

  it("counts units through the indicator registry, by today's units or by those of the time", async () => {
    const lamDong = await unitByCode("68");
    const staff = await makeUser(t.db, "province_staff", lamDong.id);
    const evaluate = (from: string, to: string, lineage: string) =>
      call(t.app, staff, "POST", "/api/v1/indicators/evaluate", {
        codes: ["org.units.communes"],
        unitId: lamDong.id,
        from,
        to,
        lineage,
      });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from org_units
      where parent_id = ${lamDong.id} and kind = 'commune' and valid_to is null`.execute(t.db);
    const now = await evaluate("2026-01-01", "2026-03-31", "current");
    expect(now.status).toBe(200);
    expect(now.body.values[0].value).toBe(rows[0].n);
    // in 2024 the territory of today's Lâm Đồng had the communes of three former provinces
    const y2024 = await evaluate("2024-01-01", "2024-12-31", "current");
    const { rows: old } = await sql<{ n: number }>`select count(*)::int as n from org_units
      where kind = 'commune' and (code like 'old-%') and path <@ (select array_agg(path) from org_units
        where code in ('old-67', 'old-60', 'old-68'))`.execute(t.db);
    expect(y2024.body.values[0].value).toBeGreaterThan(100);
    expect(y2024.body.values[0].value).toBeLessThanOrEqual(old[0].n);
    const historical = await evaluate("2024-01-01", "2024-12-31", "historical");
    expect(historical.body.values[0].value).toBe(0);
  });

  it("counts residential areas and departments of a province", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    await call(t.app, staff, "POST", P, {
      parentId: p.provinceId,
      kind: "department",
      adminType: "department",
      name: "Phòng Xây dựng phong trào",
      placeName: "Phòng Xây dựng phong trào",
      validFrom: "2025-01-01",
    });
    const res = await call(t.app, staff, "POST", "/api/v1/indicators/evaluate", {
      codes: ["org.units.areas", "org.units.departments", "org.units.communes"],
      unitId: p.provinceId,
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(res.body.values.map((v: { code: string; value: number }) => [v.code, v.value])).toEqual([
      ["org.units.areas", 2],
      ["org.units.departments", 1],
      ["org.units.communes", 2],
    ]);
  });
});

describe("hostile input", () => {
  it("stores SQL and HTML in names verbatim and returns them as data", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const names = [`<script>alert("x")</script><img src=x onerror=alert(1)>`, `'); drop table org_units; --`];
    for (const name of names) {
      const res = await call(t.app, staff, "POST", P, {
        parentId: p.communeA,
        kind: "area",
        adminType: "village",
        name,
        placeName: name,
        validFrom: "2025-07-01",
      });
      expect(res.status).toBe(201);
      expect(res.headers["content-type"]).toContain("application/json");
      const back = await call(t.app, staff, "GET", `${P}/${res.body.id}`);
      expect(back.body.unit.name).toBe(name);
      expect(back.headers["x-content-type-options"]).toBe("nosniff");
    }
    const search = await call(t.app, staff, "GET", `${P}/search?q=${encodeURIComponent("drop table")}`);
    expect(search.body.items.map((u: { name: string }) => u.name)).toEqual([names[1]]);
    expect((await t.db.selectFrom("org_units").select("id").limit(1).execute()).length).toBe(1);

    const bad = await call(t.app, staff, "POST", P, {
      parentId: p.communeA,
      kind: "area",
      adminType: "village",
      name: "x".repeat(201),
      placeName: "x",
      validFrom: "2025-07-01",
    });
    expect(bad.status).toBe(400);
    const unknown = await call(t.app, staff, "POST", P, {
      parentId: p.communeA,
      kind: "area",
      adminType: "village",
      name: "x",
      placeName: "x",
      validFrom: "2025-07-01",
      path: "1",
    });
    expect(unknown.body.code).toBe("validation_failed");
  });
});
