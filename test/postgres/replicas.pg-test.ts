import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_REPLIES } from "../../src/channel/channel-replies.js";
import { systemClock } from "../../src/channel/clock.js";
import { createJsonlFeedbackStore, readFeedbackFile } from "../../src/channel/feedback-store.js";
import { createPostgresChannelStores } from "../../src/postgres/channel-stores.js";
import { createDatabase, type Database } from "../../src/postgres/database.js";
import { migrate } from "../../src/postgres/migrate.js";
import { startHarness as startDingTalkHarness } from "../dingtalk/dingtalk-harness.js";
import { createFakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { buttonClick, buttonsIn, eventually, type Harness, nextEventId, startHarnessWith } from "../slack/slack-harness.js";
import { startPglite, type RunningPglite } from "../support/pglite-server.js";
import { waitFor } from "../support/wait-for.js";

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let tsCounter = 0;
function nextTs(): string {
  tsCounter += 1;
  return `1726140${String(100 + tsCounter).padStart(3, "0")}.${String(200_000 + tsCounter)}`;
}

function mention(text: string, channel: string, ts = nextTs()) {
  return { client_msg_id: `msg-${ts}`, type: "app_mention", text: `<@${FAKE_BOT.userId}> ${text}`, user: "W222", ts, team: FAKE_BOT.teamId, channel, event_ts: ts };
}

/** One replica of the bot: the real Bolt app on its own port, its own pool on the shared database. */
async function startSlackReplica(api: FakeSlackApi, url: string, feedbackFile: string): Promise<{ harness: Harness; database: Database; close(): Promise<void> }> {
  const database = createDatabase({ url, poolSize: 2, connectTimeoutMs: 1_000 });
  const stores = createPostgresChannelStores(database, { clock: systemClock, logger: silent, fallback: createJsonlFeedbackStore(feedbackFile), retryAfterMs: 100, retryMaxMs: 300 });
  const harness = await startHarnessWith(createFakeAssistant(), { api, overrides: { deduper: stores.deduper, feedbackStore: stores.feedbackStore } });
  return {
    harness,
    database,
    async close() {
      await harness.close();
      await stores.feedbackStore.close();
      await database.close();
    },
  };
}

const answersIn = (api: FakeSlackApi, channel: string) => api.callsTo("chat.postMessage").filter((call) => call.params.channel === channel && Array.isArray(call.params.blocks));

describe("two replicas on one database", () => {
  let server: RunningPglite;
  let api: FakeSlackApi;
  let replicas: Awaited<ReturnType<typeof startSlackReplica>>[];

  beforeAll(async () => {
    server = await startPglite();
    const migrator = createDatabase({ url: server.url, poolSize: 2 });
    await migrate(migrator);
    await migrator.close();
    api = await startFakeSlackApi();
    const feedbackFile = join(mkdtempSync(join(tmpdir(), "replicas-")), "feedback.jsonl");
    replicas = [await startSlackReplica(api, server.url, feedbackFile), await startSlackReplica(api, server.url, feedbackFile)];
  });

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
    await api?.close();
    await server?.stop();
  });

  it("answers a Slack event once when Slack retries it to the other replica, even at the same moment", async () => {
    const [first, second] = replicas.map((replica) => replica.harness) as [Harness, Harness];
    const event = mention("2025年学前三年毛入园率目标是多少？", "C5001");
    const eventId = nextEventId();
    const deliveries = await Promise.all([first.postEvent(event, { eventId }), second.postEvent(event, { eventId, retryNum: 1 })]);
    expect(deliveries.map((response) => response.status)).toEqual([200, 200]);
    await api.waitFor("the answer", () => answersIn(api, "C5001").length === 1);
    // A later retry (Slack's 1-minute one) reaches the first replica again: still dropped.
    await first.postEvent(event, { eventId, retryNum: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answersIn(api, "C5001")).toHaveLength(1);
    expect(first.assistant.answerCalls.length + second.assistant.answerCalls.length).toBe(1);
    expect([...first.logs, ...second.logs].filter((line) => line.includes(`dropping repeated event ${eventId}`))).toHaveLength(2);
  });

  it("keeps the thread when the follow-up reaches the other replica", async () => {
    const [first, second] = replicas.map((replica) => replica.harness) as [Harness, Harness];
    const parent = mention("2025年学前三年毛入园率目标是多少？", "C5002");
    await first.postEvent(parent);
    const [answer] = await api.waitFor("the answer in the thread", () => {
      const posts = answersIn(api, "C5002").filter((call) => call.params.thread_ts === parent.ts);
      return posts.length > 0 ? posts : undefined;
    });
    // Slack holds the thread: the question and the answer the first replica posted.
    const followUp = { type: "message", text: "那2022年呢？", user: "W222", ts: nextTs(), channel: "C5002", channel_type: "channel", thread_ts: parent.ts, parent_user_id: "W222" };
    api.setThread("C5002", parent.ts, [
      { type: "message", user: "W222", text: parent.text, ts: parent.ts, thread_ts: parent.ts },
      { type: "message", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text: String(answer?.params.text), ts: "1726140999.000001", thread_ts: parent.ts },
      { type: "message", user: "W222", text: followUp.text, ts: followUp.ts, thread_ts: parent.ts },
    ]);
    await second.postEvent(followUp);
    await api.waitFor("the follow-up's answer", () => answersIn(api, "C5002").filter((call) => call.params.thread_ts === parent.ts).length === 2);
    expect(second.assistant.answerCalls.at(-1)).toEqual({ question: "那2022年呢？", history: ["2025年学前三年毛入园率目标是多少？"] });
  });

  it("DingTalk: a redelivery to the other replica is dropped, and a follow-up there is answered with the history from the database", async () => {
    const databases = [createDatabase({ url: server.url, poolSize: 2 }), createDatabase({ url: server.url, poolSize: 2 })];
    const stores = databases.map((database) => createPostgresChannelStores(database, { clock: systemClock, logger: silent, fallback: createJsonlFeedbackStore(join(mkdtempSync(join(tmpdir(), "replicas-")), "feedback.jsonl")) }));
    const assistants = [createFakeAssistant(), createFakeAssistant()];
    const bots = [
      await startDingTalkHarness(assistants[0]!, { stores: { deduper: stores[0]!.deduper, history: stores[0]!.history, feedbackStore: stores[0]!.feedbackStore } }),
      await startDingTalkHarness(assistants[1]!, { stores: { deduper: stores[1]!.deduper, history: stores[1]!.history, feedbackStore: stores[1]!.feedbackStore } }),
    ];
    try {
      const [first, second] = bots as [(typeof bots)[0], (typeof bots)[0]];
      first.dingtalk.pushRobotMessage({ msgId: "replica-m1", text: "2025年学前三年毛入园率目标是多少", conversationId: "cid-replicas" });
      await waitFor("the first answer", () => first.outcomes.some((entry) => entry.msgId === "replica-m1"));
      second.dingtalk.pushRobotMessage({ msgId: "replica-m1", text: "2025年学前三年毛入园率目标是多少", conversationId: "cid-replicas" });
      await waitFor("the redelivery's outcome", () => second.outcomes.some((entry) => entry.msgId === "replica-m1"));
      expect([...first.outcomes, ...second.outcomes].map((entry) => entry.outcome)).toEqual(["answered", "duplicate"]);
      second.dingtalk.pushRobotMessage({ msgId: "replica-m2", text: "那2022年呢", conversationId: "cid-replicas" });
      await waitFor("the follow-up's answer", () => second.outcomes.some((entry) => entry.msgId === "replica-m2"));
      expect(assistants[1]!.answerCalls).toEqual([{ question: "那2022年呢", history: ["2025年学前三年毛入园率目标是多少"] }]);
    } finally {
      for (const bot of bots) {
        await bot.bot.stop();
        await bot.dingtalk.stop();
      }
      for (const store of stores) await store.feedbackStore.close();
      for (const database of databases) await database.close();
    }
  });
});

