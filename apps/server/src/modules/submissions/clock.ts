/*
 * Deadline arithmetic for the citizen channel. Pure functions over 'YYYY-MM-DD' strings: the rules come
 * from the deadline_rules table and the days off from the holiday calendar, so a change in the law or in
 * the calendar is a data change.
 *
 * Conventions (Bộ luật Tố tụng hình sự 2015 Điều 126, Bộ luật Dân sự 2015 Điều 147–148):
 * - a period in days starts on the day after the event: received on the 1st with 20 days → due the 21st;
 * - a period in months ends on the same day of the later month (the last day when that month is shorter);
 * - a period in working days counts only working days (Monday–Friday that are not holidays, plus
 *   Saturdays or Sundays worked in exchange);
 * - when the last day is a day off, the deadline moves to the next working day (if the rule says so);
 * - a suspension stops the clock; on resumption the days left continue (or the period starts again).
 */

export type DayBasis = "calendar" | "working";
export type PeriodUnit = "days" | "months";

export interface DeadlineRule {
  code: string;
  dayBasis: DayBasis;
  periodUnit: PeriodUnit;
  normalAmount: number;
  complexAmount: number | null;
  /** unit of the complex variant when it differs from periodUnit */
  complexUnit: PeriodUnit | null;
  remoteAmount: number | null;
  remoteComplexAmount: number | null;
  maxExtensions: number;
  extensionAmount: number | null;
  extensionUnit: PeriodUnit | null;
  rollToWorkingDay: boolean;
  onResume: "continue" | "restart";
}

export interface HolidayCalendar {
  /** weekdays off */
  holidays: ReadonlySet<string>;
  /** weekend days worked in exchange */
  workingDays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: new Set(), workingDays: new Set() };

export interface ClockDecision {
  kind: "extension" | "suspension" | "resumption";
  decidedOn: string;
  amount?: number | null;
  amountUnit?: PeriodUnit | null;
}

export interface ClockInput {
  startedOn: string;
  complex: boolean;
  remote: boolean;
  decisions: readonly ClockDecision[];
  today: string;
}

export interface ClockState {
  dueOn: string;
  /** calendar days from today to the deadline (negative when overdue); frozen while paused */
  daysLeft: number;
  paused: boolean;
  overdue: boolean;
  extensionsUsed: number;
  extensionsLeft: number;
  /** calendar days the clock has stood still */
  pausedDays: number;
}

const DAY = 86_400_000;

const toTime = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export function isDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  return fromTime(toTime(d)) === d;
}

export function addCalendarDays(d: string, n: number): string {
  return fromTime(toTime(d) + n * DAY);
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toTime(b) - toTime(a)) / DAY);
}

export function addMonths(d: string, n: number): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const day = Number(d.slice(8, 10));
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(y, m, Math.min(day, lastOfTarget)));
}

