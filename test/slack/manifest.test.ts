import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { envSchema } from "../../src/config/load-config.js";

/** The manifest in the repo must match what the code does: every event it listens to, every scope its calls need. */
const manifestSchema = z.object({
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string() }),
    slash_commands: z.array(z.object({ command: z.string(), description: z.string(), usage_hint: z.string().optional() })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    socket_mode_enabled: z.boolean(),
  }),
});

/** Web API methods the adapter calls, and the bot scope each needs. */
const SCOPES_BY_METHOD: Record<string, readonly string[]> = {
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "reactions.add": ["reactions:write"],
  "reactions.remove": ["reactions:write"],
  "conversations.replies": ["channels:history", "groups:history", "im:history", "mpim:history"],
  "conversations.history": ["im:history"],
  "views.publish": [],
  "views.open": [],
};

describe("slack-app-manifest.json", async () => {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(new URL("../../slack-app-manifest.json", import.meta.url), "utf8")));

  it("subscribes to every event the app listens to", () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im", "message.mpim"]);
  });

  it("knows every Web API method the adapter's code calls", async () => {
    const folder = new URL("../../src/slack/", import.meta.url).pathname;
    const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    const called = new Set<string>();
    for (const file of files) for (const match of (await readFile(join(folder, file), "utf8")).matchAll(/client\.(\w+)\.(\w+)\(/g)) called.add(`${match[1]}.${match[2]}`);
    expect(called.size).toBeGreaterThan(5);
    expect([...called].filter((method) => !(method in SCOPES_BY_METHOD))).toEqual([]);
  });

  it("asks for the scopes of every Web API method the app calls, and for commands and mentions", () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const [method, needed] of Object.entries(SCOPES_BY_METHOD)) for (const scope of needed) expect(scopes.has(scope), `${method} needs ${scope}`).toBe(true);
    expect(scopes.has("commands")).toBe(true);
    expect(scopes.has("app_mentions:read")).toBe(true);
  });

  it("declares the default slash command, interactivity (buttons) and an App Home that accepts DMs", () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([envSchema.parse({}).SLACK_SLASH_COMMAND]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });
});
