import * as lark from "@larksuiteoapi/node-sdk";
import { z } from "zod";
import type { Answer } from "../answer/answer-schema.js";
import type { PlanAssistant } from "../app/assistant.js";
import { answerTurn, type TurnOutcome } from "../channel/answer-turn.js";
import type { ChannelLogLevel, RedactingLogger } from "../channel/channel-logger.js";
import { CHANNEL_REPLIES } from "../channel/channel-replies.js";
import { type ChannelServiceOptions, type ChannelServices, createChannelServices } from "../channel/channel-services.js";
import { recordButtonFeedback } from "../channel/record-feedback.js";
import { withRetry } from "../channel/with-retry.js";
import type { Config } from "../config/load-config.js";
import { describeError, PlanAssistantError, PlatformRequestError } from "../errors.js";
import { buildAnswerCard, buildSourceCard, buildTextCard, type CardActionValue, cardActionValueSchema, type FeishuCard } from "./answer-card.js";
import { isAddressedToBot, isDirectChat, type MessageEvent, parseMessageEvent, questionOfMessage, threadOfMessage } from "./message-event.js";

export interface CreateFeishuBotOptions extends ChannelServiceOptions {
  readonly config: Config;
  readonly assistant: PlanAssistant;
  /**
   * Reconnect when the long connection closes or the endpoint call fails; default true. The SDK
   * paces the attempts as Feishu's ClientConfig says (ReconnectInterval, with ReconnectNonce of jitter).
   */
  readonly autoReconnect?: boolean;
  /** How long start() waits for the long connection; default 30 s. */
  readonly connectTimeoutMs?: number;
  /** How long stop() waits for answers in progress; default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Called with what became of each message event (tests wait on it). */
  readonly onTurn?: (outcome: TurnOutcome | "ignored", event: MessageEvent) => void;
}

export interface FeishuBot {
  readonly services: ChannelServices;
  /**
   * Opens the long connection (the SDK asks FEISHU_DOMAIN for an endpoint with the app's
   * credentials, then connects its WebSocket) and reads the bot's own open_id.
   * @throws PlanAssistantError FEISHU_CONFIG when Feishu refuses the app or the connection does not open in time.
   */
  start(): Promise<void>;
  /** Closes the long connection, then waits (bounded) for answers in progress. Safe to call twice. */
  stop(): Promise<void>;
}

const apiResultSchema = z.object({ code: z.number(), msg: z.string().optional(), data: z.object({ message_id: z.string().optional() }).loose().optional() }).loose();
const botInfoSchema = z.object({ code: z.number(), bot: z.object({ open_id: z.string() }).loose().optional() }).loose();
const cardActionSchema = z.object({
  event_id: z.string().optional(),
  operator: z.object({ open_id: z.string().optional(), user_id: z.string().optional() }).loose().optional(),
  action: z.object({ value: z.unknown() }).loose(),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).loose().optional(),
});

const SDK_LEVELS: Record<ChannelLogLevel, lark.LoggerLevel> = { debug: lark.LoggerLevel.debug, info: lark.LoggerLevel.info, warn: lark.LoggerLevel.warn, error: lark.LoggerLevel.error };

/** The SDK's logger interface on top of the redacting logger, so what the SDK logs is redacted too. */
function sdkLogger(logger: RedactingLogger) {
  return { error: logger.error, warn: logger.warn, info: logger.info, debug: logger.debug, trace: logger.debug };
}

/**
 * The Feishu / Lark bot over the long connection: the SDK's WSClient delivers im.message.receive_v1
 * and card.action.trigger to an EventDispatcher; messages are acknowledged at once and answered
 * through the shared channel services with an interactive card, replied in the message's thread.
 */
