import { z } from "zod";
import data from "./lexicon/synonyms.json" with { type: "json" };

/**
 * Everyday words officials use, mapped to the plan's own terms (孩子 → 儿童/学生/幼儿, 钱 → 经费).
 * Kept as data in lexicon/synonyms.json, curated and small on purpose: each entry widens recall for a
 * whole family of questions, not for one question. Validated at load.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).parse(data);

/** Plan terms for a question token (the token itself excluded). */
export function synonymsOf(token: string): readonly string[] {
  return SYNONYMS[token] ?? [];
}
