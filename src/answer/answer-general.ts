import { normalizeForMatch } from "../text/normalize-text.js";
import { aggregateByNode, hybridSearch, termCoverage, type ScoredNode } from "../retrieve/hybrid-search.js";
import { synonymsOf } from "../retrieve/synonyms.js";
import { bm25Idf } from "../store/bm25-index.js";
import type { AnswerDraft } from "./answer-schema.js";
import { citationOf, locationLabel } from "./citation.js";
import type { Engine, PlanSentence } from "./engine.js";
import type { Location, LocationStep } from "../parse/plan-types.js";

type Draft = AnswerDraft;

/** Below this share of the question's (IDF-weighted) words found in the best passage, the plan does not cover it. */
export const MIN_COVERAGE = 0.5;
/** Below this share nothing in the plan speaks of the question; between it and MIN_COVERAGE the answer is marked low-confidence. */
export const LOW_COVERAGE = 0.35;

export interface RetrievalResult {
  readonly nodes: readonly ScoredNode[];
  /** IDF share of the question's tokens found in the best node (0..1). */
  readonly coverage: number;
}

/** Chapters that review the previous period rather than set this plan's tasks. */
const REVIEW_CHAPTER = /成就|回顾|现状|十三五/;

function nodeCoverage(engine: Engine, node: ScoredNode, tokens: readonly string[]): number {
  // The heading path is context too: a 节 of "“十三五”发展成就" answers a question about 十三五.
  const nodeTokens = new Set<string>(engine.segmenter.cut(node.location.heading));
  const sentences = engine.sentencesByNode.get(node.key);
  // A node's sentences were cut once at start-up; only table rows (no sentences) are cut here.
  if (sentences) for (const sentence of sentences) for (const token of sentence.tokens) nodeTokens.add(token);
  else for (const scored of node.chunks) for (const token of engine.segmenter.cut(scored.chunk.text)) nodeTokens.add(token);
  return termCoverage(engine.index, tokens, nodeTokens);
}

/**
 * Searches the index and groups hits by 节/专栏/table. The top nodes are re-ranked by how much of
 * the question they cover, so a node that matches every word beats one that repeats a common one.
 */
export async function retrieve(engine: Engine, tokens: readonly string[], text: string, docs: ReadonlySet<string>, contextTokens: readonly string[] = [], options: { preferTargets?: boolean } = {}): Promise<RetrievalResult> {
  const chunks = await hybridSearch(engine.index, engine.embedder, { text, tokens, contextTokens }, { docs, limit: 40 });
  const ranked = aggregateByNode(chunks);
  // "怎么做" asks what the plan will do: the review of the last period (“十三五”发展成就) yields to the tasks.
  const periodWeight = (node: ScoredNode) => (options.preferTargets && REVIEW_CHAPTER.test(node.location.heading.split(" › ")[1] ?? "") ? 0.7 : 1);
  const head = ranked.slice(0, 5).map((node) => ({ node, coverage: nodeCoverage(engine, node, tokens) }));
  const rank = (entry: (typeof head)[number]) => entry.node.score * (0.2 + 0.8 * entry.coverage) * periodWeight(entry.node);
  head.sort((left, right) => rank(right) - rank(left));
  const nodes = [...head.map((entry) => entry.node), ...ranked.slice(5)];
  return { nodes, coverage: head[0]?.coverage ?? 0 };
}

/** A year token of the segmenter (2025). */
const YEAR_TOKEN = /^(19|20)\d{2}$/;
/** A paragraph opening with the year it speaks of: 到2025年，… / 2035年，… / 至2020年底. */
const PARAGRAPH_YEAR = /^\s*(?:到|至|在|于)?((?:19|20)\d{2})年(?:底|末)?[，,：:]/;

function hasYearToken(tokens: ReadonlySet<string>): boolean {
  for (const token of tokens) if (YEAR_TOKEN.test(token)) return true;
  return false;
}

