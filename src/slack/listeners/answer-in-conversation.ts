import type { webApi } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { type ProgressPlaceholder, startProgressPlaceholder } from "../../channel/progress-placeholder.js";
import { recordUnanswered } from "../../channel/record-feedback.js";
import { apologyFor } from "../../channel/channel-replies.js";
import type { BotIdentity } from "../classify-message.js";
import { buildAnswerMessage } from "../format/answer-message.js";
import { buildHelpMessage } from "../format/help-message.js";
import { REPLIES } from "../format/replies.js";
import { questionFromMessageText } from "../question-text.js";
import { type ConversationMessage, parseConversationMessages } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";
import { DIRECT_MESSAGE_HISTORY, questionsFromMessages } from "../thread-history.js";

/** A message that the bot answers (a mention, a DM, or a follow-up in a thread it is in). */
export interface ConversationQuestion {
  readonly channel: string;
  readonly user: string;
  /** ts of the message asking. */
  readonly ts: string;
  readonly text: string;
  /** Thread the answer goes to; undefined answers at the top level (a top-level DM). */
  readonly replyThreadTs: string | undefined;
  /** Thread the message sits in, if any: its earlier questions are the history. */
  readonly threadTs: string | undefined;
  readonly isDirectMessage: boolean;
  /** The thread's messages when they were already read (to see whether the bot is in it). */
  readonly threadMessages?: readonly ConversationMessage[];
}

const SEEN_REACTION = "eyes";

/**
 * Answers one question in its conversation: 👀 on the message, the earlier questions of the
 * thread as history, the answer posted in the thread (or the DM), 👀 removed. Rate-limited users
 * get a polite ephemeral note instead; any failure becomes a short apology in the same place.
 * Never throws.
 */
export async function answerInConversation(services: SlackServices, client: webApi.WebClient, bot: BotIdentity, question: ConversationQuestion): Promise<void> {
  const { logger } = services;
  const where = { channel: question.channel, ...(question.replyThreadTs ? { thread_ts: question.replyThreadTs } : {}) };

  try {
    // app_mention and message events can both carry one message: answer it once (on any replica, with DATABASE_URL).
    if (!(await services.deduper.claim(`message:${question.channel}:${question.ts}`))) return;
    const text = questionFromMessageText(question.text, bot.botUserId);
    if (text.length === 0) {
      await client.chat.postMessage({ ...where, ...buildHelpMessage(services.assistant.examples, services.slashCommand) });
      return;
    }

    const decision = services.rateLimiter.check(question.user);
    if (!decision.allowed) {
      logger.info(`slack: rate limit reached for user ${question.user}`);
      if (decision.notify) await client.chat.postEphemeral({ ...where, user: question.user, text: REPLIES.rateLimited(decision.retryAfterSeconds) });
      return;
    }

    await addSeenReaction(services, client, question);
    try {
      const history = await loadHistory(services, client, bot, question);
      // A slow answer (a language model phrasing it) shows progress: a placeholder the answer replaces.
      const progress = startProgress(services, client, where);
      const answer = await services.assistant.answer(text, history).finally(() => progress.cancel());
      const answerKey = services.answers.put({ question: text, history, answer });
      const message = buildAnswerMessage(answer, { answerKey, examples: services.assistant.examples, documentTitles: services.documentTitles });
      const placeholderTs = await progress.posted;
      if (placeholderTs) await client.chat.update({ channel: question.channel, ts: placeholderTs, ...message });
      else await client.chat.postMessage({ ...where, ...message, unfurl_links: false, unfurl_media: false });
      if (question.replyThreadTs && !question.isDirectMessage) services.threads.remember(question.channel, question.replyThreadTs);
      await recordUnanswered(services, answer, { user: question.user, channel: question.channel, answerKey });
    } finally {
      await removeSeenReaction(services, client, question);
    }
  } catch (error) {
    logger.error(`slack: answering a message in ${question.channel} failed: ${describeError(error)}`);
    try {
      await client.chat.postMessage({ ...where, text: apologyFor(error) });
    } catch (apologyError) {
      logger.error(`slack: posting the apology failed too: ${describeError(apologyError)}`);
    }
  }
}

/** Posts a "正在整理答案" placeholder if the answer takes longer than services.progressAfterMs; its ts is what the answer replaces. */
function startProgress(services: SlackServices, client: webApi.WebClient, where: { channel: string; thread_ts?: string }): ProgressPlaceholder<string> {
  return startProgressPlaceholder(
    () => client.chat.postMessage({ ...where, text: REPLIES.working }).then((response) => (typeof response.ts === "string" ? response.ts : undefined)),
    services.progressAfterMs,
    (error) => services.logger.warn(`slack: could not post the progress placeholder: ${describeError(error)}`),
  );
}

/** Earlier questions of the conversation, oldest first; [] when Slack cannot tell (logged, not fatal). */
async function loadHistory(services: SlackServices, client: webApi.WebClient, bot: BotIdentity, question: ConversationQuestion): Promise<string[]> {
  try {
    if (question.threadTs) {
      const messages = question.threadMessages ?? (await readThread(client, question.channel, question.threadTs));
      return questionsFromMessages(messages, bot, question.ts, { addressedToBotOnly: !question.isDirectMessage });
    }
    if (question.isDirectMessage) {
      const oldest = String(Math.floor(Number(question.ts)) - DIRECT_MESSAGE_HISTORY.windowSeconds);
      const response = await client.conversations.history({ channel: question.channel, latest: question.ts, oldest, inclusive: false, limit: 20 });
      return questionsFromMessages(parseConversationMessages(response), bot, question.ts, { addressedToBotOnly: false, limit: DIRECT_MESSAGE_HISTORY.questions });
    }
    return [];
  } catch (error) {
    services.logger.warn(`slack: could not read the conversation history of ${question.channel}, answering without it: ${describeError(error)}`);
    return [];
  }
}

/** The messages of a thread, parent first (one page: the newest questions matter, and 200 is plenty). */
export async function readThread(client: webApi.WebClient, channel: string, threadTs: string): Promise<ConversationMessage[]> {
  const response = await client.conversations.replies({ channel, ts: threadTs, limit: 200 });
  return parseConversationMessages(response);
}

async function addSeenReaction(services: SlackServices, client: webApi.WebClient, question: ConversationQuestion) {
  try {
    await client.reactions.add({ channel: question.channel, timestamp: question.ts, name: SEEN_REACTION });
  } catch (error) {
    services.logger.warn(`slack: could not add the 👀 reaction: ${describeError(error)}`);
  }
}

async function removeSeenReaction(services: SlackServices, client: webApi.WebClient, question: ConversationQuestion) {
  try {
    await client.reactions.remove({ channel: question.channel, timestamp: question.ts, name: SEEN_REACTION });
  } catch (error) {
    services.logger.warn(`slack: could not remove the 👀 reaction: ${describeError(error)}`);
  }
}
