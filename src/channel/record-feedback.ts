import type { Answer } from "../answer/answer-schema.js";
import { describeError } from "../errors.js";
import type { AnswerCache } from "./answer-cache.js";
import type { ChannelLogger } from "./channel-logger.js";
import { citationLabel } from "./citation-label.js";
import type { Clock } from "./clock.js";
import type { FeedbackKind, FeedbackStore } from "./feedback-store.js";

/** What recording feedback needs; every channel's services have it. */
export interface FeedbackServices {
  readonly feedbackStore: FeedbackStore;
  readonly clock: Clock;
  readonly logger: ChannelLogger;
}

/** Who gave the feedback, where, and on which answer. */
export interface FeedbackWhere {
  /** null where the channel knows no user (the web page). */
  readonly user: string | null;
  readonly channel: string;
  readonly answerKey: string | null;
}

/** Questions the plan does not answer go to the feedback file too, so they can be reviewed. Never throws (logged). */
export async function recordUnanswered(services: FeedbackServices, answer: Answer, where: FeedbackWhere): Promise<void> {
  if (answer.found) return;
  try {
    await services.feedbackStore.append({
      recorded_at: new Date(services.clock.now()).toISOString(),
      kind: "unanswered",
      source: "auto",
      question: answer.question,
      answer: answer.answer,
      found: answer.found,
      intent: answer.intent,
      citations: answer.citations.map(citationLabel),
      user: where.user,
      channel: where.channel,
      answer_key: where.answerKey,
    });
  } catch (error) {
    services.logger.error(`could not record an unanswered question: ${describeError(error)}`);
  }
}

/**
 * A 👍 / 👎 / 数字有误 click: one line in the feedback file with the question and the answer, found
 * again by the button's answer key (after a restart only the question the button carries is known).
 * @throws when the store cannot write (the adapter apologises).
 */
export async function recordButtonFeedback(
  services: FeedbackServices & { readonly answers: AnswerCache },
  kind: Exclude<FeedbackKind, "unanswered">,
  click: { readonly answerKey: string | null; readonly question: string; readonly fallbackAnswer: string; readonly user: string; readonly channel: string | null },
): Promise<void> {
  const shown = click.answerKey ? services.answers.get(click.answerKey) : undefined;
  await services.feedbackStore.append({
    recorded_at: new Date(services.clock.now()).toISOString(),
    kind,
    source: "button",
    question: shown?.question ?? click.question,
    answer: shown?.answer.answer ?? click.fallbackAnswer,
    found: shown?.answer.found ?? null,
    intent: shown?.answer.intent ?? null,
    citations: shown?.answer.citations.map(citationLabel) ?? [],
    user: click.user,
    channel: click.channel,
    answer_key: click.answerKey,
  });
}
