import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "../../db/client.ts";
import { insertUnits, type NewUnit, refreshSuccessors } from "./repo-write.ts";

const referenceDir = fileURLToPath(new URL("../../db/reference/", import.meta.url));

interface Units2025 {
  provinces: { code: string; name: string; type: string }[];
  communes: { code: string; name: string; type: string; provinceCode: string }[];
}
interface History {
  units: {
    code: string;
    name: string;
    type: string;
    parentCode: string | null;
    validFrom: string;
    validTo: string;
    /** districts: the day district-level police ended (2025-02-28), before the district itself */
    policeValidTo?: string;
    /** districts: "Huyện Lệ Thủy", "Quận Ba Đình", "Thành phố Gia Nghĩa", "Thị xã ..." */
    fullName?: string;
  }[];
  events: { date: string; kind: string; fromCode: string; toCode: string; share?: number }[];
}

const POLICE_PREFIX: Record<string, string> = {
  province: "Công an tỉnh",
  city: "Công an thành phố",
  ward: "Công an phường",
  commune: "Công an xã",
  special_zone: "Công an đặc khu",
  township: "Công an thị trấn",
  district: "Công an huyện",
  town: "Công an thị xã",
  district_city: "Công an thành phố",
  urban_district: "Công an quận",
};

export const policeName = (type: string, place: string) => `${POLICE_PREFIX[type] ?? "Công an"} ${place}`;

/**
 * A pre-2025 district's police name from its full administrative name: the type "district" covers both
 * quận and huyện, which only `fullName` tells apart ("Quận Ba Đình" → "Công an quận Ba Đình").
 */
function historicalName(u: History["units"][number]): { name: string; adminType: string } {
  if (u.fullName?.endsWith(u.name) && u.fullName.length > u.name.length) {
    const label = u.fullName.slice(0, u.fullName.length - u.name.length).trim();
    const adminType = u.type === "district" && label === "Quận" ? "urban_district" : u.type;
    return { name: `Công an ${label.toLocaleLowerCase("vi")} ${u.name}`, adminType };
  }
  return { name: policeName(u.type, u.name), adminType: u.type };
}

const LEVEL: Record<string, NewUnit["kind"]> = {
  province: "province",
  city: "province",
  district: "district",
  town: "district",
  district_city: "district",
  urban_district: "district",
  ward: "commune",
  commune: "commune",
  township: "commune",
  special_zone: "commune",
};

/*
 * .1 first load; .2 names former districts by their own type (quận/huyện/thị xã/thành phố), ends district
 * police on 2025-02-28, and lets a district's `closed` event lead to the province that took it over.
 */
export const REFERENCE_VERSION = "2025-07-01.2";

/** Loads the Ministry, today's 34 provinces and 3,321 communes, and the pre-2025 units with lineage. */
export async function loadReferenceUnits(db: Db): Promise<{ loaded: boolean; units: number }> {
  const done = await db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "reference.version")
    .executeTakeFirst();
  if (done) {
    if (done.value === "2025-07-01.1") await upgradeFrom1(db);
    return { loaded: false, units: 0 };
  }
  const units: Units2025 = JSON.parse(readFileSync(`${referenceDir}units-2025.json`, "utf8"));
  const historyFile = `${referenceDir}history.json`;
  const history: History | null = existsSync(historyFile)
    ? JSON.parse(readFileSync(historyFile, "utf8"))
    : null;

  return db.transaction().execute(async (trx) => {
    const rows: NewUnit[] = [
      {
        ref: "BCA",
        kind: "ministry",
        code: "BCA",
        name: "Bộ Công an",
        placeName: "Bộ Công an",
        adminType: "ministry",
      },
    ];
    for (const p of units.provinces) {
      rows.push({
        ref: p.code,
        parentRef: "BCA",
        kind: "province",
        adminType: p.type,
        code: p.code,
        name: policeName(p.type, p.name),
        placeName: p.name,
        validFrom: "2025-07-01",
      });
    }
    for (const c of units.communes) {
      rows.push({
        ref: c.code,
        parentRef: c.provinceCode,
        kind: "commune",
        adminType: c.type,
        code: c.code,
        name: policeName(c.type, c.name),
        placeName: c.name,
        validFrom: "2025-07-01",
      });
    }
    if (history) {
      for (const u of history.units) {
        const { name, adminType } = historicalName(u);
        rows.push({
          ref: u.code,
          parentRef: u.parentCode ?? "BCA",
          kind: LEVEL[u.type] ?? "commune",
          adminType,
          code: u.code,
          name,
          placeName: u.name,
          validFrom: u.validFrom,
          // these are police units: district police ended on 1 March 2025, before the districts did
          validTo: u.policeValidTo ?? u.validTo,
        });
      }
    }
    const ids = await insertUnits(trx, rows);
    const idOf = new Map(rows.map((r, i) => [r.ref!, ids[i]]));
    if (history?.events.length) {
      const events = history.events
        .filter((e) => idOf.has(e.fromCode) && idOf.has(e.toCode))
        .map((e) => ({
          kind: e.kind as "merged_into",
          effective_on: e.date,
          from_unit_id: idOf.get(e.fromCode)!,
          to_unit_id: idOf.get(e.toCode)!,
          share: e.share ?? null,
          decision_ref: "Nghị quyết 202/2025/QH15; nghị quyết sắp xếp ĐVHC cấp xã năm 2025",
        }));
      for (let i = 0; i < events.length; i += 2000)
        await trx
          .insertInto("org_unit_events")
          .values(events.slice(i, i + 2000))
          .execute();
    }
    await refreshSuccessors(trx);
    await trx
      .insertInto("app_settings")
      .values({ key: "reference.version", value: JSON.stringify(REFERENCE_VERSION) })
      .execute();
    return { loaded: true, units: rows.length };
  });
}

/** Brings a database loaded with version .1 to the current version (names and dates of former districts). */
async function upgradeFrom1(db: Db): Promise<void> {
  const historyFile = `${referenceDir}history.json`;
  if (!existsSync(historyFile)) return;
  const history: History = JSON.parse(readFileSync(historyFile, "utf8"));
  const changes = history.units
    .filter((u) => u.fullName || u.policeValidTo)
    .map((u) => ({ code: u.code, ...historicalName(u), validTo: u.policeValidTo ?? u.validTo }));
  await db.transaction().execute(async (trx) => {
    const values = JSON.stringify(changes);
    await sql`update org_units u set name = x.name, admin_type = x."adminType", valid_to = x."validTo"
      from jsonb_to_recordset(${values}::jsonb) as x(code text, name text, "adminType" text, "validTo" date)
      where u.code = x.code`.execute(trx);
    await sql`update org_unit_names n set name = u.name, valid_to = u.valid_to
      from org_units u join jsonb_to_recordset(${values}::jsonb) as x(code text) on x.code = u.code
      where n.unit_id = u.id`.execute(trx);
    await refreshSuccessors(trx);
    await trx
      .updateTable("app_settings")
      .set({ value: JSON.stringify(REFERENCE_VERSION), updated_at: sql<string>`now()` })
      .where("key", "=", "reference.version")
      .execute();
  });
}
