import type { Answer } from "../src/answer/answer-schema.js";
import { citationMatches, scoreAnswer, type EvalItem } from "../src/eval/score-answer.js";

/** What a system returned for one question: found flag, text and citations, best first. */
export type SystemAnswer = Pick<Answer, "found" | "answer" | "citations">;

export interface QualityScores {
  /** Share of all questions answered right (score.py's rule: found flag, `must`, length bound by kind). */
  readonly answer: number;
  /** Share of questions with a citation spec whose first citation matches it. */
  readonly hit1: number;
  /** … whose first five citations include a match. */
  readonly hit5: number;
  /** Mean reciprocal rank of the first matching citation among the first five (0 when none). */
  readonly mrr: number;
}

const RANK_DEPTH = 5;

/** 1-based rank of the first of the first five citations matching one of the item's specs, or null. */
export function firstHitRank(item: EvalItem, answer: SystemAnswer): number | null {
  const specs = item.cite ?? [];
  const index = answer.citations.slice(0, RANK_DEPTH).findIndex((citation) => specs.some((spec) => citationMatches(citation, spec)));
  return index < 0 ? null : index + 1;
}

/** True when the item expects an answer and names where it is (the items citation metrics count). */
export function hasCitationSpec(item: EvalItem): boolean {
  return (item.found ?? true) && (item.cite ?? []).length > 0;
}

/**
 * Scores a system over an eval set. Answer accuracy uses the project's scorer (same rules as
 * score.py) over every item; citation metrics count only items that expect an answer and name a
 * citation, so refusing out-of-scope questions earns no citation credit.
 */
export function scoreAnswers(items: readonly EvalItem[], answers: readonly SystemAnswer[]): QualityScores {
  let correct = 0;
  let cited = 0;
  let hit1 = 0;
  let hit5 = 0;
  let reciprocal = 0;
  items.forEach((item, index) => {
    const answer = answers[index]!;
    if (scoreAnswer(item, answer, "").answerOk) correct += 1;
    if (!hasCitationSpec(item)) return;
    cited += 1;
    const rank = firstHitRank(item, answer);
    if (rank === 1) hit1 += 1;
    if (rank !== null) {
      hit5 += 1;
      reciprocal += 1 / rank;
    }
  });
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  return { answer: share(correct, items.length), hit1: share(hit1, cited), hit5: share(hit5, cited), mrr: share(reciprocal, cited) };
}
