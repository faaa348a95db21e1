import { nodeKey, termCoverage } from "../retrieve/hybrid-search.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import type { AnswerDraft, Citation } from "./answer-schema.js";
import type { Engine } from "./engine.js";
import { topicWords } from "./topic-words.js";

/** The answering paths that propose a candidate for a question. */
export type AnswererId = "indicator" | "overview" | "project" | "fact" | "duties" | "responsibility" | "locate" | "general";

/**
 * How much an answerer's kind of evidence is worth before its content is looked at: exact lookups
 * (the indicator table, a unit the question names by its label) above extractive passages. The
 * spacing is small against EVIDENCE_WEIGHT, so a candidate whose evidence covers clearly more of
 * the question wins over one that merely comes from a more exact kind of lookup.
 */
export const ANSWERER_PRIOR: Readonly<Record<AnswererId, number>> = {
  indicator: 0.5,
  overview: 0.42,
  project: 0.36,
  fact: 0.34,
  duties: 0.32,
  responsibility: 0.3,
  locate: 0.3,
  general: 0.2,
};

/** Weight of the share of the question's topic words that a candidate's evidence holds (0..1). */
export const EVIDENCE_WEIGHT = 0.5;

/** A proposed answer with the evidence behind it and how well that evidence fits the question. */
export interface Candidate {
  readonly answerer: AnswererId;
  readonly draft: AnswerDraft;
  /** Figures and lookups behind the draft (for a language model and the log). */
  readonly lookups: readonly string[];
  /** Retrieved passages around the cited ones (context for a language model). */
  readonly context: readonly Citation[];
  /** A definitive reply even when not found ("规划中没有第十八章"): it stands against found candidates. */
  readonly definitive: boolean;
  readonly prior: number;
  /** IDF-weighted share of the question's topic words present in the answer, its quotes and headings (0..1). */
  readonly evidence: number;
  /** Aspect and year fit: negative when the draft lacks what the question asks for. */
  readonly fit: number;
  readonly score: number;
  /** Why the score is what it is, in short English phrases (for `ask --explain`). */
  readonly reasons: readonly string[];
}

export interface CandidateInput {
  readonly answerer: AnswererId;
  readonly draft: AnswerDraft;
  readonly lookups?: readonly string[];
  readonly context?: readonly Citation[];
  readonly definitive?: boolean;
  /** Adjustment to the answerer's prior, with its reason (e.g. a project list for a figure question). */
  readonly priorAdjustment?: { readonly value: number; readonly reason: string };
}

/** A figure: digits, or a counted amount in words (五项, 两个). */
const FIGURE = /\d|[一二两三四五六七八九十百千]+[项个类所名家批条种大级万亿]/;

/** A body that can be responsible: 区教委, 省教育厅, 领导小组, 各学校… */
const BODY = /[\u4e00-\u9fa5]{1,10}(委员会|委|局|厅|部|办|政府|小组|中心|机构|学校|部门|单位|党委|法院|检察院|公司|协会|联合会)/;

/**
 * Scores one candidate: prior + EVIDENCE_WEIGHT × evidence coverage + aspect fit. Evidence is the
 * IDF-weighted share (see termCoverage) of the question's topic words found in the draft's text,
 * its quotes and its cited headings. Fit penalises a draft without what the question asks for: a
 * figure for 多少, a body for 谁负责, the year asked, the 约束性/预期性 attribute.
 */
