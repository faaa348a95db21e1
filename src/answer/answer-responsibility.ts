import { normalizeForMatch } from "../text/normalize-text.js";
import { isFiller } from "./topic-words.js";
import { bestSentences, MIN_COVERAGE, retrieve, sentenceScore } from "./answer-general.js";
import type { AnswerDraft as Draft, Citation } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf, locationLabel } from "./citation.js";
import type { Engine, PlanSentence } from "./engine.js";
import { describeAssignment, type Assignment } from "../extract/extract-assignments.js";

// Bodies named only in general terms; a named body (区委教育工作领导小组) is the better answer to "who".
const GENERIC_ACTOR = /^(各有关部门|相关部门|职能部门|区级相关部门|政府各部门|各级政府|各级党组织|基层党组织)$/;

/**
 * True when a sentence gives `actor` work: the body opens a clause ("区委在2022年…组织…评估") or is
 * followed by the work ("推动…乡镇（街道）履行教育职责"); a body the sentence only works with
 * ("配合支持纪检监察机关", "会同…部门") is not the doer, nor is one that only holds or spends the
 * money for it ("…经费由财政预算保障、教育督导机构统筹使用").
 */
export function isDoer(sentence: string, actor: string): boolean {
  for (const clause of sentence.split(/[，；。：]/)) {
    const at = clause.indexOf(actor);
    if (at === -1) continue;
    const before = clause.slice(0, at);
    const after = clause.slice(at + actor.length);
    if (/(配合|支持|会同|协同|协助|联系|依托|争取)[^，]*$/.test(before)) continue;
    // Who holds or spends the money ("督导经费由财政预算保障、教育督导机构统筹使用") is a funding role,
    // not the body that does the work the question asks about.
    if (/经费|资金|费用/.test(clause) && /^(统筹)?(使用|管理使用|保障|承担|分担|列支)/.test(after)) continue;
    if (/^(由|要|并|应|须|将|各|全区)?$/.test(before)) return true;
    if (/^(要|应|须|将|每年|在|分别|统一|负责|牵头|履行|承担|组织|统筹|开展|落实|的年度|的任期)/.test(after)) return true;
  }
  return false;
}

/** The most specific body a sentence gives work to, or null. */
function actorOf(engine: Engine, sentence: string, docs: ReadonlySet<string>): string | null {
  const named = engine.knowledge.responsibilities
    .filter((responsibility) => responsibility.sentence === sentence && docs.has(responsibility.location.doc) && isDoer(sentence, responsibility.actor))
    .map((responsibility) => responsibility.actor);
  return named.sort((left, right) => Number(GENERIC_ACTOR.test(left)) - Number(GENERIC_ACTOR.test(right)) || right.length - left.length)[0] ?? null;
}

/**
 * The unit list that governs a sentence: the first list at or after the sentence in its paragraph
 * (a list closes the task written before it), or null when the paragraph has none.
 */
export function assignmentOf(engine: Engine, sentence: Pick<PlanSentence, "paragraphId" | "text">): Assignment | null {
  const lists = engine.knowledge.assignments.get(sentence.paragraphId);
  if (!lists || lists.length === 0) return null;
  const at = (engine.paragraphText.get(sentence.paragraphId) ?? "").indexOf(sentence.text);
  // A list governs the task up to it (or, opening the paragraph, everything after it).
  return lists.find((list) => at === -1 || at < list.taskEnd + list.text.length) ?? null;
}

