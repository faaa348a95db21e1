import { z } from "zod";
import { type Citation, citationSchema } from "../answer/answer-schema.js";

/** Slack refuses button values longer than this. */
export const MAX_BUTTON_VALUE_LENGTH = 2_000;

/** action_id of every button the bot shows. View-source buttons get an index suffix: ids must be unique in a block. */
export const ACTION_IDS = {
  viewSource: "plan_view_source",
  share: "plan_share",
  helpful: "plan_feedback_helpful",
  notHelpful: "plan_feedback_not_helpful",
  wrongFigure: "plan_feedback_wrong_figure",
} as const;

export const VIEW_SOURCE_ACTION_PATTERN = new RegExp(`^${ACTION_IDS.viewSource}(?::\\d+)?$`);

/** What an answer's buttons carry: the answer cache key, and the question in case the cache forgot it. */
export interface AnswerReference {
  readonly key: string;
  readonly question: string;
}

const answerReferenceSchema = z.object({ k: z.string(), q: z.string() });

export function encodeAnswerReference(reference: AnswerReference): string {
  const encode = (question: string) => JSON.stringify({ k: reference.key, q: question });
  return fitValue(reference.question, encode);
}

/** The reference, or null when the value is not one (an old or foreign button). */
export function decodeAnswerReference(value: string | undefined): AnswerReference | null {
  const parsed = parseJson(value, answerReferenceSchema);
  return parsed ? { key: parsed.k, question: parsed.q } : null;
}

/** A citation as a button value; the quote is shortened when the whole would not fit. */
export function encodeCitation(citation: Citation): string {
  return fitValue(citation.quote, (quote) => JSON.stringify({ ...citation, quote }));
}

export function decodeCitation(value: string | undefined): Citation | null {
  return parseJson(value, citationSchema);
}

/** Shortens `text` until `encode(text)` fits in a button value. */
function fitValue(text: string, encode: (text: string) => string): string {
  let characters = Array.from(text);
  let encoded = encode(text);
  while (encoded.length > MAX_BUTTON_VALUE_LENGTH && characters.length > 0) {
    const overBy = encoded.length - MAX_BUTTON_VALUE_LENGTH;
    characters = characters.slice(0, Math.max(0, characters.length - Math.max(1, Math.ceil(overBy / 2))));
    encoded = encode(characters.join(""));
  }
  return encoded;
}

function parseJson<Schema extends z.ZodType>(value: string | undefined, schema: Schema): z.infer<Schema> | null {
  if (value === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
