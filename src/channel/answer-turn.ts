import type { Answer } from "../answer/answer-schema.js";
import { describeError } from "../errors.js";
import type { ChannelServices } from "./channel-services.js";
import { apologyFor, CHANNEL_REPLIES } from "./channel-replies.js";
import { type ProgressPlaceholder, startProgressPlaceholder } from "./progress-placeholder.js";
import { recordUnanswered } from "./record-feedback.js";
import { conversationKey, type Turn } from "./turn.js";
import { withRetry } from "./with-retry.js";

/** How a channel adapter puts text on its platform, for one turn. */
export interface TurnReplier<Placeholder> {
  /** Posts the answer, replacing `placeholder` where the platform allows; `answerKey` goes on its feedback buttons. */
  sendAnswer(answer: Answer, context: { readonly answerKey: string; readonly placeholder: Placeholder | undefined }): Promise<void>;
  /** Posts a short plain text (the apology, the rate-limit note, the help for an empty question). */
  sendText(text: string): Promise<void>;
  /** Posts a "正在整理答案" placeholder; absent where the platform has nothing better than a separate message. */
  sendPlaceholder?(): Promise<Placeholder>;
}

/** What became of a turn. */
export type TurnOutcome = "answered" | "duplicate" | "rate-limited" | "help" | "failed";

/**
 * Answers one turn on any channel: once per message id (a redelivery is dropped), within the
 * user's rate limit, with the conversation's earlier questions as history, a placeholder when
 * the answer is slow, the reply retried on platform errors, and a friendly apology when it still
 * fails (数据库暂时不可用 when the shared store is unreachable: the user asks again later). Tracked as in flight, so a graceful stop lets it finish. Never throws.
 */
export async function answerTurn<Placeholder>(services: ChannelServices, turn: Turn, replier: TurnReplier<Placeholder>): Promise<TurnOutcome> {
  return services.inFlight.run(() => answerClaimedTurn(services, turn, replier));
}

async function answerClaimedTurn<Placeholder>(services: ChannelServices, turn: Turn, replier: TurnReplier<Placeholder>): Promise<TurnOutcome> {
  const { logger } = services;
  const retry = <T>(work: () => Promise<T>) => withRetry(work, { delaysMs: services.retryDelaysMs });
  try {
    // A shared deduper that cannot be reached throws: the user gets the database apology and asks again.
    if (!(await services.deduper.claim(`${turn.channel}:message:${turn.messageId}`))) {
      logger.debug(`${turn.channel}: message ${turn.messageId} was delivered again; answered once`);
      return "duplicate";
    }
    if (turn.text.length === 0) {
      const { indicator, fact, overview } = services.assistant.examples;
      await retry(() => replier.sendText(CHANNEL_REPLIES.emptyQuestion([...indicator.slice(0, 1), ...fact.slice(0, 1), ...overview.slice(0, 1)])));
      return "help";
    }
    const decision = services.rateLimiter.check(`${turn.channel}:${turn.userId}`);
    if (!decision.allowed) {
      logger.info(`${turn.channel}: rate limit reached for user ${turn.userId}`);
      if (decision.notify) await retry(() => replier.sendText(CHANNEL_REPLIES.rateLimited(decision.retryAfterSeconds)));
      return "rate-limited";
    }
    const key = conversationKey(turn);
    const history = await services.history.questions(key);
    const progress = startProgress(services, turn, replier);
    const answer = await services.assistant.answer(turn.text, history).finally(() => progress.cancel());
    // The answer stands even if the shared history cannot take the question (the follow-up then lacks it).
    await services.history.add(key, turn.text).catch((error: unknown) => logger.warn(`${turn.channel}: could not add the question to the conversation history: ${describeError(error)}`));
    const answerKey = services.answers.put({ question: turn.text, history, answer });
    const placeholder = await progress.posted;
    await retry(() => replier.sendAnswer(answer, { answerKey, placeholder }));
    await recordUnanswered(services, answer, { user: turn.userId, channel: `${turn.channel}:${turn.conversationId}`, answerKey });
    return "answered";
  } catch (error) {
    logger.error(`${turn.channel}: answering message ${turn.messageId} in ${turn.conversationId} failed: ${describeError(error)}`);
    try {
      await retry(() => replier.sendText(apologyFor(error)));
    } catch (apologyError) {
      logger.error(`${turn.channel}: posting the apology failed too: ${describeError(apologyError)}`);
    }
    return "failed";
  }
}

function startProgress<Placeholder>(services: ChannelServices, turn: Turn, replier: TurnReplier<Placeholder>): ProgressPlaceholder<Placeholder> {
  const send = replier.sendPlaceholder?.bind(replier);
  if (!send) return { posted: Promise.resolve(undefined), cancel: () => {} };
  return startProgressPlaceholder(send, services.progressAfterMs, (error) => services.logger.warn(`${turn.channel}: could not post the progress placeholder: ${describeError(error)}`));
}