export function isWorkingDay(d: string, cal: HolidayCalendar): boolean {
  if (cal.workingDays.has(d)) return true;
  const weekday = new Date(toTime(d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !cal.holidays.has(d);
}

/** The n-th working day after d (before d when n is negative); d itself when n is 0. */
export function addWorkingDays(d: string, n: number, cal: HolidayCalendar): string {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let cur = d;
  while (left > 0) {
    cur = addCalendarDays(cur, step);
    if (isWorkingDay(cur, cal)) left--;
  }
  return cur;
}

/** Working days in (a, b]; negative when b is before a. */
export function workingDaysBetween(a: string, b: string, cal: HolidayCalendar): number {
  if (a === b) return 0;
  const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let cur = addCalendarDays(from, 1); cur <= to; cur = addCalendarDays(cur, 1))
    if (isWorkingDay(cur, cal)) count++;
  return sign * count;
}

export function nextWorkingDayOnOrAfter(d: string, cal: HolidayCalendar): string {
  let cur = d;
  for (let i = 0; i < 60 && !isWorkingDay(cur, cal); i++) cur = addCalendarDays(cur, 1);
  return cur;
}

function addPeriod(d: string, amount: number, unit: PeriodUnit, basis: DayBasis, cal: HolidayCalendar) {
  if (unit === "months") return addMonths(d, amount);
  return basis === "working" ? addWorkingDays(d, amount, cal) : addCalendarDays(d, amount);
}

/** The period the rule gives for this item (complex and remote variants fall back to the normal one). */
export function baseAmount(rule: DeadlineRule, complex: boolean, remote: boolean): number {
  if (remote && complex) return rule.remoteComplexAmount ?? rule.complexAmount ?? rule.normalAmount;
  if (remote) return rule.remoteAmount ?? rule.normalAmount;
  if (complex) return rule.complexAmount ?? rule.normalAmount;
  return rule.normalAmount;
}

/** The deadline the rule gives from `start` (the complex variant may be in months: "up to 02 months"). */
function basePeriod(
  rule: DeadlineRule,
  start: string,
  complex: boolean,
  remote: boolean,
  cal: HolidayCalendar,
) {
  const amount = baseAmount(rule, complex, remote);
  const unit =
    complex && rule.complexAmount != null ? (rule.complexUnit ?? rule.periodUnit) : rule.periodUnit;
  return addPeriod(start, amount, unit, rule.dayBasis, cal);
}

const remaining = (from: string, to: string, basis: DayBasis, cal: HolidayCalendar) =>
  basis === "working" ? workingDaysBetween(from, to, cal) : daysBetween(from, to);
const addRemaining = (from: string, n: number, basis: DayBasis, cal: HolidayCalendar) =>
  basis === "working" ? addWorkingDays(from, n, cal) : addCalendarDays(from, n);

/** Where the clock stands today, from the start, the rule and the recorded decisions in order. */
export function computeClock(rule: DeadlineRule, input: ClockInput, cal: HolidayCalendar): ClockState {
  let due = basePeriod(rule, input.startedOn, input.complex, input.remote, cal);
  let extensionsUsed = 0;
  let suspendedOn: string | null = null;
  let left = 0;
  let pausedDays = 0;
  const decisions = [...input.decisions].sort((a, b) =>
    a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0,
  );
  for (const d of decisions) {
    if (d.kind === "extension" && suspendedOn == null) {
      if (extensionsUsed >= rule.maxExtensions) continue;
      const unit = d.amountUnit ?? rule.extensionUnit ?? "days";
      const amount = Math.min(d.amount ?? rule.extensionAmount ?? 0, maxExtensionIn(rule, unit));
      due = addPeriod(due, amount, unit, rule.dayBasis, cal);
      extensionsUsed++;
    } else if (d.kind === "suspension" && suspendedOn == null) {
      suspendedOn = d.decidedOn;
      left = remaining(d.decidedOn, due, rule.dayBasis, cal);
    } else if (d.kind === "resumption" && suspendedOn != null) {
      pausedDays += Math.max(0, daysBetween(suspendedOn, d.decidedOn));
      due =
        rule.onResume === "restart"
          ? basePeriod(rule, d.decidedOn, input.complex, input.remote, cal)
          : addRemaining(d.decidedOn, left, rule.dayBasis, cal);
      suspendedOn = null;
    }
  }
  if (rule.rollToWorkingDay) due = nextWorkingDayOnOrAfter(due, cal);
  const paused = suspendedOn != null;
  if (paused) pausedDays += Math.max(0, daysBetween(suspendedOn!, input.today));
  const daysLeft = paused ? daysBetween(suspendedOn!, due) : daysBetween(input.today, due);
  return {
    dueOn: due,
    daysLeft,
    paused,
    overdue: !paused && input.today > due,
    extensionsUsed,
    extensionsLeft: Math.max(0, rule.maxExtensions - extensionsUsed),
    pausedDays,
  };
}

/** The longest single extension the rule allows, expressed in `unit`. */
export function maxExtensionIn(rule: DeadlineRule, unit: PeriodUnit): number {
  const amount = rule.extensionAmount ?? 0;
  const ruleUnit = rule.extensionUnit ?? "days";
  if (ruleUnit === unit) return amount;
  return ruleUnit === "months" ? amount * 31 : Math.floor(amount / 28);
}

/** The transfer clock of TTLT 01/2017: hours from receipt (24, or 48 in remote areas). */
export function transferDueAt(receivedAt: string, hours: number): string {
  return new Date(Date.parse(receivedAt) + hours * 3_600_000).toISOString();
}

/** Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