describe("the database stopped and restarted under load", () => {
  it("answers or apologises for every question, never crashes, and loses no feedback", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pglite-data-"));
    let server = await startPglite({ dataDir });
    const { port, url } = server;
    const migrator = createDatabase({ url, poolSize: 2 });
    await migrate(migrator);
    await migrator.close();
    const api = await startFakeSlackApi();
    const feedbackFile = join(mkdtempSync(join(tmpdir(), "outage-")), "feedback.jsonl");
    const replica = await startSlackReplica(api, url, feedbackFile);
    const { harness } = replica;
    try {
      const channel = "C6001";
      const ask = async (count: number) => {
        const events = Array.from({ length: count }, () => mention("2025年学前三年毛入园率目标是多少？", channel));
        await Promise.all(events.map((event) => harness.postEvent(event)));
        return events;
      };
      const repliesTo = (ts: string) => api.callsTo("chat.postMessage").filter((call) => call.params.channel === channel && call.params.thread_ts === ts);

      const before = await ask(5);
      await api.waitFor("answers before the outage", () => before.every((event) => repliesTo(event.ts).length === 1));
      const [answer] = repliesTo(before[0]!.ts);
      const helpful = buttonsIn(answer?.params.blocks).find((button) => button.action_id === "plan_feedback_helpful");

      // Load keeps coming while the database stops.
      const stopping = server.stop();
      const during = await ask(6);
      await stopping;
      const moreDuring = await ask(4);
      const clicks = ["outage-1", "outage-2", "outage-3"];
      for (const name of clicks) await harness.postAction(buttonClick(api, { action_id: "plan_feedback_helpful", value: String(helpful?.value) }, { channel, messageTs: before[0]!.ts, responseName: name, messageText: String(answer?.params.text) }));
      await api.waitFor("every question of the outage answered or apologised for", () => [...during, ...moreDuring].every((event) => repliesTo(event.ts).length === 1), 15_000);
      const apologies = [...during, ...moreDuring].filter((event) => repliesTo(event.ts)[0]?.params.text === CHANNEL_REPLIES.databaseUnavailable);
      expect(apologies.length).toBeGreaterThanOrEqual(4);
      for (const name of clicks) await api.waitFor(`the thank-you for ${name}`, (fake) => fake.responsesTo(name)[0]);

      server = await startPglite({ dataDir, port });
      // Asking again after the restart works.
      const after = await ask(3);
      await api.waitFor("answers after the restart", () => after.every((event) => repliesTo(event.ts).some((call) => Array.isArray(call.params.blocks))), 15_000);
      await eventually("the buffered feedback in the database", async () => {
        const rows = await replica.database.query<{ count: string }>("SELECT count(*) AS count FROM feedback WHERE kind = 'helpful'").catch(() => null);
        return rows?.rows[0]?.count === String(clicks.length);
      }, 15_000);
      expect((await readFeedbackFile(feedbackFile)).records).toEqual([]);
      expect(harness.logs.filter((line) => line.startsWith("ERROR") && !line.includes("DATABASE_UNAVAILABLE"))).toEqual([]);
    } finally {
      await replica.close();
      await api.close();
      await server.stop().catch(() => undefined);
    }
  });
});
