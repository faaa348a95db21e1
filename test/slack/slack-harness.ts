import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PlanAssistant } from "../../src/app/assistant.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createSlackApp, type CreateSlackAppOptions, type SlackApp } from "../../src/slack/create-slack-app.js";
import type { SlackLogger } from "../../src/slack/slack-logger.js";
import { createFakeAssistant, type FakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { signedHeaders } from "../slack-signing.js";

/**
 * The real Bolt app in HTTP mode on 127.0.0.1 (random port), its Web API client pointed at a fake
 * Slack API, a fake assistant, a temporary DATA_DIR, and helpers that deliver correctly signed
 * Slack-shaped requests over a real socket.
 */
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5-test";
export const BOT_TOKEN = "xoxb-111-222-fakeBotTokenValue";

export class FakeClock {
  constructor(public time = Date.parse("2025-03-01T09:00:00Z")) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface HarnessOptions {
  readonly env?: Record<string, string>;
  readonly overrides?: Partial<Omit<CreateSlackAppOptions, "config" | "assistant">>;
  /** A fake Slack API another harness started (two replicas of the bot on one workspace); left open by close(). */
  readonly api?: FakeSlackApi;
}

export interface Harness<Assistant extends PlanAssistant = FakeAssistant> {
  readonly api: FakeSlackApi;
  readonly assistant: Assistant;
  readonly slack: SlackApp;
  readonly clock: FakeClock;
  readonly logs: string[];
  readonly dataDir: string;
  readonly eventsUrl: string;
  /** Posts a raw body with the given headers (no signing). */
  post(body: string, headers: Record<string, string>): Promise<Response>;
  /** Posts an Events API envelope around `event`, signed. */
  postEvent(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number; timestamp?: number }): Promise<Response>;
  /** Posts a slash command form body, signed. */
  postCommand(fields: Record<string, string>): Promise<Response>;
  /** Posts a block_actions payload (form body payload=…), signed. */
  postAction(payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Polls `find` (sync or async) until it returns something other than undefined/false, for at most
 * `timeoutMs`; throws with `description` otherwise. For state outside the fake API, like files.
 */
export async function eventually<T>(description: string, find: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let eventCounter = 0;

export function nextEventId(): string {
  eventCounter += 1;
  return `Ev${String(eventCounter).padStart(8, "0")}`;
}

/** The Events API envelope Slack sends (shape of shared/slack/app_mention.python-slack-sdk.json). */
export function eventEnvelope(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: "verification-token",
    team_id: FAKE_BOT.teamId,
    api_app_id: "A111",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `1-${String(event.type)}-${FAKE_BOT.teamId}-${String(event.channel ?? "")}`,
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  return startHarnessWith(createFakeAssistant(), options);
}

/** The same harness around another assistant (the real one, for load and end-to-end runs). */
export async function startHarnessWith<Assistant extends PlanAssistant>(assistant: Assistant, options: HarnessOptions = {}): Promise<Harness<Assistant>> {
  const api = options.api ?? (await startFakeSlackApi());
  const dataDir = await mkdtemp(join(tmpdir(), "slack-harness-"));
  const clock = new FakeClock();
  const logs: string[] = [];
  const logger: SlackLogger = {
    debug: (message) => logs.push(`DEBUG ${message}`),
    info: (message) => logs.push(`INFO ${message}`),
    warn: (message) => logs.push(`WARN ${message}`),
    error: (message) => logs.push(`ERROR ${message}`),
  };
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "3000",
    SLACK_API_URL: api.apiUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: "debug",
    // The shared suites ask many questions as one user with a clock that does not move; the rate limit has its own test.
    SLACK_RATE_LIMIT_PER_MINUTE: "1000",
    ...options.env,
  });
  const slack = createSlackApp({
    config,
    assistant,
    logger,
    clock,
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 10 },
    ...options.overrides,
  });
  const { port } = await slack.start({ port: 0, host: "127.0.0.1" });
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  const post = (body: string, headers: Record<string, string>) => fetch(eventsUrl, { method: "POST", body, headers });
  const postSigned = (body: string, contentType: string, extra: Record<string, string> = {}, timestamp?: number) =>
    post(body, { "content-type": contentType, ...signedHeaders(SIGNING_SECRET, body, timestamp), ...extra });

  return {
    api,
    assistant,
    slack,
    clock,
    logs,
    dataDir,
    eventsUrl,
    post,
    postEvent(event, eventOptions = {}) {
      const body = JSON.stringify(eventEnvelope(event, eventOptions.eventId ?? nextEventId()));
      const retry: Record<string, string> = eventOptions.retryNum === undefined ? {} : { "x-slack-retry-num": String(eventOptions.retryNum), "x-slack-retry-reason": "http_timeout" };
      return postSigned(body, "application/json", retry, eventOptions.timestamp);
    },
    postCommand(fields) {
      // Bolt's receiver compares the content type exactly, as Slack sends it (no charset).
      return postSigned(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
    },
    postAction(payload) {
      return postSigned(`payload=${encodeURIComponent(JSON.stringify(payload))}`, "application/x-www-form-urlencoded");
    },
    async close() {
      await slack.stop();
      if (!options.api) await api.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A slash command body (shape of shared/slack/slash_command.bolt-python.form-body.txt). */
export function slashCommandFields(api: FakeSlackApi, text: string, responseName: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: "verification_token",
    team_id: FAKE_BOT.teamId,
    team_domain: "test-domain",
    channel_id: "C111",
    channel_name: "random",
    user_id: "W111",
    user_name: "primary-owner",
    command: "/plan",
    text,
    api_app_id: "A111",
    is_enterprise_install: "false",
    response_url: api.responseUrl(responseName),
    trigger_id: "111.111.xxx",
    ...overrides,
  };
}

/** A block_actions payload for a click on `button` (shape of shared/slack/block_actions_button.json). */
export function buttonClick(
  api: FakeSlackApi,
  button: { action_id: string; value: string; block_id?: string },
  where: { channel: string; messageTs: string; responseName: string; user?: string; isEphemeral?: boolean; messageText?: string },
): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: where.user ?? "W111", username: "primary-owner", name: "primary-owner", team_id: FAKE_BOT.teamId },
    api_app_id: "A111",
    token: "verification_token",
    container: { type: "message", message_ts: where.messageTs, channel_id: where.channel, is_ephemeral: where.isEphemeral ?? false },
    trigger_id: "111.222.valid",
    team: { id: FAKE_BOT.teamId, domain: "workspace-domain" },
    channel: { id: where.channel, name: "test-channel" },
    ...(where.isEphemeral ? {} : { message: { type: "message", ts: where.messageTs, text: where.messageText ?? "", user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId } }),
    response_url: api.responseUrl(where.responseName),
    actions: [
      {
        action_id: button.action_id,
        block_id: button.block_id ?? "answer_feedback",
        text: { type: "plain_text", text: "Button", emoji: true },
        value: button.value,
        type: "button",
        action_ts: "1596530385.194939",
      },
    ],
  };
}

interface ButtonLike {
  readonly type: string;
  readonly action_id?: string;
  readonly value?: string;
  readonly text?: { readonly text: string };
}

/** All buttons in a list of blocks. */
export function buttonsIn(blocks: unknown): ButtonLike[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { type?: string; elements?: ButtonLike[] }) => (block.type === "actions" ? (block.elements ?? []).filter((element) => element.type === "button") : []));
}

/** All text in a list of blocks, joined (sections, contexts, headers). */
export function textOf(blocks: unknown): string {
  if (!Array.isArray(blocks)) return "";
  return blocks
    .map((block: { text?: { text?: string }; elements?: { text?: string | { text?: string } }[] }) => {
      const own = block.text?.text ?? "";
      const elements = (block.elements ?? []).map((element) => (typeof element.text === "string" ? element.text : (element.text?.text ?? ""))).join(" ");
      return `${own} ${elements}`;
    })
    .join("\n");
}