/** Responsibility: the sentence that assigns the work, with the organisation named first. */
export async function answerResponsibility(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>, context: readonly string[]): Promise<Draft | null> {
  // The topic without the words asking who (哪个处, 归…管) or filling (这块): those are in no passage.
  const topic = analysis.content.filter((token) => !isFiller(token) && !/^(谁|负责|责任|责任单位|哪个|部门|哪些|单位|机构|由|来|主体|归|管|处|处管|处室|打头|这件|这事|事)$/.test(token));
  const retrieval = await retrieve(engine, topic.length > 0 ? topic : analysis.content, topic.join(""), docs, context);
  if (retrieval.coverage < MIN_COVERAGE) return null;
  const topScore = retrieval.nodes[0]?.score ?? 1;
  let best: { text: string; actor: string | null; assignment: Assignment | null; score: number; location: Citation } | null = null;
  for (const node of retrieval.nodes.slice(0, 4)) {
    // A 节 whose title names the topic ("强化学校安全稳定主体责任") is where the plan assigns it.
    const titleTokens = new Set(engine.segmenter.cut(node.location.heading.split(" › ").pop() ?? ""));
    const titleShare = topic.length === 0 ? 0 : topic.filter((token) => titleTokens.has(token)).length / topic.length;
    for (const sentence of bestSentences(engine, node.key, topic, 2000, 6, context)) {
      const actor = actorOf(engine, sentence.text, docs);
      const assignment = assignmentOf(engine, sentence);
      const actorWeight = assignment ? 1.5 : actor ? (GENERIC_ACTOR.test(actor) ? 1.15 : 1.4) : 1;
      // How well the whole 节 matches weighs in: a passing mention elsewhere should not win.
      const score = sentenceScore(engine, sentence, topic, context) * actorWeight * (0.5 + 0.5 * (node.score / topScore)) * (1 + titleShare);
      if (!best || score > best.score) best = { text: sentence.text, actor, assignment, score, location: citationOf(sentence.location, sentence.text) };
    }
  }
  if (!best) return null;
  const label = locationLabel(best.location);
  if (best.assignment) {
    // The unit list names the lead and the others in their roles; quote it as written.
    const listed = best.text.includes(best.assignment.text);
    const answer = `${describeAssignment(best.assignment)}。规划${label}：${best.text}${listed ? "" : best.assignment.text}`;
    const citations = [best.location, ...(listed ? [] : [citationOf(best.assignment.location, best.assignment.text)])];
    return { intent: "responsibility", found: true, answer: answer.slice(0, 480), citations };
  }
  // Officials need to know when the plan names no body for a task: say so rather than imply one.
  // Bodies named as partners (会同政法、公安、文化等部门) are named as such: the sentence names bodies,
  // only the lead is left unsaid.
  const partners = best.actor ? null : PARTNERS.exec(best.text);
  const lead = best.actor ? `由${best.actor}负责。` : partners ? `规划没有写明由哪个部门牵头，只写明要${partners[1]}${partners[2]}。` : "规划没有写明由哪个部门负责这项工作；相关要求如下。";
  const answer = `${lead}规划${label}：${best.text}`;
  return { intent: "responsibility", found: true, answer: answer.slice(0, 480), citations: [best.location] };
}

/** 会同/配合/协同 and the bodies after it, up to the end of the list (会同政法、公安、文化等部门和镇乡（街道）). */
const PARTNERS = /(会同|配合|协同|联合)([^，。；]{2,40}?(部门|单位|机构|机关|委|局|办|街道）|街道\)|政府))/;

const ACTOR_DUTIES = /职责|做什么|干什么|负责什么|要做|任务|工作|作用|承担/;

/**
 * "区委的职责是什么", "乡镇（街道）要做什么": the work the plan gives a body the question names,
 * targets before the review of the last period, the body named early in the sentence first.
 */
export function answerActorDuties(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>): Draft | null {
  if (!ACTOR_DUTIES.test(analysis.text) && !analysis.aspects.who) return null;
  const responsibilities = engine.knowledge.responsibilities.filter((responsibility) => docs.has(responsibility.location.doc));
  const names = [...new Set(responsibilities.map((responsibility) => responsibility.actor))].filter((name) => name.length >= 2 && analysis.text.includes(normalizeForMatch(name)));
  const actor = names.sort((left, right) => right.length - left.length)[0];
  if (!actor) return null;
  const plans = engine.knowledge.plans;
  const isReview = (location: Citation) => plans.find((plan) => plan.doc === location.doc)?.parts[0]?.label === location.part;
  const duties = responsibilities
    .filter((responsibility) => responsibility.actor === actor && isDoer(responsibility.sentence, actor))
    .map((responsibility) => ({ responsibility, citation: citationOf(responsibility.location, responsibility.sentence) }))
    .filter((entry, index, all) => all.findIndex((other) => other.responsibility.sentence === entry.responsibility.sentence) === index)
    .sort((left, right) => Number(isReview(left.citation)) - Number(isReview(right.citation)) || left.responsibility.sentence.indexOf(actor) - right.responsibility.sentence.indexOf(actor))
    .slice(0, 3);
  if (duties.length === 0) return null;
  // A long sentence is shown from the clause naming the body: that is where its work is.
  const excerpt = (sentence: string) => (sentence.length <= 120 ? sentence : `…${sentence.slice(Math.max(0, sentence.lastIndexOf("，", sentence.indexOf(actor)) + 1))}`.slice(0, 140));
  const items = duties.map(({ responsibility }, index) => `${"①②③"[index]}${excerpt(responsibility.sentence)}（${locationLabel(responsibility.location)}）`);
  return { intent: "responsibility", found: true, answer: `规划中${actor}承担的工作主要有：${items.join("")}`.slice(0, 480), citations: duties.map((entry) => entry.citation) };
}
