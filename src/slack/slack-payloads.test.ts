import { expect, it } from "vitest";
import { parseConversationMessages } from "./slack-payloads.js";

it("keeps the messages of a conversations.replies answer that parse, drops odd ones", () => {
  const response = {
    ok: true,
    messages: [
      { type: "message", user: "W1", text: "问题", ts: "1.000001", thread_ts: "1.000001", reply_count: 1 },
      { type: "message", text: "no ts" },
      "not an object",
      { type: "message", bot_id: "B1", text: "回答", ts: "1.000002" },
    ],
  };
  expect(parseConversationMessages(response)).toEqual([
    { type: "message", user: "W1", text: "问题", ts: "1.000001", thread_ts: "1.000001" },
    { type: "message", bot_id: "B1", text: "回答", ts: "1.000002" },
  ]);
  expect(parseConversationMessages({ ok: false, error: "missing_scope" })).toEqual([]);
  expect(parseConversationMessages(null)).toEqual([]);
});
