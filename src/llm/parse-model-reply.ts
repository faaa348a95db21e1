import { z } from "zod";

/** A validated model reply: the answer text and the labels of the passages it relies on. */
export interface ModelReply {
  readonly answer: string;
  /** Normalised labels ("P1"), deduplicated, in the model's order; not yet checked against the passages given. */
  readonly passageLabels: readonly string[];
}

export const MAX_ANSWER_CHARACTERS = 2000;

const replySchema = z.object({
  answer: z.string().trim().min(1).max(MAX_ANSWER_CHARACTERS),
  passages: z.array(z.union([z.string(), z.number()])).max(50),
});

/** Passage markers the model may leave in the text despite the prompt. */
const PASSAGE_MARKER = /\s*[[【]\s*P\d+\s*[\]】]/gi;

/** "P1", "[P1]", "p1", 1 → "P1"; anything else is kept as written so it fails the passage check. */
function normaliseLabel(label: string | number): string {
  const text = String(label).trim();
  const match = /^[[【]?\s*P?\s*(\d+)\s*[\]】]?$/i.exec(text);
  return match ? `P${Number(match[1])}` : text;
}

/** The JSON object inside a reply: drops reasoning blocks (<think>…</think>) and code fences, then takes the outermost braces. */
function jsonCandidate(text: string): string | null {
  const withoutThinking = text.replace(/<think>[\s\S]*?<\/think>/gi, "");
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(withoutThinking);
  const body = fenced ? fenced[1]! : withoutThinking;
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  return start === -1 || end <= start ? null : body.slice(start, end + 1);
}

/**
 * Parses and validates a model reply `{"answer": string, "passages": ["P1", …]}`, possibly
 * wrapped in ```json fences or preceded by a reasoning block. Returns null when it does not
 * parse or fails the schema; the raw text never leaves this function.
 */
export function parseModelReply(text: string): ModelReply | null {
  const candidate = jsonCandidate(text);
  if (candidate === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(candidate);
  } catch {
    return null;
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) return null;
  const answer = parsed.data.answer.replace(PASSAGE_MARKER, "").trim();
  if (answer === "") return null;
  return { answer, passageLabels: [...new Set(parsed.data.passages.map(normaliseLabel))] };
}
