import { synonymsOf } from "../retrieve/synonyms.js";
import { splitSentences } from "../text/split-sentences.js";
import { UNITS_OF_MEASURE, type QuestionAnalysis } from "./analyze-question.js";

const NUMBER = "[\\d.一二两三四五六七八九十百千万亿]+";
const ANY_FIGURE = /\d|第[一二两三四五六七八九十百千]+|[一二两三四五六七八九十百千]+[项个类所名家批条种大级人期次轮倍届场件台间门座位套支户]/;
/** Classifiers that are units of measure (analyze-question's MEASURED), not counting words. */
const UNIT_OF_MEASURE = new RegExp(`^(${UNITS_OF_MEASURE})$`);
const DATE = /(?:19|20)\d{2}年|\d{1,2}月|年底|年末|年内|年前|之前|以前/;
/** Years, months and days as written (2025年, 3月15日, 2021—2025), removed before looking for a count. */
const DATE_WORDS = /(?:19|20)\d{2}(?:年|[—–-](?:19|20)?\d{2}年?)|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日/g;

/**
 * The kind of value a question asks for, as a pattern a stated value matches: a date for
 * 哪年/什么时候, a share for 比例/占比 (%), a count with its measure word for 多少所/几名, money for
 * 多少钱/投资多少亿, else any figure. Null when the question asks for no value.
 */
export function askedValuePattern(analysis: QuestionAnalysis): RegExp | null {
  if (analysis.aspects.when) return DATE;
  if (!analysis.aspects.quantity) return null;
  switch (analysis.classifier) {
    case null:
      return ANY_FIGURE;
    case "%":
      return /\d%|百分之|\d成|[一二三四五六七八九]成/;
    case "元":
      return new RegExp(`${NUMBER}(?:亿|万|千)?元`);
    case "名":
    case "人":
    case "万人":
    case "人次":
      return new RegExp(`${NUMBER}(?:万)?(?:名|人|位)`);
    case "百分点":
      return /\d(?:\.\d+)?个?百分点|\d%/;
    default:
      // 学时 and 课时 are one measure ("几课时" is answered by 每月两课时).
      if (analysis.classifier === "学时") return new RegExp(`${NUMBER}(?:学时|课时)`);
      // A unit of measure (亩, 架, 秒, 公里): only a number in that unit, with its magnitude (45亿亩).
      if (UNIT_OF_MEASURE.test(analysis.classifier)) return new RegExp(`${NUMBER}${analysis.classifier}`);
      // 所, 个, 间, 台, 门, 项, 次, 年, 学时: the number and its measure word, or any count (3个、5所).
      return new RegExp(`${NUMBER}[\u4e00-\u9fa5]?${analysis.classifier}|${NUMBER}个`);
  }
}

/**
 * True when one sentence of `quote` states a value of the kind the question asks for
 * (`askedValuePattern`) and speaks of at least `share` of the topic words. A topic word counts when
 * the sentence holds it or one of its synonyms; a word the plans never use (`known(word)` false:
 * 普高, a typo) counts when all its characters occur in the sentence, and is left out of the share
 * when they do not; so is a word `generic` says the plan uses everywhere. Single characters count
 * only when the topic has nothing longer.
 * @param quote a passage in matching form (normalizeForMatch).
 */
export function statesAskedValue(analysis: QuestionAnalysis, topic: readonly string[], quote: string, options: { readonly share?: number; readonly known?: (word: string) => boolean; readonly generic?: (word: string) => boolean } = {}): boolean {
  const pattern = askedValuePattern(analysis) ?? ANY_FIGURE;
  const share = options.share ?? 1;
  const words = topic.some((word) => word.length > 1) ? topic.filter((word) => word.length > 1) : topic;
  return splitSentences(quote).some(({ text }) => {
    // A date (到2025年, 3月) is no value of a count or a share: only a date question takes it.
    if (!pattern.test(pattern === DATE ? text : text.replace(DATE_WORDS, ""))) return false;
    // A sentence stating the figure for other years only (到2023年… when 2025 is asked) is not the figure asked.
    // Years after 比/较/与/相比/自/从 are comparison bases (较2015年减少…), not the year the figure is for.
    const stated = [...text.matchAll(/(?<!比|较|与|相比|自|从|同比)((?:19|20)\d{2})年/g)].map((match) => Number(match[1]));
    if (pattern !== DATE && analysis.years.length > 0 && stated.length > 0 && !stated.some((year) => analysis.years.includes(year))) return false;
    if (words.length === 0) return true;
    const unknown = (word: string) => options.known !== undefined && !options.known(word);
    const held = words.filter((word) => text.includes(word) || synonymsOf(word).some((synonym) => text.includes(synonym)) || (unknown(word) && [...word].every((character) => text.includes(character))));
    // A word the plans never use that the sentence does not spell out either (娃娃们, 弄) is the asker's
    // own phrasing, and a word the plan uses all over (济南 in a Jinan plan) tells no sentence from
    // another: either is left out of the share when the sentence lacks it, never counted against it.
    const counted = words.filter((word) => held.includes(word) || (!unknown(word) && !(options.generic?.(word) ?? false)));
    return counted.length === 0 ? held.length > 0 || words.length === 0 : held.length / counted.length >= share;
  });
}