/** Scores a sentence by the IDF of the question terms it holds (synonyms at a discount). */
export function sentenceScore(engine: Engine, sentence: PlanSentence, tokens: readonly string[], contextTokens: readonly string[] = []): number {
  let score = 0;
  // A sentence without a year of its own speaks of the year its paragraph opens with (到2025年，…).
  // Only a question naming a year needs it (most do not): the paragraph is not read otherwise.
  const askedYears = tokens.filter((token) => YEAR_TOKEN.test(token));
  const paragraphYear = askedYears.length > 0 && !hasYearToken(sentence.tokens) ? PARAGRAPH_YEAR.exec(engine.paragraphText.get(sentence.paragraphId) ?? "")?.[1] : undefined;
  for (const token of new Set(tokens)) {
    const idf = bm25Idf(engine.index.bm25, token);
    if (sentence.tokens.has(token) || token === paragraphYear) score += idf;
    else if (synonymsOf(token).some((synonym) => sentence.tokens.has(synonym))) score += (engine.index.bm25.postings[token] ? 0.7 : 1) * idf;
    else if (token.length >= 3 && sentence.text.includes(token)) score += 0.8 * idf;
  }
  for (const token of new Set(contextTokens)) if (sentence.tokens.has(token)) score += 0.3 * bm25Idf(engine.index.bm25, token);
  // Under another year's paragraph (到2035年… when 2025 is asked) it answers for that year, not the one asked.
  if (paragraphYear && askedYears.length > 0 && !askedYears.includes(paragraphYear)) score *= 0.5;
  return score / (1 + sentence.text.length / 400);
}

