import { describe, expect, it } from "vitest";
import type { ConversationMessage } from "./slack-payloads.js";
import { questionsFromMessages, sortableTs } from "./thread-history.js";

const bot = { botUserId: "UBOT", botId: "BBOT" };

describe("questionsFromMessages", () => {
  const thread: ConversationMessage[] = [
    { user: "W2", text: "周五开会讨论学前教育", ts: "1726133698.000100" },
    { user: "W1", text: "<@UBOT> 2025年学前三年毛入园率目标是多少？", ts: "1726133699.000100" },
    { user: "UBOT", bot_id: "BBOT", text: "2025年学前三年毛入园率目标为≥94.0%。", ts: "1726133699.000200" },
    { user: "W1", text: "那2022年呢？", ts: "1726133700.000100" },
    { user: "W3", bot_id: "BOTHER", text: "另一个机器人", ts: "1726133700.000150" },
    { user: "W1", subtype: "channel_join", text: "加入了频道", ts: "1726133700.000160" },
    { user: "W1", text: "公办幼儿园占比呢？", ts: "1726133700.000200" },
  ];

  it("keeps, oldest first, the questions meant for the bot before the current message", () => {
    expect(questionsFromMessages(thread, bot, "1726133700.000200", { addressedToBotOnly: true })).toEqual(["2025年学前三年毛入园率目标是多少？", "那2022年呢？"]);
  });

  it("keeps every person's message in a DM", () => {
    expect(questionsFromMessages(thread, bot, "1726133700.000200", { addressedToBotOnly: false })).toEqual(["周五开会讨论学前教育", "2025年学前三年毛入园率目标是多少？", "那2022年呢？"]);
  });

  it("sorts by time whatever the order given, and keeps only the last `limit`", () => {
    const reversed = [...thread].reverse();
    expect(questionsFromMessages(reversed, bot, "1726133799.000000", { addressedToBotOnly: true, limit: 2 })).toEqual(["那2022年呢？", "公办幼儿园占比呢？"]);
  });
});

describe("sortableTs", () => {
  it("orders Slack timestamps in time order, also across digit counts", () => {
    const ordered = ["999999999.9", "1726133699.000200", "1726133699.0003", "1726133700.000001"];
    expect([...ordered].reverse().sort((left, right) => (sortableTs(left) < sortableTs(right) ? -1 : 1))).toEqual(ordered);
  });
});
