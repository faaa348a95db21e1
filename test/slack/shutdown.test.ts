import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { signedHeaders } from "../slack-signing.js";
import { type BotProcess, freePort, REPO_ROOT, startBotProcess } from "../support/bot-process.js";
import { BOT_TOKEN, eventEnvelope, nextEventId, SIGNING_SECRET, textOf } from "./slack-harness.js";

/**
 * SIGTERM on the real process (`npm start` in HTTP mode): the answer in progress is still posted,
 * new requests are not taken, and the process exits 0 afterwards.
 */

function signedMention(text: string, ts: string): { body: string; headers: Record<string, string> } {
  const event = { type: "app_mention", text: `<@${FAKE_BOT.userId}> ${text}`, user: "W222", ts, team: FAKE_BOT.teamId, channel: "CTERM", event_ts: ts };
  const body = JSON.stringify(eventEnvelope(event, nextEventId()));
  return { body, headers: { "content-type": "application/json", ...signedHeaders(SIGNING_SECRET, body) } };
}

describe("SIGTERM on the running bot (HTTP mode)", () => {
  let api: FakeSlackApi | undefined;
  let bot: BotProcess | undefined;
  let scratch: string | undefined;
  afterEach(async () => {
    bot?.kill();
    await api?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("finishes the answer in progress, takes no new request, then exits 0", { timeout: 60_000 }, async () => {
    api = await startFakeSlackApi();
    scratch = await mkdtemp(join(tmpdir(), "bot-sigterm-"));
    const port = await freePort();
    bot = startBotProcess({
      SEEDS_DIR: join(REPO_ROOT, "seeds"),
      INDEX_DIR: join(scratch, "index"),
      DATA_DIR: join(scratch, "data"),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: String(port),
      SLACK_API_URL: api.apiUrl,
    });
    await bot.waitForOutput(`listening for Slack requests on port ${port}`);
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

    // The 👀 reaction comes before the answer: holding it keeps the answer in progress.
    const seen = api.holdNext("reactions.add");
    const first = signedMention("2025年学前三年毛入园率目标是多少？", "1726180000.000100");
    const response = await fetch(eventsUrl, { method: "POST", body: first.body, headers: first.headers });
    expect(response.status).toBe(200);
    await seen.arrived;

    bot.child.kill("SIGTERM");
    await bot.waitForOutput("SIGTERM received, finishing answers in progress");
    // A request after SIGTERM is refused (the listener is closed) or, if it got in, never answered.
    const late = signedMention("规划的总体目标是什么？", "1726180000.000200");
    const lateStatus = await fetch(eventsUrl, { method: "POST", body: late.body, headers: late.headers }).then(
      (lateResponse) => lateResponse.status,
      () => "refused",
    );

    // Still waiting for the answer in progress.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.child.exitCode).toBeNull();
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);

    let postsAtExit = -1;
    void bot.exited.then(() => (postsAtExit = api?.callsTo("chat.postMessage").length ?? -1));
    seen.release();
    const { code, signal } = await bot.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    const posts = api.callsTo("chat.postMessage");
    expect(postsAtExit).toBe(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params).toMatchObject({ channel: "CTERM", thread_ts: "1726180000.000100" });
    expect(textOf(posts[0]?.params.blocks)).toContain("≥94.0%");
    expect(api.callsTo("reactions.remove").map((call) => call.params.timestamp)).toEqual(["1726180000.000100"]);
    expect(["refused", 200]).toContain(lateStatus);
    expect(api.calls.some((call) => call.params.timestamp === "1726180000.000200" || call.params.thread_ts === "1726180000.000200")).toBe(false);
    expect(bot.stderr()).toContain("slack: stopped");
    expect(bot.stderr()).not.toContain("still in progress");
  });
});
