import type { App } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { type BotIdentity, classifyMessage } from "../classify-message.js";
import { appMentionEventSchema, messageEventSchema } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";
import { isFromBot } from "../thread-history.js";
import { answerInConversation, readThread } from "./answer-in-conversation.js";

const botIdentity = (context: { botUserId?: string; botId?: string }): BotIdentity => ({ botUserId: context.botUserId, botId: context.botId });

/**
 * app_mention (channels: answer in the mention's thread) and message (DMs; follow-ups in
 * threads the bot is in). Own messages, other bots, edits and deletions are ignored.
 */
export function registerMessageListeners(app: App, services: SlackServices): void {
  const { logger } = services;

  app.event("app_mention", async ({ event, client, context }) => {
    const parsed = appMentionEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn(`slack: ignoring an app_mention event of unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    const mention = parsed.data;
    const bot = botIdentity(context);
    if (mention.bot_id !== undefined || mention.user === undefined || mention.user === bot.botUserId) return;
    const isDirectMessage = mention.channel.startsWith("D");
    await answerInConversation(services, client, bot, {
      channel: mention.channel,
      user: mention.user,
      ts: mention.ts,
      text: mention.text,
      replyThreadTs: isDirectMessage ? mention.thread_ts : (mention.thread_ts ?? mention.ts),
      threadTs: mention.thread_ts,
      isDirectMessage,
    });
  });

  app.event("message", async ({ event, client, context }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.debug(`slack: ignoring a message event of unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    const message = parsed.data;
    const bot = botIdentity(context);
    const kind = classifyMessage(message, bot);
    if (kind.kind === "ignore") {
      logger.debug(`slack: ignoring message ${message.ts} in ${message.channel} (${kind.reason})`);
      return;
    }
    const user = message.user as string;
    if (kind.kind === "direct-message") {
      await answerInConversation(services, client, bot, {
        channel: message.channel,
        user,
        ts: message.ts,
        text: message.text ?? "",
        replyThreadTs: message.thread_ts,
        threadTs: message.thread_ts,
        isDirectMessage: true,
      });
      return;
    }

    // A reply in a channel thread without a mention: answer only where the bot already is.
    let threadMessages;
    if (!services.threads.has(message.channel, kind.threadTs) && message.parent_user_id !== bot.botUserId) {
      if (services.threads.knownNotIn(message.channel, kind.threadTs)) return;
      try {
        threadMessages = await readThread(client, message.channel, kind.threadTs);
      } catch (error) {
        logger.warn(`slack: could not read thread ${kind.threadTs} in ${message.channel}: ${describeError(error)}`);
        return;
      }
      if (!threadMessages.some((threadMessage) => isFromBot(threadMessage, bot))) {
        services.threads.rememberNotIn(message.channel, kind.threadTs);
        return;
      }
      services.threads.remember(message.channel, kind.threadTs);
    }
    await answerInConversation(services, client, bot, {
      channel: message.channel,
      user,
      ts: message.ts,
      text: message.text ?? "",
      replyThreadTs: kind.threadTs,
      threadTs: kind.threadTs,
      isDirectMessage: false,
      ...(threadMessages ? { threadMessages } : {}),
    });
  });
}
