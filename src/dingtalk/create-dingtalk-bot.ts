import { randomUUID } from "node:crypto";
import { TOPIC_CARD, TOPIC_ROBOT } from "dingtalk-stream";
import type { DWClientDownStream } from "dingtalk-stream";
import type { PlanAssistant } from "../app/assistant.js";
import { answerTurn, type TurnOutcome, type TurnReplier } from "../channel/answer-turn.js";
import type { BackoffOptions } from "../channel/backoff.js";
import { LruMap } from "../channel/lru-map.js";
import { recordButtonFeedback } from "../channel/record-feedback.js";
import { httpStatusOf } from "../channel/with-retry.js";
import { CHANNEL_REPLIES } from "../channel/channel-replies.js";
import { type ChannelServiceOptions, type ChannelServices, createChannelServices } from "../channel/channel-services.js";
import type { Config } from "../config/load-config.js";
import { describeError, PlanAssistantError } from "../errors.js";
import { createDingTalkApi, type DingTalkApi } from "./dingtalk-api.js";
import { answerCardParams, parseCardFeedback, workingCardParams } from "./answer-card-params.js";
import { formatAnswerMarkdown, formatTextMarkdown } from "./format-markdown.js";
import { GatewayStreamClient } from "./gateway-stream-client.js";
import { isAddressedToRobot, isDirectChat, parseRobotMessage, questionOfRobotMessage, type RobotMessage } from "./robot-message.js";

export interface CreateDingTalkBotOptions extends ChannelServiceOptions {
  readonly config: Config;
  readonly assistant: PlanAssistant;
  /** Reconnect with backoff when the stream closes or the gateway fails; default true. */
  readonly autoReconnect?: boolean;
  /** Waits between reconnect attempts; default 1 s doubling up to 60 s. */
  readonly reconnectBackoff?: BackoffOptions;
  /** How long stop() waits for answers in progress; default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Called with what became of each robot message (tests wait on it). */
  readonly onTurn?: (outcome: TurnOutcome | "ignored", message: RobotMessage) => void;
}

export interface DingTalkBot {
  readonly services: ChannelServices;
  /**
   * Opens the stream: asks the gateway for a connection (which checks the Client ID and Secret), then connects.
   * @throws PlanAssistantError DINGTALK_CONFIG when the gateway refuses the credentials or cannot be reached.
   */
  start(): Promise<void>;
  /** Closes the stream, then waits (bounded) for answers in progress. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The DingTalk robot in Stream mode: robot messages arrive over the SDK's WebSocket, are ACKed at
 * once (an answer may take longer than DingTalk waits before redelivering), and are answered
 * through the shared channel services in markdown.
 */
export function createDingTalkBot(options: CreateDingTalkBotOptions): DingTalkBot {
  const { config, assistant } = options;
  const clientId = config.DINGTALK_CLIENT_ID;
  const clientSecret = config.DINGTALK_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new PlanAssistantError("DINGTALK_CONFIG", "DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are needed for the DingTalk robot: copy them from the app's 凭证与基础信息 page. See docs/dingtalk.md.");
  }
  const apiUrl = config.DINGTALK_API_URL.replace(/\/+$/, "");
  const services = createChannelServices(config, assistant, options);
  const { logger } = services;
  const api = createDingTalkApi({ apiUrl, clientId, clientSecret, clock: services.clock });
  const autoReconnect = options.autoReconnect ?? true;
  const client = new GatewayStreamClient({
    clientId,
    clientSecret,
    apiUrl,
    autoReconnect,
    ...(options.reconnectBackoff ? { backoff: options.reconnectBackoff } : {}),
    onConnectionEvent: (event) => {
      if (event.kind === "connected") logger.info("dingtalk: connected in Stream mode");
      else logger.warn(`dingtalk: the stream connection failed (${describeError(event.error)})${event.nextAttemptMs === undefined ? "" : `; trying again in ${Math.round(event.nextAttemptMs / 100) / 10} s`}`);
    },
  });

  client.registerCallbackListener(TOPIC_ROBOT, (downstream: DWClientDownStream) => {
    // ACK first: the SDK does not, and DingTalk redelivers a callback it has no response for.
    try {
      client.socketCallBackResponse(downstream.headers.messageId, { status: "SUCCESS" });
    } catch (error) {
      logger.warn(`dingtalk: could not acknowledge message ${downstream.headers.messageId}: ${describeError(error)}`);
    }
    const message = parseRobotMessage(downstream.data);
    if (!message) {
      logger.warn(`dingtalk: ignored a robot callback that is not a message this bot understands (${downstream.headers.messageId})`);
      return;
    }
    if (!isAddressedToRobot(message)) {
      options.onTurn?.("ignored", message);
      return;
    }
    void answerRobotMessage(services, api, message, cardMode).then((outcome) => options.onTurn?.(outcome, message));
  });