/** The best sentences of a node for the question, in document order, within a length budget. */
export function bestSentences(engine: Engine, key: string, tokens: readonly string[], budget: number, maximum = 3, contextTokens: readonly string[] = []): PlanSentence[] {
  const sentences = engine.sentencesByNode.get(key) ?? [];
  const scored = sentences
    .map((sentence) => ({ sentence, score: sentenceScore(engine, sentence, tokens, contextTokens) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score);
  const top = scored[0]?.score ?? 0;
  const chosen: PlanSentence[] = [];
  let used = 0;
  for (const { sentence, score } of scored) {
    if (chosen.length >= maximum || score < top * 0.45) break;
    if (used + sentence.text.length > budget && chosen.length > 0) continue;
    chosen.push(sentence);
    used += sentence.text.length;
  }
  return chosen.sort((left, right) => left.order - right.order);
}

/** True when a unit's title holds at least 70 % of the question's topic words (2+ characters): it asks about the whole unit. */
function namesTitle(title: string, topic: readonly string[]): boolean {
  const words = topic.filter((word) => word.length >= 2);
  if (words.length === 0 || title.length === 0) return false;
  const normalized = normalizeForMatch(title);
  return words.filter((word) => normalized.includes(word)).length / words.length >= 0.7;
}

/** A unit's sentences in order, up to `budget` characters; null when the unit is longer than that. */
function unitSentences(engine: Engine, key: string, budget: number): PlanSentence[] | null {
  const all = engine.sentencesByNode.get(key) ?? [];
  const length = all.reduce((sum, sentence) => sum + sentence.text.length, 0);
  return all.length > 0 && length <= budget ? [...all] : null;
}

/** Longest unit (characters) quoted whole for a how/what question that does not name it by its title. */
const SHORT_UNIT = 400;

/** Longest sentence read as a run-in heading ("强化劳动教育。" opening the paragraph that says how). */
const RUN_IN_HEADING_MAX = 20;

/** Words by which a sentence announces a list that the next sentences give (诸多挑战, 以下几个方面). */
const ANNOUNCEMENT = /诸多|以下(几|方面|工作|任务|措施)|如下|下列|若干方面|几个方面|几方面|主要有|主要包括/;
/** Longest sentence read as an announcement: a longer one says something of its own. */
const ANNOUNCEMENT_MAX = 40;

/**
 * When the best chosen sentence opens a paragraph of several and does not stand alone (a run-in
 * heading such as "强化劳动教育。设立劳动教育必修课和劳动周…", or a lead ending in a colon such as
 * "…建设内容主要包括：…"), that paragraph is what answers "how" or "what": the opening sentence
 * and the ones after it, in order, up to `budget` characters. A short sentence announcing a list
 * ("…还存在诸多挑战。") is read with the sentences after it wherever it stands in its paragraph.
 * Otherwise `chosen`.
 */
function expandRunInHeading(engine: Engine, key: string, chosen: readonly PlanSentence[], budget: number, score: (sentence: PlanSentence) => number): PlanSentence[] {
  const all = engine.sentencesByNode.get(key) ?? [];
  // Only the best-scoring sentence may lead: a detail that matches better ("一票否决" for 师德出问题) stays.
  const lead = [...chosen].sort((left, right) => score(right) - score(left))[0];
  if (!lead) return [...chosen];
  // A sentence announcing what the next ones list ("…还存在诸多挑战。", "重点抓好以下工作。") is read with them.
  const announces = lead.text.length <= ANNOUNCEMENT_MAX && ANNOUNCEMENT.test(lead.text);
  // A lead that says something of its own (a long sentence without a colon) answers by itself.
  if (!announces && lead.text.length > RUN_IN_HEADING_MAX && !/[：:]/.test(lead.text)) return [...chosen];
  const paragraph = all.filter((other) => other.paragraphId === lead.paragraphId);
  const from = paragraph.indexOf(lead);
  if ((from !== 0 && !announces) || paragraph.length - from < 2) return [...chosen];
  const expanded: PlanSentence[] = [];
  let used = 0;
  for (const sentence of paragraph.slice(from)) {
    if (expanded.length > 0 && used + sentence.text.length > budget) break;
    expanded.push(sentence);
    used += sentence.text.length;
  }
  return expanded;
}

/**
 * Chosen sentences with the run-in lead of their paragraph put back in front ("威海高新区。" before
 * "重点开展军民融合科技创新…"): in a list of named entries, the name says whose the sentence is.
 */
function withRunInLeads(engine: Engine, key: string, chosen: readonly PlanSentence[]): PlanSentence[] {
  const all = engine.sentencesByNode.get(key) ?? [];
  const kept = new Set(chosen);
  for (const sentence of chosen) {
    const lead = all.find((other) => other.paragraphId === sentence.paragraphId);
    if (lead && !kept.has(lead) && lead.text.length <= RUN_IN_HEADING_MAX && !/[，,、；;：:]/.test(lead.text)) kept.add(lead);
  }
  return [...kept].sort((left, right) => left.order - right.order);
}

/**
 * The unit above `location` whose title the question's `topic` names (the deepest such), answered
 * by its items in order: each sub-unit's label and title with its opening sentences, sharing
 * `budget` characters. Null when no enclosing unit is named or it has fewer than two sub-units.
 */
function describeNamedAncestor(engine: Engine, location: Location, topic: readonly string[], intent: Draft["intent"], budget: number): Draft | null {
  let depth = -1;
  for (let index = 0; index < location.path.length - 1; index += 1) if (namesTitle(location.path[index]!.title, topic)) depth = index;
  if (depth < 0) return null;
  const ancestor = location.path.slice(0, depth + 1);
  const prefix = ancestor.map((step) => step.label).join("/");
  // Sentences of the units under the ancestor, by sub-unit, in document order.
  const items = new Map<string, { step: LocationStep; sentences: PlanSentence[] }>();
  for (const [key, sentences] of engine.sentencesByNode) {
    const sample = sentences[0];
    if (!sample || sample.location.doc !== location.doc || sample.location.box || sample.location.table || !key.startsWith(`${location.doc}|${prefix}/`)) continue;
    const step = sample.location.path[depth + 1];
    if (!step) continue;
    const item = items.get(step.label) ?? { step, sentences: [] };
    item.sentences.push(...sentences);
    items.set(step.label, item);
  }
  if (items.size < 2) return null;
  const ordered = [...items.values()].map((item) => ({ ...item, sentences: [...item.sentences].sort((left, right) => left.order - right.order) })).sort((left, right) => left.sentences[0]!.order - right.sentences[0]!.order);
  const share = Math.max(40, Math.floor((budget - 40) / ordered.length));
  const citations: ReturnType<typeof citationOf>[] = [];
  const parts: string[] = [];
  for (const { step, sentences } of ordered) {
    const kept: PlanSentence[] = [];
    let used = 0;
    for (const sentence of sentences) {
      if (kept.length > 0 && used + sentence.text.length > share) break;
      kept.push(sentence);
      used += sentence.text.length;
    }
    parts.push(`${step.label}${step.title}：${kept.map((sentence) => sentence.text).join("")}`);
    citations.push(...kept.map((sentence) => citationOf(sentence.location, sentence.text)));
  }
  const own = ancestor.at(-1)!;
  // Cited as the plan labels it (三、（四）, 第七章第三节), without the 篇 above a chapter.
  const label = ancestor.filter((step) => step.label !== location.part).map((step) => step.label).join("");
  return { intent, found: true, answer: `规划${label}“${own.title}”包括${ordered.length}项：${parts.join("")}`, citations };
}

function nodeTitle(engine: Engine, key: string): string {
  const paragraph = engine.paragraphsByNode.get(key)?.[0];
  return paragraph?.location.path.at(-1)?.title ?? "";
}

/**
 * Extractive answer: the sentences of the best-matching 节 or 专栏 that answer the question,
 * quoted verbatim with their location; a second node is cited when it scores close. With
 * `wholeParagraph` (how/what questions), a paragraph whose opening sentence matches best is quoted
 * from that sentence on (see expandRunInHeading); a unit whose title the `topic` names is quoted
 * whole when it fits `budget`, and with `shortUnit` (how/what, not which) any unit of up to
 * SHORT_UNIT characters is. With `namedUnitItems`, a unit above the best passage that the `topic`
 * names is answered by its items (see describeNamedAncestor).
 */
export function composeGeneral(engine: Engine, retrieval: RetrievalResult, tokens: readonly string[], intent: Draft["intent"], budget = 560, contextTokens: readonly string[] = [], options: { readonly wholeParagraph?: boolean; readonly topic?: readonly string[]; readonly shortUnit?: boolean; readonly namedUnitItems?: boolean; readonly question?: string; readonly asked?: string; readonly titledFirst?: boolean } = {}): Draft | null {
  // Table rows have no sentences to quote (figures come from the lookups): passages come from text nodes.
  const textNodes = retrieval.nodes.filter((node) => engine.sentencesByNode.has(node.key));
  // A unit whose title the question says whole (基础建设阶段先建哪些工程 → （一）基础建设阶段) is the one asked about.
  // The asker's own words (a follow-up's, not the earlier question's) decide between two titles said.
  const says = (text: string | undefined, node: ScoredNode) => {
    const title = normalizeForMatch(nodeTitle(engine, node.key));
    return text !== undefined && title.length >= 4 && text.includes(title);
  };
  // Only among the close candidates, and not for a figure or a date, which the best passage states wherever it is.
  const titled = textNodes
    .slice(0, 3)
    .filter((node) => options.titledFirst === true && node.score >= (textNodes[0]?.score ?? 0) * 0.6 && says(options.question, node))
    .sort((left, right) => Number(says(options.asked, right)) - Number(says(options.asked, left)) || nodeTitle(engine, right.key).length - nodeTitle(engine, left.key).length)[0];
  if (titled && titled !== textNodes[0]) {
    textNodes.splice(textNodes.indexOf(titled), 1);
    textNodes.unshift(titled);
  }
  let [first, second] = textNodes;
  if (!first) return null;
  // A 专栏 lists targets; the 节 of the chapter it belongs to says how. Close scores: the 节 leads.
  if (second && first.location.box && !second.location.box && second.location.chapter === first.location.chapter && second.score >= first.score * 0.75) [first, second] = [second, first];
  const best = bestSentences(engine, first.key, tokens, budget, 3, contextTokens);
  if (best.length === 0) return null;
  const title = nodeTitle(engine, first.key);
  // "教师队伍建设工程具体要干哪几件事": the unit the question names holds the best passage; its items answer.
  if (options.wholeParagraph && options.namedUnitItems && options.topic && !first.location.box && !namesTitle(title, options.topic)) {
    const subtree = describeNamedAncestor(engine, first.location, options.topic, intent, budget);
    if (subtree) return subtree;
  }
  // "互联网应用适老化改造有什么要求" asks about the unit titled so as a whole, and a how/what question
  // whose best unit is short is answered by all of it: its text, in order.
  // A title said whole (总体思路里说的五个体系是啥) names its unit too, whatever else the question says.
  const namesUnit = (options.topic !== undefined && namesTitle(title, options.topic)) || (options.question !== undefined && title.length >= 4 && options.question.includes(normalizeForMatch(title)));
  // A year asked (到2030年…成为啥) picks that year's sentences, not the whole unit.
  const asksYear = tokens.some((token) => YEAR_TOKEN.test(token));
  const wholeUnit = options.wholeParagraph && !asksYear && (namesUnit || options.shortUnit) ? unitSentences(engine, first.key, namesUnit ? budget : SHORT_UNIT) : null;
  const sentences = withRunInLeads(engine, first.key, wholeUnit ?? (options.wholeParagraph ? expandRunInHeading(engine, first.key, best, budget, (sentence) => sentenceScore(engine, sentence, tokens, contextTokens)) : best));
  const label = locationLabel(first.location);
  const citations = sentences.map((sentence) => citationOf(sentence.location, sentence.text));
  let answer = `${label.startsWith("规划") ? "" : "规划"}${label}${title && !first.location.box ? `“${title}”` : ""}提出：${sentences.map((sentence) => sentence.text).join("")}`;
  if (!titled && second && second.score >= first.score * 0.8 && second.key !== first.key && answer.length < budget - 120) {
    const extra = bestSentences(engine, second.key, tokens, budget - answer.length - 20, 1, contextTokens)[0];
    if (extra && !sentences.some((sentence) => sentence.text === extra.text)) {
      answer += `另见${locationLabel(second.location)}：${extra.text}`;
      citations.push(citationOf(extra.location, extra.text));
    }
  }
  return { intent, found: true, answer, citations };
}
