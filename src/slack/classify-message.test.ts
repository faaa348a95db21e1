import { describe, expect, it } from "vitest";
import { classifyMessage } from "./classify-message.js";
import type { MessageEvent } from "./slack-payloads.js";

const bot = { botUserId: "UBOT", botId: "BBOT" };
const base: MessageEvent = { type: "message", channel: "C1", channel_type: "channel", user: "W1", text: "问题", ts: "2.000001" };

describe("classifyMessage", () => {
  it("answers DMs, top-level or threaded", () => {
    expect(classifyMessage({ ...base, channel: "D1", channel_type: "im" }, bot)).toEqual({ kind: "direct-message" });
    expect(classifyMessage({ ...base, channel: "D1", channel_type: "im", thread_ts: "1.000001" }, bot)).toEqual({ kind: "direct-message" });
  });

  it("treats a channel thread reply as a possible follow-up", () => {
    expect(classifyMessage({ ...base, thread_ts: "1.000001" }, bot)).toEqual({ kind: "thread-reply", threadTs: "1.000001" });
    expect(classifyMessage({ ...base, thread_ts: "1.000001", subtype: "thread_broadcast" }, bot)).toEqual({ kind: "thread-reply", threadTs: "1.000001" });
  });

  it.each([
    [{ subtype: "message_changed" }, "subtype"],
    [{ subtype: "message_deleted", user: undefined }, "subtype"],
    [{ subtype: "bot_message", bot_id: "BOTHER" }, "subtype"],
    [{ bot_id: "BOTHER" }, "bot"],
    [{ bot_id: "BBOT", user: "UBOT" }, "bot"],
    [{ user: "UBOT", channel_type: "im" }, "self"],
    [{ user: undefined }, "no-user"],
    [{ text: "<@UBOT> 问题", thread_ts: "1.000001" }, "mention"],
    [{}, "channel-top-level"],
    [{ thread_ts: "2.000001" }, "channel-top-level"],
  ] as const)("ignores %o (%s)", (fields, reason) => {
    expect(classifyMessage({ ...base, ...fields } as MessageEvent, bot)).toEqual({ kind: "ignore", reason });
  });
});
