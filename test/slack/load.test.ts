import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer-schema.js";
import type { LoadedAssistant } from "../../src/app/create-assistant.js";
import { FAKE_BOT, type RecordedCall } from "../fakes/fake-slack-api.js";
import { signedHeaders } from "../slack-signing.js";
import { realAssistant } from "../support/real-assistant.js";
import { eventEnvelope, type Harness, SIGNING_SECRET, startHarnessWith, textOf } from "./slack-harness.js";
import { seededRandom } from "../support/seeded-random.js";

/**
 * Load on the real HTTP receiver: 1,000 correctly signed Events API requests, 50 at a time, over
 * loopback, answered by the real assistant over the real plan; the fake Slack Web API records
 * what was posted. Timing is printed, not asserted.
 */

const REQUESTS = 1_000;
const CONCURRENCY = 50;
const MENTIONS = 600;
const DIRECT_MESSAGES = 250;
/** `message` events Slack also sends for a mention in a channel (message.channels): never answered on their own. */
const COMPANIONS = 50;
const DUPLICATES = REQUESTS - MENTIONS - DIRECT_MESSAGES - COMPANIONS;
const ANSWERED = MENTIONS + DIRECT_MESSAGES;

/**
 * The questions asked, and for the indicator questions the plan's figure the answer must contain.
 * Every answer must also be the one the assistant gives when asked directly.
 */
const QUESTIONS: readonly { readonly question: string; readonly figure?: string }[] = [
  { question: "2025年学前三年毛入园率目标是多少？", figure: "≥94.0%" },
  { question: "普惠性幼儿园在园幼儿占比的目标是多少？", figure: "≥94.5%" },
  { question: "规划的总体目标是什么？" },
  { question: "特殊教育由谁负责推进？" },
  { question: "专栏2有哪些重点工程？" },
  { question: "今天天气怎么样？" },
  { question: "２０２５年学前三年毛入园率目标是多少？", figure: "≥94.0%" },
];

/** Answers of the real assistant, counted, so the test can tell each question was worked on once. */
function countingAssistant(assistant: LoadedAssistant): LoadedAssistant & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    ...assistant,
    calls,
    answer(question: string, history?: readonly string[]): Promise<Answer> {
      calls.push(question);
      return assistant.answer(question, history);
    },
  };
}

interface Delivery {
  /** Raw JSON body: a redelivery sends the very same bytes. */
  readonly body: string;
  readonly retryNum?: number;
}

interface AnsweredEvent {
  readonly channel: string;
  /** thread_ts of the answer; undefined for a top-level DM. */
  readonly threadTs: string | undefined;
  readonly question: (typeof QUESTIONS)[number];
}

