import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  computeClock,
  type DeadlineRule,
  EMPTY_CALENDAR,
  type HolidayCalendar,
  isWorkingDay,
  transferDueAt,
  workingDaysBetween,
} from "./clock.ts";

const crime: DeadlineRule = {
  code: "crime_report.decision",
  dayBasis: "calendar",
  periodUnit: "days",
  normalAmount: 20,
  complexAmount: 2,
  complexUnit: "months",
  remoteAmount: null,
  remoteComplexAmount: null,
  maxExtensions: 1,
  extensionAmount: 2,
  extensionUnit: "months",
  rollToWorkingDay: true,
  onResume: "continue",
};
const complaint: DeadlineRule = {
  ...crime,
  code: "complaint.decision",
  normalAmount: 30,
  complexAmount: 45,
  complexUnit: null,
  remoteAmount: 45,
  remoteComplexAmount: 60,
  maxExtensions: 0,
  extensionAmount: null,
  extensionUnit: null,
};
const denunciation: DeadlineRule = {
  ...complaint,
  code: "denunciation.decision",
  complexAmount: null,
  remoteAmount: null,
  remoteComplexAmount: null,
  maxExtensions: 2,
  extensionAmount: 30,
  extensionUnit: "days",
};
const acceptance: DeadlineRule = {
  ...denunciation,
  code: "denunciation.acceptance",
  dayBasis: "working",
  normalAmount: 7,
  maxExtensions: 0,
  rollToWorkingDay: false,
};
const tet2025: HolidayCalendar = {
  holidays: new Set([
    "2025-01-27",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-04-30",
    "2025-05-01",
  ]),
  workingDays: new Set(["2025-02-08"]),
};
const clock = (
  rule: DeadlineRule,
  over: Partial<Parameters<typeof computeClock>[1]> = {},
  cal = EMPTY_CALENDAR,
) =>
  computeClock(
    rule,
    { startedOn: "2025-03-03", complex: false, remote: false, decisions: [], today: "2025-03-03", ...over },
    cal,
  );

describe("date arithmetic", () => {
  it("adds months to the same day, or the last day of a shorter month", () => {
    expect(addMonths("2025-01-15", 1)).toBe("2025-02-15");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-11-30", 2)).toBe("2026-01-30");
  });

  it("counts working days across weekends, Tết and a make-up Saturday", () => {
    // Friday 24/01/2025 + 1 working day: Monday 27 to Friday 31 are Tết, so Monday 03/02
    expect(addWorkingDays("2025-01-24", 1, tet2025)).toBe("2025-02-03");
    expect(isWorkingDay("2025-02-08", tet2025)).toBe(true); // Saturday worked in exchange
    expect(addWorkingDays("2025-02-07", 1, tet2025)).toBe("2025-02-08");
    expect(addWorkingDays("2025-02-03", -1, tet2025)).toBe("2025-01-24");
    expect(workingDaysBetween("2025-01-24", "2025-02-03", tet2025)).toBe(1);
    expect(workingDaysBetween("2025-02-03", "2025-01-24", tet2025)).toBe(-1);
  });

  it("adding n working days then counting them back gives n (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const start = addCalendarDays("2025-01-01", offset);
        const end = addWorkingDays(start, n, tet2025);
        return workingDaysBetween(start, end, tet2025) === n && (n === 0 || isWorkingDay(end, tet2025));
      }),
    );
  });
});

