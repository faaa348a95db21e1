import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";

describe("createRateLimiter", () => {
  it("allows `limit` questions per window and user, notifies once per blocked stretch", () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, clock: { now: () => now } });
    expect(limiter.check("W1")).toEqual({ allowed: true });
    now = 10_000;
    expect(limiter.check("W1")).toEqual({ allowed: true });
    now = 20_000;
    expect(limiter.check("W1")).toEqual({ allowed: false, retryAfterSeconds: 40, notify: true });
    expect(limiter.check("W2")).toEqual({ allowed: true });
    now = 30_000;
    expect(limiter.check("W1")).toEqual({ allowed: false, retryAfterSeconds: 30, notify: false });
    // The first question leaves the window: one more is allowed, then the next refusal is a new stretch.
    now = 60_001;
    expect(limiter.check("W1")).toEqual({ allowed: true });
    expect(limiter.check("W1")).toMatchObject({ allowed: false, notify: true });
  });

  it("rejects a limit below one", () => {
    expect(() => createRateLimiter({ limit: 0, clock: { now: () => 0 } })).toThrow(RangeError);
  });
});
