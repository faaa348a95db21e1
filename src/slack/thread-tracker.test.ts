import { expect, it } from "vitest";
import { createThreadTracker } from "./thread-tracker.js";

it("remembers threads by channel and thread ts, within its capacity", () => {
  const threads = createThreadTracker(2);
  threads.remember("C1", "1.1");
  threads.remember("C2", "1.1");
  expect(threads.has("C1", "1.1")).toBe(true);
  expect(threads.has("C1", "2.2")).toBe(false);
  threads.remember("C3", "1.1");
  expect(threads.has("C2", "1.1")).toBe(false);
});
