import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { isPlanAssistantError } from "../errors.js";
import { resolveSlackMode } from "./slack-mode.js";

const BOT = "xoxb-1-2-abc";
const APP = "xapp-1-A1-2-abc";

function modeError(env: Record<string, string>): string {
  try {
    resolveSlackMode(loadConfig(env));
  } catch (error) {
    if (isPlanAssistantError(error) && error.code === "SLACK_CONFIG") return error.message;
    throw error;
  }
  throw new Error("expected a SLACK_CONFIG error");
}

describe("resolveSlackMode", () => {
  it("returns null when no Slack variable is set (PORT alone does not count)", () => {
    expect(resolveSlackMode(loadConfig({}))).toBeNull();
    expect(resolveSlackMode(loadConfig({ PORT: "3000", SLACK_BOT_TOKEN: "" }))).toBeNull();
  });

  it("picks Socket Mode when SLACK_APP_TOKEN is set, even with a signing secret", () => {
    expect(resolveSlackMode(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }))).toEqual({ kind: "socket", botToken: BOT, appToken: APP });
    expect(resolveSlackMode(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: "s", PORT: "3000" }))?.kind).toBe("socket");
  });

  it("picks HTTP mode with SLACK_SIGNING_SECRET and PORT", () => {
    expect(resolveSlackMode(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "secret", PORT: "3000" }))).toEqual({ kind: "http", botToken: BOT, signingSecret: "secret", port: 3000 });
  });

  it("names the missing variable and how to fix it for a partial configuration", () => {
    expect(modeError({ SLACK_APP_TOKEN: APP })).toMatch(/^SLACK_BOT_TOKEN is missing: Socket Mode/);
    expect(modeError({ SLACK_SIGNING_SECRET: "secret", PORT: "3000" })).toMatch(/^SLACK_BOT_TOKEN is missing: HTTP mode/);
    expect(modeError({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "secret" })).toMatch(/^PORT is missing: .*Set PORT/);
    expect(modeError({ SLACK_BOT_TOKEN: BOT })).toMatch(/^SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing/);
  });

  it("never puts a secret in the message", () => {
    expect(modeError({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "very-secret-value" })).not.toMatch(/very-secret-value|xoxb-1-2-abc/);
  });
});
