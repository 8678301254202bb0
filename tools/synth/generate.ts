/**
 * The synthetic national data set (issue 5, "Speed at national scale"): residential areas for the real
 * communes already in org_units, five years of activities, citizen-channel items, models with members,
 * listening forums with opinions, household pledges, weapon surrenders and entered figures, with
 * realistic skew (commune size), seasonality (Tết, the 19 August festival day, peak campaigns) and kinds
 * in plausible proportions.
 *
 * Deterministic: every commune draws from its own stream keyed by the seed and the commune's code, so a
 * province generated alone is identical to the same province generated with the whole country (the
 * embedded check compares the two). Each province is written in one transaction and marked in
 * app_settings ('synth.<province code>'); a province already loaded with the same parameters is skipped.
 */
import { viSortKey } from "@danvan/shared";
import {
  ACTIVITY_KINDS,
  CHANNELS,
  FESTIVAL,
  FIGURES,
  type FigureSpec,
  MODEL_NAMES,
  MODEL_TYPES,
  MODELS_PER_COMMUNE,
  OUTCOMES,
  personName,
  RULES,
  SUBMISSION_KINDS,
  SUBMISSION_TEXTS,
  SUBMISSIONS_PER_YEAR,
  WEAPON_CATEGORIES,
  YEAR_FACTOR,
} from "./catalog.ts";
import { cumulative, Rng } from "./random.ts";
import { type Column, drawIds, type Queryable, type Sink } from "./writer.ts";

export const GENERATOR_VERSION = 1;

export interface SynthOptions {
  seed: number;
  /** 1 = full national volume; 0.001 = tiny */
  scale: number;
  /** the first N open provinces by code (default: all) */
  provinces?: number;
  /** or exactly these province units (tests use their own province) */
  provinceIds?: number[];
  firstYear?: number;
  years?: number;
  /** prefix of the figure definition codes (default 'synth_') */
  figurePrefix?: string;
  log?: (message: string) => void;
}

export interface SynthSummary {
  provinces: { code: string; name: string; skipped: boolean; seconds: number }[];
  rows: Record<string, number>;
  firstYear: number;
  years: number;
}

interface Unit {
  id: number;
  code: string;
  name: string;
  place: string;
  path: string;
  adminType: string | null;
  isRemote: boolean;
}

interface Area {
  id: number;
  name: string;
  households: number;
}

// ---------------------------------------------------------------- columns (order = row order)

