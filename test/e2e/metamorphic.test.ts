import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, Citation } from "../../src/answer/answer-schema.js";
import type { LoadedAssistant } from "../../src/app/create-assistant.js";
import { evalItemSchema, type EvalItem } from "../../src/eval/score-answer.js";
import { realAssistant } from "../support/real-assistant.js";
import { REWRITE_KINDS, rewriteQuestion, type Rewrite, type RewriteKind } from "../support/rewrite-question.js";

// Every project question set: a rewrite that keeps the meaning must keep the answer (issue 11).
const QUESTION_SETS = [
  "../eval/own-questions.jsonl",
  "../eval/held-out-questions.jsonl",
  "../eval/held-out-2-questions.jsonl",
  "../eval/held-out-3-questions.jsonl",
  "../fixtures/eval/public.jsonl",
];

const items: readonly EvalItem[] = QUESTION_SETS.flatMap((path) =>
  readFileSync(new URL(path, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => evalItemSchema.parse(JSON.parse(line))),
);

/**
 * What a rewrite must not change: the scope, the unit the answer rests on (its first citation) and,
 * in scope, the strings the item requires.
 * Further "另见" citations may differ: they are context, picked by scores a frame word can nudge.
 */
interface Invariant {
  readonly found: boolean;
  readonly citedUnits: readonly string[];
  readonly primaryUnit: string;
  readonly missingMust: readonly string[];
}

/** A cited unit: the document and its place in it, without the quote (quotes may differ in length). */
function citedUnit(citation: Citation): string {
  const place = [citation.part, citation.chapter, citation.section, citation.box, citation.table].filter(Boolean).join("›");
  return `${citation.doc}:${place}`;
}

function invariant(answer: Answer, item: EvalItem): Invariant {
  return {
    found: answer.found,
    citedUnits: [...new Set(answer.citations.map(citedUnit))].sort(),
    primaryUnit: answer.citations[0] ? citedUnit(answer.citations[0]) : "",
    missingMust: answer.found ? (item.must ?? []).filter((text) => !answer.answer.includes(text)) : [],
  };
}

/** Null when the rewrite kept the invariant, else a readable line naming what changed. */
function difference(item: EvalItem, rewrite: Rewrite, original: Answer, rewritten: Answer): string | null {
  const before = invariant(original, item);
  const after = invariant(rewritten, item);
  const outOfScope = item.found === false;
  // An out-of-scope question only has to stay out of scope; an in-scope one keeps scope, units and required strings.
  const kept = outOfScope
    ? !after.found
    : after.found === before.found && after.primaryUnit === before.primaryUnit && after.missingMust.length === 0;
  if (kept) return null;
  const show = (answer: Answer, units: readonly string[]) =>
    `found=${answer.found} «${answer.answer.replace(/\s+/g, " ").slice(0, 80)}» cites [${units.join(", ")}]`;
  return [
    `${item.id} ${rewrite.kind}${rewrite.detail ? ` (${rewrite.detail})` : ""}: ${JSON.stringify(item.question)} → ${JSON.stringify(rewrite.question)}`,
    `    original:  ${show(original, before.citedUnits)}`,
    `    rewritten: ${show(rewritten, after.citedUnits)}${after.missingMust.length > 0 ? ` missing must [${after.missingMust.join(", ")}]` : ""}`,
  ].join("\n");
}

let assistant: LoadedAssistant;
const originals = new Map<EvalItem, Answer>();
const tally = new Map<RewriteKind, { applied: number; kept: number }>();

beforeAll(async () => {
  assistant = await realAssistant();
  // Sequential: the engine is shared, and answers take milliseconds.
  for (const item of items) originals.set(item, await assistant.answer(item.question, item.history ?? []));
});

afterAll(() => {
  const rows = REWRITE_KINDS.map((kind) => {
    const { applied, kept } = tally.get(kind) ?? { applied: 0, kept: 0 };
    return { kind, applied, kept, rate: applied === 0 ? "-" : `${((100 * kept) / applied).toFixed(1)}%` };
  });
  const applied = rows.reduce((sum, row) => sum + row.applied, 0);
  const kept = rows.reduce((sum, row) => sum + row.kept, 0);
  const lines = rows.map((row) => `  ${row.kind.padEnd(20)} ${String(row.kept).padStart(4)}/${String(row.applied).padEnd(4)} ${row.rate}`);
  console.log(`metamorphic pass rate by rewrite kind (${items.length} questions):\n${lines.join("\n")}\n  ${"all".padEnd(20)} ${String(kept).padStart(4)}/${String(applied).padEnd(4)} ${applied === 0 ? "-" : `${((100 * kept) / applied).toFixed(1)}%`}`);
});

describe("meaning-preserving rewrites of every project question keep its answer and citation", () => {
  it("reads every question set", () => {
    expect(items.length).toBeGreaterThan(150);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it.each(REWRITE_KINDS)("%s", async (kind) => {
    const failures: string[] = [];
    let applied = 0;
    for (const item of items) {
      const original = originals.get(item)!;
      const history = item.history ?? [];
      for (const rewrite of rewriteQuestion(item.question, { followUp: history.length > 0 })) {
        if (rewrite.kind !== kind) continue;
        applied += 1;
        // History stays as written: the rewrite is of the turn being asked.
        const failure = difference(item, rewrite, original, await assistant.answer(rewrite.question, history));
        if (failure !== null) failures.push(failure);
      }
    }
    tally.set(kind, { applied, kept: applied - failures.length });
    expect(applied, `no question takes a ${kind} rewrite`).toBeGreaterThan(0);
    expect(failures, `${failures.length} of ${applied} ${kind} rewrites changed the answer:\n${failures.join("\n")}`).toEqual([]);
  });
});
