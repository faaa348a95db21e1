import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { startFeishuIfConfigured } from "../../src/feishu/start-feishu.js";
import { createFakeAssistant, type FakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_FEISHU, FakeFeishu } from "../fakes/fake-feishu.js";
import { realAssistant } from "../support/real-assistant.js";
import { waitFor } from "../support/wait-for.js";
import { buttonValues, consoleLines, expectNoSecret, type Harness, outcomeOf, postsTo, startHarness, textOf } from "./feishu-harness.js";

/**
 * The Feishu bot over loopback: the real @larksuiteoapi/node-sdk WSClient asks the fake for an
 * endpoint, receives protobuf event frames on its WebSocket and answers them; the real Client
 * gets a tenant token and replies (or updates the placeholder card) through the fake's API.
 */
describe("Feishu bot over the long connection, with the real assistant", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(await realAssistant());
  });
  afterAll(async () => {
    await harness?.bot.stop();
    await harness?.feishu.stop();
  });

  it("connects with the app's credentials and reads its own open_id", () => {
    expect(harness.feishu.requests.find((request) => request.path === "/callback/ws/endpoint")?.body).toMatchObject({ AppID: FAKE_FEISHU.appId, AppSecret: FAKE_FEISHU.appSecret });
    expect(harness.feishu.requests.find((request) => request.path === "/open-apis/bot/v3/info")?.authorization).toBe(`Bearer ${FAKE_FEISHU.tenantToken}`);
  });

  it("answers a p2p indicator question with a card holding 94 and its citation, acknowledges the frame, and answers the follow-up with 92.8", async () => {
    const frame = harness.feishu.pushTextMessage({ eventId: "ev-indicator", messageId: "om_indicator", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "om_indicator"));
    expect(harness.feishu.responses.find((response) => response.frameId === frame)?.code).toBe(200);
    const [reply] = postsTo(harness, "om_indicator");
    expect(reply).toMatchObject({ kind: "reply", msgType: "interactive", replyInThread: false });
    const text = textOf(reply?.content);
    expect(text).toContain("94");
    expect(text).toMatch(/指标表 · .*：“学前三年毛入园率/);
    expect(text).toContain("查看原文");
    expect(buttonValues(reply?.content).map((value) => value.action)).toEqual(["view_source", "feedback", "feedback", "feedback"]);

    harness.feishu.pushTextMessage({ eventId: "ev-follow-up", messageId: "om_follow_up", text: "那2022年呢" });
    await waitFor("the follow-up's answer", outcomeOf(harness, "om_follow_up"));
    expect(textOf(postsTo(harness, "om_follow_up")[0]?.content)).toContain("92.8");
  });

  it("answers a group @mention in its thread with the mention key stripped, and ignores a group message without one", async () => {
    harness.feishu.pushTextMessage({ eventId: "ev-group-ignored", messageId: "om_group_ignored", text: "@_user_1 明天开会", chatType: "group", mentions: ["ou_colleague"] });
    harness.feishu.pushTextMessage({ eventId: "ev-group", messageId: "om_group", text: "@_user_1 2025年学前三年毛入园率目标是多少", chatType: "group", mentions: [FAKE_FEISHU.botOpenId] });
    await waitFor("the group answer", outcomeOf(harness, "om_group"));
    expect(outcomeOf(harness, "om_group_ignored")()).toBe("ignored");
    expect(postsTo(harness, "om_group_ignored")).toEqual([]);
    const [reply] = postsTo(harness, "om_group");
    expect(reply?.replyInThread).toBe(true);
    expect(textOf(reply?.content)).toContain("94");

    // A follow-up in the thread has the thread's history.
    harness.feishu.pushTextMessage({ eventId: "ev-group-follow-up", messageId: "om_group_follow_up", text: "@_user_1 那2022年呢", chatType: "group", rootId: "om_group", mentions: [FAKE_FEISHU.botOpenId] });
    await waitFor("the thread follow-up", outcomeOf(harness, "om_group_follow_up"));
    expect(textOf(postsTo(harness, "om_group_follow_up")[0]?.content)).toContain("92.8");
  });

  it("answers a redelivered event once (same event id), and a second event for the same message once", async () => {
    harness.feishu.pushTextMessage({ eventId: "ev-redelivered", messageId: "om_redelivered", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "om_redelivered"));
    harness.feishu.pushTextMessage({ eventId: "ev-redelivered", messageId: "om_redelivered", text: "2025年学前三年毛入园率目标是多少" });
    harness.feishu.pushTextMessage({ eventId: "ev-redelivered-2", messageId: "om_redelivered", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("three outcomes", () => harness.outcomes.filter((entry) => entry.messageId === "om_redelivered").length === 3);
    expect(harness.outcomes.filter((entry) => entry.messageId === "om_redelivered").map((entry) => entry.outcome)).toEqual(["answered", "duplicate", "duplicate"]);
    expect(postsTo(harness, "om_redelivered")).toHaveLength(1);
  });

  it("shows the full cited section for 查看原文, and records 👍 / 数字有误 to the feedback store", async () => {
    harness.feishu.pushTextMessage({ eventId: "ev-buttons", messageId: "om_buttons", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "om_buttons"));
    const values = buttonValues(postsTo(harness, "om_buttons")[0]?.content);
    const answerMessage = "om_reply_of_buttons";
    const sourceFrame = harness.feishu.pushCardAction("ev-click-source", answerMessage, values[0]);
    await waitFor("the toast", () => harness.feishu.responses.find((response) => response.frameId === sourceFrame));
    const [source] = postsTo(harness, answerMessage);
    expect(source?.replyInThread).toBe(true);
    expect(textOf(source?.content)).toContain("学前三年毛入园率");
    expect(harness.feishu.responses.find((response) => response.frameId === sourceFrame)?.data).toMatchObject({ toast: { type: "info" } });

    const helpful = values.find((value) => value.kind === "helpful");
    const wrong = values.find((value) => value.kind === "wrong_figure");
    const helpfulFrame = harness.feishu.pushCardAction("ev-click-helpful", answerMessage, helpful);
    const wrongFrame = harness.feishu.pushCardAction("ev-click-wrong", answerMessage, wrong);
    await waitFor("both toasts", () => [helpfulFrame, wrongFrame].every((frame) => harness.feishu.responses.some((response) => response.frameId === frame)));
    expect(harness.records.filter((record) => record.source === "button").map((record) => [record.kind, record.question, record.channel, record.found])).toEqual([
      ["helpful", "2025年学前三年毛入园率目标是多少", "feishu:oc_direct0001", true],
      ["wrong_figure", "2025年学前三年毛入园率目标是多少", "feishu:oc_direct0001", true],
    ]);
    expect(harness.records.find((record) => record.kind === "helpful")?.answer).toContain("94");
    expect(harness.feishu.responses.find((response) => response.frameId === wrongFrame)?.data).toMatchObject({ toast: { content: expect.stringContaining("数字有误") } });
  });

  it("retries a reply refused with a 5xx, and apologises when every attempt failed", async () => {
    harness.feishu.failNext(/\/om_retried\/reply$/, 503, 1);
    harness.feishu.pushTextMessage({ eventId: "ev-retried", messageId: "om_retried", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "om_retried"));
    expect(postsTo(harness, "om_retried").map((post) => post.status)).toEqual([503, 200]);

    harness.feishu.failNext(/\/om_apology\/reply$/, 500, 3);
    harness.feishu.pushTextMessage({ eventId: "ev-apology", messageId: "om_apology", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the outcome", outcomeOf(harness, "om_apology"));
    expect(outcomeOf(harness, "om_apology")()).toBe("failed");
    const posts = postsTo(harness, "om_apology");
    expect(posts.map((post) => post.status)).toEqual([500, 500, 500, 200]);
    expect(posts.at(-1)).toMatchObject({ msgType: "text" });
    expect(textOf(posts.at(-1)?.content)).toMatch(/^抱歉/);
  });

  it("writes no secret to any log", () => {
    expect(harness.logs.length).toBeGreaterThan(0);
    expectNoSecret([...harness.logs, ...consoleLines]);
  });
});

describe("Feishu bot with a slow answer", () => {
  let harness: Harness;
  let assistant: FakeAssistant;
  beforeAll(async () => {
    assistant = createFakeAssistant();
    harness = await startHarness(assistant, { progressAfterMs: 50 });
  });
  afterAll(async () => {
    await harness?.feishu.stop();
  });

  it("acknowledges the frame at once, replaces a placeholder card with the answer, and stop() waits for it", async () => {
    const release = assistant.holdNext();
    const frame = harness.feishu.pushTextMessage({ eventId: "ev-slow", messageId: "om_slow", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the ACK", () => harness.feishu.responses.find((response) => response.frameId === frame), 1_000);
    await waitFor("the placeholder", () => postsTo(harness, "om_slow")[0]);
    expect(textOf(postsTo(harness, "om_slow")[0]?.content)).toContain("正在整理答案");
    const stopped = harness.bot.stop();
    setTimeout(release, 100);
    await stopped;
    const update = harness.feishu.posts().find((post) => post.kind === "update");
    expect(update?.messageId).toMatch(/^om_reply/);
    expect(textOf(update?.content)).toContain("≥94.0%");
    expectNoSecret([...harness.logs, ...consoleLines]);
  });
});

describe("Feishu start-up", () => {
  it("is skipped without credentials, and names the fix when Feishu refuses the app", async () => {
    expect(await startFeishuIfConfigured(loadConfig({}), createFakeAssistant())).toBeNull();
    const feishu = await new FakeFeishu().start();
    try {
      feishu.refuseApp();
      const config = loadConfig({ FEISHU_APP_ID: FAKE_FEISHU.appId, FEISHU_APP_SECRET: FAKE_FEISHU.appSecret, FEISHU_DOMAIN: feishu.domain });
      const failure = startFeishuIfConfigured(config, createFakeAssistant(), { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }, { autoReconnect: false, connectTimeoutMs: 5_000 });
      await expect(failure).rejects.toMatchObject({ code: "FEISHU_CONFIG" });
      await failure.catch((error: Error) => {
        expect(error.message).toMatch(/FEISHU_APP_ID and FEISHU_APP_SECRET/);
        expect(error.message).not.toContain(FAKE_FEISHU.appSecret);
      });
    } finally {
      await feishu.stop();
    }
  });
});
