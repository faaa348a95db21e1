import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { chineseCardinalToDigits, chineseNumeralValue } from "../text/chinese-numerals.js";
import { normalizeForMatch } from "../text/normalize-text.js";

/** What a question asks about a figure, beyond its topic. */
export interface QuestionAspects {
  /** 是约束性还是预期性 */
  readonly attribute: boolean;
  /** 变化/提高多少/从…到… */
  readonly change: boolean;
  /** 多少/几/比例: a figure is wanted. */
  readonly quantity: boolean;
  /** 目标/要达到/到2025: the plan's target. */
  readonly target: boolean;
  /** 十三五/现有/已经/2020: the baseline. */
  readonly baseline: boolean;
  /** 谁/哪个部门/负责 */
  readonly who: boolean;
  /** 哪些/有几项/列出 */
  readonly list: boolean;
  /** 哪年/什么时候/何时: a date is wanted. */
  readonly when: boolean;
  /** Asks how something is done or what is required (怎么建设, 有啥要求, 具体要干些啥), not which items. */
  readonly how: boolean;
}

/** A question in matching form, with its years, unit classifier and aspects. */
export interface QuestionAnalysis {
  readonly raw: string;
  /** Normalised text (half-width, simplified, Arabic years, small numbers as digits). */
  readonly text: string;
  readonly tokens: readonly string[];
  readonly content: readonly string[];
  readonly years: readonly number[];
  /** Measure word asked for: 所, 名, 个, %, 万人… or null. */
  readonly classifier: string | null;
  readonly aspects: QuestionAspects;
  /** Ordinal references: 第三篇, 第七章, 第二节, 专栏5. */
  readonly references: { readonly part: string | null; readonly chapter: string | null; readonly section: string | null; readonly box: string | null };
  /** For a follow-up: the earlier question it leans on (evidence of what is measured, not topic). */
  readonly contextText?: string;
}

const CLASSIFIERS: readonly [RegExp, string][] = [
  [/多少个百分点|(?<![哪那这第])几个百分点|百分点|(多少|(?<![哪那这第])几)个点/, "百分点"],
  [/多少人次|(?<![哪那这第])几人次|人次/, "人次"],
  [/多少万人|(?<![哪那这第])几万人/, "万人"],
  [/(多少|(?<![哪那这第])几)(所|座)/, "所"],
  [/(多少|(?<![哪那这第])几)(名|位)/, "名"],
  // 几个人 counts people (5名), not things.
  [/(多少|(?<![哪那这第])几)个人(?!次)/, "人"],
  [/(多少|(?<![哪那这第])几)个/, "个"],
  [/(多少|(?<![哪那这第])几)间/, "间"],
  [/(多少|(?<![哪那这第])几)台/, "台"],
  [/(多少|(?<![哪那这第])几)门/, "门"],
  [/(多少|(?<![哪那这第])几)项/, "项"],
  [/(多少|(?<![哪那这第])几)(学时|课时)/, "学时"],
  [/(多少|(?<![哪那这第])几)次/, "次"],
  [/(多少|(?<![哪那这第])几)人/, "人"],
  [/(多少|(?<![哪那这第])几)年/, "年"],
  [/(多少|(?<![哪那这第])几)(亿|万)?(元|钱)|多少(亿|万元)|(?<![哪那这第])几亿|多少钱|多少资金|多少经费|投入多少|投资多少|(学费|费用|资金|投资|预算|工资|收入|补助|补贴|奖金|造价)(是|有|要|大概|大约|一年|每年)*多少/, "元"],
  [/比例|占比|百分之|百分比|率[是为有达]?多少|多少%|覆盖率|入学率|入园率|巩固率|参与率|普及率|合格率/, "%"],
];

/**
 * Units of measure a count can be asked in, as a pattern source. Days are left out: plans write
 * them as 工作日 as often as 天.
 */
export const UNITS_OF_MEASURE = "(?:平方)?(?:公里|千米|米)|亩|公顷|架|辆|艘|吨|千瓦|兆瓦|秒|分钟|小时";

/**
 * A count asked in a unit of measure (多少亿亩, 几秒, 多少万架, 多少公里): the unit is the classifier,
 * so 多少亿亩 is no sum of money and a passage without seconds does not answer 几秒. Counting words
 * that plans interchange (家/个, 条/项) are not units here: see CLASSIFIERS.
 */
const MEASURED = new RegExp(`(?:多少|(?<![哪那这第])几)(?:亿|万|千)?(${UNITS_OF_MEASURE})`);

function ordinalReference(text: string, suffix: "篇" | "章" | "节"): string | null {
  const match = new RegExp(`第([一二三四五六七八九十百零〇\\d]+)${suffix}`).exec(text);
  if (!match) return null;
  const token = match[1] ?? "";
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return `第${toChineseOrdinal(value)}${suffix}`;
  }
  const value = chineseNumeralValue(token);
  return value === null ? null : `第${toChineseOrdinal(value)}${suffix}`;
}

/** 17 → 十七, 5 → 五, 20 → 二十 (the way headings are written). */
export function toChineseOrdinal(value: number): string {
  const digits = "零一二三四五六七八九";
  if (value < 10) return digits[value] ?? String(value);
  if (value < 20) return `十${value % 10 === 0 ? "" : digits[value % 10]}`;
  if (value < 100) return `${digits[Math.floor(value / 10)]}十${value % 10 === 0 ? "" : digits[value % 10]}`;
  return String(value);
}

/**
 * Years written short, as people type them: 22年 → 2022年, 二五年 → 2025年. Only two digits that name
 * a plausible plan year (2015–2040) directly before 年 and not after a word of duration (近/约/多/这).
 */
