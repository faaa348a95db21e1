import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { startDingTalkIfConfigured } from "../../src/dingtalk/start-dingtalk.js";
import { createFakeAssistant, type FakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_DINGTALK, FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { realAssistant } from "../support/real-assistant.js";
import { waitFor } from "../support/wait-for.js";
import { consoleLines, expectNoSecret, type Harness, outcomeOf, startHarness } from "./dingtalk-harness.js";

/**
 * The DingTalk robot over loopback: the real dingtalk-stream client asks the fake gateway for a
 * connection, receives robot-message callback frames on its WebSocket, ACKs them, and the bot
 * replies through the session webhook (or the OpenAPI once the webhook has expired).
 */
describe("DingTalk robot in Stream mode, with the real assistant", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(await realAssistant());
  });
  afterAll(async () => {
    await harness?.bot.stop();
    await harness?.dingtalk.stop();
  });

  it("opens the connection at DINGTALK_API_URL with the app's credentials", () => {
    const open = harness.dingtalk.requests.find((request) => request.path === "/v1.0/gateway/connections/open");
    expect(open?.body).toMatchObject({ clientId: FAKE_DINGTALK.clientId, clientSecret: FAKE_DINGTALK.clientSecret });
    expect(open?.body.subscriptions).toContainEqual({ type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" });
  });

  it("answers an indicator question in a 1:1 chat with 94 and its citation, ACKs the frame, and answers the follow-up with 92.8", async () => {
    const frame = harness.dingtalk.pushRobotMessage({ msgId: "m-indicator", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the ACK", () => harness.dingtalk.acks().includes(frame));
    await waitFor("the answer", outcomeOf(harness, "m-indicator"));
    const [answer] = harness.dingtalk.replies().filter((reply) => reply.session === "session-m-indicator");
    expect(answer?.via).toBe("webhook");
    expect(answer?.text).toContain("94");
    expect(answer?.text).toContain("**出处**");
    expect(answer?.text).toMatch(/指标表 · .*：“学前三年毛入园率/);

    harness.dingtalk.pushRobotMessage({ msgId: "m-follow-up", text: "那2022年呢" });
    await waitFor("the follow-up's answer", outcomeOf(harness, "m-follow-up"));
    const [followUp] = harness.dingtalk.replies().filter((reply) => reply.session === "session-m-follow-up");
    expect(followUp?.text).toContain("92.8");
  });

  it("answers a group @mention, keeps each sender's context apart, and ignores a group message without one", async () => {
    harness.dingtalk.pushRobotMessage({ msgId: "m-group-ignored", text: "大家好，今天开会", conversationType: "2", isInAtList: false });
    harness.dingtalk.pushRobotMessage({ msgId: "m-group", text: "2025年学前三年毛入园率目标是多少", conversationType: "2", senderStaffId: "staff002" });
    await waitFor("the group answer", outcomeOf(harness, "m-group"));
    expect(outcomeOf(harness, "m-group-ignored")()).toBe("ignored");
    expect(harness.dingtalk.replies().filter((reply) => reply.session === "session-m-group-ignored")).toEqual([]);
    expect(harness.dingtalk.replies().find((reply) => reply.session === "session-m-group")?.text).toContain("94");
  });

  it("answers a redelivered frame once, and ACKs both deliveries", async () => {
    const first = harness.dingtalk.pushRobotMessage({ msgId: "m-redelivered", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "m-redelivered"));
    const second = harness.dingtalk.pushRobotMessage({ msgId: "m-redelivered", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the second outcome", () => harness.outcomes.filter((entry) => entry.msgId === "m-redelivered").length === 2);
    expect(harness.outcomes.filter((entry) => entry.msgId === "m-redelivered").map((entry) => entry.outcome)).toEqual(["answered", "duplicate"]);
    expect(harness.dingtalk.replies().filter((reply) => reply.session === "session-m-redelivered")).toHaveLength(1);
    expect(harness.dingtalk.acks()).toEqual(expect.arrayContaining([first, second]));
  });

  it("replies through the OpenAPI with an access token once the session webhook has expired", async () => {
    harness.dingtalk.pushRobotMessage({ msgId: "m-expired", text: "2025年学前三年毛入园率目标是多少", conversationType: "2", sessionWebhookExpiredTime: Date.now() - 1_000 });
    await waitFor("the answer", outcomeOf(harness, "m-expired"));
    const sent = harness.dingtalk.requests.find((request) => request.path === "/v1.0/robot/groupMessages/send");
    expect(sent?.headers["x-acs-dingtalk-access-token"]).toBe(FAKE_DINGTALK.accessToken);
    expect(sent?.body).toMatchObject({ robotCode: FAKE_DINGTALK.clientId, openConversationId: "cid-group-1", msgKey: "sampleMarkdown" });
    expect(JSON.parse(String(sent?.body.msgParam)).text).toContain("94");
  });

  it("retries a reply the platform refused with a 5xx, and apologises when every attempt failed", async () => {
    harness.dingtalk.failNext("/robot/sendBySession", 503, 1);
    harness.dingtalk.pushRobotMessage({ msgId: "m-retried", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "m-retried"));
    expect(harness.dingtalk.replies().filter((reply) => reply.session === "session-m-retried").map((reply) => reply.status)).toEqual([503, 200]);

    harness.dingtalk.failNext("/robot/sendBySession", 502, 3);
    harness.dingtalk.pushRobotMessage({ msgId: "m-apology", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the outcome", outcomeOf(harness, "m-apology"));
    expect(outcomeOf(harness, "m-apology")()).toBe("failed");
    const replies = harness.dingtalk.replies().filter((reply) => reply.session === "session-m-apology");
    expect(replies.map((reply) => reply.status)).toEqual([502, 502, 502, 200]);
    expect(replies.at(-1)?.text).toMatch(/^抱歉/);
  });

  it("writes no secret to any log", () => {
    expect(harness.logs.length).toBeGreaterThan(0);
    expectNoSecret([...harness.logs, ...consoleLines]);
  });
});

describe("DingTalk robot with a slow answer", () => {
  let harness: Harness;
  let assistant: FakeAssistant;
  beforeAll(async () => {
    assistant = createFakeAssistant();
    harness = await startHarness(assistant, { progressAfterMs: 50 });
  });
  afterEach(() => expectNoSecret([...harness.logs, ...consoleLines]));
  afterAll(async () => {
    await harness?.dingtalk.stop();
  });

  it("ACKs at once, posts a placeholder, then the answer; stop() waits for the answer in flight", async () => {
    const release = assistant.holdNext();
    const frame = harness.dingtalk.pushRobotMessage({ msgId: "m-slow", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the ACK", () => harness.dingtalk.acks().includes(frame), 1_000);
    await waitFor("the placeholder", () => harness.dingtalk.replies().find((reply) => reply.session === "session-m-slow"));
    expect(harness.dingtalk.replies().filter((reply) => reply.session === "session-m-slow").map((reply) => reply.text)).toEqual(["⏳ 正在整理答案，请稍候…"]);
    const stopped = harness.bot.stop();
    setTimeout(release, 100);
    await stopped;
    const texts = harness.dingtalk.replies().filter((reply) => reply.session === "session-m-slow").map((reply) => reply.text);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("≥94.0%");
  });
});

describe("DingTalk start-up", () => {
  it("is skipped without credentials, and names the fix when DingTalk refuses them", async () => {
    expect(await startDingTalkIfConfigured(loadConfig({}), createFakeAssistant())).toBeNull();
    const dingtalk = await new FakeDingTalk().start();
    try {
      dingtalk.refuseCredentials();
      const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId, DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret, DINGTALK_API_URL: dingtalk.apiUrl });
      const failure = startDingTalkIfConfigured(config, createFakeAssistant(), undefined, { autoReconnect: false });
      await expect(failure).rejects.toMatchObject({ code: "DINGTALK_CONFIG" });
      await expect(failure).rejects.toThrow(/DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET/);
      await failure.catch((error: Error) => expect(error.message).not.toContain(FAKE_DINGTALK.clientSecret));
    } finally {
      await dingtalk.stop();
    }
  });
});