describe("statutory clocks", () => {
  it("crime report: 20 days from receipt, 2 months when complex, one 2-month extension (4 months at most)", () => {
    expect(clock(crime).dueOn).toBe("2025-03-24"); // Monday
    expect(clock(crime, { complex: true }).dueOn).toBe("2025-05-05"); // 03/05 is a Saturday: next working day
    const extended = clock(crime, {
      complex: true,
      decisions: [
        { kind: "extension", decidedOn: "2025-04-20", amount: 2, amountUnit: "months" },
        { kind: "extension", decidedOn: "2025-06-01", amount: 2, amountUnit: "months" },
      ],
    });
    expect(extended.dueOn).toBe("2025-07-03");
    expect(extended.extensionsUsed).toBe(1);
    expect(extended.extensionsLeft).toBe(0);
  });

  it("a deadline that falls on a weekend or holiday moves to the next working day", () => {
    // received 10/04/2025 + 20 days = 30/04 (holiday), 01/05 holiday, 02/05 Friday
    expect(clock(crime, { startedOn: "2025-04-10" }, tet2025).dueOn).toBe("2025-05-02");
    // working-day rules without rolling stay where they fall
    expect(clock(acceptance, { startedOn: "2025-01-22" }, tet2025).dueOn).toBe("2025-02-07");
  });

  it("complaints: 30 days, 45 when complex, 45/60 in remote areas", () => {
    expect(clock(complaint).dueOn).toBe("2025-04-02");
    expect(clock(complaint, { complex: true }).dueOn).toBe("2025-04-17");
    expect(clock(complaint, { remote: true }).dueOn).toBe("2025-04-17");
    expect(clock(complaint, { remote: true, complex: true }).dueOn).toBe("2025-05-02");
  });

  it("denunciations: 30 days, extendable twice by 30 days", () => {
    const twice = clock(denunciation, {
      decisions: [
        { kind: "extension", decidedOn: "2025-03-30", amount: 30 },
        { kind: "extension", decidedOn: "2025-04-30", amount: 40 }, // capped at 30
        { kind: "extension", decidedOn: "2025-05-30", amount: 30 }, // a third is not allowed
      ],
    });
    expect(twice.dueOn).toBe("2025-06-02"); // 01/06 is a Sunday
    expect(twice.extensionsUsed).toBe(2);
  });

  it("a suspension stops the clock and the days left continue after resumption", () => {
    const suspended = clock(crime, {
      today: "2025-04-20",
      decisions: [{ kind: "suspension", decidedOn: "2025-03-13" }],
    });
    expect(suspended.paused).toBe(true);
    expect(suspended.overdue).toBe(false);
    expect(suspended.daysLeft).toBe(11); // 13/03 → 24/03
    const resumed = clock(crime, {
      today: "2025-04-20",
      decisions: [
        { kind: "suspension", decidedOn: "2025-03-13" },
        { kind: "resumption", decidedOn: "2025-04-14" },
      ],
    });
    expect(resumed.paused).toBe(false);
    // 10 days were left on 13/03 (the unrolled deadline was Sunday 23/03)
    expect(resumed.dueOn).toBe("2025-04-24");
    expect(resumed.pausedDays).toBe(32);
    expect(resumed.daysLeft).toBe(4);
    const restart = clock(
      { ...crime, onResume: "restart" },
      {
        decisions: [
          { kind: "suspension", decidedOn: "2025-03-13" },
          { kind: "resumption", decidedOn: "2025-04-14" },
        ],
      },
    );
    expect(restart.dueOn).toBe("2025-05-05"); // 04/05 is a Sunday
  });

  it("working-day suspension keeps the working days left", () => {
    const c = clock(
      acceptance,
      {
        startedOn: "2025-01-20",
        today: "2025-02-10",
        decisions: [
          { kind: "suspension", decidedOn: "2025-01-22" }, // 5 working days left (23, 24, 3/2, 4/2, 5/2)
          { kind: "resumption", decidedOn: "2025-02-05" },
        ],
      },
      tet2025,
    );
    // 06, 07, Saturday 08 (worked in exchange), 10, 11
    expect(c.dueOn).toBe("2025-02-11");
  });

  it("overdue when today is past the deadline", () => {
    const c = clock(crime, { today: "2025-03-25" });
    expect(c.overdue).toBe(true);
    expect(c.daysLeft).toBe(-1);
  });

  it("transfer clock: 24 hours, 48 in remote areas", () => {
    expect(transferDueAt("2025-03-03T02:00:00.000Z", 24)).toBe("2025-03-04T02:00:00.000Z");
    expect(transferDueAt("2025-03-03T02:00:00.000Z", 48)).toBe("2025-03-05T02:00:00.000Z");
  });
});
