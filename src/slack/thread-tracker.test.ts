import { describe, expect, it } from "vitest";
import { createThreadTracker } from "./thread-tracker.js";

describe("createThreadTracker", () => {
  it("remembers threads by channel and thread ts, within its capacity", () => {
    const threads = createThreadTracker({ clock: { now: () => 0 }, capacity: 2 });
    threads.remember("C1", "1.1");
    threads.remember("C2", "1.1");
    expect(threads.has("C1", "1.1")).toBe(true);
    expect(threads.has("C1", "2.2")).toBe(false);
    threads.remember("C3", "1.1");
    expect(threads.has("C2", "1.1")).toBe(false);
  });

  it("trusts 'not in this thread' for a while; answering in the thread overrides it", () => {
    let now = 0;
    const threads = createThreadTracker({ clock: { now: () => now }, notInTtlMs: 60_000 });
    threads.rememberNotIn("C1", "1.1");
    expect(threads.knownNotIn("C1", "1.1")).toBe(true);
    expect(threads.has("C1", "1.1")).toBe(false);
    now = 60_001;
    expect(threads.knownNotIn("C1", "1.1")).toBe(false);

    threads.rememberNotIn("C1", "1.1");
    threads.remember("C1", "1.1");
    expect(threads.knownNotIn("C1", "1.1")).toBe(false);
    threads.rememberNotIn("C1", "1.1");
    expect(threads.has("C1", "1.1")).toBe(true);
  });
});
