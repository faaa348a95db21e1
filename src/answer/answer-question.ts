import type { ExampleQuestions } from "../app/assistant.js";
import type { Plan } from "../parse/plan-types.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { splitSentences } from "../text/split-sentences.js";
import { answerIndicator } from "./answer-indicator.js";
import { answerOverview } from "./answer-overview.js";
import { answerProject, mentionedProjects } from "./answer-project.js";
import { bestSentences, composeGeneral, retrieve, sentenceScore } from "./answer-general.js";
import type { Answer, Citation } from "./answer-schema.js";
import { analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { citationOf, locationLabel, uniqueCitations } from "./citation.js";
import { detectOutOfScope, type ScopeVerdict } from "./detect-out-of-scope.js";
import type { Engine } from "./engine.js";
import { lookupFact } from "./lookup-fact.js";
import { lookupIndicator } from "./lookup-indicator.js";
import { stripPlaceNames } from "./strip-place-names.js";

type Draft = Omit<Answer, "question" | "id">;

/** Passages and lookup results behind an answer, for a language model to phrase (never to decide). */
export interface AnswerEvidence {
  readonly passages: readonly { readonly id: string; readonly text: string; readonly citation: Citation }[];
  readonly lookups: readonly string[];
}

export interface AnsweredQuestion {
  readonly answer: Answer;
  readonly evidence: AnswerEvidence;
}

/** Below this share of the question's (IDF-weighted) words found in the best passage, the plan does not cover it. */
const MIN_COVERAGE = 0.5;
const FOLLOW_UP_START = /^(那|那么|还有|另外|再|它|其|该|这个|这项|那个|此|这)/;
const FRAME_ONLY = /^(那|那么|还有|另外|它|其|该|这个|这项|那个)?(20\d{2}年?|二〇二\d年)?(的|呢|目标|指标|是多少|多少|是|吗|呢？|\?|？|约束性|预期性|指标吗|属性|怎么样|如何|变化|由谁负责|谁负责|在哪|哪一章|哪一节)*[？?]?$/;

function examplesText(examples: ExampleQuestions): string {
  const picks = [examples.indicator[0], examples.project[0], examples.responsibility[0], examples.overview[0]].filter(Boolean);
  return picks.map((example) => `“${example}”`).join("、");
}

function refusal(verdict: ScopeVerdict, plans: readonly Plan[], examples: ExampleQuestions): Draft {
  const titles = `${plans.slice(0, 3).map((plan) => `《${plan.metadata.title}》`).join("、")}${plans.length > 3 ? `等${plans.length}份规划` : ""}`;
  const reason = (() => {
    switch (verdict.kind) {
      case "injection":
        return "我只回答关于已载入规划内容的问题，不执行改变规则或查看配置的指令。";
      case "off-topic":
        return `这个问题（${verdict.topic}）不在规划范围内，规划里没有相关内容。`;
      case "other-place":
        return `目前只载入了${titles}，没有${verdict.place}的规划，无法回答。`;
      case "unknown-year": {
        const period = plans.map((plan) => plan.metadata.period).find((candidate) => candidate && verdict.year >= candidate.from && verdict.year <= candidate.to);
        const years = [...new Set(plans.flatMap((plan) => plan.tables.flatMap((table) => table.years)))].join("、");
        return period
          ? `规划没有单列${verdict.year}年的安排或数字（不做推算）：任务按整个规划期（${period.from}—${period.to}年）安排${years ? `，指标只给出${years}年的数值` : ""}。`
          : `规划没有涉及${verdict.year}年的内容或数字（不做推算）。`;
      }
      case "gibberish":
        return "没有看懂这个问题。";
    }
  })();
  return { intent: "out_of_scope", found: false, answer: `${reason}可以这样问：${examplesText(examples)}。`, citations: [] };
}

// Greetings, thanks and "who are you": not plan questions, but they deserve a friendly word.
const SMALL_TALK = /^(你好|您好|hi|hello|hey|嗨|哈喽|在吗|在不在|早上好|下午好|晚上好|谢谢|谢谢你|多谢|感谢|好的|收到|你是谁|你是什么|你能做什么|你会什么|帮助|help|怎么用)[啊呀呢吧！!。.？?~～\s]*$/i;

function smallTalk(text: string, plans: readonly Plan[], examples: ExampleQuestions): Draft | null {
  if (!SMALL_TALK.test(text)) return null;
  const thanks = /谢|感谢|好的|收到/.test(text);
  const titles = plans.slice(0, 3).map((plan) => `《${plan.metadata.title}》`).join("、");
  const intro = thanks ? "不客气！" : `您好！我是规划助手，回答关于${titles}${plans.length > 3 ? `等${plans.length}份规划` : ""}的问题，每个回答都注明出处并引用原文。`;
  return { intent: "out_of_scope", found: false, answer: `${intro}可以这样问：${examplesText(examples)}。`, citations: [] };
}

function notCovered(examples: ExampleQuestions): Draft {
  return { intent: "out_of_scope", found: false, answer: `规划里没有找到能回答这个问题的内容。可以这样问：${examplesText(examples)}。`, citations: [] };
}

/** True when a question leans on the previous one (那2022年呢 / 它是约束性指标吗 / 普通初中呢). */
// Words that relate to an earlier topic (compare it, ask its attribute) without naming one.
const RELATIONAL = /^(年|年份|比|相比|对比|和|与|跟|同|减少|增加|提高|下降|降低|上升|变化|变动|差|相差|差距|多|少|多少|还是|是不是|约束性|预期性|属性|性质|指标|目标|数值|数字|情况|怎么样|为什么|原因|幅度|百分点)$/;

/** True when a question leans on the previous one (那2022年呢 / 它是约束性指标吗 / 和2020年比减少了多少). */
function isFollowUp(analysis: QuestionAnalysis): boolean {
  const topical = analysis.content.filter((token) => !/^\d/.test(token) && !RELATIONAL.test(token));
  return FOLLOW_UP_START.test(analysis.text) || /呢[？?]?$/.test(analysis.text) || FRAME_ONLY.test(analysis.text) || analysis.content.length <= 1 || topical.length === 0;
}

function hasOwnTopic(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>): boolean {
  const indicators = engine.knowledge.indicators.filter((indicator) => docs.has(indicator.doc));
  return lookupIndicator(analysis, indicators).kind !== "not-found" || mentionedProjects(analysis, engine.knowledge, docs).length > 0 || Boolean(analysis.references.box || analysis.references.chapter || analysis.references.part);
}

/**
 * Resolves a follow-up against the conversation: a question with its own topic inherits the
 * years and aspects it lacks; one without a topic takes the previous question's topic.
 * Returns the effective analysis and the earlier question's words as retrieval context.
 */
export function resolveFollowUp(engine: Engine, question: string, history: readonly string[], docs: ReadonlySet<string>): { analysis: QuestionAnalysis; context: readonly string[] } {
  const current = analyzeQuestion(question, engine.segmenter);
  if (history.length === 0 || !isFollowUp(current)) return { analysis: current, context: [] };
  // The nearest earlier question that has a topic of its own.
  let previous: QuestionAnalysis | null = null;
  // Years asked by follow-ups in between ("那2022年呢") are the conversation's latest years.
  let latestYears: readonly number[] = [];
  for (let index = history.length - 1; index >= 0 && index >= history.length - 4; index -= 1) {
    const candidate = analyzeQuestion(history[index]!, engine.segmenter);
    if (!isFollowUp(candidate) || hasOwnTopic(engine, candidate, docs)) {
      previous = candidate;
      break;
    }
    if (latestYears.length === 0) latestYears = candidate.years;
  }
  if (!previous) return { analysis: current, context: [] };
  if (current.years.length === 0 && latestYears.length > 0) {
    previous = { ...previous, years: latestYears, text: `${previous.text.replace(/(19|20)\d{2}年?/g, "")}${latestYears.map((year) => `${year}年`).join("")}` };
  }
  const leaning = { ...current, contextText: previous.text };
  if (hasOwnTopic(engine, leaning, docs)) {
    const merged: QuestionAnalysis = {
      ...leaning,
      years: current.years.length > 0 ? current.years : previous.years,
      classifier: current.classifier ?? previous.classifier,
      aspects: {
        ...current.aspects,
        quantity: current.aspects.quantity || previous.aspects.quantity,
        target: current.aspects.target || previous.aspects.target,
        baseline: current.aspects.baseline || previous.aspects.baseline,
        change: current.aspects.change || previous.aspects.change,
        attribute: current.aspects.attribute || (previous.aspects.attribute && !current.aspects.quantity),
        who: current.aspects.who || previous.aspects.who,
      },
    };
    return { analysis: merged, context: previous.content };
  }
  // No topic of its own: the previous question with this one's years and words. A category the
  // current question names (高中阶段呢) replaces the one the previous question named (义务教育).
  let previousText = current.years.length > 0 ? previous.text.replace(/(19|20)\d{2}年?/g, "") : previous.text;
  // A period the current question names ("十三五呢") replaces the previous question's period and tense.
  if (/十三五|过去|已经/.test(current.text)) previousText = previousText.replace(/十四五|到20\d\d年?|要|将|计划/g, "");
  if (/十四五|今后|将来|未来/.test(current.text)) previousText = previousText.replace(/十三五|已经|(?<=[\u4e00-\u9fa5])了/g, "");
  const categories = [...new Set(engine.knowledge.indicators.map((indicator) => indicator.category))];
  const categoryKeys = (category: string) => [category, category.replace(/(教育|开发)$/, "")].filter((key) => key.length >= 2 && key !== "教育");
  if (categories.some((category) => categoryKeys(category).some((key) => current.text.includes(key)))) {
    for (const category of categories) for (const key of categoryKeys(category).sort((left, right) => right.length - left.length)) previousText = previousText.split(key).join("");
  }
  const merged = analyzeQuestion(`${previousText}，${current.text}`, engine.segmenter);
  return { analysis: { ...merged, raw: question }, context: previous.content };
}

/** Documents a question is about: the plan whose district or title it names, else all. */
function scopeDocuments(analysis: QuestionAnalysis, plans: readonly Plan[]): { docs: ReadonlySet<string>; named: boolean } {
  const named = plans.filter((plan) => {
    const district = plan.metadata.district;
    return (district && (analysis.text.includes(district) || analysis.text.includes(district.replace(/[区县]$/, "")))) || analysis.text.includes(plan.doc.toLowerCase());
  });
  // A district named by several plans (two plans of one district) keeps all of them.
  if (named.length > 0 && named.length < plans.length) return { docs: new Set(named.map((plan) => plan.doc)), named: true };
  return { docs: new Set(plans.map((plan) => plan.doc)), named: named.length > 0 };
}

/** A figure question that fits several loaded plans: each plan's answer (up to three), else a question back. */
function whichPlan(entries: readonly { plan: Plan; draft: Draft }[]): Draft {
  const name = (plan: Plan) => plan.metadata.district ?? plan.metadata.title;
  if (entries.length <= 3) {
    return {
      intent: "indicator",
      found: true,
      answer: `已在${entries.length}份规划中找到：${entries.map(({ plan, draft }) => `【${name(plan)}】${draft.answer.replace(/注意：.*$/, "")}`).join("")}`.slice(0, 600),
      citations: entries.flatMap(({ draft }) => draft.citations.slice(0, 1)),
    };
  }
  const names = entries.map(({ plan }) => name(plan));
  return {
    intent: "indicator",
    found: false,
    answer: `已载入${entries.length}份规划，各规划的这项数字不同。请在问题中写明区县（例如以“${names[0]}”开头再问一次）。已载入：${names.slice(0, 12).join("、")}${names.length > 12 ? "等" : ""}。`,
    citations: [],
  };
}

function factAnswer(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>, minimumRecall = 0): Draft | null {
  const matches = lookupFact(analysis, engine.knowledge.facts, engine.segmenter, docs);
  const best = matches[0];
  if (!best || best.recall < minimumRecall) return null;
  const { fact } = best;
  const label = locationLabel(fact.location);
  const sentence = fact.sentence.length <= 150 ? fact.sentence : `${fact.clause}。`;
  // A sentence listing many figures leads with the one asked for ("特殊教育学校1所"), then quotes the sentence.
  // Items of the same sentence that fit as well ("高级中学2所、高完中5所" for 高中) are given together.
  const items = [...new Set(matches.filter((match) => match.fact.sentence === fact.sentence && match.recall >= best.recall - 1e-9 && match.fact.unit === fact.unit).map((match) => match.fact.item))];
  const lead = fact.item.length >= 3 && fact.item.length < sentence.length - 10 ? `${items.join("、")}。原文：` : "";
  // The period asked for and the period of the figure found can differ: say so, never pass one off as the other.
  const asksTarget = /十四五|到20\d\d|要|将|计划|目标|力争/.test(analysis.text) && !/十三五|已经|[\u4e00-\u9fa5]了/.test(analysis.text);
  const asksPast = /十三五|已经|过去|此前/.test(analysis.text) && !/十四五|到20\d\d|要|将/.test(analysis.text);
  const mismatch = asksTarget && fact.period === "past" ? "规划没有给出“十四五”的这项目标数字；“十三五”期间的情况是：" : asksPast && fact.period === "target" ? "规划没有写“十三五”期间的这项数字；规划目标是：" : "";
  let answer = `${mismatch}${fact.period === "past" ? "据规划" : "规划"}${label}：${lead}${sentence}`;
  const citations: Citation[] = [citationOf(fact.location, fact.sentence)];
  // The same subject stated for the other period (十三五 achieved vs 十四五 target) is worth knowing.
  const other = matches.find((match) => match.fact.period !== fact.period && match.score >= best.score - 0.6 && match.fact.subject === fact.subject);
  if (other && answer.length < 200) {
    answer += `（另：${locationLabel(other.fact.location)}为${other.fact.period === "past" ? "“十三五”已完成" : "规划目标"}：${other.fact.clause}。）`;
    citations.push(citationOf(other.fact.location, other.fact.sentence));
  }
  // A figure the plan states differently elsewhere (专栏2's 60%以上 vs the table's 62.0) is flagged.
  const notes = engine.knowledge.findings.filter((finding) => finding.doc === fact.doc && finding.citations.some((citation) => citation.quote === fact.sentence)).map((finding) => finding.message);
  const withNote = notes[0] && answer.length + notes[0].length < 285 ? `${answer}注意：${notes[0]}` : answer;
  return { intent: "fact", found: true, answer: withNote.length > 290 ? `${withNote.slice(0, 289)}…` : withNote, citations, ...(notes.length > 0 ? { notes } : {}) };
}

// "哪一章讲信息化", "双减在规划哪里提到": the question is where, not what.
const LOCATE = /哪一?(章|节|篇|个专栏|部分)|在哪(一|个)?(章|节|篇|部分|里|儿)|哪里(讲|提|写|说|有)|出自哪|在规划(的)?哪/;

/**
 * Where the plan treats a topic: the chapter whose sections (and title) match best, with the
 * 节 that matches best inside it and one sentence from it.
 */
function locateTopic(engine: Engine, retrieval: Awaited<ReturnType<typeof retrieve>>, analysis: QuestionAnalysis): Draft | null {
  const topic = analysis.content.filter((token) => !/^(章|节|篇|专栏|部分|哪|讲|提到|写|在)$/.test(token));
  const byChapter = new Map<string, { score: number; nodes: typeof retrieval.nodes[number][] }>();
  for (const node of retrieval.nodes.slice(0, 12)) {
    if (!node.location.chapter || node.location.table) continue;
    const key = `${node.location.doc}|${node.location.chapter}`;
    const entry = byChapter.get(key) ?? { score: 0, nodes: [] };
    entry.score += node.score;
    entry.nodes.push(node);
    byChapter.set(key, entry);
  }
  const plans = engine.knowledge.plans;
  const ranked = [...byChapter.entries()]
    .map(([key, entry]) => {
      const [doc, label] = key.split("|");
      const chapter = plans.find((plan) => plan.doc === doc)?.chapters.find((candidate) => candidate.label === label);
      const titleTokens = new Set(chapter ? engine.segmenter.cut(chapter.title) : []);
      const titleShare = topic.length === 0 ? 0 : topic.filter((token) => titleTokens.has(token)).length / topic.length;
      // A chapter named after the topic wins over one that mentions it in passing.
      return { chapter, entry, score: entry.score * (1 + titleShare) };
    })
    .filter((candidate) => candidate.chapter)
    .sort((left, right) => right.score - left.score);
  const best = ranked[0];
  if (!best?.chapter) return null;
  const node = best.entry.nodes.find((candidate) => !candidate.location.box) ?? best.entry.nodes[0]!;
  const sentence = bestSentences(engine, node.key, topic, 300, 1)[0];
  const chapter = best.chapter;
  const section = chapter.sections.find((candidate) => candidate.label === node.location.section);
  const where = `${chapter.label}“${chapter.title}”${section ? `的${section.label}“${section.title}”` : node.location.box ? `（${node.location.box}）` : ""}`;
  const citations = [citationOf(chapter.location, `${chapter.label}  ${chapter.title}`), ...(sentence ? [citationOf(sentence.location, sentence.text)] : [])];
  return { intent: "overview", found: true, answer: `规划在${where}讲到这方面内容${sentence ? `，例如：${sentence.text}` : "。"}`, citations };
}

// Bodies named only in general terms; a named body (区委教育工作领导小组) is the better answer to "who".
const GENERIC_ACTOR = /^(各有关部门|相关部门|职能部门|区级相关部门|政府各部门|各级政府|各级党组织|基层党组织)$/;

/**
 * True when a sentence gives `actor` work: the body opens a clause ("区委在2022年…组织…评估") or is
 * followed by the work ("推动…乡镇（街道）履行教育职责"); a body the sentence only works with
 * ("配合支持纪检监察机关", "会同…部门") is not the doer.
 */
export function isDoer(sentence: string, actor: string): boolean {
  for (const clause of sentence.split(/[，；。：]/)) {
    const at = clause.indexOf(actor);
    if (at === -1) continue;
    const before = clause.slice(0, at);
    const after = clause.slice(at + actor.length);
    if (/(配合|支持|会同|协同|协助|联系|依托|争取)[^，]*$/.test(before)) continue;
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

/** Responsibility: the sentence that assigns the work, with the organisation named first. */
async function responsibilityAnswer(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>, context: readonly string[]): Promise<Draft | null> {
  const topic = analysis.content.filter((token) => !/^(谁|负责|责任|哪个|部门|哪些|单位|机构|由|来|主体)$/.test(token));
  const retrieval = await retrieve(engine, topic.length > 0 ? topic : analysis.content, topic.join(""), docs, context);
  if (retrieval.coverage < MIN_COVERAGE) return null;
  const topScore = retrieval.nodes[0]?.score ?? 1;
  let best: { text: string; actor: string | null; score: number; location: Citation } | null = null;
  for (const node of retrieval.nodes.slice(0, 4)) {
    // A 节 whose title names the topic ("强化学校安全稳定主体责任") is where the plan assigns it.
    const titleTokens = new Set(engine.segmenter.cut(node.location.heading.split(" › ").pop() ?? ""));
    const titleShare = topic.length === 0 ? 0 : topic.filter((token) => titleTokens.has(token)).length / topic.length;
    for (const sentence of bestSentences(engine, node.key, topic, 2000, 6, context)) {
      const actor = actorOf(engine, sentence.text, docs);
      const actorWeight = actor ? (GENERIC_ACTOR.test(actor) ? 1.15 : 1.4) : 1;
      // How well the whole 节 matches weighs in: a passing mention elsewhere should not win.
      const score = sentenceScore(engine, sentence, topic, context) * actorWeight * (0.5 + 0.5 * (node.score / topScore)) * (1 + titleShare);
      if (!best || score > best.score) best = { text: sentence.text, actor, score, location: citationOf(sentence.location, sentence.text) };
    }
  }
  if (!best) return null;
  const label = locationLabel(best.location);
  // Officials need to know when the plan names no body for a task: say so rather than imply one.
  const lead = best.actor ? `由${best.actor}负责。` : "规划没有写明由哪个部门负责这项工作；相关要求如下。";
  const answer = `${lead}规划${label}：${best.text}`;
  return { intent: "responsibility", found: true, answer: answer.slice(0, 480), citations: [best.location] };
}

const ACTOR_DUTIES = /职责|做什么|干什么|负责什么|要做|任务|工作|作用|承担/;

/**
 * "区委的职责是什么", "乡镇（街道）要做什么": the work the plan gives a body the question names,
 * targets before the review of the last period, the body named early in the sentence first.
 */
function actorDutiesAnswer(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>): Draft | null {
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

/**
 * Answers one question: deterministic lookups for figures, projects and the outline; hybrid
 * retrieval with extractive sentences for the rest; a refusal with examples when the plans do
 * not cover it. Never throws for user input.
 */
export async function answerQuestion(engine: Engine, examples: ExampleQuestions, question: string, history: readonly string[] = []): Promise<AnsweredQuestion> {
  const parts = splitQuestions(question);
  if (parts.length < 2) return answerOne(engine, examples, question, history);
  // "农村教师补充了多少？占比多少？": each part in turn, later parts leaning on the earlier ones.
  const answered: AnsweredQuestion[] = [];
  for (const [index, part] of parts.entries()) answered.push(await answerOne(engine, examples, part, [...history, ...parts.slice(0, index)]));
  const found = answered.filter((entry) => entry.answer.found);
  // Parts answered by the same passage (the figure and its share in one sentence) are shown once.
  const shown = (found.length > 0 ? found : answered.slice(0, 1)).filter((entry, index, all) => all.findIndex((other) => other.answer.answer === entry.answer.answer) === index);
  const notes = [...new Set(shown.flatMap((entry) => entry.answer.notes ?? []))];
  return {
    answer: {
      question,
      intent: shown[0]!.answer.intent,
      found: found.length > 0,
      answer: shown.map((entry) => entry.answer.answer).join(" "),
      citations: uniqueCitations(shown.flatMap((entry) => entry.answer.citations)),
      generator: "extractive",
      ...(notes.length > 0 ? { notes } : {}),
    },
    evidence: {
      passages: uniqueCitations(shown.flatMap((entry) => entry.evidence.passages.map((passage) => passage.citation))).map((citation, index) => ({ id: `P${index + 1}`, text: citation.quote, citation })),
      lookups: shown.flatMap((entry) => entry.evidence.lookups),
    },
  };
}

/** Sub-questions of a message asking several things at once ("…多少？占比多少？"); one part for the usual case. */
export function splitQuestions(question: string): string[] {
  const parts = question
    .split(/(?<=[？?])/)
    .map((part) => part.trim())
    .filter((part) => (part.match(/[\u4e00-\u9fa5]/g) ?? []).length >= 2);
  return parts.length >= 2 && parts.length <= 4 ? parts : [question];
}

async function answerOne(engine: Engine, examples: ExampleQuestions, question: string, history: readonly string[]): Promise<AnsweredQuestion> {
  const { plans } = engine.knowledge;
  const resolved = resolveFollowUp(engine, question, history, new Set(plans.map((plan) => plan.doc)));
  const { docs, named } = scopeDocuments(resolved.analysis, plans);
  const analysis = stripPlaceNames(resolved.analysis, plans, engine.segmenter);
  const context = resolved.context;
  const finish = (draft: Draft, lookups: readonly string[] = [], context: readonly Citation[] = []): AnsweredQuestion => ({
    answer: { question, ...draft, citations: uniqueCitations(draft.citations), generator: "extractive" },
    evidence: {
      // The passages a model may phrase from: the cited quotes, then the retrieved context around them.
      passages: uniqueCitations([...draft.citations, ...context]).map((citation, index) => ({ id: `P${index + 1}`, text: citation.quote, citation })),
      lookups,
    },
  });
  const multiDocNote = (draft: Draft): Draft => {
    if (plans.length <= 1 || named || !draft.found) return draft;
    const cited = [...new Set(draft.citations.map((citation) => citation.doc))];
    const titles = cited.map((doc) => plans.find((plan) => plan.doc === doc)?.metadata.title ?? doc);
    return { ...draft, answer: `（已在${plans.length}份规划中查找，以下出自《${titles.join("》《")}》；如需其他区县，请在问题中写明。）${draft.answer}` };
  };

  const greeting = smallTalk(analysis.text, plans, examples);
  if (greeting) return finish(greeting);
  const verdict = detectOutOfScope(analysis, plans);
  // With several plans and none named, a figure differs per plan: answer per plan (up to three) or ask which.
  const perPlan = plans.length > 1 && !named ? plans.map((plan) => ({ plan, draft: answerIndicator(analysis, engine.knowledge, new Set([plan.doc])) })).filter((entry) => entry.draft?.found) : [];
  const indicatorDraft = perPlan.length > 1 ? whichPlan(perPlan.map((entry) => ({ plan: entry.plan, draft: entry.draft! }))) : answerIndicator(analysis, engine.knowledge, docs);
  if (verdict && !(verdict.kind === "unknown-year" && indicatorDraft)) return finish(refusal(verdict, plans, examples));
  if (indicatorDraft) return finish(perPlan.length > 1 ? indicatorDraft : multiDocNote(indicatorDraft), [indicatorDraft.answer]);

  const targetPlan = plans.find((plan) => docs.has(plan.doc)) ?? plans[0]!;
  const overview = answerOverview(analysis, targetPlan, engine.segmenter);
  if (overview) return finish(multiDocNote(overview));

  const project = answerProject(analysis, engine.knowledge, docs);
  if (project && !analysis.aspects.quantity) return finish(multiDocNote(project));

  if (analysis.aspects.quantity && !analysis.aspects.who) {
    const fact = factAnswer(engine, analysis, docs);
    if (fact) return finish(multiDocNote(fact), [fact.answer]);
    if (project) return finish(multiDocNote(project));
  } else if (/目标|任务数|规模/.test(analysis.text) && !analysis.aspects.who) {
    // "市级骨干教师培养目标" asks for a figure without saying 多少: take a stated figure that fits it closely.
    const fact = factAnswer(engine, analysis, docs, 0.85);
    if (fact) return finish(multiDocNote(fact), [fact.answer]);
  }
  if (project) return finish(multiDocNote(project));

  const duties = actorDutiesAnswer(engine, analysis, docs);
  if (duties && !analysis.aspects.quantity) return finish(multiDocNote(duties));
  if (analysis.aspects.who) {
    const responsibility = await responsibilityAnswer(engine, analysis, docs, context);
    if (responsibility) return finish(multiDocNote(responsibility));
  }

  const retrieval = await retrieve(engine, analysis.content, analysis.text, docs, context, { preferTargets: !analysis.aspects.baseline && !/[\u4e00-\u9fa5]了|已经|曾经/.test(analysis.text) });
  if (retrieval.coverage < MIN_COVERAGE) return finish(notCovered(examples));
  if (LOCATE.test(analysis.text)) {
    const located = locateTopic(engine, retrieval, analysis);
    if (located) return finish(multiDocNote(located));
  }
  const general = composeGeneral(engine, retrieval, analysis.content, "general", 560, context);
  if (!general) return finish(notCovered(examples));
  // A figure question with no stated figure: say so rather than quote a passage without one.
  if (analysis.aspects.quantity && analysis.classifier && !general.citations.some((citation) => /\d/.test(citation.quote))) {
    return finish({ ...notCovered(examples), answer: `规划没有给出这个数字。最相关的内容在${locationLabel(general.citations[0]!)}：${splitSentences(general.citations[0]!.quote)[0]?.text ?? ""}` });
  }
  // Context for a model: more of the best nodes' relevant sentences than the answer quotes.
  const modelContext = retrieval.nodes.slice(0, 3).flatMap((node) => bestSentences(engine, node.key, analysis.content, 900, 4, context)).map((sentence) => citationOf(sentence.location, sentence.text));
  return finish(multiDocNote(general), [], modelContext);
}

/** Example questions generated from the plans' own content (indicators, projects, outline). */
export function buildExamples(engine: Engine): ExampleQuestions {
  const plan = engine.knowledge.plans[0]!;
  const table = plan.tables[0];
  const lastYear = table?.years[table.years.length - 1] ?? "";
  const indicatorExamples = (table?.rows ?? []).filter((row) => !row.parent).slice(0, 3).map((row, index) => (index === 1 ? `${row.name}是约束性指标吗？` : `${lastYear}年${row.name}的目标是多少？`));
  if (table) indicatorExamples.push("哪些指标是约束性的？");
  const verbOrder = ["补充", "新培养", "新建", "建成", "培养"];
  const targetFacts = engine.knowledge.facts
    .filter((fact) => fact.doc === plan.doc && fact.period === "target" && fact.location.box && verbOrder.some((verb) => fact.subject.startsWith(verb)))
    .sort((left, right) => verbOrder.findIndex((verb) => left.subject.startsWith(verb)) - verbOrder.findIndex((verb) => right.subject.startsWith(verb)))
    .slice(0, 2);
  // Buildings make the clearest project examples (新建/续建/迁建/改扩建), not titles to earn (创建).
  const projectNames = [...new Set(engine.knowledge.projects.filter((project) => project.location.doc === plan.doc && /新建|续建|迁建|改扩建/.test(project.action)).map((project) => project.name))].slice(0, 2);
  const actor = engine.knowledge.responsibilities
    .filter((responsibility) => responsibility.location.doc === plan.doc && /领导小组/.test(responsibility.actor))
    .sort((left, right) => right.actor.length - left.actor.length)[0];
  const part = plan.parts.find((candidate) => /任务/.test(candidate.title)) ?? plan.parts.find((candidate) => candidate.label);
  const sections = plan.chapters.flatMap((chapter) => chapter.sections).filter((section) => section.title.length <= 12).slice(8, 10);
  return {
    indicator: indicatorExamples,
    fact: targetFacts.map((fact) => `规划要${fact.subject}多少${fact.unit === "%" ? "" : fact.unit}？`),
    responsibility: [actor ? `${actor.actor}负责什么？` : "规划实施由谁统筹？", "谁负责规划的中期评估？"],
    project: projectNames.map((name) => `${name}是新建还是改扩建？`),
    overview: ["给新同事介绍一下这个规划", ...(part ? [`${part.label}包括哪些章？`] : []), ...(plan.boxes[0] ? [`${plan.boxes[0].label}讲的是什么？`] : [])],
    general: sections.map((section) => `${section.title.replace(/^(全面|大力|持续|深入)/, "")}有哪些举措？`),
  };
}

