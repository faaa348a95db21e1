import type { PlanAssistant } from "../app/assistant.js";
import type { Config } from "../config/load-config.js";
import type { ListenOptions } from "node:net";
import { type CreateSlackAppOptions, createSlackApp, type SlackApp, type SlackStartInfo } from "./create-slack-app.js";
import type { SlackLogger } from "./slack-logger.js";
import { resolveSlackMode } from "./slack-mode.js";

export type StartedSlackApp = SlackApp & { readonly info: SlackStartInfo };

/**
 * The entry point for src/main.ts: starts the Slack app when Slack is configured, in the mode the
 * environment picks (see resolveSlackMode), and returns it; returns null when no Slack variable is
 * set. `listen` overrides where HTTP mode listens (npm start puts it on a loopback port behind the web server).
 * @throws PlanAssistantError SLACK_CONFIG for a partial configuration or a token Slack rejects.
 */
export async function startSlackIfConfigured(
  config: Config,
  assistant: PlanAssistant,
  logger?: SlackLogger,
  overrides: Omit<CreateSlackAppOptions, "config" | "assistant" | "logger"> = {},
  listen?: ListenOptions,
): Promise<StartedSlackApp | null> {
  if (resolveSlackMode(config) === null) return null;
  const slack = createSlackApp({ ...overrides, config, assistant, ...(logger ? { logger } : {}) });
  const info = await slack.start(listen);
  return { ...slack, info };
}
