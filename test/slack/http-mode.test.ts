import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_TITLE } from "../fakes/fake-assistant.js";
import { FAKE_BOT, type RecordedCall } from "../fakes/fake-slack-api.js";
import { slackSignature } from "../slack-signing.js";
import { BOT_TOKEN, buttonClick, buttonsIn, eventEnvelope, eventually, type Harness, nextEventId, SIGNING_SECRET, slashCommandFields, startHarness, textOf } from "./slack-harness.js";

/**
 * The real Bolt app in HTTP mode on loopback, fed signed Slack-shaped requests over a socket,
 * posting through the real Web API client to a fake Slack API that records every call.
 */

let tsCounter = 0;
/** A fresh Slack message timestamp. */
function nextTs(): string {
  tsCounter += 1;
  return `1726133${String(700 + tsCounter).padStart(3, "0")}.${String(100_000 + tsCounter)}`;
}

function mention(text: string, fields: { channel?: string; user?: string; ts?: string; thread_ts?: string } = {}) {
  const ts = fields.ts ?? nextTs();
  return {
    client_msg_id: `msg-${ts}`,
    type: "app_mention",
    text: `<@${FAKE_BOT.userId}> ${text}`,
    user: fields.user ?? "W222",
    ts,
    team: FAKE_BOT.teamId,
    channel: fields.channel ?? "C111",
    event_ts: ts,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

function message(text: string, fields: { channel?: string; channel_type?: string; user?: string; ts?: string; thread_ts?: string; [key: string]: unknown } = {}) {
  const ts = fields.ts ?? nextTs();
  return { type: "message", text, user: "W222", ts, event_ts: ts, channel: "D111", channel_type: "im", ...fields };
}

/** The postMessage calls answering in `channel` / `threadTs` (undefined: top level). */
function postsIn(harness: Harness, channel: string, threadTs: string | undefined): RecordedCall[] {
  return harness.api.callsTo("chat.postMessage").filter((call) => call.params.channel === channel && call.params.thread_ts === threadTs);
}

async function waitForPost(harness: Harness, channel: string, threadTs: string | undefined, count = 1): Promise<RecordedCall[]> {
  return harness.api.waitFor(`${count} post(s) in ${channel}/${threadTs ?? "top level"}`, () => {
    const posts = postsIn(harness, channel, threadTs);
    return posts.length >= count ? posts : undefined;
  });
}

describe("Slack app in HTTP mode", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("checks the bot token with auth.test at start, with the bot token", () => {
    const [authTest] = harness.api.callsTo("auth.test");
    expect(authTest?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it("echoes the url_verification challenge of a signed request", async () => {
    const body = JSON.stringify({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await harness.post(body, { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("answers an app_mention in the mention's thread, with figures, citation labels, buttons and a text fallback", async () => {
    const event = mention("2025年学前三年毛入园率目标是多少？");
    const response = await harness.postEvent(event);
    expect(response.status).toBe(200);

    const [post] = await waitForPost(harness, "C111", event.ts);
    const blocksText = textOf(post?.params.blocks);
    expect(blocksText).toContain("≥94.0%");
    expect(blocksText).toContain("92.8%");
    expect(blocksText).toContain(`指标表 · ${TABLE_TITLE}`);
    expect(blocksText).toContain("专栏2（第七章）");
    expect(blocksText).toContain("「学前三年毛入园率（%） 92 92.8 ≥94.0 预期性」");
    expect(String(post?.params.text)).toContain("2025年学前三年毛入园率目标为≥94.0%");
    const buttons = buttonsIn(post?.params.blocks).map((button) => button.text?.text);
    expect(buttons).toEqual(["📖 指标表", "📖 专栏2", "👍 有帮助", "👎 没帮助", "⚠️ 数字有误"]);

    // The question reached the assistant without the mention, with no history (top of a new thread).
    expect(harness.assistant.answerCalls).toContainEqual({ question: "2025年学前三年毛入园率目标是多少？", history: [] });
    // 👀 before the answer, removed after it.
    await harness.api.waitFor("👀 removed", (api) => api.callsTo("reactions.remove").find((call) => call.params.timestamp === event.ts));
    const methods = harness.api.calls.filter((call) => call.params.timestamp === event.ts || call.params.thread_ts === event.ts).map((call) => `${call.method}:${String(call.params.name ?? "")}`);
    expect(methods).toEqual(["reactions.add:eyes", "chat.postMessage:", "reactions.remove:eyes"]);
  });

  it("answers a follow-up without a mention in a thread it answered in, with the thread's earlier question as history", async () => {
    const parent = mention("2025年学前三年毛入园率目标是多少？", { channel: "C222" });
    await harness.postEvent(parent);
    const [answer] = await waitForPost(harness, "C222", parent.ts);
    const followUp = message("那2022年呢？", { channel: "C222", channel_type: "channel", thread_ts: parent.ts, parent_user_id: "W222" });
    harness.api.setThread("C222", parent.ts, [
      { type: "message", user: "W222", text: parent.text, ts: parent.ts, thread_ts: parent.ts },
      { type: "message", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text: String(answer?.params.text), ts: "1726133999.000001", thread_ts: parent.ts },
      { type: "message", user: "W222", text: followUp.text, ts: followUp.ts, thread_ts: parent.ts },
    ]);
    await harness.postEvent(followUp);

    const posts = await waitForPost(harness, "C222", parent.ts, 2);
    expect(textOf(posts[1]?.params.blocks)).toContain("2022年学前三年毛入园率为92.8%");
    expect(harness.assistant.answerCalls.at(-1)).toEqual({ question: "那2022年呢？", history: ["2025年学前三年毛入园率目标是多少？"] });
  });

  it("after a restart, finds a thread it is in through conversations.replies; ignores threads it is not in", async () => {
    const foreignParent = nextTs();
    const ownParent = nextTs();
    harness.api.setThread("C333", foreignParent, [{ type: "message", user: "W333", text: "周五开会讨论学前教育", ts: foreignParent }]);
    harness.api.setThread("C333", ownParent, [
      { type: "message", user: "W222", text: `<@${FAKE_BOT.userId}> 特殊教育有什么安排？`, ts: ownParent },
      { type: "message", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text: "规划提出实施第三期特殊教育提升计划。", ts: nextTs(), thread_ts: ownParent },
    ]);
    const ignored = message("毛入园率是多少？", { channel: "C333", channel_type: "channel", thread_ts: foreignParent, user: "W333" });
    const answered = message("特教学校呢？", { channel: "C333", channel_type: "channel", thread_ts: ownParent });
    await harness.postEvent(ignored);
    await harness.postEvent(answered);

    const [post] = await waitForPost(harness, "C333", ownParent);
    expect(textOf(post?.params.blocks)).toContain("特殊教育");
    expect(harness.assistant.answerCalls.at(-1)).toEqual({ question: "特教学校呢？", history: ["特殊教育有什么安排？"] });
    expect(postsIn(harness, "C333", foreignParent)).toHaveLength(0);
    expect(harness.api.callsTo("conversations.replies").filter((call) => call.params.ts === foreignParent)).toHaveLength(1);
  });

  it("reads a thread it is not in at most once a minute, and joins it once mentioned there", async () => {
    const parent = nextTs();
    const readsOfThread = () => harness.api.callsTo("conversations.replies").filter((call) => call.params.ts === parent).length;
    harness.api.setThread("C3434", parent, [{ type: "message", user: "W333", text: "讨论一下职业教育", ts: parent }]);
    await harness.postEvent(message("我觉得可以", { channel: "C3434", channel_type: "channel", thread_ts: parent, user: "W333" }));
    await harness.api.waitFor("the thread to be read", () => readsOfThread() === 1);
    await harness.postEvent(message("同意", { channel: "C3434", channel_type: "channel", thread_ts: parent, user: "W333" }));
    // A later answer elsewhere: the second message has been handled by then.
    const elsewhere = message("规划的总体目标是什么？", { channel: "D3434" });
    await harness.postEvent(elsewhere);
    await waitForPost(harness, "D3434", undefined);
    expect(readsOfThread()).toBe(1);
    expect(postsIn(harness, "C3434", parent)).toHaveLength(0);

    await harness.postEvent(mention("职业教育有什么安排？", { channel: "C3434", thread_ts: parent, user: "W333" }));
    await waitForPost(harness, "C3434", parent);
    const followUp = message("那特殊教育呢？", { channel: "C3434", channel_type: "channel", thread_ts: parent, user: "W333" });
    await harness.postEvent(followUp);
    await waitForPost(harness, "C3434", parent, 2);
    expect(harness.assistant.answerCalls.at(-1)?.question).toBe("那特殊教育呢？");
  });

  it("answers a top-level DM at the top level, with the DM's recent questions as history", async () => {
    const earlier = nextTs();
    const event = message("那2022年呢？", { channel: "D222" });
    harness.api.setHistory("D222", [
      { type: "message", user: "W222", text: "2025年学前三年毛入园率目标是多少？", ts: earlier },
      { type: "message", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text: "2025年学前三年毛入园率目标为≥94.0%（预期性）。", ts: nextTs() },
    ]);
    await harness.postEvent(event);

    const [post] = await waitForPost(harness, "D222", undefined);
    expect(textOf(post?.params.blocks)).toContain("92.8%");
    expect(harness.assistant.answerCalls.at(-1)).toEqual({ question: "那2022年呢？", history: ["2025年学前三年毛入园率目标是多少？"] });
  });

  it("keeps a DM thread: answers inside it", async () => {
    const threadTs = nextTs();
    const event = message("特殊教育怎么发展？", { channel: "D333", thread_ts: threadTs, parent_user_id: "W222" });
    await harness.postEvent(event);
    const [post] = await waitForPost(harness, "D333", threadTs);
    expect(textOf(post?.params.blocks)).toContain("第三期特殊教育提升计划");
    expect(textOf(post?.params.blocks)).toContain("第三篇 主要任务 › 第七章 提高基础教育水平 › 第四节 融合发展特殊教育");
  });

  it("ignores its own messages, other bots, edits, deletions and channel chatter", async () => {
    const callsBefore = harness.assistant.answerCalls.length;
    const ignoredEvents = [
      message("我自己发的回答", { channel: "D444", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId }),
      message("另一个机器人", { channel: "D444", user: "UOTHERBOT", bot_id: "BOTHER" }),
      message("机器人消息", { channel: "D444", subtype: "bot_message", bot_id: "BOTHER", user: undefined }),
      { type: "message", subtype: "message_changed", channel: "D444", channel_type: "im", ts: nextTs(), hidden: true, message: { type: "message", user: "W222", text: "改过的问题", ts: nextTs() } },
      { type: "message", subtype: "message_deleted", channel: "D444", channel_type: "im", ts: nextTs(), hidden: true, deleted_ts: nextTs() },
      message("频道里的闲聊，没有提到机器人", { channel: "C444", channel_type: "channel" }),
      mention("别的机器人提到我", { channel: "C444" }),
    ];
    // The last one is an app_mention written by a bot.
    Object.assign(ignoredEvents[ignoredEvents.length - 1] as object, { bot_id: "BOTHER" });
    for (const event of ignoredEvents) expect((await harness.postEvent(event)).status).toBe(200);

    const positive = message("规划的总体目标是什么？", { channel: "D444" });
    await harness.postEvent(positive);
    await waitForPost(harness, "D444", undefined);
    expect(harness.assistant.answerCalls.slice(callsBefore)).toEqual([{ question: "规划的总体目标是什么？", history: [] }]);
    expect(postsIn(harness, "D444", undefined)).toHaveLength(1);
    expect(harness.api.callsTo("chat.postMessage").filter((call) => call.params.channel === "C444")).toHaveLength(0);
  });

  it("posts once when Slack retries an event (same event_id, X-Slack-Retry-Num), also while the first is still being answered", async () => {
    const release = harness.assistant.holdNext();
    const event = mention("规划的总体目标是什么？", { channel: "C555" });
    const eventId = nextEventId();
    expect((await harness.postEvent(event, { eventId })).status).toBe(200);
    await harness.api.waitFor("the 👀 reaction", (api) => api.callsTo("reactions.add").find((call) => call.params.timestamp === event.ts));
    expect((await harness.postEvent(event, { eventId, retryNum: 1 })).status).toBe(200);
    release();
    await waitForPost(harness, "C555", event.ts);
    expect((await harness.postEvent(event, { eventId, retryNum: 2 })).status).toBe(200);

    // A later event is answered, so the retries had their chance to post.
    const later = mention("特殊教育呢？", { channel: "C555" });
    await harness.postEvent(later);
    await waitForPost(harness, "C555", later.ts);
    expect(postsIn(harness, "C555", event.ts)).toHaveLength(1);
    expect(harness.logs.some((line) => line.includes(`dropping repeated event ${eventId} (retry 1`))).toBe(true);
  });

  it("rejects a bad signature and a stale timestamp with 401 and posts nothing", async () => {
    const forged = JSON.stringify(eventEnvelope(mention("伪造的请求", { channel: "C666" }), nextEventId()));
    const timestamp = Math.floor(Date.now() / 1000);
    const badSignature = await harness.post(forged, { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature("not-the-secret", timestamp, forged) });
    expect(badSignature.status).toBe(401);
    const noSignature = await harness.post(forged, { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp) });
    expect(noSignature.status).toBe(401);
    const stale = await harness.postEvent(mention("过期的请求", { channel: "C666" }), { timestamp: timestamp - 10 * 60 });
    expect(stale.status).toBe(401);

    const genuine = mention("规划的总体目标是什么？", { channel: "C666" });
    await harness.postEvent(genuine);
    await waitForPost(harness, "C666", genuine.ts);
    expect(harness.api.calls.filter((call) => call.params.channel === "C666" && call.method === "chat.postMessage")).toHaveLength(1);
    expect(harness.assistant.answerCalls.some((call) => call.question.includes("伪造") || call.question.includes("过期"))).toBe(false);
  });

  it("turns an error inside the handler into an apology in the thread, and keeps serving", async () => {
    harness.assistant.failNext(new Error("index exploded"));
    const failing = mention("2025年学前三年毛入园率目标是多少？", { channel: "C777" });
    await harness.postEvent(failing);
    const [apology] = await waitForPost(harness, "C777", failing.ts);
    expect(String(apology?.params.text)).toContain("抱歉");
    expect(String(apology?.params.text)).not.toContain("index exploded");
    await harness.api.waitFor("👀 removed after the failure", (api) => api.callsTo("reactions.remove").find((call) => call.params.timestamp === failing.ts));
    expect(harness.logs.some((line) => line.startsWith("ERROR") && line.includes("index exploded"))).toBe(true);

    const next = mention("2025年学前三年毛入园率目标是多少？", { channel: "C777" });
    await harness.postEvent(next);
    const [answer] = await waitForPost(harness, "C777", next.ts);
    expect(textOf(answer?.params.blocks)).toContain("≥94.0%");
  });

  it("retries a Web API call that was rate limited (429 + Retry-After) and then posts", async () => {
    harness.api.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 0 });
    const event = mention("特殊教育有什么安排？", { channel: "C888" });
    await harness.postEvent(event);
    await waitForPost(harness, "C888", event.ts);
    const attempts = harness.api.calls.filter((call) => call.method === "chat.postMessage" && call.params.channel === "C888");
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
  });

  it("replies to an empty mention with help and example questions", async () => {
    const event = { ...mention(""), text: `<@${FAKE_BOT.userId}>`, channel: "C999" };
    await harness.postEvent(event);
    const [post] = await waitForPost(harness, "C999", event.ts);
    expect(textOf(post?.params.blocks)).toContain("/plan");
    expect(textOf(post?.params.blocks)).toContain("2025年学前三年毛入园率目标是多少？");
  });

  it("suggests example questions for an out-of-scope question, and records it as unanswered", async () => {
    const event = mention("今天天气怎么样？", { channel: "C1010" });
    await harness.postEvent(event);
    const [post] = await waitForPost(harness, "C1010", event.ts);
    const text = textOf(post?.params.blocks);
    expect(text).toContain("不在");
    expect(text).toContain("可以试试这样问");
    expect(text).toContain("2025年学前三年毛入园率目标是多少？");
    expect(buttonsIn(post?.params.blocks).map((button) => button.action_id)).not.toContain("plan_feedback_wrong_figure");
    const record = await eventually("the unanswered record", () => readFeedback(harness).then((lines) => lines.find((line) => line.kind === "unanswered")).catch(() => undefined));
    expect(record).toMatchObject({ kind: "unanswered", source: "auto", question: "今天天气怎么样？", found: false, user: "W222", channel: "C1010" });
  });

  describe("slash command", () => {
    it("answers ephemerally through response_url, with the question and a share button", async () => {
      const response = await harness.postCommand(slashCommandFields(harness.api, "2025年学前三年毛入园率目标是多少？", "command-1"));
      expect(response.status).toBe(200);
      const ack = (await response.json()) as { response_type: string; text: string };
      expect(ack).toMatchObject({ response_type: "ephemeral" });
      expect(ack.text).toContain("正在查找");

      const [reply] = await harness.api.waitFor("the ephemeral answer", (api) => (api.responsesTo("command-1").length > 0 ? api.responsesTo("command-1") : undefined));
      expect(reply?.body.response_type).toBe("ephemeral");
      expect(textOf(reply?.body.blocks)).toContain("≥94.0%");
      expect(textOf(reply?.body.blocks)).toContain("❓ *问*：2025年学前三年毛入园率目标是多少？");
      expect(buttonsIn(reply?.body.blocks).map((button) => button.text?.text)).toContain("分享到频道");
      expect(harness.api.callsTo("chat.postMessage").filter((call) => call.params.channel === "C111" && call.params.thread_ts === undefined)).toHaveLength(0);
    });

    it("shows help, ephemerally, when the text is empty", async () => {
      const response = await harness.postCommand(slashCommandFields(harness.api, "", "command-help"));
      const ack = (await response.json()) as { response_type: string; blocks: unknown };
      expect(ack.response_type).toBe("ephemeral");
      expect(textOf(ack.blocks)).toContain("可以这样问");
      expect(textOf(ack.blocks)).toContain("专栏2有哪些重点工程？");
    });

    it("shares the answer to the channel when the share button is clicked", async () => {
      await harness.postCommand(slashCommandFields(harness.api, "特殊教育有什么安排？", "command-2", { channel_id: "C1212" }));
      const [reply] = await harness.api.waitFor("the ephemeral answer", (api) => (api.responsesTo("command-2").length > 0 ? api.responsesTo("command-2") : undefined));
      const share = buttonsIn(reply?.body.blocks).find((button) => button.action_id === "plan_share");
      expect(share?.value).toBeDefined();

      await harness.postAction(buttonClick(harness.api, { action_id: "plan_share", value: String(share?.value) }, { channel: "C1212", messageTs: "1726133800.000100", responseName: "share-2", isEphemeral: true }));
      const [shared] = await waitForPost(harness, "C1212", undefined);
      expect(textOf(shared?.params.blocks)).toContain("第三期特殊教育提升计划");
      expect(textOf(shared?.params.blocks)).toContain("<@W111> 分享");
      expect(buttonsIn(shared?.params.blocks).map((button) => button.action_id)).not.toContain("plan_share");
      const [done] = await harness.api.waitFor("the share confirmation", (api) => (api.responsesTo("share-2").length > 0 ? api.responsesTo("share-2") : undefined));
      expect(done?.body).toMatchObject({ replace_original: true, text: "✅ 已分享到频道。" });
    });

    it("asks to be invited when it cannot post in the channel", async () => {
      await harness.postCommand(slashCommandFields(harness.api, "特殊教育有什么安排？", "command-3", { channel_id: "G1313" }));
      const [reply] = await harness.api.waitFor("the ephemeral answer", (api) => (api.responsesTo("command-3").length > 0 ? api.responsesTo("command-3") : undefined));
      const share = buttonsIn(reply?.body.blocks).find((button) => button.action_id === "plan_share");
      harness.api.failNext("chat.postMessage", { error: "not_in_channel" });
      await harness.postAction(buttonClick(harness.api, { action_id: "plan_share", value: String(share?.value) }, { channel: "G1313", messageTs: "1726133800.000200", responseName: "share-3", isEphemeral: true }));
      const [note] = await harness.api.waitFor("the invite note", (api) => (api.responsesTo("share-3").length > 0 ? api.responsesTo("share-3") : undefined));
      expect(String(note?.body.text)).toContain("/invite");
    });
  });

  describe("buttons on an answer", () => {
    let answer: RecordedCall;
    let question: ReturnType<typeof mention>;
    beforeAll(async () => {
      question = mention("2025年学前三年毛入园率目标是多少？", { channel: "C1414", user: "W1414" });
      await harness.postEvent(question);
      [answer] = (await waitForPost(harness, "C1414", question.ts)) as [RecordedCall];
    });

    it("records 数字有误 with the question, the answer and the user in the feedback file", async () => {
      const wrongFigure = buttonsIn(answer.params.blocks).find((button) => button.action_id === "plan_feedback_wrong_figure");
      const answerTs = "1726133900.000100";
      await harness.postAction(buttonClick(harness.api, { action_id: "plan_feedback_wrong_figure", value: String(wrongFigure?.value) }, { channel: "C1414", messageTs: answerTs, responseName: "feedback-1", user: "W1515", messageText: String(answer.params.text) }));
      const [thanks] = await harness.api.waitFor("the thank-you", (api) => (api.responsesTo("feedback-1").length > 0 ? api.responsesTo("feedback-1") : undefined));
      expect(thanks?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(String(thanks?.body.text)).toContain("数字有误");

      const lines = await readFeedback(harness);
      expect(lines.find((line) => line.kind === "wrong_figure")).toMatchObject({
        kind: "wrong_figure",
        source: "button",
        question: "2025年学前三年毛入园率目标是多少？",
        answer: "2025年学前三年毛入园率目标为≥94.0%（预期性）。2020年为92%，2022年为92.8%。专栏2提出学前三年毛入园率达94﹪以上。",
        found: true,
        intent: "indicator",
        citations: [`指标表 · ${TABLE_TITLE}`, "专栏2（第七章）"],
        user: "W1515",
        channel: "C1414",
      });
    });

    it("records 👍 as helpful", async () => {
      const helpful = buttonsIn(answer.params.blocks).find((button) => button.action_id === "plan_feedback_helpful");
      await harness.postAction(buttonClick(harness.api, { action_id: "plan_feedback_helpful", value: String(helpful?.value) }, { channel: "C1414", messageTs: "1726133900.000100", responseName: "feedback-2" }));
      await harness.api.waitFor("the thank-you", (api) => api.responsesTo("feedback-2")[0]);
      expect((await readFeedback(harness)).filter((line) => line.kind === "helpful")).toHaveLength(1);
    });

    it("opens the full cited section in a modal (查看原文)", async () => {
      const viewSource = buttonsIn(answer.params.blocks).find((button) => button.action_id === "plan_view_source:1");
      await harness.postAction(buttonClick(harness.api, { action_id: String(viewSource?.action_id), value: String(viewSource?.value), block_id: "answer_sources" }, { channel: "C1414", messageTs: "1726133900.000100", responseName: "source-1" }));
      const [opened] = await harness.api.waitFor("views.open", (api) => (api.callsTo("views.open").length > 0 ? api.callsTo("views.open") : undefined));
      expect(opened?.params.trigger_id).toBe("111.222.valid");
      const view = opened?.params.view as { type: string; blocks: unknown };
      expect(view.type).toBe("modal");
      expect(textOf(view.blocks)).toContain("1.实施学前教育普惠优质安全发展计划，学前三年毛入园率达94﹪以上");
      expect(harness.assistant.sectionTextCalls.at(-1)).toMatchObject({ box: "专栏2", chapter: "第七章" });
    });

    it("sends the section as an ephemeral message when the modal cannot be opened", async () => {
      harness.api.failNext("views.open", { error: "expired_trigger_id" });
      const viewSource = buttonsIn(answer.params.blocks).find((button) => button.action_id === "plan_view_source:0");
      await harness.postAction(buttonClick(harness.api, { action_id: String(viewSource?.action_id), value: String(viewSource?.value), block_id: "answer_sources" }, { channel: "C1414", messageTs: "1726133900.000100", responseName: "source-2" }));
      const [reply] = await harness.api.waitFor("the ephemeral source", (api) => api.responsesTo("source-2")[0] && api.responsesTo("source-2"));
      expect(reply?.body.response_type).toBe("ephemeral");
      expect(textOf(reply?.body.blocks)).toContain("学前三年毛入园率（%） 92 92.8 ≥94.0 预期性");
    });
  });

  it("publishes the App Home: plan title, 文号, date, outline, indicators and example questions", async () => {
    await harness.postEvent({ type: "app_home_opened", user: "W1616", channel: "D1616", tab: "home", event_ts: nextTs() });
    const publish = await harness.api.waitFor("views.publish", (api) => api.callsTo("views.publish").find((call) => call.params.user_id === "W1616"));
    const view = publish.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = textOf(view.blocks);
    for (const expected of [
      "重庆市梁平区教育事业发展“十四五”规划（2021—2025年）",
      "梁平府发〔2021〕17号",
      "2021年12月24日",
      "*第二篇 总体思路*",
      "第七章 提高基础教育水平",
      "学前三年毛入园率（%）：2020年 92｜2022年 92.8｜2025年 ≥94.0（预期性）",
      "2025年学前三年毛入园率目标是多少？",
      "专栏2有哪些重点工程？",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("never writes a secret to the logs or into what it posts", () => {
    expect(harness.logs.length).toBeGreaterThan(20);
    const logText = harness.logs.join("\n");
    // The token authenticates API calls (Authorization header; Bolt's auth.test also sends it as `token`); it must be nowhere else.
    const posted = JSON.stringify([
      ...harness.api.calls.map(({ params: { token, ...content } }) => content),
      ...harness.api.responses.map((response) => response.body),
    ]);
    expect(posted).toContain("≥94.0%");
    for (const secret of [BOT_TOKEN, SIGNING_SECRET]) {
      expect(logText).not.toContain(secret);
      expect(posted).not.toContain(secret);
    }
    expect(harness.api.calls.filter((call) => call.params.token !== undefined).map((call) => call.method)).toEqual(["auth.test"]);
  });
});

describe("per-user rate limit", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { SLACK_RATE_LIMIT_PER_MINUTE: "2" } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("answers up to the limit, then says once, politely and only to the asker, when to ask again", async () => {
    const asks = [1, 2, 3, 4].map(() => mention("规划的总体目标是什么？", { user: "W_RATE", channel: "C2020" }));
    for (const ask of asks.slice(0, 2)) {
      await harness.postEvent(ask);
      await waitForPost(harness, "C2020", ask.ts);
    }
    await harness.postEvent(asks[2] as (typeof asks)[number]);
    const notice = await harness.api.waitFor("the rate-limit notice", (api) => api.callsTo("chat.postEphemeral")[0]);
    expect(notice.params).toMatchObject({ channel: "C2020", user: "W_RATE", thread_ts: asks[2]?.ts });
    expect(String(notice.params.text)).toMatch(/频繁.*约 60 秒后/);
    await harness.postEvent(asks[3] as (typeof asks)[number]);

    // Another user is not limited; once their answer is in, the fourth ask has been handled too.
    const other = mention("规划的总体目标是什么？", { user: "W_OTHER", channel: "C2020" });
    await harness.postEvent(other);
    await waitForPost(harness, "C2020", other.ts);
    expect(harness.api.callsTo("chat.postEphemeral")).toHaveLength(1);
    expect(harness.assistant.answerCalls).toHaveLength(3);

    harness.clock.advance(61_000);
    const later = mention("规划的总体目标是什么？", { user: "W_RATE", channel: "C2020" });
    await harness.postEvent(later);
    await waitForPost(harness, "C2020", later.ts);
  });

  it("answers the slash command with the polite note when the user is over the limit", async () => {
    for (const name of ["rate-1", "rate-2"]) {
      await harness.postCommand(slashCommandFields(harness.api, "规划的总体目标是什么？", name, { user_id: "W_SLASH" }));
    }
    const response = await harness.postCommand(slashCommandFields(harness.api, "规划的总体目标是什么？", "rate-3", { user_id: "W_SLASH" }));
    const ack = (await response.json()) as { response_type: string; text: string };
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toContain("频繁");
  });
});

describe("graceful stop", () => {
  it("stops taking requests but finishes the answer in progress first", async () => {
    const harness = await startHarness();
    try {
      const release = harness.assistant.holdNext();
      const event = mention("2025年学前三年毛入园率目标是多少？", { channel: "C3030" });
      await harness.postEvent(event);
      await harness.api.waitFor("the question to reach the assistant", () => harness.assistant.answerCalls.length === 1);

      const stopped = harness.slack.stop();
      await expect(harness.postEvent(mention("还在吗？", { channel: "C3030" }))).rejects.toThrow();
      release();
      await stopped;
      expect(postsIn(harness, "C3030", event.ts)).toHaveLength(1);
      expect(harness.assistant.answerCalls).toHaveLength(1);
    } finally {
      await harness.close();
    }
  });
});

async function readFeedback(harness: Harness): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(harness.dataDir, "feedback.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
