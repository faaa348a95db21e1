import { expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

it("doubles the wait after each failure up to the maximum, with jitter around it", () => {
  const middle = () => 0.5;
  expect([0, 1, 2, 3, 10].map((failures) => backoffDelay(failures, { baseMs: 100, maxMs: 500, random: middle }))).toEqual([100, 200, 400, 500, 500]);
  expect(backoffDelay(0, { baseMs: 100, jitter: 0.2, random: () => 0 })).toBe(80);
  expect(backoffDelay(0, { baseMs: 100, jitter: 0.2, random: () => 1 })).toBe(120);
});
