import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_CONFIG } from "../../src/slack/create-slack-app.js";
import { FAKE_BOT, type RecordedCall } from "../fakes/fake-slack-api.js";
import { type Harness, slashCommandFields, startHarness, textOf } from "./slack-harness.js";

/**
 * Slack's Web API failing under the bot: rate limits, 5xx outages, methods that fail for good.
 * The real Web API client (with its retry policy) talks to the fake Slack API, which is told to fail.
 */

let tsCounter = 0;
function nextTs(): string {
  tsCounter += 1;
  return `1726170${String(tsCounter).padStart(3, "0")}.${String(400_000 + tsCounter)}`;
}

function mention(text: string, channel: string) {
  const ts = nextTs();
  return { type: "app_mention", text: `<@${FAKE_BOT.userId}> ${text}`, user: "W222", ts, team: FAKE_BOT.teamId, channel, event_ts: ts };
}

/** Every chat.postMessage attempt in `channel` (failed ones too), oldest first. */
function attemptsIn(harness: Harness, channel: string): RecordedCall[] {
  return harness.api.calls.filter((call) => call.method === "chat.postMessage" && call.params.channel === channel);
}

async function answerIn(harness: Harness, channel: string, threadTs: string, timeoutMs = 5_000): Promise<RecordedCall> {
  return harness.api.waitFor(`a post in ${channel}/${threadTs}`, (api) => api.callsTo("chat.postMessage").find((call) => call.params.channel === channel && call.params.thread_ts === threadTs), timeoutMs);
}

/** Asks a fresh question in `channel` and expects the figure back: the app is still serving. */
async function expectStillServing(harness: Harness, channel: string): Promise<void> {
  const next = mention("2025年学前三年毛入园率目标是多少？", channel);
  expect((await harness.postEvent(next)).status).toBe(200);
  const answer = await answerIn(harness, channel, next.ts);
  expect(textOf(answer.params.blocks)).toContain("≥94.0%");
}

