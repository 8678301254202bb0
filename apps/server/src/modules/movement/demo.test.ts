import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate, type Group } from "../../platform/indicators/registry.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { loadMovementDemo } from "./demo.ts";

/*
 * The figures of DOMAIN.md ("Figures quoted in the articles") as the indicator registry returns them on the
 * demo data: on the units of the time (lineage "historical") and on today's units (lineage "current").
 */
let t: TestContext;
beforeAll(async () => {
  t = await testContext();
  await loadMovementDemo(t.db); // idempotent: a database whose demo predates this loader gets it too
});
afterAll(() => t?.close());

async function group(code: string): Promise<Group> {
  const { rows } = await sql<{
    id: number;
    path: string;
  }>`select id, path::text as path from org_units where code = ${code}`.execute(t.db);
  return { key: code, root: rows[0].path };
}

async function values(
  unitCode: string,
  codes: string[],
  from: string,
  toInclusive: string,
  lineage: "current" | "historical",
) {
  const to = new Date(Date.parse(`${toInclusive}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const out = await evaluate(t.db, { codes, groups: [await group(unitCode)], from, to, lineage });
  return Object.fromEntries(out.map((v) => [v.code, v.value]));
}

describe("Quảng Trị 2016–2019", () => {
  const codes = [
    "movement.activities.peak_campaign.count",
    "movement.results.residential_points",
    "movement.activities.peak_campaign.participants",
    "movement.pledges.households_signed",
    "movement.results.households_signed",
    "movement.weapons.guns",
    "movement.forums.count",
  ];
  const expected = {
    "movement.activities.peak_campaign.count": 9, // "hơn 8 đợt cao điểm"
    "movement.results.residential_points": 245, // "hơn 240 điểm dân cư"
    "movement.activities.peak_campaign.participants": 6720, // "hơn 6.700 lượt người"
    "movement.pledges.households_signed": 16290, // "gần 16.300 hộ gia đình"
    "movement.results.households_signed": 16290,
    "movement.weapons.guns": 101, // "101 khẩu súng các loại"
    "movement.forums.count": 22, // "hơn 20 diễn đàn"
  };
  it("on the old province (historical lineage)", async () => {
    expect(await values("old-45", codes, "2016-01-01", "2019-12-31", "historical")).toEqual(expected);
  });
  it("on today's Quảng Trị (current lineage: old Quảng Trị and old Quảng Bình merged into it)", async () => {
    expect(await values("44", codes, "2016-01-01", "2019-12-31", "current")).toEqual(expected);
  });
  it("today's province without lineage has none of it", async () => {
    const v = await values("44", ["movement.weapons.guns"], "2016-01-01", "2019-12-31", "historical");
    expect(v["movement.weapons.guns"]).toBe(0);
  });
});

describe("Xã Đắk Nia, round 1 of 2022 (1/7–30/9)", () => {
  const codes = [
    "movement.activities.patrol.count",
    "movement.activities.road_corridor.count",
    "movement.results.traffic_points_fixed",
    "movement.results.fights_resolved",
    "movement.activities.festival_day.count",
    "movement.activities.festival_day.participants",
    "movement.forums.count",
    "movement.forums.attendance",
    "movement.weapons.detonator_guns",
    "movement.weapons.homemade_guns",
    "movement.activities.village_meeting.count",
    "movement.activities.charity.count",
  ];
  const expected = {
    "movement.activities.patrol.count": 22,
    "movement.activities.road_corridor.count": 6,
    "movement.results.traffic_points_fixed": 2,
    "movement.results.fights_resolved": 5,
    "movement.activities.festival_day.count": 1,
    "movement.activities.festival_day.participants": 310,
    "movement.forums.count": 1,
    "movement.forums.attendance": 310,
    "movement.weapons.detonator_guns": 1,
    "movement.weapons.homemade_guns": 10,
    "movement.activities.village_meeting.count": 20,
    "movement.activities.charity.count": 1,
  };
  it("on the old commune and on today's Phường Đông Gia Nghĩa", async () => {
    expect(await values("old-24628", codes, "2022-07-01", "2022-09-30", "historical")).toEqual(expected);
    expect(await values("24617", codes, "2022-07-01", "2022-09-30", "current")).toEqual(expected);
  });
});

describe("Phường 5, Trà Vinh, 2024", () => {
  it("has 4 crime-prevention models, one launched in 2024", async () => {
    const codes = ["movement.models.count", "movement.models.new", "movement.models.security_camera.count"];
    const want = {
      "movement.models.count": 4,
      "movement.models.new": 1,
      "movement.models.security_camera.count": 1,
    };
    expect(await values("old-29248", codes, "2024-01-01", "2024-12-31", "historical")).toEqual(want);
    expect(await values("29398", codes, "2024-01-01", "2024-12-31", "current")).toEqual(want);
    const last = await values(
      "old-29248",
      ["movement.models.count"],
      "2023-01-01",
      "2023-12-31",
      "historical",
    );
    expect(last["movement.models.count"]).toBe(3);
  });
});

describe("Huyện Lệ Thủy", () => {
  it("has 66 models at the end of 2018, the Vĩnh Linh cluster counted once over both provinces", async () => {
    const v = await values(
      "old-44-huyen-le-thuy",
      ["movement.models.count", "movement.models.border_cluster.count"],
      "2018-01-01",
      "2018-12-31",
      "historical",
    );
    expect(v["movement.models.count"]).toBe(66);
    expect(v["movement.models.border_cluster.count"]).toBe(2);
    // old Quảng Bình and old Quảng Trị together: the Lệ Thủy – Vĩnh Linh cluster once
    const both = await evaluate(t.db, {
      codes: ["movement.models.border_cluster.count"],
      groups: [
        { key: "both", root: (await group("old-44")).root },
        { key: "both", root: (await group("old-45")).root },
      ],
      from: "2018-01-01",
      to: "2019-01-01",
      lineage: "historical",
    });
    expect(both[0].value).toBe(2);
    const vinhLinh = await values(
      "old-45-huyen-vinh-linh",
      ["movement.models.border_cluster.count"],
      "2018-01-01",
      "2018-12-31",
      "historical",
    );
    expect(vinhLinh["movement.models.border_cluster.count"]).toBe(1);
  });
});
