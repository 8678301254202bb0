import { describe, expect, it } from "vitest";
import { ApiError, fieldName, problemToError, queryString } from "./api.ts";

describe("api client helpers", () => {
  it("reads a problem+json into an ApiError with both languages and field errors", () => {
    const error = problemToError(400, {
      code: "validation_failed",
      messages: { vi: "Dữ liệu không hợp lệ.", en: "The request is invalid." },
      errors: [{ path: "body.unitId", message: "Required" }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation_failed");
    expect(error.text("vi")).toBe("Dữ liệu không hợp lệ.");
    expect(error.text("en")).toBe("The request is invalid.");
    expect(error.errors).toEqual([{ path: "body.unitId", message: "Required" }]);
  });

  it("keeps extra members such as lockedUntil and falls back when the body is not a problem", () => {
    const locked = problemToError(423, {
      code: "account_locked",
      messages: { vi: "Khóa", en: "Locked" },
      lockedUntil: "2025-07-01T03:00:00Z",
    });
    expect(locked.body.lockedUntil).toBe("2025-07-01T03:00:00Z");
    const odd = problemToError(502, {});
    expect(odd.code).toBe("unexpected");
    expect(odd.text("vi")).toMatch(/thử lại/);
  });

  it("builds query strings without empty values", () => {
    expect(queryString({ q: "dak nia", unitId: 5, role: undefined, status: null, cursor: "" })).toBe(
      "?q=dak+nia&unitId=5",
    );
    expect(queryString({})).toBe("");
  });

  it("maps server field paths to form field names", () => {
    expect(fieldName("body.unitId")).toEqual(["unitId"]);
    expect(fieldName("body.into.0.name")).toEqual(["into", 0, "name"]);
  });
});
