import { describe, expect, it } from "vitest";
import { createDeduper } from "./dedupe.js";

describe("createDeduper", () => {
  it("claims a key once within the time-to-live, and again after it", async () => {
    let now = 1_000;
    const deduper = createDeduper({ clock: { now: () => now }, ttlMs: 60_000 });
    expect(await deduper.claim("event:Ev1")).toBe(true);
    expect(await deduper.claim("event:Ev1")).toBe(false);
    expect(await deduper.claim("event:Ev2")).toBe(true);
    now += 60_001;
    expect(await deduper.claim("event:Ev1")).toBe(true);
  });
});