function buildDeliveries(): { deliveries: Delivery[]; answered: AnsweredEvent[] } {
  const random = seededRandom(7);
  const originals: Delivery[] = [];
  const answered: AnsweredEvent[] = [];
  for (let index = 0; index < MENTIONS; index += 1) {
    const question = QUESTIONS[index % QUESTIONS.length] as (typeof QUESTIONS)[number];
    const ts = `1726140${String(index).padStart(3, "0")}.${String(100_000 + index)}`;
    const channel = `CLOAD${index % 20}`;
    const user = `WLOAD${index % 50}`;
    const text = `<@${FAKE_BOT.userId}> ${question.question}`;
    const event = { client_msg_id: `load-${index}`, type: "app_mention", text, user, ts, team: FAKE_BOT.teamId, channel, event_ts: ts };
    originals.push({ body: JSON.stringify(eventEnvelope(event, `EvLOADM${index}`)) });
    answered.push({ channel, threadTs: ts, question });
    if (index < COMPANIONS) {
      const companion = { type: "message", text, user, ts, team: FAKE_BOT.teamId, channel, channel_type: "channel", event_ts: ts };
      originals.push({ body: JSON.stringify(eventEnvelope(companion, `EvLOADC${index}`)) });
    }
  }
  for (let index = 0; index < DIRECT_MESSAGES; index += 1) {
    const question = QUESTIONS[(index + 3) % QUESTIONS.length] as (typeof QUESTIONS)[number];
    const ts = `1726150${String(index).padStart(3, "0")}.${String(200_000 + index)}`;
    // One DM channel per colleague, as in Slack.
    const channel = `DLOAD${index}`;
    const event = { client_msg_id: `dm-${index}`, type: "message", text: question.question, user: `WDM${index}`, ts, team: FAKE_BOT.teamId, channel, channel_type: "im", event_ts: ts };
    originals.push({ body: JSON.stringify(eventEnvelope(event, `EvLOADD${index}`)) });
    answered.push({ channel, threadTs: undefined, question });
  }
  // Fisher–Yates with the seeded generator: mentions, DMs and companions interleave.
  for (let index = originals.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [originals[index], originals[other]] = [originals[other] as Delivery, originals[index] as Delivery];
  }
  // Redeliveries come after their original (Slack retries after a timeout): the same bytes, most with X-Slack-Retry-Num.
  const deliveries: Delivery[] = [];
  let duplicates = 0;
  originals.forEach((original, index) => {
    deliveries.push(original);
    if (index >= 60 && (index - 60) % 8 === 0 && duplicates < DUPLICATES) {
      const earlier = originals[index - 60] as Delivery;
      deliveries.push(duplicates % 3 === 2 ? { body: earlier.body } : { body: earlier.body, retryNum: 1 + (duplicates % 3) });
      duplicates += 1;
    }
  });
  return { deliveries, answered };
}

async function runPool<Item>(items: readonly Item[], concurrency: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as Item;
        next += 1;
        await work(item);
      }
    }),
  );
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

const answerKey = (channel: unknown, threadTs: unknown) => `${String(channel)}|${threadTs === undefined ? "" : String(threadTs)}`;

