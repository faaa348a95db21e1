import type { CiteSpec, EvalItem } from "./eval-questions.js";

/** The citation fields a spec can test. */
export interface CitedLocation {
  readonly part: string | null;
  readonly chapter: string | null;
  readonly section: string | null;
  readonly box: string | null;
  readonly table: string | null;
}

/** What a system returned for one question: its answer and its citations, best first. */
export interface SystemAnswer {
  readonly found: boolean;
  readonly answer: string;
  readonly citations: readonly CitedLocation[];
}

export interface QualityScores {
  /** Share of all questions answered right (score.py's answer rule). */
  readonly answer: number;
  /** Share of questions with a citation spec whose first citation matches. */
  readonly hit1: number;
  /** … whose first five citations include a match. */
  readonly hit5: number;
  /** Mean reciprocal rank of the first matching citation among the first five (0 when none). */
  readonly mrr: number;
}

// Same as score.py: a figure question gets a short answer, not a pasted chunk.
const MAX_LENGTH: Readonly<Record<string, number>> = { indicator: 300, fact: 300, followup: 300, responsibility: 500, project: 500, general: 700, overview: 1200 };
const RANK_DEPTH = 5;

/** score.py's cite check for one citation: every key of some spec equals the citation's, `table` by substring. */
export function citationMatches(citation: CitedLocation, specs: readonly CiteSpec[]): boolean {
  return specs.some((spec) =>
    Object.entries(spec).every(([key, value]) => {
      const cited = citation[key as keyof CitedLocation];
      return key === "table" ? Boolean(cited) && cited!.includes(value as string) : cited === value;
    }),
  );
}

/** score.py's answer check: the found flag as expected and, when found, the length bound and every `must`/`must_re`. */
export function answerCorrect(item: EvalItem, answer: SystemAnswer): boolean {
  const expectFound = item.found ?? true;
  if (answer.found !== expectFound) return false;
  if (!expectFound) return true;
  const maxLength = item.max_len ?? MAX_LENGTH[item.kind] ?? 800;
  return answer.answer.length <= maxLength && (item.must ?? []).every((text) => answer.answer.includes(text)) && (item.must_re ?? []).every((pattern) => new RegExp(pattern).test(answer.answer));
}

/** 1-based rank of the first citation matching the item's specs within the first five, or null. */
export function firstHitRank(item: EvalItem, answer: SystemAnswer): number | null {
  const specs = item.cite ?? [];
  const index = answer.citations.slice(0, RANK_DEPTH).findIndex((citation) => citationMatches(citation, specs));
  return index < 0 ? null : index + 1;
}

/** Scores a system over an eval set; citation metrics count only items that expect an answer and name a citation. */
export function scoreAnswers(items: readonly EvalItem[], answers: readonly SystemAnswer[]): QualityScores {
  let correct = 0;
  let cited = 0;
  let hit1 = 0;
  let hit5 = 0;
  let reciprocal = 0;
  items.forEach((item, index) => {
    const answer = answers[index]!;
    if (answerCorrect(item, answer)) correct += 1;
    if ((item.found ?? true) && (item.cite ?? []).length > 0) {
      cited += 1;
      const rank = firstHitRank(item, answer);
      if (rank === 1) hit1 += 1;
      if (rank !== null) {
        hit5 += 1;
        reciprocal += 1 / rank;
      }
    }
  });
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  return { answer: share(correct, items.length), hit1: share(hit1, cited), hit5: share(hit5, cited), mrr: share(reciprocal, cited) };
}
