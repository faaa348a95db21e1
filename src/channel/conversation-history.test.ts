import { expect, it } from "vitest";
import { createConversationHistory } from "./conversation-history.js";
import { conversationKey } from "./turn.js";

it("keeps the recent questions of each conversation, oldest first, within the window and the limit", async () => {
  let now = 0;
  const history = createConversationHistory({ clock: { now: () => now }, windowMs: 1_000, limit: 2 });
  await history.add("a", "一");
  now = 500;
  await history.add("a", "二");
  await history.add("b", "别处");
  expect(await history.questions("a")).toEqual(["一", "二"]);
  await history.add("a", "三");
  expect(await history.questions("a")).toEqual(["二", "三"]);
  now = 1_600;
  expect(await history.questions("a")).toEqual([]);
  expect(await history.questions("missing")).toEqual([]);
});

it("keys a thread, a 1:1 chat, and each sender of a group apart", () => {
  const base = { channel: "dingtalk" as const, conversationId: "c1", userId: "u1" };
  expect(conversationKey({ ...base, threadId: "t1", isDirect: false })).toBe("dingtalk:c1:thread:t1");
  expect(conversationKey({ ...base, threadId: null, isDirect: true })).toBe("dingtalk:c1:direct");
  expect(conversationKey({ ...base, threadId: null, isDirect: false })).toBe("dingtalk:c1:user:u1");
});