  // Answers as cards when a template is configured: their buttons call back over the stream.
  const templateId = config.DINGTALK_CARD_TEMPLATE_ID;
  const shownCards = new LruMap<string, ShownCard>(5_000);
  const cardMode: CardMode | null = templateId ? { templateId, shownCards } : null;
  if (cardMode) {
    client.registerCallbackListener(TOPIC_CARD, async (downstream: DWClientDownStream) => {
      const feedback = parseCardFeedback(downstream.data);
      // A shared deduper that is down lets the click through: feedback is buffered, a double click costs one extra line.
      const first = feedback
        ? await services.deduper.claim(`dingtalk:card:${downstream.headers.messageId}`).catch((error: unknown) => {
            logger.warn(`dingtalk: could not check card callback ${downstream.headers.messageId} for a repeat: ${describeError(error)}`);
            return true;
          })
        : false;
      if (!feedback || !first) {
        client.socketCallBackResponse(downstream.headers.messageId, {});
        return;
      }
      const shown = shownCards.get(feedback.outTrackId);
      void services.inFlight
        .run(() => recordButtonFeedback(services, feedback.kind, { answerKey: shown?.answerKey ?? null, question: shown?.question ?? "", fallbackAnswer: "", user: feedback.userId ?? "unknown", channel: shown ? `dingtalk:${shown.conversationId}` : null }))
        .then(
          () => CHANNEL_REPLIES.feedbackThanks[feedback.kind],
          (error: unknown) => {
            logger.error(`dingtalk: could not record feedback: ${describeError(error)}`);
            return CHANNEL_REPLIES.actionApology;
          },
        )
        .then((thanks) => {
          // The template shows `feedback` to the clicker only (private data).
          client.socketCallBackResponse(downstream.headers.messageId, { cardUpdateOptions: { updatePrivateDataByKey: true }, userPrivateData: { cardParamMap: { feedback: thanks } } });
        });
    });
  }

  let started = false;
  let stopping: Promise<void> | undefined;
  return {
    services,
    async start() {
      try {
        await client.getEndpoint();
      } catch (error) {
        const status = httpStatusOf(error);
        // Wrong credentials will not fix themselves; an unavailable gateway may, so that one is retried with backoff.
        if (!autoReconnect || (status !== undefined && status >= 400 && status < 500 && status !== 429)) {
          throw new PlanAssistantError("DINGTALK_CONFIG", `DingTalk did not open a stream connection (${services.redact(describeError(error))}). Check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET on the app's 凭证与基础信息 page, that the robot uses Stream mode, and DINGTALK_API_URL (if set).`, {
            cause: error,
          });
        }
      }
      started = true;
      await client.connect();
      if (!client.connected && !autoReconnect) {
        client.disconnect();
        throw new PlanAssistantError("DINGTALK_CONFIG", `DingTalk's stream gateway did not let the robot connect. Check that ${apiUrl} and the WebSocket endpoint it returns are reachable from this machine.`);
      }
    },
    stop() {
      stopping ??= (async () => {
        if (started) client.disconnect();
        started = false;
        const drained = await services.inFlight.drain(options.drainTimeoutMs ?? 10_000);
        if (!drained) logger.warn(`dingtalk: stopped with ${services.inFlight.size} answer(s) still in progress`);
        logger.info("dingtalk: stopped");
      })();
      return stopping;
    },
  };
}

/** An answer card on show, for its feedback buttons. */
interface ShownCard {
  readonly answerKey: string;
  readonly question: string;
  readonly conversationId: string;
}

interface CardMode {
  readonly templateId: string;
  readonly shownCards: LruMap<string, ShownCard>;
}

/**
 * One robot message through the shared services. Replies are markdown, or with a card template
 * an interactive card: the placeholder card is updated in place with the answer.
 */
function answerRobotMessage(services: ChannelServices, api: DingTalkApi, message: RobotMessage, cardMode: CardMode | null): Promise<TurnOutcome> {
  const userId = message.senderStaffId ?? message.senderId;
  const text = questionOfRobotMessage(message);
  const sendText = (reply: string) => api.replyMarkdown(message, formatTextMarkdown(reply));
  const replier: TurnReplier<string> = cardMode
    ? {
        sendText,
        sendPlaceholder: async () => {
          const outTrackId = randomUUID();
          await api.createCard(message, { templateId: cardMode.templateId, outTrackId, params: workingCardParams(text) });
          return outTrackId;
        },
        sendAnswer: async (answer, { answerKey, placeholder }) => {
          const params = answerCardParams(answer, services.assistant.examples);
          const outTrackId = placeholder ?? randomUUID();
          if (placeholder) await api.updateCard(placeholder, params);
          else await api.createCard(message, { templateId: cardMode.templateId, outTrackId, params });
          cardMode.shownCards.set(outTrackId, { answerKey, question: answer.question, conversationId: message.conversationId });
        },
      }
    : {
        sendText,
        sendAnswer: (answer) => api.replyMarkdown(message, formatAnswerMarkdown(answer, services.assistant.examples)),
        // A markdown message cannot be edited afterwards, so the placeholder stays and the answer follows it.
        sendPlaceholder: async () => {
          await sendText(CHANNEL_REPLIES.working);
          return "";
        },
      };
  return answerTurn(services, { channel: "dingtalk", messageId: message.msgId, conversationId: message.conversationId, userId, text, threadId: null, isDirect: isDirectChat(message) }, replier);
}
