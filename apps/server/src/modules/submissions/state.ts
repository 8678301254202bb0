import type { AppDeps } from "../../app.ts";
import type { Executor } from "../../db/client.ts";
import { computeClock, type DeadlineRule, type HolidayCalendar, todayInVietnam } from "./clock.ts";
import { clockDecisions, loadCalendar, loadRules } from "./repo.ts";
import type { ModuleSecrets } from "./secrets.ts";

/*
 * What the module keeps between requests: its key (loaded when the app is ready), settings from the
 * environment, and short-lived caches of the deadline rules and the holiday calendar.
 */
export interface Settings {
  /** proof-of-work difficulty for public writes (leading zero bits); 0 turns the challenge off */
  powBits: number;
  /** per-address and per-code limits on public routes; "off" only for benchmarks */
  limits: boolean;
  /** public writes allowed to wait for the database before the next is told to come back (503) */
  publicQueue: number;
}

const nonNegativeInt = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const bits = Number(env.DANVAN_POW_BITS ?? 16);
  return {
    powBits: Number.isFinite(bits) ? Math.max(0, Math.min(24, Math.floor(bits))) : 16,
    limits: env.DANVAN_PUBLIC_LIMITS !== "off",
    publicQueue: nonNegativeInt(env.DANVAN_PUBLIC_QUEUE, 500),
  };
}

export interface ModuleState {
  deps: AppDeps;
  settings: Settings;
  secrets: ModuleSecrets | null;
}

let current: ModuleState | null = null;

export function setModuleState(s: ModuleState) {
  current = s;
}

/** The running module (intakeFromForum is called by another module with only a transaction). */
export function moduleState(): ModuleState {
  if (!current) throw new Error("submissions module is not registered");
  return current;
}

export function secretsOf(s: ModuleState): ModuleSecrets {
  if (!s.secrets) throw new Error("submissions module is not ready");
  return s.secrets;
}

const TTL = 30_000;
let rulesCache: { at: number; value: Awaited<ReturnType<typeof loadRules>> } | null = null;
let calendarCache: { at: number; value: HolidayCalendar } | null = null;

export async function rules(ex: Executor) {
  if (!rulesCache || Date.now() - rulesCache.at > TTL)
    rulesCache = { at: Date.now(), value: await loadRules(ex) };
  return rulesCache.value;
}

export async function calendar(ex: Executor) {
  if (!calendarCache || Date.now() - calendarCache.at > TTL)
    calendarCache = { at: Date.now(), value: await loadCalendar(ex) };
  return calendarCache.value;
}

export function invalidateCaches() {
  rulesCache = null;
  calendarCache = null;
}

export async function ruleFor(
  ex: Executor,
  code: string,
): Promise<DeadlineRule & { raw: Record<string, unknown> }> {
  const rule = (await rules(ex)).get(code);
  if (!rule) throw new Error(`deadline rule ${code} is missing`);
  return rule;
}

/** The first deadline of a new item (no decisions yet). */
export async function initialDue(
  ex: Executor,
  ruleCode: string,
  startedOn: string,
  remote: boolean,
): Promise<string> {
  const rule = await ruleFor(ex, ruleCode);
  const ruleSet = await rules(ex);
  const cal = await calendar(ex);
  // the same few answers all day long (one per rule and remoteness): computed once per loaded rules and calendar
  if (dueMemo.rules !== ruleSet || dueMemo.calendar !== cal)
    dueMemo = { rules: ruleSet, calendar: cal, map: new Map() };
  const key = `${ruleCode}|${startedOn}|${remote}`;
  let due = dueMemo.map.get(key);
  if (due === undefined) {
    due = computeClock(
      rule,
      { startedOn, complex: false, remote, decisions: [], today: startedOn },
      cal,
    ).dueOn;
    if (dueMemo.map.size > 1000) dueMemo.map.clear();
    dueMemo.map.set(key, due);
  }
  return due;
}
let dueMemo: { rules: unknown; calendar: unknown; map: Map<string, string> } = {
  rules: null,
  calendar: null,
  map: new Map(),
};

/** Recomputes and stores an item's deadline from its rule and the decisions recorded since the clock started. */
export async function refreshClock(
  ex: Executor,
  item: {
    id: number;
    rule_code: string | null;
    clock_started_on: string | null;
    is_complex: boolean;
    is_remote: boolean;
  },
  today = todayInVietnam(),
) {
  if (!item.rule_code || !item.clock_started_on) return null;
  const rule = await ruleFor(ex, item.rule_code);
  const all = await clockDecisions(ex, item.id);
  const lastAcceptance = all.filter((d) => d.kind === "acceptance").at(-1)?.id ?? 0;
  const decisions = all
    .filter(
      (d) =>
        d.id > lastAcceptance &&
        (d.kind === "extension" || d.kind === "suspension" || d.kind === "resumption"),
    )
    .map((d) => ({
      kind: d.kind as "extension" | "suspension" | "resumption",
      decidedOn: d.decided_on,
      amount: d.amount,
      amountUnit: d.amount_unit,
    }));
  const state = computeClock(
    rule,
    { startedOn: item.clock_started_on, complex: item.is_complex, remote: item.is_remote, decisions, today },
    await calendar(ex),
  );
  await ex
    .updateTable("submissions")
    .set({ due_on: state.dueOn, paused: state.paused })
    .where("id", "=", item.id)
    .execute();
  return { rule, state };
}
