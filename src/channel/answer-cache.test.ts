import { expect, it } from "vitest";
import { createAnswerCache } from "./answer-cache.js";

it("stores answers under distinct short keys and forgets the oldest past capacity", () => {
  const cache = createAnswerCache(2);
  const answer = { question: "问", intent: "general" as const, found: true, answer: "答", citations: [] };
  const first = cache.put({ question: "一", history: [], answer });
  const second = cache.put({ question: "二", history: [], answer });
  expect(first).not.toBe(second);
  expect(first.length).toBeLessThanOrEqual(16);
  expect(cache.get(first)?.question).toBe("一");
  cache.put({ question: "三", history: [], answer });
  expect(cache.get(second)).toBeUndefined();
});
