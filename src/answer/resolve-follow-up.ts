import { analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { isRelational, topicWords } from "./topic-words.js";
import { ACTION_WORDS, mentionedProjects } from "./answer-project.js";
import { chunkShare, type Engine } from "./engine.js";
import { lookupIndicator } from "./lookup-indicator.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { bigramCoverage, characterBigrams } from "../parse/link-boxes.js";
import { periodNames } from "../text/five-year-periods.js";

/** The end of the plan's period, said without a year. */
const PLAN_END = /规划期?末|期末|末期|到期末|规划结束/;

/** A five-year period named in words (十三五, “十四五”). */
const PERIOD = /十[一二三四五六七八九]五/;

const FOLLOW_UP_START = /^(那|那么|还有|另外|再|它|其|该|这个|这项|那个|此|这)/;
const FRAME_ONLY = /^(那|那么|还有|另外|它|其|该|这个|这项|那个)?(20\d{2}年?|二〇二\d年)?(的|呢|目标|指标|是多少|多少|是|吗|呢？|\?|？|约束性|预期性|指标吗|属性|怎么样|如何|变化|由谁负责|谁负责|在哪|哪一章|哪一节)*[？?]?$/;


/**
 * A question that only makes sense after another ("那2022年呢", "它是约束性的吗", "还有吗"): it leans
 * on a previous turn and names no topic of its own. Asked first in a conversation, it needs asking back.
 */
export function needsEarlierTurn(analysis: QuestionAnalysis): boolean {
  // "哪些指标是约束性的呢" asks for a list of its own: complete without an earlier turn.
  if (analysis.aspects.list) return false;
  // "这个规划是干嘛的" names its topic: the plan itself.
  if (/(这个|这份|这部|本|该)(规划|计划|方案|意见|文件|纲要)/.test(analysis.text)) return false;
  const topical = analysis.content.filter((token) => !/^\d/.test(token) && !isRelational(token) && !/^(那|那么|还有|另外|再|它|其|该|这个|这项|那个|此|这|呢|吗|的|年|其他|别的|吗)$/.test(token));
  return (FOLLOW_UP_START.test(analysis.text) || /呢[？?]?$/.test(analysis.text) || FRAME_ONLY.test(analysis.text)) && topical.length === 0;
}

/** Share of the plan's chunks a word occurs in, above which it names no topic of its own (计划, 工作, 发展). */
const GENERIC_SHARE = 0.08;

/** True when `token` is a word of the plans specific enough to be a topic: 中职, 普惠性, 领导小组; not 扩到 or 计划. */
function namesTopic(engine: Engine, token: string): boolean {
  const share = chunkShare(engine, token);
  return share > 0 && share < GENERIC_SHARE;
}

/** True when a question leans on the previous one (那2022年呢 / 它是约束性指标吗 / 和2020年比减少了多少 / 到25年计划扩到多少). */
function isFollowUp(analysis: QuestionAnalysis, engine?: Engine): boolean {
  // "分别多少万人" names no topic either: frame words (topic-words.ts) are left out too.
  const topical = topicWords(analysis).filter((token) => !/^\d/.test(token) && !isRelational(token));
  // With the engine (the question just asked): no word specific to the plans means it leans on the conversation.
  // "改扩建的又有几所": 又 asks the same of another thing, within the earlier question's frame.
  return FOLLOW_UP_START.test(analysis.text) || /呢[？?]?$/.test(analysis.text) || /[\u4e00-\u9fa5]又(?!是)/.test(analysis.text) || FRAME_ONLY.test(analysis.text) || analysis.content.length <= 1 || topical.length === 0 || (engine !== undefined && !topical.some((token) => namesTopic(engine, token)));
}

/** The question without the particle that leans on the previous turn (那普惠性的呢 → 普惠性的呢), so it is not read into a word. */
function withoutLeadingParticle(question: string): string {
  return question.replace(/^\s*(那么|那|还有|另外)(?=[\u4e00-\u9fa5]{2})/, "");
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
  const asked = analyzeQuestion(question, engine.segmenter);
  if (history.length === 0 || !isFollowUp(asked, engine)) return { analysis: asked, context: [] };
  const current = { ...analyzeQuestion(withoutLeadingParticle(question), engine.segmenter), raw: question };
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
  // The earlier question's period (十三五新建了几所 → 改扩建的又有几所) holds until this one names its own.
  const period = PERIOD.exec(previous.text)?.[0];
  const framed = period && !PERIOD.test(current.text) && current.years.length === 0 ? { ...analyzeQuestion(`${period}${withoutLeadingParticle(question)}`, engine.segmenter), raw: question } : current;
  const leaning = { ...framed, contextText: previous.text };
  if (hasOwnTopic(engine, leaning, docs)) {
    const merged: QuestionAnalysis = {
      ...leaning,
      // "规划末要到多少" asks the target at the plan's end, not the earlier question's year.
      years: current.years.length > 0 ? current.years : PLAN_END.test(current.text) ? [] : previous.years,
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
  // A follow-up naming part of another indicator ("那普惠性的呢", "劳动年龄人口的呢") after one about an
  // indicator replaces the entity and keeps the rest of the question (its years and what it asked).
  const replaced = replaceIndicator(engine, previous, current, docs);
  if (replaced) return { analysis: { ...analyzeQuestion(replaced, engine.segmenter), raw: question }, context: previous.content };
  // No topic of its own: the previous question with this one's years and words. A category the
  // current question names (高中阶段呢) replaces the one the previous question named (义务教育).
  let previousText = current.years.length > 0 || PLAN_END.test(current.text) ? previous.text.replace(/(19|20)\d{2}年?/g, "") : previous.text;
  // A period the current question names ("十三五呢") replaces the previous question's period and tense.
  // So does a year before the plan's period (15年的时候 of a 2016—2020 plan): it asks what was.
  const periodStart = Math.min(...engine.knowledge.plans.filter((plan) => docs.has(plan.doc) && plan.metadata.period).map((plan) => plan.metadata.period!.from));
  const asksBefore = Number.isFinite(periodStart) && current.years.length > 0 && current.years.every((year) => year < periodStart);
  // The plan's own period and the one before it, by name (a 2016—2020 plan's own period is 十三五).
  const { own: ownPeriod, before: periodBefore } = periodNames(Number.isFinite(periodStart) ? periodStart : undefined);
  if (new RegExp(`${periodBefore}|过去|已经|现在|目前|现有|现状`).test(current.text) || asksBefore) previousText = previousText.replace(new RegExp(`${ownPeriod}|到20\\d\\d年?|要达到|达到|要|将|计划|目标`, "g"), "");
  // The own period named (十三五末的目标 of a 2016—2020 plan) asks the target: the earlier year asked goes.
  if (new RegExp(`${ownPeriod}|今后|将来|未来`).test(current.text)) previousText = previousText.replace(new RegExp(`${periodBefore}|已经|(?<=[\\u4e00-\\u9fa5])了${current.years.length === 0 && current.text.includes(ownPeriod) ? "|(19|20)\\d{2}年?" : ""}`, "g"), "");
  // A sibling the current question names (那烟台高新区呢 after 济南高新区…) takes the previous one's place.
  const sibling = replaceSibling(previousText, current.text, engine.index.bm25.postings, engine.typos.planText);
  // The rewritten question is complete: the earlier words would pull back to the replaced thing.
  if (sibling !== previousText) return { analysis: { ...analyzeQuestion(sibling, engine.segmenter), raw: question }, context: [] };
  // A topic of its own (那公共信用信息平台呢 after “金安工程”是哪个部门牵头的) is asked in the earlier frame.
  const transferred = transferTopic(engine, previous, current, previousText, docs);
  // The earlier topic is what this one replaces: as context it would pull the answer back to it.
  if (transferred !== null) return { analysis: { ...analyzeQuestion(transferred, engine.segmenter), raw: question }, context: [] };
  // A kind of building work the current question names (那续建的呢) replaces the previous one (新建).
  const action = ACTION_WORDS.find((word) => current.text.includes(word));
  if (action) for (const word of [...ACTION_WORDS].sort((left, right) => right.length - left.length)) previousText = previousText.split(word).join("");
  const categories = [...new Set(engine.knowledge.indicators.map((indicator) => indicator.category))];
  const categoryKeys = (category: string) => [category, category.replace(/(教育|开发)$/, "")].filter((key) => key.length >= 2 && key !== "教育");
  if (categories.some((category) => categoryKeys(category).some((key) => current.text.includes(key)))) {
    for (const category of categories) for (const key of categoryKeys(category).sort((left, right) => right.length - left.length)) previousText = previousText.split(key).join("");
  }
  const merged = analyzeQuestion(`${previousText}，${current.text}`, engine.segmenter);
  return { analysis: { ...merged, raw: question }, context: previous.content };
}

/** Words that set a time, tense or the value's kind, not a topic (十三五, 现在, 实际). */
const TIME_WORD = /^(十[一二三四五六七八九]五|现在|目前|过去|已经|现有|现状|今后|将来|未来|以前|之前|期间|当时|届时|实际|实际上|实际值|完成|完成值)$/;

/** A question word that asks a question of its own (算力成本有啥目标), not the earlier one again. */
const OWN_QUESTION = /啥|什么|哪些|哪个|哪几|哪方面|如何|怎么|怎样|咋|多少|几[个项所名条种类年大]|谁|是否|有没有|吗/;

/**
 * The follow-up asked in the earlier question's frame, when it names a topic of its own that the
 * earlier question did not: "那信任体系呢" after 电子证照数据库主要建设啥内容 → 信任体系主要建设啥内容.
 * The earlier question's topic words are dropped; its years, period and question words stay. A follow-up with its own question
 * word (算力成本有啥目标) keeps its own frame and takes only the earlier years. Null when the
 * follow-up names no plan word of its own beyond times, building actions and categories of the
 * indicator table, which the caller merges instead.
 */
function transferTopic(engine: Engine, previous: QuestionAnalysis, current: QuestionAnalysis, previousText: string, docs: ReadonlySet<string>): string | null {
  const categories = new Set(engine.knowledge.indicators.map((indicator) => indicator.category));
  // 又/再 ask the same of another thing within the earlier frame (十四五打算再补多少): merged instead.
  if (/[\u4e00-\u9fa5](又|再)(?!是)/.test(current.text)) return null;
  // jieba cuts 十三五 into 十三/三五: pieces of a period named are no topic either.
  const periods = current.text.match(new RegExp(PERIOD.source, "g")) ?? [];
  const own = topicWords(current).filter((token) => !/^\d/.test(token) && !isRelational(token) && !TIME_WORD.test(token) && !periods.some((period) => period.includes(token)) && !REFERENCE.test(token) && !previousText.includes(token) && !(ACTION_WORDS as readonly string[]).includes(token) && !ASKING_WORD.test(token) && ![...categories].some((category) => category.includes(token)) && engine.index.bm25.postings[token] !== undefined);
  if (own.length === 0) return null;
  const previousTopic = topicWords(previous).filter((token) => !/^\d/.test(token) && !REFERENCE.test(token));
  // A word the plan writes together with the earlier topic qualifies it (区级的呢 after 市级骨干教师): merged instead.
  if (meetsInOneSentence(engine, own, previousTopic, docs)) return null;
  const topicText = withoutLeadingParticle(current.text).replace(/(的)?(那一块|这一块|那块|这块|那部分|这部分|那方面|这方面|方面|部分)?(的)?(呢|吗)?[？?。]*$/, "");
  if (topicText.length === 0) return null;
  const years = current.years.length > 0 ? "" : previous.years.map((year) => `${year}年`).join("");
  if (OWN_QUESTION.test(topicText)) return `${years}${topicText}`;
  const dropped = new Set(topicWords(previous));
  // The earlier frame without its topic, its references (专栏4) and its measure word (几个 → 多少): those were the earlier thing's.
  const frame = engine.segmenter
    .words(previousText.replace(REFERENCES_IN_TEXT, ""))
    .filter((word) => !dropped.has(normalizeForMatch(word)))
    .join("")
    .replace(/(多少|几)[个项所名位类条次种门间台座家件]/g, "多少")
    .replace(/^[“”"'‘’\s]+|[“”"'‘’]{2}/g, "");
  return `${topicText}${frame}`;
}

/** Words that ask who or what kind (责任单位, 工作, 任务) or point at the earlier thing (这事, 它), in the plans too: no topic of a follow-up's own. */
const ASKING_WORD = /^(责任单位|责任部门|牵头单位|牵头部门|责任|单位|部门|机构|工作|任务|事|事情|情况|内容|要求|目标|措施|举措|这事|这件|这件事|此事|这项|该项|它|其)$/;

/** A reference to a unit of the plan by number (第三节, 专栏4): it leans on the earlier chapter, it names no topic. */
const REFERENCE = /^(第[一二三四五六七八九十百\d]+([篇章节条]|部分)?|专栏[一二三四五六七八九十\d]*)$/;
const REFERENCES_IN_TEXT = /第[一二三四五六七八九十百\d]+[篇章节]|专栏[一二三四五六七八九十\d]+/g;

/**
 * True when some sentence of the plans in `docs` holds every word of `own` and at least half of
 * `previousTopic`: the follow-up's words narrow the earlier topic rather than name another.
 */
function meetsInOneSentence(engine: Engine, own: readonly string[], previousTopic: readonly string[], docs: ReadonlySet<string>): boolean {
  if (previousTopic.length === 0) return false;
  const needed = Math.max(1, Math.ceil(previousTopic.length / 2));
  for (const sentences of engine.sentencesByNode.values()) {
    for (const sentence of sentences) {
      if (!docs.has(sentence.location.doc) || !own.every((token) => sentence.tokens.has(token) || sentence.text.includes(token))) continue;
      if (previousTopic.filter((token) => sentence.tokens.has(token) || sentence.text.includes(token)).length >= needed) return true;
    }
  }
  return false;
}

/**
 * The previous question about an indicator, with that indicator replaced by the one the follow-up
 * names part of: every topic word of the follow-up in the other indicator's category and name, the
 * previous indicator's category preferred. Null when the previous question named no indicator or
 * the follow-up's words fit none, or several equally.
 */
function replaceIndicator(engine: Engine, previous: QuestionAnalysis, current: QuestionAnalysis, docs: ReadonlySet<string>): string | null {
  const indicators = engine.knowledge.indicators.filter((indicator) => docs.has(indicator.doc));
  const before = lookupIndicator(previous, indicators);
  if (before.kind !== "found") return null;
  const own = current.content.filter((token) => !/^\d/.test(token) && !isRelational(token) && !/^(呢|吗|的|年|其他|别的|那|那么)$/.test(token));
  if (own.length === 0) return null;
  const fullName = (indicator: (typeof indicators)[number]) => `${indicator.category}${indicator.parent ?? ""}${indicator.name}`;
  const fitting = indicators.filter((indicator) => indicator !== before.indicator && own.every((token) => normalizeForMatch(fullName(indicator)).includes(token)));
  const sameCategory = fitting.filter((indicator) => indicator.category === before.indicator.category);
  // Several fit ("高中阶段呢" after 学前三年毛入园率): the one measured like the previous (毛入学率 ~ 毛入园率).
  const likeBefore = characterBigrams(before.indicator.name);
  const similarity = (indicator: (typeof indicators)[number]) => bigramCoverage(indicator.name, likeBefore);
  const ranked = [...fitting].sort((left, right) => similarity(right) - similarity(left));
  const mostLike = ranked[0] && similarity(ranked[0]) > 0 && (ranked.length === 1 || similarity(ranked[0]) > similarity(ranked[1]!)) ? ranked[0] : undefined;
  // Nothing named alike ("义务教育呢" after 在园幼儿数): the one top-level row measured in the same unit.
  const sameUnit = fitting.filter((indicator) => indicator.unit === before.indicator.unit && indicator.parent === null);
  const chosen = sameCategory.length === 1 ? sameCategory[0] : fitting.length === 1 ? fitting[0] : (mostLike ?? (sameUnit.length === 1 ? sameUnit[0] : undefined));
  if (!chosen) return null;
  // The previous question without the words of its indicator: what remains is what was asked (2025年目标多少).
  const previousWords = new Set(engine.segmenter.cut(fullName(before.indicator)));
  const rest = engine.segmenter.words(previous.text).filter((word) => !previousWords.has(normalizeForMatch(word))).join("");
  // A name two categories share (在校学生数) keeps the category the follow-up named.
  const shared = indicators.some((other) => other !== chosen && other.name === chosen.name);
  return `${shared ? chosen.category : ""}${chosen.parent ? `${chosen.parent}` : ""}${chosen.name}${rest}`;
}

/**
 * The previous question with the thing it named replaced by a sibling the follow-up names: the same
 * kind of thing, told by a shared ending of 2–3 characters (烟台高新区 for 济南高新区, 双桂初中 for
 * 梁山初中). The follow-up must be just that name (with 那/呢) and a word the plans use; otherwise
 * `previousText` unchanged. With the plans' text, two words it lists side by side (教师、学生) count as
 * siblings too.
 */
export function replaceSibling(previousText: string, followUp: string, postings: Readonly<Record<string, unknown>>, planText = ""): string {
  const name = followUp.replace(/^(那么|那|还有|另外)/, "").replace(/(的)?(呢|吗)?[？?。]*$/, "");
  // Two words the plans list side by side (教师、学生) are of a kind: "那教师呢" after 学生心理健康.
  if (/^[\u4e00-\u9fa5]{2,6}$/.test(name) && planText && !previousText.includes(name)) {
    for (const match of previousText.matchAll(/[\u4e00-\u9fa5]{2,4}/g)) {
      for (let length = Math.min(4, match[0].length); length >= 2; length -= 1) {
        const other = match[0].slice(0, length);
        if (other !== name && new RegExp(`${other}[、和与及]${name}|${name}[、和与及]${other}`).test(planText)) {
          // The thing replaced may stand in a coordination (高校和科研机构): the follow-up's name takes the whole of it.
          const coordination = new RegExp(`${other}(?:[和与及、][\\u4e00-\\u9fa5]{2,6}?)+(?=合作|的|是|有|要|在|[，。？?]|$)`).exec(previousText)?.[0];
          return previousText.replace(coordination ?? other, name);
        }
      }
    }
  }
  if (!/^[\u4e00-\u9fa5]{3,10}$/.test(name) || previousText.includes(name)) return previousText;
  const suffix = name.slice(name.length >= 5 ? -3 : -2);
  const stem = name.slice(0, -suffix.length);
  if (stem.length < 2 || !previousText.includes(suffix) || postings[name] === undefined && postings[stem] === undefined) return previousText;
  const other = new RegExp(`[\\u4e00-\\u9fa5]{2,${stem.length + 1}}?${suffix}`).exec(previousText)?.[0];
  if (!other || other === name) return previousText;
  return previousText.replace(other, name);
}
