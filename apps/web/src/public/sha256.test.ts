import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leadingZeroBits, sha256Ascii, solveChallenge } from "./sha256.ts";

describe("browser SHA-256 for the challenge", () => {
  it("matches node's SHA-256 for short and multi-block input", () => {
    for (const s of [
      "",
      "abc",
      "v1.1700000000.nonce.16.mac:12345",
      "x".repeat(55),
      "y".repeat(64),
      "z".repeat(130),
    ]) {
      expect(Buffer.from(sha256Ascii(s)).toString("hex")).toBe(createHash("sha256").update(s).digest("hex"));
    }
  });
  it("finds a solution the server accepts", async () => {
    const token = "v1.9999999999.abc.10.mac";
    const solution = await solveChallenge(token, 10);
    expect(
      leadingZeroBits(createHash("sha256").update(`${token}:${solution}`).digest()),
    ).toBeGreaterThanOrEqual(10);
  });
});
