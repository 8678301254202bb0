import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { makePublicGate, publicSlots } from "./public-gate.ts";

/** A piece of work that runs until released, recording how many ran at once. */
function works() {
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<string>((resolve) => {
      running++;
      most = Math.max(most, running);
      releases.push(() => {
        running--;
        resolve("stored");
      });
    });
  return { work, releases, most: () => most };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the public writes' gate", () => {
  it("runs at most `slots` writes at once, lets `queue` wait and turns the next away with 503", async () => {
    const gate = makePublicGate(2, 3);
    const w = works();
    const admitted = Array.from({ length: 5 }, () => gate(w.work));
    await settle();
    expect(gate.active).toBe(2);
    expect(gate.waiting).toBe(3);
    const refused = await gate(w.work).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).messages.vi).toContain("chưa được gửi");
    expect((refused as AppError).details?.retryAfterSeconds).toBeGreaterThan(0);
    // the admitted ones all finish, never more than two at a time
    while (w.releases.length > 0) {
      w.releases.shift()!();
      await settle();
    }
    expect(await Promise.all(admitted)).toEqual(Array(5).fill("stored"));
    expect(w.most()).toBe(2);
    // and once the flood is over, a write goes through again
    const later = gate(w.work);
    await settle();
    w.releases.shift()!();
    expect(await later).toBe("stored");
  });

  it("leaves part of the database pool to officers", () => {
    expect(publicSlots(10)).toBe(8);
    expect(publicSlots(1)).toBe(1);
  });
});
