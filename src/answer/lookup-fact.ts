import type { Fact } from "../extract/extract-facts.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { synonymsOf } from "../retrieve/synonyms.js";
import type { QuestionAnalysis } from "./analyze-question.js";

export interface FactMatch {
  readonly fact: Fact;
  readonly score: number;
  /** Share of the question's topic the fact's wording covers. */
  readonly recall: number;
}

// Words that frame a figure question but name no topic.
const FRAME = new Set(["要", "达到", "达", "多少", "几", "个", "名", "所", "万", "人次", "间", "台", "门", "项", "年", "期间", "目标", "预计", "计划", "新", "全区", "区", "十三五", "十四五", "现有", "现在", "目前", "已经", "一共", "总共", "共", "累计", "比例", "占比", "按", "百分之", "人", "将", "有", "是", "为", "到", "内", "以上", "左右", "数量", "规模", "了", "过", "数", "学时", "次", "逐步", "分别", "力争", "基本", "全面", "进一步", "均", "巩固在", "巩固", "稳定在", "保持", "时期", "以来", "时候", "期末", "其中", "十三", "三五", "十四", "四五", "多", "大", "多大", "多长", "多久", "钱", "一共"]);

const UNIT_FAMILY: Record<string, readonly string[]> = {
  所: ["所"],
  名: ["名", "人"],
  人: ["人", "名", "万人"],
  万人: ["万人", "人"],
  人次: ["人次", "万人次"],
  个: ["个", "万个"],
  间: ["间"],
  台: ["台"],
  门: ["门"],
  项: ["项"],
  学时: ["学时"],
  次: ["次"],
  年: ["年"],
  元: ["亿元", "万元", "元"],
  "%": ["%"],
  百分点: ["个百分点", "百分点"],
};

function topicTokens(analysis: QuestionAnalysis): string[] {
  // Measure phrases (几所, 多少名, 几个) ask for the figure; they name no topic.
  return analysis.content.filter((token) => !FRAME.has(token) && !/^\d/.test(token) && !/^(几|多少)/.test(token));
}

/** The last topic word of a phrase: what it is about (教师 in 新培养市级骨干教师). */
function headOf(tokens: readonly string[]): string | null {
  const topical = tokens.filter((token) => !FRAME.has(token) && !/^\d/.test(token));
  return topical[topical.length - 1] ?? null;
}

/** The last word of the noun written right after a figure and its measure word (20个信息化标准的… → 标准), or null. */
function countedNoun(fact: Fact, segmenter: Segmenter): string | null {
  // valueText is the figure as written with its unit (20个).
  const at = fact.item.indexOf(fact.valueText);
  if (at === -1) return null;
  const noun = /^[\u4e00-\u9fa5]{2,10}?(?=的|和|及|、|，|$)/.exec(fact.item.slice(at + fact.valueText.length))?.[0];
  return noun ? headOf(contentTokens(segmenter.cut(noun))) : null;
}

function covers(tokens: ReadonlySet<string>, token: string): boolean {
  if (tokens.has(token)) return true;
  if (synonymsOf(token).some((synonym) => tokens.has(synonym))) return true;
  // A longer plan word containing the question word counts (骨干教师 ⊃ 教师; 新建 ⊃ 建 for a one-character verb).
  for (const candidate of tokens) if (candidate.length > token.length && candidate.includes(token) && (token.length >= 2 || candidate.length <= 3)) return true;
  return false;
}

interface FactTokens {
  readonly subjectTokens: readonly string[];
  readonly subjectSet: ReadonlySet<string>;
  readonly contextSet: ReadonlySet<string>;
}

// A fact's tokens depend only on the fact and the segmenter: cut once, not once per question.
const tokenCache = new WeakMap<Segmenter, WeakMap<Fact, FactTokens>>();
function factTokens(fact: Fact, segmenter: Segmenter): FactTokens {
  let byFact = tokenCache.get(segmenter);
  if (!byFact) tokenCache.set(segmenter, (byFact = new WeakMap()));
  let tokens = byFact.get(fact);
  if (!tokens) {
    // "正高级教师（中专研究员）": a parenthetical note is not what the figure counts.
    const subjectTokens = contentTokens(segmenter.cut(fact.subject.replace(/[（(][^）)]*[）)]/g, "")));
    tokens = { subjectTokens, subjectSet: new Set(subjectTokens), contextSet: new Set(contentTokens(segmenter.cut(fact.sentence))) };
    byFact.set(fact, tokens);
  }
  return tokens;
}

