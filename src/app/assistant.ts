import type { Answer, Citation } from "../answer/answer-schema.js";
import type { Plan } from "../parse/plan-types.js";

/** A cross-check finding: the plan states one figure twice, differently. */
export interface CrossCheckFinding {
  readonly doc: string;
  /** Indicator or subject the finding is about, e.g. "公办幼儿园在园幼儿占比". */
  readonly subject: string;
  /** One readable Chinese sentence describing the discrepancy. */
  readonly message: string;
  readonly citations: readonly Citation[];
}

/** Example questions of each kind, generated from the loaded plans (not a fixed list). */
export interface ExampleQuestions {
  readonly indicator: readonly string[];
  readonly fact: readonly string[];
  readonly responsibility: readonly string[];
  readonly project: readonly string[];
  readonly overview: readonly string[];
  readonly general: readonly string[];
}

/**
 * What every adapter (CLI, terminal chat, Slack) talks to. One instance serves all
 * conversations; it holds no per-conversation state (history is passed in).
 */
export interface PlanAssistant {
  readonly plans: readonly Plan[];
  readonly findings: readonly CrossCheckFinding[];
  readonly examples: ExampleQuestions;
  /** Answers one question; `history` holds earlier questions of the same conversation, oldest first. Never throws for user input. */
  answer(question: string, history?: readonly string[]): Promise<Answer>;
  /** The full text of the node a citation points to (section, chapter intro, box or table), or null. */
  sectionText(citation: Citation): string | null;
}
