import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { isPlanAssistantError } from "../../src/errors.js";
import { createSlackApp } from "../../src/slack/create-slack-app.js";
import { type StartedSlackApp, startSlackIfConfigured } from "../../src/slack/start-slack.js";
import { createFakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { signedHeaders } from "../slack-signing.js";
import { BOT_TOKEN, eventEnvelope, nextEventId, SIGNING_SECRET, textOf } from "./slack-harness.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("startSlackIfConfigured", () => {
  let api: FakeSlackApi | undefined;
  let started: StartedSlackApp | null = null;
  afterEach(async () => {
    await started?.stop();
    started = null;
    await api?.close();
    api = undefined;
  });

  it("returns null when no Slack variable is set, so main can open the terminal chat", async () => {
    expect(await startSlackIfConfigured(loadConfig({ PORT: "3000" }), createFakeAssistant(), quiet)).toBeNull();
  });

  it("throws SLACK_CONFIG naming the missing variable for a partial configuration", async () => {
    const attempt = startSlackIfConfigured(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }), createFakeAssistant(), quiet);
    await expect(attempt).rejects.toMatchObject({ code: "SLACK_CONFIG", message: expect.stringMatching(/^PORT is missing/) });
  });

  it("with SLACK_SIGNING_SECRET and PORT, listens on PORT and answers a signed mention", async () => {
    api = await startFakeSlackApi();
    const port = await freePort();
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(port), SLACK_API_URL: api.apiUrl });
    started = await startSlackIfConfigured(config, createFakeAssistant(), quiet, { retryConfig: { retries: 0 } });
    expect(started?.info).toEqual({ mode: "http", port });

    const ts = "1595926230.009600";
    const body = JSON.stringify(eventEnvelope({ type: "app_mention", text: `<@${FAKE_BOT.userId}> 2025年学前三年毛入园率目标是多少？`, user: "W222", ts, channel: "C111", event_ts: ts }, nextEventId()));
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers: { "content-type": "application/json", ...signedHeaders(SIGNING_SECRET, body) } });
    expect(response.status).toBe(200);
    const post = await api.waitFor("the answer", (fake) => fake.callsTo("chat.postMessage")[0]);
    expect(post.params).toMatchObject({ channel: "C111", thread_ts: ts });
    expect(textOf(post.params.blocks)).toContain("≥94.0%");
  });

  it("reports a token Slack rejects as SLACK_CONFIG, without the token", async () => {
    api = await startFakeSlackApi();
    api.setHandler("auth.test", () => ({ ok: false, error: "invalid_auth" }));
    const slack = createSlackApp({
      config: loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: "3000", SLACK_API_URL: api.apiUrl }),
      assistant: createFakeAssistant(),
      logger: quiet,
      retryConfig: { retries: 0 },
    });
    try {
      await slack.start({ port: 0, host: "127.0.0.1" });
      expect.unreachable("start should fail");
    } catch (error) {
      expect(isPlanAssistantError(error) && error.code).toBe("SLACK_CONFIG");
      expect((error as Error).message).toContain("invalid_auth");
      expect((error as Error).message).not.toContain(BOT_TOKEN);
    } finally {
      await slack.stop();
    }
  });
});
