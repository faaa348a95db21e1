import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { createSlackApp, type SlackApp } from "../../src/slack/create-slack-app.js";
import type { SlackLogger } from "../../src/slack/slack-logger.js";
import { createFakeAssistant, type FakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { BOT_TOKEN, eventEnvelope, nextEventId, textOf } from "./slack-harness.js";

/**
 * Socket Mode over a real WebSocket: the app asks the fake API for a URL (apps.connections.open,
 * with the app token), connects to the fake's WebSocket, receives envelopes, acks them, and
 * answers through the Web API.
 */
const APP_TOKEN = "xapp-1-A111-222-fakeAppTokenValue";

describe("Slack app in Socket Mode", () => {
  let api: FakeSlackApi;
  let assistant: FakeAssistant;
  let slack: SlackApp;
  const logs: string[] = [];
  const logger: SlackLogger = { debug: (line) => logs.push(line), info: (line) => logs.push(line), warn: (line) => logs.push(line), error: (line) => logs.push(line) };

  beforeAll(async () => {
    api = await startFakeSlackApi();
    assistant = createFakeAssistant();
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.apiUrl, LOG_LEVEL: "debug", SLACK_RATE_LIMIT_PER_MINUTE: "1000" });
    slack = createSlackApp({ config, assistant, logger, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 10 } });
    expect(slack.mode).toBe("socket");
    expect(await slack.start()).toEqual({ mode: "socket" });
  });
  afterAll(async () => {
    await slack?.stop();
    await api?.close();
  });

  it("opens the connection with the app token", () => {
    const [open] = api.callsTo("apps.connections.open");
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(api.socketConnections).toBe(1);
  });

  it("acks an events_api envelope and answers the mention in its thread", async () => {
    const ts = "1610241741.000200";
    const event = { type: "app_mention", text: `<@${FAKE_BOT.userId}> 2025年学前三年毛入园率目标是多少？`, user: "U222", ts, team: FAKE_BOT.teamId, channel: "C111", event_ts: ts };
    api.sendSocketEnvelope({ envelope_id: "cda4159a-72a5-4744-aba3-4d66eb52682b", payload: eventEnvelope(event, nextEventId()), type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });

    const post = await api.waitFor("the answer", (fake) => fake.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts));
    expect(post.params.channel).toBe("C111");
    expect(textOf(post.params.blocks)).toContain("≥94.0%");
    expect(api.socketMessages).toContainEqual({ envelope_id: "cda4159a-72a5-4744-aba3-4d66eb52682b", payload: {} });
  });

  it("drops a redelivered envelope with the same event_id (retry_attempt 1)", async () => {
    const ts = "1610241742.000300";
    const eventId = nextEventId();
    const event = { type: "app_mention", text: `<@${FAKE_BOT.userId}> 特殊教育有什么安排？`, user: "U222", ts, team: FAKE_BOT.teamId, channel: "C222", event_ts: ts };
    api.sendSocketEnvelope({ envelope_id: "env-1", payload: eventEnvelope(event, eventId), type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });
    await api.waitFor("the answer", (fake) => fake.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts));
    api.sendSocketEnvelope({ envelope_id: "env-2", payload: eventEnvelope(event, eventId), type: "events_api", accepts_response_payload: false, retry_attempt: 1, retry_reason: "timeout" });
    await api.waitFor("the retry's ack", (fake) => fake.socketMessages.find((message) => message.envelope_id === "env-2"));

    const laterTs = "1610241743.000400";
    api.sendSocketEnvelope({ envelope_id: "env-3", payload: eventEnvelope({ ...event, ts: laterTs, event_ts: laterTs }, nextEventId()), type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });
    await api.waitFor("the later answer", (fake) => fake.callsTo("chat.postMessage").find((call) => call.params.thread_ts === laterTs));
    expect(api.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === ts)).toHaveLength(1);
  });

  it("answers the slash command ephemerally in the ack payload and through response_url", async () => {
    api.sendSocketEnvelope({
      envelope_id: "env-command",
      payload: {
        token: "verification_token",
        team_id: FAKE_BOT.teamId,
        channel_id: "C111",
        user_id: "W111",
        command: "/plan",
        text: "特殊教育有什么安排？",
        api_app_id: "A111",
        response_url: api.responseUrl("socket-command"),
        trigger_id: "111.111.xxx",
      },
      type: "slash_commands",
      accepts_response_payload: true,
    });
    const ack = await api.waitFor("the command ack", (fake) => fake.socketMessages.find((message) => message.envelope_id === "env-command"));
    expect(ack.payload).toMatchObject({ response_type: "ephemeral", text: "🔎 正在查找：特殊教育有什么安排？" });
    const [reply] = await api.waitFor("the answer", (fake) => (fake.responsesTo("socket-command").length > 0 ? fake.responsesTo("socket-command") : undefined));
    expect(textOf(reply?.body.blocks)).toContain("第三期特殊教育提升计划");
  });

  it("keeps both tokens out of the logs", () => {
    const text = logs.join("\n");
    expect(text).toContain("Socket Mode");
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain(BOT_TOKEN);
  });
});
