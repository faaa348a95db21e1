import { extractNumbers, numberKeys } from "./extract-numbers.js";
import type { PromptPassage } from "./build-grounded-prompt.js";
import type { FallbackReason } from "./fallback-reason.js";
import type { ModelReply } from "./parse-model-reply.js";

export type GroundingVerdict =
  | { readonly kind: "grounded"; readonly cited: readonly PromptPassage[] }
  | { readonly kind: "rejected"; readonly reason: Extract<FallbackReason, "unknown_passage" | "no_citation" | "unsupported_number" | "dropped_figure">; readonly detail: string };

export interface GroundingInput {
  readonly reply: ModelReply;
  /** The passages as shown to the model. */
  readonly passages: readonly PromptPassage[];
  readonly lookups: readonly string[];
  /** The extractive answer: its figures count as given. */
  readonly extractiveAnswer: string;
  /** Indicator/fact questions: every figure of the extractive answer must remain. */
  readonly keepFigures: boolean;
}

/**
 * Checks a parsed reply against what the model was given: every cited label exists; some
 * passage is cited when passages were the only material; every number it states is in a cited
 * passage (as shown), a lookup result or the extractive answer; and, for figure questions,
 * no figure of the extractive answer is dropped. Numbers compare by normalised value.
 */
export function checkGrounding(input: GroundingInput): GroundingVerdict {
  const byLabel = new Map(input.passages.map((passage) => [passage.label, passage]));
  const unknown = input.reply.passageLabels.filter((label) => !byLabel.has(label));
  if (unknown.length > 0) return { kind: "rejected", reason: "unknown_passage", detail: `cited ${unknown.length} passage id(s) not given; given ${[...byLabel.keys()].join(",") || "none"}` };
  const cited = input.reply.passageLabels.map((label) => byLabel.get(label)!);
  if (cited.length === 0 && input.passages.length > 0 && input.lookups.length === 0) return { kind: "rejected", reason: "no_citation", detail: "cited no passage" };

  const allowed = new Set<string>([...cited.map((passage) => passage.shown), ...input.lookups, input.extractiveAnswer].flatMap((text) => [...numberKeys(text)]));
  const stated = extractNumbers(input.reply.answer);
  const unsupported = [...new Set(stated.filter((number) => !allowed.has(number.key)).map((number) => number.key))];
  if (unsupported.length > 0) return { kind: "rejected", reason: "unsupported_number", detail: `numbers not in the cited passages or lookups: ${unsupported.join(", ")}` };

  if (input.keepFigures) {
    const statedKeys = new Set(stated.map((number) => number.key));
    const dropped = [...numberKeys(input.extractiveAnswer)].filter((key) => !statedKeys.has(key));
    if (dropped.length > 0) return { kind: "rejected", reason: "dropped_figure", detail: `figures of the extractive answer missing: ${dropped.join(", ")}` };
  }
  return { kind: "grounded", cited };
}