export function createFeishuBot(options: CreateFeishuBotOptions): FeishuBot {
  const { config, assistant } = options;
  const appId = config.FEISHU_APP_ID;
  const appSecret = config.FEISHU_APP_SECRET;
  if (!appId || !appSecret) {
    throw new PlanAssistantError("FEISHU_CONFIG", "FEISHU_APP_ID and FEISHU_APP_SECRET are needed for the Feishu bot: copy them from the app's 凭证与基础信息 page. See docs/feishu.md.");
  }
  const domain = config.FEISHU_DOMAIN.replace(/\/+$/, "");
  const services = createChannelServices(config, assistant, options);
  const { logger } = services;
  const common = { appId, appSecret, domain, logger: sdkLogger(logger), loggerLevel: SDK_LEVELS[config.LOG_LEVEL] };
  const client = new lark.Client({ ...common, appType: lark.AppType.SelfBuild });
  let botOpenId: string | undefined;

  const checked = (result: unknown, what: string): string | undefined => {
    const parsed = apiResultSchema.safeParse(result);
    if (!parsed.success) throw new PlatformRequestError(`Feishu answered ${what} with something unexpected`, undefined);
    // A business error (no permission, message gone) will not go away on a retry: 400 marks it final.
    if (parsed.data.code !== 0) throw new PlatformRequestError(`Feishu refused ${what}: ${parsed.data.code} ${parsed.data.msg ?? ""}`.trim(), 400);
    return parsed.data.data?.message_id;
  };
  const reply = async (messageId: string, inThread: boolean, message: { msg_type: string; content: string }): Promise<string | undefined> =>
    checked(await client.im.v1.message.reply({ path: { message_id: messageId }, data: { ...message, reply_in_thread: inThread } }), "the reply");
  const replyCard = (messageId: string, inThread: boolean, card: FeishuCard) => reply(messageId, inThread, { msg_type: "interactive", content: JSON.stringify(card) });
  const updateCard = async (messageId: string, card: FeishuCard) => {
    checked(await client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }), "the card update");
  };

  const answerMessage = (event: MessageEvent): Promise<TurnOutcome> => {
    const { message } = event;
    const inThread = !isDirectChat(event);
    return answerTurn<string | undefined>(
      services,
      {
        channel: "feishu",
        messageId: message.message_id,
        conversationId: message.chat_id,
        userId: event.sender.sender_id?.open_id ?? event.sender.sender_id?.user_id ?? "unknown",
        text: questionOfMessage(event),
        threadId: threadOfMessage(event),
        isDirect: isDirectChat(event),
      },
      {
        sendPlaceholder: () => replyCard(message.message_id, inThread, buildTextCard(CHANNEL_REPLIES.working)),
        sendAnswer: async (answer: Answer, { answerKey, placeholder }) => {
          const card = buildAnswerCard(answer, { answerKey, examples: assistant.examples });
          if (placeholder) await updateCard(placeholder, card);
          else await replyCard(message.message_id, inThread, card);
        },
        sendText: async (text) => {
          await reply(message.message_id, inThread, { msg_type: "text", content: JSON.stringify({ text }) });
        },
      },
    );
  };

  // A shared deduper that is down lets the event through: the turn claims its message again and apologises.
  const claimEvent = (eventId: string): Promise<boolean> =>
    services.deduper.claim(`feishu:event:${eventId}`).catch((error: unknown) => {
      logger.warn(`feishu: could not check event ${eventId} for a repeat: ${describeError(error)}`);
      return true;
    });

  const onCardAction = async (data: unknown): Promise<Record<string, unknown>> => {
    const parsed = cardActionSchema.safeParse(data);
    const value = parsed.success ? cardActionValueSchema.safeParse(parsed.data.action.value) : undefined;
    if (!parsed.success || !value?.success) return toast("error", CHANNEL_REPLIES.actionApology);
    const click = parsed.data;
    if (click.event_id && !(await claimEvent(click.event_id))) return {};
    try {
      return await services.inFlight.run(() => handleCardAction(value.data, click.operator?.open_id ?? click.operator?.user_id ?? "unknown", click.context?.open_message_id, click.context?.open_chat_id));
    } catch (error) {
      logger.error(`feishu: a card action failed: ${describeError(error)}`);
      return toast("error", CHANNEL_REPLIES.actionApology);
    }
  };

  const handleCardAction = async (value: CardActionValue, user: string, messageId: string | undefined, chatId: string | undefined): Promise<Record<string, unknown>> => {
    if (value.action === "feedback") {
      await recordButtonFeedback(services, value.kind, { answerKey: value.key, question: value.question, fallbackAnswer: "", user, channel: chatId ? `feishu:${chatId}` : null });
      return toast("success", CHANNEL_REPLIES.feedbackThanks[value.kind]);
    }
    const text = assistant.sectionText(value.citation);
    if (text === null) return toast("warning", CHANNEL_REPLIES.sourceNotFound);
    if (messageId) await withRetry(() => replyCard(messageId, true, buildSourceCard(value.citation, text)), { delaysMs: services.retryDelaysMs });
    return toast("info", "原文已发在话题中 📖");
  };

  const dispatcher = new lark.EventDispatcher({ logger: common.logger, loggerLevel: common.loggerLevel }).register({
    "im.message.receive_v1": async (data: unknown) => {
      const event = parseMessageEvent(data);
      if (!event) {
        logger.warn("feishu: ignored a message event this bot does not understand");
        return;
      }
      // Feishu redelivers an event it got no answer to in time: the event id says it is the same one.
      if (!(await claimEvent(event.event_id))) {
        options.onTurn?.("duplicate", event);
        return;
      }
      if (event.sender.sender_type !== undefined && event.sender.sender_type !== "user") return;
      if (!isAddressedToBot(event, botOpenId)) {
        options.onTurn?.("ignored", event);
        return;
      }
      // Not awaited: the SDK answers the frame when this returns, and Feishu waits only 3 seconds.
      void answerMessage(event).then((outcome) => options.onTurn?.(outcome, event));
    },
    "card.action.trigger": onCardAction,
  } as Record<string, (data: unknown) => Promise<unknown>>);

  let wsClient: lark.WSClient | undefined;
  let stopping: Promise<void> | undefined;
  return {
    services,
    async start() {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          wsClient?.close({ force: true });
          reject(new PlanAssistantError("FEISHU_CONFIG", `The Feishu long connection did not open within ${Math.round((options.connectTimeoutMs ?? 30_000) / 1000)} s. Check FEISHU_APP_ID and FEISHU_APP_SECRET, that the app subscribes to events through the long connection (使用长连接接收事件), and FEISHU_DOMAIN (${domain}).`));
        }, options.connectTimeoutMs ?? 30_000);
        wsClient = new lark.WSClient({
          ...common,
          autoReconnect: options.autoReconnect ?? true,
          onReady: () => {
            clearTimeout(timer);
            resolve();
          },
          onReconnecting: () => logger.warn("feishu: the long connection closed; reconnecting at the pace Feishu sets (ClientConfig)"),
          onReconnected: () => logger.info("feishu: reconnected over the long connection"),
          onError: (error: Error) => {
            clearTimeout(timer);
            wsClient?.close({ force: true });
            reject(new PlanAssistantError("FEISHU_CONFIG", `Feishu refused the long connection (${services.redact(error.message)}). Check FEISHU_APP_ID and FEISHU_APP_SECRET on the app's 凭证与基础信息 page and FEISHU_DOMAIN (${domain}).`));
          },
        });
        void wsClient.start({ eventDispatcher: dispatcher });
      });
      try {
        const info = botInfoSchema.parse(await client.request({ method: "GET", url: "/open-apis/bot/v3/info" }));
        botOpenId = info.bot?.open_id;
      } catch (error) {
        logger.warn(`feishu: could not read the bot's own open_id, answering group messages with any @mention: ${describeError(error)}`);
      }
      logger.info("feishu: connected over the long connection");
    },
    stop() {
      stopping ??= (async () => {
        wsClient?.close();
        const drained = await services.inFlight.drain(options.drainTimeoutMs ?? 10_000);
        if (!drained) logger.warn(`feishu: stopped with ${services.inFlight.size} answer(s) still in progress`);
        logger.info("feishu: stopped");
      })();
      return stopping;
    },
  };
}

function toast(type: "success" | "info" | "warning" | "error", content: string): Record<string, unknown> {
  return { toast: { type, content } };
}
