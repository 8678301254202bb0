import { describe, expect, it } from "vitest";
import { canTransition, ruleCodeFor, transition } from "./workflow.ts";

describe("submission workflow", () => {
  it("complaints are accepted before they are handled; crime reports have no acceptance step", () => {
    expect(transition("complaint", "received", "accept")).toBe("accepted");
    expect(canTransition("crime_report", "received", "accept")).toBe(false);
    expect(ruleCodeFor("complaint", "start")).toBe("complaint.acceptance");
    expect(ruleCodeFor("complaint", "accepted")).toBe("complaint.decision");
    expect(ruleCodeFor("crime_report", "accepted")).toBe("crime_report.decision");
  });

  it("closed items reopen; merged items are final", () => {
    expect(transition("crime_report", "closed", "reopen")).toBe("in_progress");
    expect(() => transition("crime_report", "merged", "reopen")).toThrow();
    expect(() => transition("crime_report", "closed", "close")).toThrow();
    expect(transition("crime_report", "suspended", "resume")).toBe("in_progress");
  });
});
