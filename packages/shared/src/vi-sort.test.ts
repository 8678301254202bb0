import { describe, expect, it } from "vitest";
import { compareVi, viSortKey } from "./vi-sort.ts";

const byKey = (names: string[]) => [...names].sort((a, b) => (viSortKey(a) < viSortKey(b) ? -1 : 1));

describe("Vietnamese sort key", () => {
  it("puts Đ after D and before E, not after Z", () => {
    expect(byKey(["Điện Biên", "Zeta", "Đà Nẵng", "Dương", "Ea Súp"])).toEqual([
      "Dương",
      "Đà Nẵng",
      "Điện Biên",
      "Ea Súp",
      "Zeta",
    ]);
  });
  it("orders a ă â and tones as a tie-break", () => {
    expect(byKey(["Ân", "Ăn", "An", "Án", "Bà"])).toEqual(["An", "Án", "Ăn", "Ân", "Bà"]);
  });
  it("orders numbers by value and short names first", () => {
    expect(byKey(["Phường 10", "Phường 5", "Phường", "An Phú", "An"])).toEqual([
      "An",
      "An Phú",
      "Phường",
      "Phường 5",
      "Phường 10",
    ]);
  });
  it("agrees with the ICU Vietnamese collator on base letters", () => {
    const names = [
      "Hà Nội",
      "Hải Phòng",
      "Đắk Lắk",
      "Đắk Nông",
      "Cà Mau",
      "Cần Thơ",
      "Bắc Ninh",
      "Bình Dương",
    ];
    const icu = [...names].sort(compareVi);
    expect(byKey(names)).toEqual(icu);
  });
});