describe("load: 1,000 signed Slack requests, 50 at a time, on loopback", () => {
  let harness: Harness<ReturnType<typeof countingAssistant>>;
  const expectedAnswers = new Map<string, Answer>();
  beforeAll(async () => {
    const assistant = await realAssistant();
    for (const { question } of QUESTIONS) expectedAnswers.set(question, await assistant.answer(question));
    // Distinct users and a generous limit: the rate limiter has its own test below.
    harness = await startHarnessWith(countingAssistant(assistant), { env: { SLACK_RATE_LIMIT_PER_MINUTE: "1000", LOG_LEVEL: "info" } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("acknowledges every request with 200 and answers every distinct event exactly once, in its place", { timeout: 60_000 }, async () => {
    const { deliveries, answered } = buildDeliveries();
    expect(deliveries).toHaveLength(REQUESTS);
    expect(answered).toHaveLength(ANSWERED);

    const statuses = new Map<number, number>();
    const ackTimes: number[] = [];
    const started = performance.now();
    await runPool(deliveries, CONCURRENCY, async (delivery) => {
      const retry: Record<string, string> = delivery.retryNum === undefined ? {} : { "x-slack-retry-num": String(delivery.retryNum), "x-slack-retry-reason": "http_timeout" };
      const sent = performance.now();
      const response = await harness.post(delivery.body, { "content-type": "application/json", ...signedHeaders(SIGNING_SECRET, delivery.body), ...retry });
      await response.text();
      ackTimes.push(performance.now() - sent);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    });
    const allAcknowledged = performance.now() - started;

    const posts = () => harness.api.callsTo("chat.postMessage");
    await harness.api.waitFor(`${ANSWERED} answers`, () => posts().length >= ANSWERED, 45_000);
    const allAnswered = performance.now() - started;
    // Let everything still running finish (and anything a redelivery might have started), then count.
    await harness.slack.stop();

    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS });
    const byPlace = new Map<string, RecordedCall[]>();
    for (const post of posts()) {
      const place = answerKey(post.params.channel, post.params.thread_ts);
      byPlace.set(place, [...(byPlace.get(place) ?? []), post]);
    }
    for (const event of answered) {
      const placed = byPlace.get(answerKey(event.channel, event.threadTs)) ?? [];
      expect(placed, `answers in ${event.channel}/${event.threadTs ?? "top level"}`).toHaveLength(1);
      const [post] = placed as [RecordedCall];
      const expected = expectedAnswers.get(event.question.question) as Answer;
      expect(String(post.params.text).startsWith(expected.answer.trim().slice(0, 40))).toBe(true);
      if (event.question.figure) expect(textOf(post.params.blocks)).toContain(event.question.figure);
    }
    expect(posts()).toHaveLength(ANSWERED);
    expect(harness.assistant.calls).toHaveLength(ANSWERED);
    expect(harness.api.callsTo("reactions.add")).toHaveLength(ANSWERED);
    expect(harness.api.callsTo("reactions.remove")).toHaveLength(ANSWERED);
    // No polite rate-limit notes, no apologies, no failed Web API calls.
    expect(harness.api.callsTo("chat.postEphemeral")).toHaveLength(0);
    expect(harness.api.calls.filter((call) => call.status !== 200)).toHaveLength(0);
    expect(harness.logs.filter((line) => line.startsWith("ERROR"))).toEqual([]);
    expect(harness.logs.filter((line) => line.includes("dropping repeated event"))).toHaveLength(DUPLICATES);

    const sorted = [...ackTimes].sort((left, right) => left - right);
    const p50 = percentile(sorted, 0.5).toFixed(1);
    const p95 = percentile(sorted, 0.95).toFixed(1);
    const max = (sorted.at(-1) as number).toFixed(1);
    console.log(
      `slack load: ${REQUESTS} requests, concurrency ${CONCURRENCY}, ack p50=${p50} p95=${p95} max=${max} ms, all acknowledged in ${allAcknowledged.toFixed(0)} ms, all answered in ${allAnswered.toFixed(0)} ms`,
    );
  });
});

describe("load: the per-user rate limit under concurrent requests", () => {
  let harness: Harness<LoadedAssistant>;
  beforeAll(async () => {
    harness = await startHarnessWith(await realAssistant(), { env: { SLACK_RATE_LIMIT_PER_MINUTE: "5", LOG_LEVEL: "info" } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("answers exactly the limit for one user asking 40 times at once, notes it once, and still answers everyone else", { timeout: 30_000 }, async () => {
    const mention = (index: number, user: string) => {
      const ts = `1726160${String(index).padStart(3, "0")}.${String(300_000 + index)}`;
      return { type: "app_mention", text: `<@${FAKE_BOT.userId}> 2025年学前三年毛入园率目标是多少？`, user, ts, team: FAKE_BOT.teamId, channel: "CRATE", event_ts: ts };
    };
    const events = [
      ...Array.from({ length: 40 }, (_, index) => mention(index, "WBUSY")),
      ...Array.from({ length: 10 }, (_, index) => mention(100 + index, `WCALM${index}`)),
    ];
    const statuses: number[] = [];
    await runPool(events, CONCURRENCY, async (event) => {
      const response = await harness.postEvent(event, { eventId: `EvRATE${event.ts}` });
      statuses.push(response.status);
    });
    await harness.api.waitFor("15 answers and the note", (api) => api.callsTo("chat.postMessage").length >= 15 && api.callsTo("chat.postEphemeral").length >= 1, 15_000);
    await harness.slack.stop();

    expect(statuses.filter((status) => status === 200)).toHaveLength(events.length);
    const posts = harness.api.callsTo("chat.postMessage");
    const busyTs = new Set(events.filter((event) => event.user === "WBUSY").map((event) => event.ts));
    expect(posts.filter((post) => busyTs.has(String(post.params.thread_ts)))).toHaveLength(5);
    expect(posts.filter((post) => !busyTs.has(String(post.params.thread_ts)))).toHaveLength(10);
    for (const post of posts) expect(String(post.params.text)).toContain("≥94.0%");
    const notes = harness.api.callsTo("chat.postEphemeral");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.params).toMatchObject({ channel: "CRATE", user: "WBUSY" });
    expect(String(notes[0]?.params.text)).toContain("频繁");
    expect(harness.logs.filter((line) => line.includes("rate limit reached for user WBUSY"))).toHaveLength(35);
  });
});