/**
 * Finds the stated figure a question asks for. The fact's wording must cover the question's
 * topic (recall) and its head word must be one the question uses, so that "人口" does not
 * match "劳动年龄人口平均受教育年限"; the unit must fit the measure word asked for.
 */
/** A figure stated as a change: 较2015年减少0.28万人, 提高0.7年, 增长13.1%. */
const CHANGE_WORD = /(较|比|同比|相比).{0,8}(增加|减少|提高|下降|增长|降低|上升)|(增加|减少|提高|下降|增长|降低|上升)(了)?[\d.]/;

/** Years a question asks a figure for: all it names but comparison bases (比2020年, 较2015年, 与2020年相比). */
export function askedYears(analysis: QuestionAnalysis): number[] {
  return analysis.years.filter((year) => !new RegExp(`(比|较|相比|同比|与|和|跟)${year}年?`).test(analysis.text));
}

export function lookupFact(analysis: QuestionAnalysis, facts: readonly Fact[], segmenter: Segmenter, docs: ReadonlySet<string>): FactMatch[] {
  const topic = topicTokens(analysis);
  if (topic.length === 0) return [];
  const family = analysis.classifier ? UNIT_FAMILY[analysis.classifier] ?? null : null;
  // Past tense (新建了, 已经) or the previous period asks for what was achieved; 要/将/目标 for targets.
  const wantsPast = (analysis.aspects.baseline || /[\u4e00-\u9fa5]了|已经|曾经/.test(analysis.text)) && !/十四五|到20\d\d|要|将/.test(analysis.text);
  const wantsTarget = !wantsPast && /十四五|到20\d\d|要|将|计划|目标|新增|力争|新培养|新建/.test(analysis.text);
  const matches: FactMatch[] = [];
  for (const fact of facts) {
    if (!docs.has(fact.doc) || fact.attributive) continue;
    if (family && !family.includes(fact.unit)) continue;
    const { subjectTokens, subjectSet, contextSet } = factTokens(fact, segmenter);
    let recall = 0;
    for (const token of topic) recall += covers(subjectSet, token) ? 1 : covers(contextSet, token) ? 0.6 : 0;
    recall /= topic.length;
    // What the figure counts: the end of its item, or the noun right after it ("20个信息化标准的编制工作" counts 标准).
    const heads = [headOf(subjectTokens), countedNoun(fact, segmenter)].filter((head): head is string => head !== null);
    // The question's words must include what the figure counts; "示范校" names "学校" by its last character.
    const headMatches = heads.some((head) => topic.some((token) => token === head || token.includes(head) || head.includes(token) || synonymsOf(token).some((synonym) => synonym === head || synonym.includes(head)) || (token.length >= 2 && head.length >= 2 && token.at(-1) === head.at(-1) && /[校园所院]$/.test(head))));
    if (!headMatches || recall < 0.6) continue;
    const subjectTopical = subjectTokens.filter((token) => !FRAME.has(token));
    const precision = subjectTopical.length === 0 ? 0 : subjectTopical.filter((token) => topic.some((question) => question === token || question.includes(token) || token.includes(question) || synonymsOf(question).includes(token))).length / subjectTopical.length;
    let score = recall + 0.4 * precision;
    if (family) score += 0.2;
    // "一共/全区多少学校" asks for the total, stated as 各级各类/累计/共.
    if (/一共|总共|共有|总数|合计|全部|各级各类/.test(analysis.text) && /各级各类|累计|共|合计|总/.test(fact.subject)) score += 0.3;
    // "比2015年减少了多少" asks the change: the figure stated as one (较2015年减少0.28万人), not the level.
    if (analysis.aspects.change) score += CHANGE_WORD.test(fact.item) ? 0.3 : -0.1;
    // "到2025年…多少" asks for that year's figure: the same subject stated for 2023 is a worse match.
    const asked = askedYears(analysis);
    if (asked.length > 0 && fact.year !== null) score += asked.includes(fact.year) ? 0.3 : -0.2;
    if (wantsPast && fact.period === "past") score += 0.3;
    if (wantsTarget && fact.period === "target") score += 0.3;
    if (wantsPast && fact.period === "target") score -= 0.2;
    if (wantsTarget && !wantsPast && fact.period === "past") score -= 0.2;
    matches.push({ fact, score, recall });
  }
  return matches.sort((left, right) => right.score - left.score);
}