export function rankCandidate(engine: Engine, analysis: QuestionAnalysis, input: CandidateInput): Candidate {
  const { draft } = input;
  const reasons: string[] = [];
  const prior = ANSWERER_PRIOR[input.answerer] + (input.priorAdjustment?.value ?? 0);
  if (input.priorAdjustment) reasons.push(input.priorAdjustment.reason);
  // A quote's whole paragraph is its evidence too: "小学71所" answers 全区有多少所小学 from a paragraph on 全区.
  // A stated figure is evidence only for what its own sentence says: "在校生2.21万人" of 普通高中 is
  // no answer to 初中在校生 because the paragraph mentions 初中 elsewhere.
  const paragraphs = input.answerer === "fact" || input.answerer === "overview" ? [] : draft.citations.map((citation) => engine.paragraphsByNode.get(nodeKey(citation))?.find((paragraph) => paragraph.text.includes(citation.quote.replace(/…$/, "")))?.text ?? "");
  const text = normalizeForMatch([draft.answer, ...draft.citations.flatMap((citation) => [citation.heading, citation.quote]), ...paragraphs].join("\n"));
  const tokens = new Set(engine.segmenter.cut(text));
  const topic = topicWords(analysis);
  // Topic words are matched as tokens, or as text for longer words jieba may cut differently in the plan.
  for (const word of topic) if (word.length >= 2 && text.includes(word)) tokens.add(word);
  const evidence = topic.length === 0 ? 0.5 : termCoverage(engine.index, topic, tokens);
  reasons.push(`evidence ${evidence.toFixed(2)} of [${topic.join(" ")}]`);
  let fit = 0;
  if (draft.found) {
    if (analysis.aspects.quantity && !analysis.aspects.list && !analysis.aspects.who && !FIGURE.test(draft.answer)) {
      fit -= 0.3;
      reasons.push("asks a figure, states none");
    }
    // "城区新建的学校有哪几所" wants the items named; one count answers another question.
    if (analysis.aspects.list && input.answerer === "fact") {
      fit -= 0.15;
      reasons.push("a figure for a list question");
    }
    if (analysis.aspects.who && !BODY.test(draft.answer)) {
      fit -= 0.2;
      reasons.push("asks who, names no body");
    }
    // "规划没有写明由哪个部门负责…" hedges: a candidate that names the body should win over it.
    // Naming the partner bodies while saying the lead is unnamed (只写明要会同…) is no hedge.
    if (/没有写明|没有明确/.test(draft.answer.slice(0, 30)) && !/只写明要/.test(draft.answer.slice(0, 40))) {
      fit -= 0.25;
      reasons.push("hedges (没有写明)");
    }
    if (analysis.aspects.attribute && !/约束性|预期性/.test(draft.answer)) {
      fit -= 0.2;
      reasons.push("asks the attribute, gives none");
    }
    const missingYears = analysis.years.filter((year) => !draft.answer.includes(String(year)));
    if (analysis.aspects.quantity && analysis.years.length > 0 && missingYears.length === analysis.years.length) {
      fit -= 0.15;
      reasons.push(`year ${missingYears.join("/")} not in the answer`);
    }
    if (draft.confidence === "low") {
      fit -= 0.1;
      reasons.push("closest passage only");
    }
  } else if (input.definitive) {
    // "Not in the plan" is the second-worst failure: a found answer as well covered beats it.
    fit -= 0.2;
    reasons.push("definitive: not in the plan");
  } else {
    reasons.push("not found");
  }
  const score = draft.found || input.definitive ? prior + EVIDENCE_WEIGHT * evidence + fit : -1;
  return { answerer: input.answerer, draft, lookups: input.lookups ?? [], context: input.context ?? [], definitive: input.definitive ?? false, prior, evidence, fit, score, reasons };
}

/**
 * The candidate to answer with: the highest score; a tie goes to the higher prior (the more exact
 * lookup). A definitive "not in the plan" (a unit the plan lacks) counts like a found answer.
 * Null when there is no candidate or none found.
 */
export function pickCandidate(candidates: readonly Candidate[]): Candidate | null {
  const eligible = candidates.filter((candidate) => candidate.draft.found || candidate.definitive);
  if (eligible.length === 0) return null;
  return [...eligible].sort((left, right) => right.score - left.score || right.prior - left.prior)[0]!;
}

/** One line per candidate, best first, for `ask --explain`. */
export function describeCandidates(candidates: readonly Candidate[], chosen: Candidate | null): string[] {
  return [...candidates]
    .sort((left, right) => right.score - left.score)
    .map((candidate) => `${candidate === chosen ? "→" : " "} ${candidate.answerer.padEnd(14)} score ${candidate.score.toFixed(2)} (prior ${candidate.prior.toFixed(2)}, evidence ${candidate.evidence.toFixed(2)}, fit ${candidate.fit.toFixed(2)}) ${candidate.reasons.join("; ")} | ${candidate.draft.answer.replace(/\s+/g, " ").slice(0, 70)}`);
}