describe("Web API failures (test retry policy: 2 retries, no backoff)", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("retries a 5xx from Slack and posts the answer once", async () => {
    harness.api.failNext("chat.postMessage", { status: 500 });
    const event = mention("2025年学前三年毛入园率目标是多少？", "CF1");
    await harness.postEvent(event);
    const answer = await answerIn(harness, "CF1", event.ts);
    expect(textOf(answer.params.blocks)).toContain("≥94.0%");
    expect(attemptsIn(harness, "CF1").map((call) => call.status)).toEqual([500, 200]);
  });

  it("when rate limiting outlasts the retries, says so in the thread, logs it, and answers the next question", async () => {
    harness.api.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 0 }, { status: 429, retryAfterSeconds: 0 }, { status: 429, retryAfterSeconds: 0 });
    const event = mention("规划的总体目标是什么？", "CF2");
    expect((await harness.postEvent(event)).status).toBe(200);
    const apology = await answerIn(harness, "CF2", event.ts);
    expect(String(apology.params.text)).toContain("抱歉");
    expect(attemptsIn(harness, "CF2").map((call) => call.status)).toEqual([429, 429, 429, 200]);
    expect(harness.logs.some((line) => line.startsWith("ERROR") && line.includes("answering a message in CF2 failed") && line.includes("rate limit"))).toBe(true);
    await harness.api.waitFor("👀 removed", (api) => api.callsTo("reactions.remove").find((call) => call.params.timestamp === event.ts));

    await expectStillServing(harness, "CF2");
  });

  it("when Slack answers 503 through every retry, says so in the thread and keeps serving", async () => {
    harness.api.failNext("chat.postMessage", { status: 503 }, { status: 503 }, { status: 503 });
    const event = mention("特殊教育有什么安排？", "CF3");
    await harness.postEvent(event);
    const apology = await answerIn(harness, "CF3", event.ts);
    expect(String(apology.params.text)).toContain("抱歉");
    expect(attemptsIn(harness, "CF3").map((call) => call.status)).toEqual([503, 503, 503, 200]);
    expect(harness.logs.some((line) => line.startsWith("ERROR") && line.includes("answering a message in CF3 failed") && line.includes("503"))).toBe(true);

    await expectStillServing(harness, "CF3");
  });

  it("when even the apology cannot be posted, logs both failures and keeps serving", async () => {
    harness.api.failNext("chat.postMessage", ...Array.from({ length: 6 }, () => ({ status: 500 as const })));
    const event = mention("规划的总体目标是什么？", "CF4");
    await harness.postEvent(event);
    await harness.api.waitFor("six failed attempts", () => attemptsIn(harness, "CF4").length === 6);
    await harness.api.waitFor("👀 removed", (api) => api.callsTo("reactions.remove").find((call) => call.params.timestamp === event.ts));
    await harness.api.waitFor("the second error line", () => harness.logs.some((line) => line.startsWith("ERROR") && line.includes("posting the apology failed too")));
    expect(harness.logs.some((line) => line.startsWith("ERROR") && line.includes("answering a message in CF4 failed"))).toBe(true);
    expect(attemptsIn(harness, "CF4").every((call) => call.status === 500)).toBe(true);

    await expectStillServing(harness, "CF4");
    expect(attemptsIn(harness, "CF4").filter((call) => call.params.thread_ts === event.ts)).toHaveLength(6);
  });

  it("answers although the 👀 reaction and the DM history cannot be read or written", async () => {
    // Earlier answers remove their 👀 last: let them finish, or they would take the failures queued here.
    await harness.api.waitFor("earlier 👀 removals", (api) => api.callsTo("reactions.remove").length >= api.callsTo("reactions.add").length || undefined);
    harness.api.failNext("reactions.add", { error: "missing_scope" });
    harness.api.failNext("reactions.remove", { status: 500 }, { status: 500 }, { status: 500 });
    harness.api.failNext("conversations.history", { error: "missing_scope" });
    const ts = nextTs();
    await harness.postEvent({ type: "message", text: "2025年学前三年毛入园率目标是多少？", user: "W222", ts, event_ts: ts, channel: "DF5", channel_type: "im" });
    const answer = await harness.api.waitFor("the DM answer", (api) => api.callsTo("chat.postMessage").find((call) => call.params.channel === "DF5"));
    expect(textOf(answer.params.blocks)).toContain("≥94.0%");
    await harness.api.waitFor("the failed 👀 removal", (api) => api.calls.filter((call) => call.method === "reactions.remove" && call.params.timestamp === ts).length === 3);
    await harness.api.waitFor("the warning", () => harness.logs.some((line) => line.includes("could not remove the 👀 reaction")));
    expect(harness.logs.some((line) => line.startsWith("WARN") && line.includes("could not add the 👀 reaction") && line.includes("missing_scope"))).toBe(true);
    expect(harness.logs.some((line) => line.startsWith("WARN") && line.includes("could not read the conversation history of DF5"))).toBe(true);
  });

  it("retries a slash command's answer once when its response_url fails once", async () => {
    harness.api.failNextResponse("command-retried", 502);
    const response = await harness.postCommand(slashCommandFields(harness.api, "2025年学前三年毛入园率目标是多少？", "command-retried", { channel_id: "CF5" }));
    expect(response.status).toBe(200);
    const [answer] = await harness.api.waitFor("the retried answer", (api) => (api.responsesTo("command-retried").length > 0 ? api.responsesTo("command-retried") : undefined));
    expect(JSON.stringify(answer?.body)).toContain("≥94.0");
    expect(harness.api.responses.filter((recorded) => recorded.name === "command-retried").map((recorded) => recorded.status)).toEqual([502, 200]);
  });

  it("when the slash command's response_url keeps failing, sends the apology there and logs it", async () => {
    harness.api.failNextResponse("command-fails", 500, 500, 500);
    const response = await harness.postCommand(slashCommandFields(harness.api, "2025年学前三年毛入园率目标是多少？", "command-fails", { channel_id: "CF6" }));
    expect(response.status).toBe(200);
    const [apology] = await harness.api.waitFor("the apology", (api) => (api.responsesTo("command-fails").length > 0 ? api.responsesTo("command-fails") : undefined));
    expect(apology?.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(apology?.body.text)).toContain("抱歉");
    expect(harness.api.responses.filter((recorded) => recorded.name === "command-fails").map((recorded) => recorded.status)).toEqual([500, 500, 500, 200]);
    expect(harness.logs.some((line) => line.startsWith("ERROR") && line.includes("answering /plan failed") && line.includes("500"))).toBe(true);

    await expectStillServing(harness, "CF6");
  });
});

describe("Web API rate limits with the production retry policy (DEFAULT_RETRY_CONFIG)", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ overrides: { retryConfig: DEFAULT_RETRY_CONFIG } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("waits out Retry-After: 1 twice and then posts the answer once", { timeout: 30_000 }, async () => {
    harness.api.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 }, { status: 429, retryAfterSeconds: 1 });
    const event = mention("2025年学前三年毛入园率目标是多少？", "CF7");
    const started = Date.now();
    expect((await harness.postEvent(event)).status).toBe(200);
    // Retry-After 1 s twice plus the policy's backoff (1–2 s, then 2–4 s): up to about 8 s.
    const answer = await answerIn(harness, "CF7", event.ts, 20_000);
    await harness.slack.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(textOf(answer.params.blocks)).toContain("≥94.0%");
    expect(attemptsIn(harness, "CF7").map((call) => call.status)).toEqual([429, 429, 200]);
    expect(harness.logs.some((line) => line.includes("rate limiting") && line.includes("retry in 1 second"))).toBe(true);
    expect(harness.logs.filter((line) => line.startsWith("ERROR"))).toEqual([]);
  });
});
