import type { Config } from "../config/load-config.js";
import { PlanAssistantError } from "../errors.js";

/** How the app talks to Slack, with the credentials that mode needs. */
export type SlackMode =
  | { readonly kind: "socket"; readonly botToken: string; readonly appToken: string }
  | { readonly kind: "http"; readonly botToken: string; readonly signingSecret: string; readonly port: number };

type SlackSettings = Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN" | "SLACK_SIGNING_SECRET" | "PORT">;

/**
 * Picks the Slack mode from configuration:
 * SLACK_APP_TOKEN (+ SLACK_BOT_TOKEN) → Socket Mode; else SLACK_SIGNING_SECRET + PORT (+ SLACK_BOT_TOKEN) → HTTP;
 * no Slack variable at all → null (the caller falls back to the terminal chat). PORT alone does not count.
 * @throws PlanAssistantError SLACK_CONFIG when the Slack variables are only partly set, naming the missing one.
 */
export function resolveSlackMode(config: SlackSettings): SlackMode | null {
  const botToken = config.SLACK_BOT_TOKEN;
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!botToken && !appToken && !signingSecret) return null;

  if (appToken) {
    if (!botToken) {
      throw new PlanAssistantError(
        "SLACK_CONFIG",
        "SLACK_BOT_TOKEN is missing: Socket Mode (SLACK_APP_TOKEN is set) also needs the bot token (xoxb-…, from the app's OAuth & Permissions page). Set it in .env, or unset SLACK_APP_TOKEN to use the terminal chat.",
      );
    }
    return { kind: "socket", botToken, appToken };
  }
  if (signingSecret) {
    if (!botToken) {
      throw new PlanAssistantError(
        "SLACK_CONFIG",
        "SLACK_BOT_TOKEN is missing: HTTP mode (SLACK_SIGNING_SECRET is set) also needs the bot token (xoxb-…, from the app's OAuth & Permissions page). Set it in .env, or unset SLACK_SIGNING_SECRET to use the terminal chat.",
      );
    }
    if (config.PORT === undefined) {
      throw new PlanAssistantError(
        "SLACK_CONFIG",
        "PORT is missing: HTTP mode (SLACK_SIGNING_SECRET is set) listens for Slack requests on PORT. Set PORT (e.g. 3000) in .env, or set SLACK_APP_TOKEN to use Socket Mode instead.",
      );
    }
    return { kind: "http", botToken, signingSecret, port: config.PORT };
  }
  throw new PlanAssistantError(
    "SLACK_CONFIG",
    "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing: SLACK_BOT_TOKEN is set, but the bot also needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET and PORT (HTTP mode). Set one in .env, or unset SLACK_BOT_TOKEN to use the terminal chat.",
  );
}