const C = {
  org_units: [
    ["id", "bigint"],
    ["parent_id", "bigint"],
    ["path", "ltree"],
    ["kind", "text"],
    ["admin_type", "text"],
    ["name", "text"],
    ["place_name", "text"],
    ["sort_key", "text"],
    ["province_id", "bigint"],
    ["is_remote", "boolean"],
  ],
  org_unit_names: [
    ["unit_id", "bigint"],
    ["name", "text"],
    ["place_name", "text"],
    ["valid_from", "date"],
  ],
  org_unit_successors: [
    ["unit_id", "bigint"],
    ["current_unit_id", "bigint"],
  ],
  movement_models: [
    ["id", "bigint"],
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["type_id", "bigint"],
    ["name", "text"],
    ["status", "text"],
    ["launched_on", "date"],
    ["ended_on", "date"],
    ["founding_decision", "text"],
    ["partners", "jsonb"],
    ["replicated_from_id", "bigint"],
    ["coordinator_name", "text"],
    ["coordinator_phone", "text"],
    ["camera_points", "int"],
    ["created_at", "timestamptz"],
  ],
  movement_model_units: [
    ["model_id", "bigint"],
    ["unit_id", "bigint"],
  ],
  movement_model_members: [
    ["model_id", "bigint"],
    ["full_name", "text"],
    ["role", "text"],
    ["phone", "text"],
    ["address", "text"],
    ["joined_on", "date"],
    ["left_on", "date"],
  ],
  movement_model_reviews: [
    ["model_id", "bigint"],
    ["kind", "text"],
    ["reviewed_on", "date"],
    ["rating", "text"],
    ["findings", "text"],
  ],
  movement_model_recognitions: [
    ["model_id", "bigint"],
    ["kind", "text"],
    ["level", "text"],
    ["decision_ref", "text"],
    ["recognised_on", "date"],
  ],
  movement_camera_consents: [
    ["model_id", "bigint"],
    ["owner_name", "text"],
    ["cameras", "int"],
    ["confirmed_on", "date"],
  ],
  movement_activities: [
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["area_id", "bigint"],
    ["kind_id", "bigint"],
    ["kind", "text"],
    ["occurred_on", "date"],
    ["starts_at", "time"],
    ["ends_at", "time"],
    ["title", "text"],
    ["organiser", "text"],
    ["partners", "jsonb"],
    ["model_id", "bigint"],
    ["participants", "int"],
    ["results", "jsonb"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ],
  movement_forums: [
    ["id", "bigint"],
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["area_id", "bigint"],
    ["title", "text"],
    ["held_on", "date"],
    ["starts_at", "time"],
    ["place", "text"],
    ["chair", "text"],
    ["status", "text"],
    ["attendance", "int"],
    ["created_at", "timestamptz"],
  ],
  movement_forum_opinions: [
    ["forum_id", "bigint"],
    ["seq", "int"],
    ["kind", "text"],
    ["content", "text"],
    ["submission_id", "bigint"],
  ],
  submissions: [
    ["id", "bigint"],
    ["kind", "text"],
    ["channel", "text"],
    ["status", "text"],
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["place_unit_id", "bigint"],
    ["area_id", "bigint"],
    ["occurred_on", "date"],
    ["content", "text"],
    ["received_at", "timestamptz"],
    ["received_on", "date"],
    ["code_hash", "text"],
    ["anonymous", "boolean"],
    ["forum_id", "bigint"],
    ["rule_code", "text"],
    ["clock_started_on", "date"],
    ["is_complex", "boolean"],
    ["is_remote", "boolean"],
    ["due_on", "date"],
    ["paused", "boolean"],
    ["closed_at", "timestamptz"],
    ["closed_on", "date"],
    ["closed_on_time", "boolean"],
    ["outcome", "text"],
    ["rating", "smallint"],
    ["rated_at", "timestamptz"],
    ["transferred_at", "timestamptz"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ],
  movement_pledges: [
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["year", "int"],
    ["households", "int"],
    ["households_signed", "int"],
  ],
  movement_weapon_surrenders: [
    ["id", "bigint"],
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["area_id", "bigint"],
    ["surrendered_on", "date"],
    ["place", "text"],
    ["surrendered_by", "text"],
    ["receiving_officer_name", "text"],
    ["storage_ref", "text"],
    ["receipt_no", "text"],
  ],
  movement_weapon_items: [
    ["surrender_id", "bigint"],
    ["category", "text"],
    ["quantity", "int"],
  ],
  figure_values: [
    ["definition_id", "bigint"],
    ["unit_id", "bigint"],
    ["province_id", "bigint"],
    ["period_start", "date"],
    ["period_end", "date"],
    ["value", "numeric"],
    ["entered_at", "timestamptz"],
  ],
} satisfies Record<string, readonly Column[]>;

// ---------------------------------------------------------------- calendar

interface Calendar {
  iso: string[];
  month: Uint8Array;
  weekday: Uint8Array;
  year: Uint16Array;
  first: number;
  last: string;
}

function calendar(firstYear: number, years: number): Calendar {
  const iso: string[] = [];
  const month: number[] = [];
  const weekday: number[] = [];
  const year: number[] = [];
  for (let t = Date.UTC(firstYear, 0, 1); t < Date.UTC(firstYear + years, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    iso.push(d.toISOString().slice(0, 10));
    month.push(d.getUTCMonth());
    weekday.push(d.getUTCDay());
    year.push(d.getUTCFullYear());
  }
  return {
    iso,
    month: Uint8Array.from(month),
    weekday: Uint8Array.from(weekday),
    year: Uint16Array.from(year),
    first: firstYear,
    last: iso[iso.length - 1],
  };
}

const dayMs = 86_400_000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, "0");
const at = (iso: string, hour: number, minute = 0) => `${iso}T${pad(hour)}:${pad(minute)}:00+07:00`;
const fill = (template: string, area: string, commune: string) =>
  template.replace("{area}", area).replace("{commune}", commune);
const weighted = <T>(r: Rng, items: [T, number][]) => {
  let x = r.next() * items.reduce((s, i) => s + i[1], 0);
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
};

const PARTNERS = [
  "Ủy ban Mặt trận Tổ quốc xã",
  "Hội Phụ nữ",
  "Hội Cựu chiến binh",
  "Đoàn Thanh niên",
  "Hội Nông dân",
  "Ban công tác Mặt trận thôn",
  "Nhà trường",
  "Giáo xứ",
  "Chùa",
];

// ---------------------------------------------------------------- figure definitions

/** The figures at this scale: all at scale 1, fewer below (at least one of each period type). */
export function figuresAtScale(scale: number): FigureSpec[] {
  const take = (period: FigureSpec["period"]) => {
    const all = FIGURES.filter((f) => f.period === period);
    return all.slice(0, Math.max(1, Math.min(all.length, Math.round(all.length * scale))));
  };
  return [...take("month"), ...take("quarter"), ...take("year")];
}

async function ensureFigureDefinitions(client: Queryable, specs: FigureSpec[], prefix: string) {
  const ids = new Map<string, number>();
  for (const [i, f] of specs.entries()) {
    const { rows } = await client.query<{ id: string }>(
      `insert into figure_definitions (code, name, name_en, unit_label, unit_label_en, period_type, nature, group_name, sort, description)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (code) do update set code = excluded.code returning id`,
      [
        `${prefix}${f.code}`,
        f.name,
        f.nameEn,
        f.unit,
        f.unitEn,
        f.period,
        f.nature,
        "Số liệu tổng hợp (dữ liệu mô phỏng)",
        1000 + i,
        "Dữ liệu mô phỏng do tools/synth sinh ra.",
      ],
    );
    ids.set(f.code, Number(rows[0].id));
  }
  for (const f of specs) {
    if (!f.atLeast || !ids.has(f.atLeast)) continue;
    const left = ids.get(f.code)!;
    const right = ids.get(f.atLeast)!;
    await client.query(
      `insert into figure_rules (left_id, op, right_id, applies, message, message_en)
       select $1, '>=', $2, 'right_positive', 'Số đối tượng phải lớn hơn hoặc bằng số vụ khi có vụ.', 'Suspects must be at least the cases when there are cases.'
       where not exists (select 1 from figure_rules where left_id = $1 and right_id = $2)`,
      [left, right],
    );
  }
  return ids;
}

// ---------------------------------------------------------------- the generator

class IdBlock {
  private ids: number[] = [];
  constructor(
    private readonly client: Queryable,
    private readonly table: string,
    private readonly block = 2000,
  ) {}
  async next(): Promise<number> {
    if (this.ids.length === 0) this.ids = (await drawIds(this.client, this.table, this.block)).reverse();
    return this.ids.pop()!;
  }
}

export async function generate(sink: Sink, options: SynthOptions): Promise<SynthSummary> {
  const log = options.log ?? (() => {});
  const seed = options.seed;
  const scale = options.scale;
  const firstYear = options.firstYear ?? 2021;
  const years = options.years ?? 5;
  const prefix = options.figurePrefix ?? "synth_";
  const client = sink.client;
  const cal = calendar(firstYear, years);
  const params = { version: GENERATOR_VERSION, seed, scale, firstYear, years, prefix };

  const kindIds = new Map(
    (
      await client.query<{ id: string; code: string }>("select id, code from movement_activity_kinds")
    ).rows.map((r) => [r.code, Number(r.id)]),
  );
  const typeIds = new Map(
    (await client.query<{ id: string; code: string }>("select id, code from movement_model_types")).rows.map(
      (r) => [r.code, Number(r.id)],
    ),
  );
  for (const k of [...ACTIVITY_KINDS.map((k) => k.code), FESTIVAL.code])
    if (!kindIds.has(k)) throw new Error(`activity kind ${k} is missing (migrations not applied?)`);

  const figureSpecs = figuresAtScale(scale);
  const figureIds = await ensureFigureDefinitions(client, figureSpecs, prefix);

  const provinces = options.provinceIds?.length
    ? (
        await client.query<{ id: string; code: string | null; name: string; path: string }>(
          "select id, code, name, path::text as path from org_units where id = any($1::bigint[]) order by code, id",
          [options.provinceIds],
        )
      ).rows
    : (
        await client.query<{ id: string; code: string | null; name: string; path: string }>(
          `select id, code, name, path::text as path from org_units
           where kind = 'province' and valid_to is null and parent_id = (select id from org_units where kind = 'ministry' order by id limit 1)
             and code is not null and code not like 'T-%' order by code limit $1`,
          [options.provinces ?? 1000],
        )
      ).rows;

  // day weights per activity kind (month × weekday × year), and for submissions and weapons
  const dayWeights = (months: number[], week: number[]) =>
    cumulative(
      cal.iso.map(
        (_, i) => months[cal.month[i]] * week[cal.weekday[i]] * YEAR_FACTOR(cal.year[i], firstYear),
      ),
    );
  const kindDays = ACTIVITY_KINDS.map((k) => dayWeights(k.months, k.week));
  const submissionDays = dayWeights(
    [1.1, 0.8, 1, 1, 1, 1, 1.05, 1.05, 1, 1, 1, 1.05],
    [0.7, 1.1, 1.1, 1.1, 1.1, 1.1, 0.8],
  );
  const weaponDays = dayWeights(
    [0.8, 0.7, 1, 1, 1.1, 1.2, 1.3, 1.3, 1, 1, 1, 1.1],
    [0.5, 1, 1, 1, 1, 1, 0.8],
  );
  const dayIndex = new Map(cal.iso.map((d, i) => [d, i]));

  const summary: SynthSummary = { provinces: [], rows: {}, firstYear, years };
  const ids = {
    units: new IdBlock(client, "org_units"),
    models: new IdBlock(client, "movement_models"),
    forums: new IdBlock(client, "movement_forums"),
    submissions: new IdBlock(client, "submissions"),
    surrenders: new IdBlock(client, "movement_weapon_surrenders"),
  };

  for (const p of provinces) {
    const started = performance.now();
    const provinceId = Number(p.id);
    const marker = `synth.${p.code ?? p.id}`;
    const existing = (
      await client.query<{ value: unknown }>("select value from app_settings where key = $1", [marker])
    ).rows[0];
    if (existing) {
      const v = existing.value as typeof params;
      if (
        v.version !== params.version ||
        v.seed !== seed ||
        v.scale !== scale ||
        v.firstYear !== firstYear ||
        v.years !== years
      )
        throw new Error(
          `${p.name} was loaded with other parameters (${JSON.stringify(v)}): use a fresh database for ${JSON.stringify(params)}`,
        );
      summary.provinces.push({ code: p.code ?? String(p.id), name: p.name, skipped: true, seconds: 0 });
      log(`${p.name}: already loaded, skipped`);
      continue;
    }
    const communes: Unit[] = (
      await client.query<{
        id: string;
        code: string | null;
        name: string;
        place_name: string;
        path: string;
        admin_type: string | null;
        is_remote: boolean;
      }>(
        `select id, code, name, place_name, path::text as path, admin_type, is_remote from org_units
         where kind = 'commune' and valid_to is null and path <@ $1::ltree order by code, id`,
        [p.path],
      )
    ).rows.map((r) => ({
      id: Number(r.id),
      code: r.code ?? `${p.code}-${r.id}`,
      name: r.name,
      place: r.place_name,
      path: r.path,
      adminType: r.admin_type,
      isRemote: r.is_remote,
    }));

    await client.query("begin");
    try {
      const provinceModels: { id: number; type: string; launched: string }[] = [];
      for (const [ci, c] of communes.entries()) {
        await generateCommune(c, communes[(ci + 1) % communes.length], provinceId, provinceModels);
      }
      await sink.flush();
      await client.query("insert into app_settings (key, value) values ($1, $2::jsonb)", [
        marker,
        JSON.stringify({ ...params, loadedAt: new Date().toISOString() }),
      ]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    summary.provinces.push({ code: p.code ?? String(p.id), name: p.name, skipped: false, seconds });
    log(`${p.name}: ${communes.length} communes in ${seconds.toFixed(1)} s`);
  }
  summary.rows = Object.fromEntries(sink.counts);
  return summary;

  async function generateCommune(
    c: Unit,
    neighbour: Unit,
    provinceId: number,
    provinceModels: { id: number; type: string; launched: string }[],
  ) {
    const r = new Rng(seed, `commune:${c.code}`);
    const urban = c.adminType === "ward";
    const weight = r.skew(0.6);
    const areaLabel = urban ? "Tổ dân phố" : c.adminType === "special_zone" ? "Khu" : "Thôn";

    // residential areas (structure: not scaled)
    const areas: Area[] = [];
    const nAreas = urban ? r.int(6, 30) : r.int(8, 40);
    for (let i = 1; i <= nAreas; i++) {
      const id = await ids.units.next();
      const place = `${areaLabel} ${i}`;
      const name = `${place}, ${c.place}`;
      areas.push({ id, name, households: r.int(80, 600) });
      await sink.write("org_units", C.org_units, [
        id,
        c.id,
        `${c.path}.${id}`,
        "area",
        urban ? "residential_group" : "village",
        name,
        place,
        viSortKey(place),
        provinceId,
        c.isRemote,
      ]);
      await sink.write("org_unit_names", C.org_unit_names, [id, name, place, "1976-01-01"]);
      await sink.write("org_unit_successors", C.org_unit_successors, [id, id]);
    }
    const areaOf = () => (r.chance(0.75) ? r.pick(areas) : null);

    // models
    const models: { id: number; type: string; launched: string }[] = [];
    // below full scale every commune still keeps one model (the registers and model figures stay non-empty)
    const nModels = Math.max(scale < 1 ? 1 : 0, r.poisson(MODELS_PER_COMMUNE * weight * scale));
    for (let i = 0; i < nModels; i++) {
      const type = weighted(r, MODEL_TYPES);
      const id = await ids.models.next();
      const area = r.pick(areas);
      const launched = r.chance(0.4)
        ? `${r.int(2012, firstYear - 1)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`
        : cal.iso[r.int(0, cal.iso.length - 1)];
      const status = r.chance(0.85) ? "active" : r.chance(0.35) ? "suspended" : "ended";
      const endedOn = status === "ended" ? addDays(launched, r.int(365, 2500)) : null;
      const ended = endedOn && endedOn > cal.last ? null : endedOn;
      const earlier = provinceModels.filter((m) => m.type === type && m.launched < launched);
      const replicatedFrom = earlier.length && r.chance(0.2) ? r.pick(earlier).id : null;
      const coordinator = personName(r);
      await sink.write("movement_models", C.movement_models, [
        id,
        c.id,
        provinceId,
        typeIds.get(type),
        fill(MODEL_NAMES[type], area.name, c.place),
        ended ? "ended" : status === "ended" ? "active" : status,
        launched,
        ended,
        `Quyết định số ${r.int(10, 350)}/QĐ-UBND`,
        [r.pick(PARTNERS), r.pick(PARTNERS)].filter((v, k, a) => a.indexOf(v) === k),
        replicatedFrom,
        coordinator,
        `09${r.int(10_000_000, 99_999_999)}`,
        type === "security_camera" ? r.int(5, 60) : null,
        at(launched, 9),
      ]);
      await sink.write("movement_model_units", C.movement_model_units, [id, c.id]);
      if (type === "border_cluster" && neighbour.id !== c.id)
        await sink.write("movement_model_units", C.movement_model_units, [id, neighbour.id]);
      else if (type !== "retired_police_club" && type !== "reintegration")
        await sink.write("movement_model_units", C.movement_model_units, [id, area.id]);
      const nMembers = r.int(3, 15);
      for (let m = 0; m < nMembers; m++)
        await sink.write("movement_model_members", C.movement_model_members, [
          id,
          m === 0 ? coordinator : personName(r),
          m === 0 ? "Tổ trưởng" : m === 1 ? "Tổ phó" : "Thành viên",
          `09${r.int(10_000_000, 99_999_999)}`,
          area.name,
          launched,
          r.chance(0.05) ? addDays(launched, r.int(100, 1500)) : null,
        ]);
      for (let y = Math.max(firstYear, Number(launched.slice(0, 4)) + 1); y < firstYear + years; y++) {
        if (ended && `${y}` > ended.slice(0, 4)) break;
        if (r.chance(0.6))
          await sink.write("movement_model_reviews", C.movement_model_reviews, [
            id,
            r.chance(0.8) ? "interim" : "final",
            `${y}-${pad(r.int(6, 12))}-${pad(r.int(1, 28))}`,
            r.chance(0.85) ? "effective" : "ineffective",
            "Mô hình duy trì hoạt động, góp phần giữ vững an ninh, trật tự địa bàn.",
          ]);
      }
      if (r.chance(0.04)) {
        const y = r.int(Math.max(firstYear, Number(launched.slice(0, 4))), firstYear + years - 1);
        await sink.write("movement_model_recognitions", C.movement_model_recognitions, [
          id,
          r.chance(0.5) ? "dan_van_kheo" : "typical",
          weighted(r, [
            ["commune", 0.4],
            ["district", 0.2],
            ["province", 0.3],
            ["ministry", 0.1],
          ]),
          `Quyết định số ${r.int(100, 4000)}/QĐ-${r.chance(0.5) ? "UBND" : "CAT"}`,
          `${y}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
        ]);
      }
      if (type === "security_camera") {
        const owners = r.int(2, 10);
        for (let o = 0; o < owners; o++) {
          const owner = personName(r);
          const cameras = r.int(1, 4);
          for (let y = firstYear; y < firstYear + years; y++)
            if (`${y}-12-31` >= launched && r.chance(0.9))
              await sink.write("movement_camera_consents", C.movement_camera_consents, [
                id,
                owner,
                cameras,
                `${y}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
              ]);
        }
      }
      models.push({ id, type, launched });
    }
    provinceModels.push(...models);
    const patrolModels = models.filter((m) => m.type === "people_patrol");

    // activities
    for (const [k, spec] of ACTIVITY_KINDS.entries()) {
      const n = r.poisson(spec.perYear * years * weight * (urban ? spec.urban : 1) * scale);
      for (let i = 0; i < n; i++) {
        const day = cal.iso[r.weighted(kindDays[k])];
        const area = areaOf();
        const results = spec.results(r);
        const model =
          spec.code === "patrol" && patrolModels.length && r.chance(0.4) ? r.pick(patrolModels) : null;
        const startHour = spec.code === "patrol" ? r.int(18, 22) : r.int(7, 15);
        const hours =
          spec.code === "patrol" ? Math.min(5, Math.ceil((results.patrolHours as number) ?? 2)) : r.int(1, 3);
        const title = fill(r.pick(spec.titles), area ? area.name : c.place, c.place);
        if (spec.code === "listening_forum") await forum(c, provinceId, day, area, results, title, r);
        await sink.write("movement_activities", C.movement_activities, [
          c.id,
          provinceId,
          area?.id ?? null,
          kindIds.get(spec.code),
          spec.code,
          day,
          `${pad(startHour)}:00`,
          `${pad(Math.min(23, startHour + hours))}:${startHour + hours > 23 ? "59" : "00"}`,
          title,
          c.name,
          r.chance(0.5) ? [r.pick(PARTNERS)] : [],
          model && model.launched <= day ? model.id : null,
          results.attendance ?? null,
          results,
          at(day, 20, r.int(0, 59)),
          at(day, 20, r.int(0, 59)),
        ]);
      }
    }
    // the festival day: in most residential areas each year, on or around 19 August
    for (const area of areas)
      for (let y = firstYear; y < firstYear + years; y++) {
        // below full scale at least a fifth of the areas keep their festival day (it is one per area and year)
        if (!r.chance(FESTIVAL.share * (scale >= 1 ? 1 : Math.max(scale, 0.2)))) continue;
        const day = r.chance(0.6)
          ? `${y}-08-19`
          : r.chance(0.8)
            ? `${y}-08-${pad(r.int(1, 31))}`
            : `${y}-09-${pad(r.int(3, 20))}`;
        const results = FESTIVAL.results(r);
        await sink.write("movement_activities", C.movement_activities, [
          c.id,
          provinceId,
          area.id,
          kindIds.get(FESTIVAL.code),
          FESTIVAL.code,
          day,
          "07:30",
          "11:00",
          fill(FESTIVAL.titles[0], area.name, c.place),
          c.name,
          ["Ban công tác Mặt trận thôn"],
          null,
          results.attendance,
          results,
          at(day, 16),
          at(day, 16),
        ]);
      }

    // citizen-channel items
    const nItems = r.poisson(SUBMISSIONS_PER_YEAR * years * weight * (urban ? 1.6 : 0.85) * scale);
    for (let i = 0; i < nItems; i++) {
      const kind = weighted(r, SUBMISSION_KINDS);
      await submission(
        c,
        provinceId,
        kind,
        weighted(r, CHANNELS),
        cal.iso[r.weighted(submissionDays)],
        areaOf(),
        null,
        r,
      );
    }

    // household pledges per residential area and year
    for (const area of areas) {
      let rate = 0.7 + r.next() * 0.25;
      let households = area.households;
      for (let y = firstYear; y < firstYear + years; y++) {
        rate = Math.min(1, rate + r.next() * 0.03);
        households = Math.round(households * (1 + r.next() * 0.03));
        if (!r.chance(0.9)) continue;
        await sink.write("movement_pledges", C.movement_pledges, [
          area.id,
          provinceId,
          y,
          households,
          Math.round(households * rate),
        ]);
      }
    }

    // weapon surrenders
    const nSurrenders = r.poisson(1.5 * years * weight * (urban ? 0.6 : 1.3) * scale);
    for (let i = 0; i < nSurrenders; i++) {
      const id = await ids.surrenders.next();
      const day = cal.iso[r.weighted(weaponDays)];
      const area = areaOf();
      await sink.write("movement_weapon_surrenders", C.movement_weapon_surrenders, [
        id,
        c.id,
        provinceId,
        area?.id ?? null,
        day,
        area ? area.name : `Trụ sở ${c.name}`,
        r.chance(0.6) ? null : personName(r),
        personName(r),
        `Kho ${c.name}`,
        `${r.int(1, 99)}/BB-${day.slice(0, 4)}`,
      ]);
      const nItems2 = r.int(1, 3);
      const seen = new Set<string>();
      for (let j = 0; j < nItems2; j++) {
        const [category, , max] =
          WEAPON_CATEGORIES[r.weighted(cumulative(WEAPON_CATEGORIES.map((w) => w[1])))];
        if (seen.has(category)) continue;
        seen.add(category);
        await sink.write("movement_weapon_items", C.movement_weapon_items, [id, category, r.int(1, max)]);
      }
    }

    // entered figures: every figure for every period of the span
    const fr = new Rng(seed, `figures:${c.code}`);
    for (const f of figureSpecs) {
      const defId = figureIds.get(f.code)!;
      const fw = weight * fr.skew(0.3);
      let stock = f.mean * fw;
      const periods =
        f.period === "month"
          ? Array.from(
              { length: years * 12 },
              (_, i) => [firstYear + Math.floor(i / 12), (i % 12) + 1, 1] as const,
            )
          : f.period === "quarter"
            ? Array.from(
                { length: years * 4 },
                (_, i) => [firstYear + Math.floor(i / 4), (i % 4) * 3 + 1, 3] as const,
              )
            : Array.from({ length: years }, (_, i) => [firstYear + i, 1, 12] as const);
      let cases: number[] | undefined;
      if (f.atLeast) cases = lastCases.get(f.atLeast);
      const values: number[] = [];
      for (const [pi, [y, m, len]] of periods.entries()) {
        const start = `${y}-${pad(m)}-01`;
        const endDate = new Date(Date.UTC(y, m - 1 + len, 0)).toISOString().slice(0, 10);
        let value: number;
        if (f.nature === "stock") {
          stock = Math.max(0, stock * (1 + 0.04 * fr.normal()));
          value =
            f.mean < 1
              ? fr.chance(Math.min(1, f.mean + (y - firstYear) * 0.08))
                ? 1
                : 0
              : Math.round(stock);
        } else if (cases) {
          const n = cases[pi] ?? 0;
          value = n === 0 ? 0 : n + fr.poisson(n * 0.4);
        } else {
          const season = f.period === "month" ? [0.9, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1][m - 1] : 1;
          value = fr.poisson(f.mean * fw * season * YEAR_FACTOR(y, firstYear));
        }
        values.push(value);
        await sink.write("figure_values", C.figure_values, [
          defId,
          c.id,
          provinceId,
          start,
          endDate,
          value,
          at(addDays(endDate, fr.int(1, 10)), 10),
        ]);
      }
      lastCases.set(f.code, values);
    }
    lastCases.clear();
  }

  async function forum(
    c: Unit,
    provinceId: number,
    day: string,
    area: Area | null,
    results: Record<string, number>,
    title: string,
    r: Rng,
  ) {
    const id = await ids.forums.next();
    await sink.write("movement_forums", C.movement_forums, [
      id,
      c.id,
      provinceId,
      area?.id ?? null,
      title,
      day,
      "08:00",
      area ? `Nhà văn hóa ${area.name}` : `Hội trường ${c.name}`,
      `Trưởng ${c.name}`,
      "held",
      results.attendance,
      at(day, 17),
    ]);
    const n = Math.min(results.opinionsRecorded ?? 0, r.int(0, 4));
    for (let seq = 1; seq <= n; seq++) {
      const kind = r.chance(0.85) ? "security_feedback" : "conduct_feedback";
      const submissionId = await submission(c, provinceId, kind, "forum", day, area, id, r);
      await sink.write("movement_forum_opinions", C.movement_forum_opinions, [
        id,
        seq,
        kind,
        lastContent,
        submissionId,
      ]);
    }
  }

  async function submission(
    c: Unit,
    provinceId: number,
    kind: string,
    channel: string,
    day: string,
    area: Area | null,
    forumId: number | null,
    r: Rng,
  ): Promise<number> {
    const id = await ids.submissions.next();
    const rule = RULES[kind];
    const hour = channel === "web" ? r.int(0, 23) : r.int(7, 17);
    const receivedAt = at(day, hour, r.int(0, 59));
    const transferred = kind === "crime_report" && r.chance(0.08);
    // conduct feedback goes to the level above the commune; some crime reports go up to the province
    const unitId = kind === "conduct_feedback" || transferred ? provinceId : c.id;
    const isComplex = r.chance(0.1);
    const clockStart = kind === "complaint" || kind === "denunciation" ? addDays(day, r.int(0, 5)) : day;
    const allowed = isComplex ? rule.complexDays : rule.days;
    const due = addDays(clockStart, allowed);
    const age = (Date.parse(cal.last) - Date.parse(day)) / dayMs;
    let status = "in_progress";
    let closedOn: string | null = null;
    let paused = false;
    if (r.chance(age > 120 ? 0.985 : Math.min(0.95, age / 120))) {
      const late = r.chance(0.07);
      const took = late
        ? allowed + r.int(1, 30)
        : Math.max(0, Math.min(allowed, Math.round(allowed * 0.6 * r.skew(0.5))));
      closedOn = addDays(clockStart, took);
      if (closedOn > cal.last) closedOn = null;
      else status = "closed";
    }
    if (status !== "closed") {
      if (age < 2) status = "received";
      else if (r.chance(0.05)) {
        status = "suspended";
        paused = true;
      } else status = r.chance(0.3) ? "accepted" : "in_progress";
    }
    const outcome = status === "closed" ? weighted(r, OUTCOMES[kind]) : null;
    const closedAt = closedOn ? at(closedOn, r.int(8, 17), r.int(0, 59)) : null;
    let rating: number | null = null;
    let ratedAt: string | null = null;
    if (closedOn && (channel === "web" || channel === "forum") && r.chance(0.45)) {
      rating = weighted(r, [
        [5, 0.45],
        [4, 0.3],
        [3, 0.15],
        [2, 0.06],
        [1, 0.04],
      ]);
      const ratedOn = addDays(closedOn, r.int(0, 10));
      if (ratedOn <= cal.last) ratedAt = at(ratedOn, r.int(7, 22), r.int(0, 59));
      else rating = null;
    }
    lastContent = fill(r.pick(SUBMISSION_TEXTS[kind]), area ? area.name : c.place, c.place);
    const occurred = addDays(day, -r.int(0, 5));
    await sink.write("submissions", C.submissions, [
      id,
      kind,
      channel,
      status,
      unitId,
      provinceId,
      c.id,
      area?.id ?? null,
      dayIndex.has(occurred) ? occurred : day,
      lastContent,
      receivedAt,
      day,
      channel === "web" ? r.hex(64) : null,
      true,
      forumId,
      rule.code,
      clockStart,
      isComplex,
      c.isRemote,
      due,
      paused,
      closedAt,
      closedOn,
      closedOn ? closedOn <= due : null,
      outcome,
      rating,
      ratedAt,
      transferred ? at(day, Math.min(23, hour + 1)) : null,
      receivedAt,
      closedAt ?? receivedAt,
    ]);
    return id;
  }
}

let lastContent = "";
const lastCases = new Map<string, number[]>();
