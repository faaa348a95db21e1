import { describe, expect, it } from "vitest";
import { fivePeriodName } from "./five-year-periods.js";

describe("fivePeriodName", () => {
  it("names the period a plan starts", () => {
    expect(fivePeriodName(2006)).toBe("十一五");
    expect(fivePeriodName(2016)).toBe("十三五");
    expect(fivePeriodName(2021)).toBe("十四五");
    expect(fivePeriodName(2026)).toBe("十五五");
  });

  it("is null for a year that starts no period", () => {
    expect(fivePeriodName(2023)).toBeNull();
    expect(fivePeriodName(2001)).toBeNull();
  });
});
