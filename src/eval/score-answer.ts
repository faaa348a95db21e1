import { z } from "zod";
import type { Answer, Citation } from "../answer/answer-schema.js";
import { stripWhitespace } from "../text/normalize-text.js";

/** One eval item, as in ../shared/eval/public.jsonl and test/eval/*.jsonl. */
export const evalItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  question: z.string(),
  history: z.array(z.string()).optional(),
  cite: z.array(z.record(z.string(), z.string())).optional(),
  must: z.array(z.string()).optional(),
  must_re: z.array(z.string()).optional(),
  found: z.boolean().optional(),
  max_len: z.number().optional(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

/** Answer length bounds by kind: a figure question gets a short answer, not a pasted chunk. */
export const MAX_LENGTH: Readonly<Record<string, number>> = { indicator: 300, fact: 300, followup: 300, responsibility: 500, project: 500, general: 700, overview: 1200 };

export interface ItemScore {
  readonly answerOk: boolean;
  readonly scopeOk: boolean;
  /** 1-based rank of the first citation matching a spec, or null. */
  readonly citationRank: number | null;
  readonly quotes: number;
  readonly verbatimQuotes: number;
}

/** True when a citation matches one spec (all keys equal; `table` by substring). */
export function citationMatches(citation: Pick<Citation, "part" | "chapter" | "section" | "box" | "table">, spec: Readonly<Record<string, string>>): boolean {
  return Object.entries(spec).every(([key, value]) => {
    const actual = (citation as Record<string, string | null>)[key];
    return key === "table" ? Boolean(actual) && actual!.includes(value) : actual === value;
  });
}

/** Scores one answer with the same rules as the shared scorer, plus the citation rank for MRR. */
export function scoreAnswer(item: EvalItem, answer: Pick<Answer, "found" | "answer" | "citations">, planText: string): ItemScore {
  const expectFound = item.found ?? true;
  const scopeOk = answer.found === expectFound;
  const maxLength = item.max_len ?? MAX_LENGTH[item.kind] ?? 800;
  const answerOk = expectFound
    ? scopeOk && answer.answer.length <= maxLength && (item.must ?? []).every((text) => answer.answer.includes(text)) && (item.must_re ?? []).every((pattern) => new RegExp(pattern).test(answer.answer))
    : scopeOk;
  const specs = item.cite ?? [];
  let citationRank: number | null = null;
  if (!expectFound) citationRank = scopeOk ? 1 : null;
  else if (specs.length === 0) citationRank = scopeOk ? 1 : null;
  else if (scopeOk) {
    const index = answer.citations.findIndex((citation) => specs.some((spec) => citationMatches(citation, spec)));
    citationRank = index === -1 ? null : index + 1;
  }
  const normalizedPlan = stripWhitespace(planText);
  const quotes = answer.citations.filter((citation) => stripWhitespace(citation.quote).length > 0);
  return { answerOk, scopeOk, citationRank, quotes: quotes.length, verbatimQuotes: quotes.filter((citation) => normalizedPlan.includes(stripWhitespace(citation.quote))).length };
}