export function expandShortYears(text: string): string {
  const digit = (character: string) => "零一二三四五六七八九".indexOf(character.replace("〇", "零"));
  return text
    .replace(/(?<![\d.近约多几这过每第])([12][0-9]|3[0-9]|40)(?=年(?!代|级|限|龄))/g, (match) => (Number(match) >= 15 ? `20${match}` : match))
    .replace(/(?<![\u4e00-\u9fa5\d])([一二])([〇零一二三四五六七八九])(?=年(?!代|级|限|龄))/g, (_, tens: string, ones: string) => `20${digit(tens)}${digit(ones)}`);
}

/** Reads a question once; every lookup works from this analysis. */
/**
 * Request frames around a question carry no topic ("请问", "帮我查一下", "我想知道", "麻烦说说"): they are
 * removed before matching, so a framed question is matched like the bare one.
 */
export function stripRequestFrame(text: string): string {
  const bare = text
    .replace(/^(?:(?:请问|请教一下|请教|麻烦(?:你|您)?(?:问一下|问下|说说|讲讲|查一下|查查)?|帮(?:我|忙)?(?:查一下|查查|查|看一下|看看|问一下|找一下|找找)|我想(?:知道|了解|问问|问一下|问)(?:一下)?|想(?:知道|了解|问问)(?:一下)?|能不能(?:告诉我|说说|讲讲)|可以(?:告诉我|说说|讲讲)|告诉我|问一下|问下)[，,：:\s]*)+/, "");
  // Trailing particles (啊, 吧, 呀) only soften the question; 呢 stays, it marks a follow-up.
  const unsoftened = bare.replace(/[啊吧呀哦嘛]+(?=[？?!！。]*$)/, "");
  return unsoftened.length >= 2 ? unsoftened : text;
}

export function analyzeQuestion(raw: string, segmenter: Segmenter): QuestionAnalysis {
  const text = stripRequestFrame(expandShortYears(chineseCardinalToDigits(normalizeForMatch(raw)).replace(/\s+/g, "")));
  const tokens = segmenter.cut(text);
  const years = [...text.matchAll(/(?<!\d)((?:19|20)\d{2})(?:年|(?!\d))/g)].map((match) => Number(match[1]));
  const measured = MEASURED.exec(text);
  const classifier = measured ? measured[1]! : (CLASSIFIERS.find(([pattern]) => pattern.test(text))?.[1] ?? null);
  const boxMatch = /专栏\s*(\d+|[一二三四五六七八九十]+)/.exec(text);
  const boxNumber = boxMatch ? (/^\d+$/.test(boxMatch[1]!) ? Number(boxMatch[1]) : chineseNumeralValue(boxMatch[1]!)) : null;
  const aspects: QuestionAspects = {
    attribute: /约束性|预期性|什么属性|属性|性质|什么类型的指标|约束指标|预期指标|硬指标|是约束|是预期/.test(text),
    change: /变化|提高多少|提升多少|增加多少|减少多少|下降多少|降到|降至|增长多少|多了|少了|从.*到|从.*降|从.*升|百分点|差多少|相比|增幅|涨|降了/.test(text),
    // "达到什么水平/要求" asks for a description, "达到多少" for a figure.
    quantity: (/多少|(?<![哪那这第])几[个所名项间台门次年万]?|比例|占比|百分|数量|规模|多大|具体数|目标值|指标值|是多少|达到|人数/.test(text) && !/(什么|啥)(水平|程度|样子?|标准|地步|状态|要求|目标|效果|成效)|怎样的?(水平|程度|要求|目标|效果)/.test(text.replace(/多少|比例|占比/g, "※"))) || classifier !== null,
    target: /目标|要达到|达到多少|到20\d\d|20(2[1-9]|3\d)年|预计|计划|力争|将|要|规划期?末|期末|末期|十四五/.test(text),
    baseline: /十三五|现有|已经|已|目前|现在|现状|过去|此前|基数|基期|原来|取得|成就|2020|2015/.test(text),
    // 哪个处/哪个局 (ending the word: not 哪些办法, 哪个局面) ask for a body of any rank; 归…管 and 打头 ask who leads.
    who: /谁|哪个部门|哪些部门|哪几个部门|几个部门|哪几家|哪个单位|哪些单位|哪几个单位|什么部门|什么机构|哪个机构|负责(?!人)|牵头|打头|主体责任|职责|由.*(统筹|组织|部署|负责)|责任|哪(个|些|几个|家)(处室?|科室?|局|厅|委|办|司)(?=负责|牵头|主管|管|来|的事|[，,。？?]|$)|归[^，。？?]{0,8}管/.test(text),
    list: /哪些|哪几|哪所|哪个学校|有几项|几项|列出|列举|清单|都有什么|包括什么|包括哪|包含|分别/.test(text),
    when: /哪一?年(?!的)|哪(几|两|些)个?年份?|什么时候|啥时候|何时|哪天|几月|什么时间|哪个时间|几号|年份/.test(text),
    how: /怎么|怎样|如何|咋|要求|措施|举措|(干|做|搞)(些|点)?(啥|什么)|打算|落实|落地|解决/.test(text),
  };
  return {
    raw,
    text,
    tokens,
    content: contentTokens(tokens),
    years,
    classifier,
    aspects,
    references: {
      part: ordinalReference(text, "篇"),
      chapter: ordinalReference(text, "章"),
      section: ordinalReference(text, "节"),
      box: boxNumber === null ? null : `专栏${boxNumber}`,
    },
  };
}
