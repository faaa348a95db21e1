import { z } from "zod";
import type { Answer } from "../answer/answer-schema.js";
import type { ExampleQuestions } from "../app/assistant.js";
import { CHANNEL_REPLIES } from "../channel/channel-replies.js";
import { formatAnswerMarkdown } from "./format-markdown.js";

/**
 * The variables (cardParamMap) of the DingTalk card template the robot fills; docs/dingtalk.md
 * says how to build the template. Every value is a string, as DingTalk wants.
 * - `title`: the card's title; `question`: the question asked
 * - `content`: markdown: the answer, the citation lines, notes (or the placeholder while working)
 * - `status`: "working" while the answer is written, then "done" (the template shows the buttons only when done)
 */
export type CardParams = Readonly<Record<"title" | "question" | "content" | "status", string>>;

/** The card while the answer is being written. */
export function workingCardParams(question: string): CardParams {
  return { title: "规划助手", question, content: CHANNEL_REPLIES.working, status: "working" };
}

/** The card with the answer, its citation lines and notes, ready for feedback. */
export function answerCardParams(answer: Answer, examples: ExampleQuestions): CardParams {
  return { title: "规划助手", question: answer.question, content: formatAnswerMarkdown(answer, examples).text, status: "done" };
}

/** The feedback a button of the template sends back: its callback params { action: "feedback", kind }. */
const cardCallbackSchema = z.object({
  outTrackId: z.string().min(1),
  userId: z.string().optional(),
  /** JSON: { cardPrivateData: { actionIds, params } }. */
  content: z.string(),
});
const feedbackParamsSchema = z.object({ cardPrivateData: z.object({ params: z.object({ action: z.literal("feedback"), kind: z.enum(["helpful", "not_helpful", "wrong_figure"]) }).loose() }).loose() });

export interface CardFeedback {
  readonly outTrackId: string;
  readonly userId: string | undefined;
  readonly kind: "helpful" | "not_helpful" | "wrong_figure";
}

/** A feedback click on an answer card (the /v1.0/card/instances/callback data), or null for anything else. */
export function parseCardFeedback(data: string): CardFeedback | null {
  try {
    const callback = cardCallbackSchema.safeParse(JSON.parse(data));
    if (!callback.success) return null;
    const params = feedbackParamsSchema.safeParse(JSON.parse(callback.data.content));
    if (!params.success) return null;
    return { outTrackId: callback.data.outTrackId, userId: callback.data.userId, kind: params.data.cardPrivateData.params.kind };
  } catch {
    return null;
  }
}
