import type { Location, Paragraph, Plan } from "../parse/plan-types.js";
import { fivePeriodName } from "../text/five-year-periods.js";
import { splitClauses, splitSentences } from "../text/split-sentences.js";

/** When a stated figure holds: already achieved (baseline chapters) or a target of the plan. */
export type FactPeriod = "past" | "target" | "context";

/** A quantity stated in prose or a box, with where it was said. */
export interface Fact {
  readonly id: string;
  readonly doc: string;
  readonly location: Location;
  readonly paragraphId: string;
  /** Verbatim sentence holding the figure. */
  readonly sentence: string;
  /** Verbatim clause holding the figure. */
  readonly clause: string;
  /** Clause text without the figure: what the figure counts. */
  readonly subject: string;
  /** The verbatim 、-separated item holding the figure ("特殊教育学校1所"), for focused answers. */
  readonly item: string;
  /** The figure exactly as written, e.g. "1140名", "84.03亿元", "55%". */
  readonly valueText: string;
  readonly value: number;
  /** Unit as written after the number, e.g. 名, 亿元, %, 万人次. */
  readonly unit: string;
  /** "≥" when the text says 以上/不少于/不低于/至少, "≤" for 以内/不超过, "~" for 近/约, else "=". */
  readonly qualifier: "=" | "≥" | "≤" | "~" | ">";
  readonly period: FactPeriod;
  /** A year named in the same sentence (2016年至2020年 → 2020), or null. */
  readonly year: number | null;
  /** True when the figure only qualifies a noun (人口超过3万人的乡镇) rather than stating a fact. */
  readonly attributive: boolean;
}

/** Measure words a figure may carry after a magnitude (万/亿): 45亿亩, 3万家, 10万架, 100万吨. */
// Not 家/户/种/条: 万家庭, 万户籍 and 万种子 are words, not counts.
const SCALED_UNITS = ["亩", "公顷", "台", "套", "架", "吨", "千瓦", "公里", "平方公里", "件", "座", "册", "张"];
const UNITS = [
  "万人次", "人次", "万人", "亿元", "万元", "元", "万个", "万m2", "万平方米", "平方米", "m2", "个百分点", "百分点",
  ...SCALED_UNITS.flatMap((unit) => [`亿${unit}`, `万${unit}`]),
  "%", "﹪", "％", "所", "名", "人", "个", "间", "台", "门", "项", "件", "学时", "年", "次", "批", "家", "支", "套", "亩", "公顷", "倍", "万",
];
const QUANTITY = new RegExp(
  `(近|约|超过|不少于|不低于|至少|达到|达)?(\\d+(?:\\.\\d+)?)(?:[—\\-–至~](\\d+(?:\\.\\d+)?))?(余|多)?(${UNITS.map((unit) => unit.replace(/[.*+?^${}()|[\]\\%]/g, "\\$&")).join("|")})(以上|以内|以下|左右)?`,
  "g",
);

function periodOf(plan: Plan, location: Location): FactPeriod {
  const chapter = plan.chapters.find((candidate) => candidate.label === location.chapter);
  if (location.box) return "target";
  if (!chapter) return "context";
  // Baseline units review the previous period ("十三五"发展成就); everything after states targets. The unit
  // may sit at any depth (第一章 in one layout, 一、（一） in another): the nearest titled unit decides.
  // The period before the plan's own (十三五 for a 2021—2025 plan); 十三五 when the period is unknown.
  const from = plan.metadata.period?.from;
  const previous = from ? fivePeriodName(from - 5) : "十三五";
  const titles = [...(location.path ?? []).map((step) => step.title).reverse(), chapter.title];
  for (const title of titles) {
    if (/成就|回顾|现状/.test(title) || (previous !== null && title.includes(previous))) return "past";
    if (/形势|挑战/.test(title)) return "context";
  }
  return "target";
}


function qualifierOf(prefix: string | undefined, suffix: string | undefined, approx: string | undefined): Fact["qualifier"] {
  if (suffix === "以上" || prefix === "不少于" || prefix === "不低于" || prefix === "至少") return "≥";
  if (suffix === "以内" || suffix === "以下") return "≤";
  if (prefix === "超过") return ">";
  if (prefix === "近" || prefix === "约" || approx || suffix === "左右") return "~";
  return "=";
}

function yearOf(sentence: string): number | null {
  const years = [...sentence.matchAll(/(19|20)\d{2}(?=年)/g)].map((match) => Number(match[0]));
  return years.length > 0 ? Math.max(...years) : null;
}

/**
 * What a figure counts: the 、-separated item holding it ("区级骨干教师700名"), prefixed with the
 * clause's leading verb when the item is not the first ("新培养" + "区级骨干教师").
 */
function subjectOf(clause: string, start: number, length: number): string {
  const { body, itemStart, itemEnd } = itemBounds(clause, start, length);
  const item = (body.slice(itemStart, start) + body.slice(start + length, itemEnd)).trim();
  if (itemStart === 0) return item;
  const leadingVerb = /^[\u4e00-\u9fa5]*?(新增|新培养|培养|补充|建设|建成|新建|续建|迁建|改扩建|创建|完成|升级改造|更新|设立|开设|培育|交流|现有|增加|减少)/.exec(body)?.[0] ?? "";
  return `${leadingVerb}${item}`;
}

/** The verbatim 、-separated item of a clause that holds the figure at `start`. */
function itemOf(clause: string, start: number, length: number): string {
  const { body, itemStart, itemEnd } = itemBounds(clause, start, length);
  return body.slice(itemStart, itemEnd).replace(/^(其中[：:])/, "").trim();
}

/** What separates the items of a list: 、, or 及/以及/和/与 before the next figure ("150个以上示范街道及 50个以上示范基地"). */
const ITEM_SEPARATOR = /、|\s*(?:以及|及|和|与)\s*(?=\d)/g;

/** Where the item holding the figure at `start` begins and ends in the clause body (see ITEM_SEPARATOR). */
function itemBounds(clause: string, start: number, length: number): { body: string; itemStart: number; itemEnd: number } {
  const body = clause.replace(/[，,。；;：:]$/, "");
  let itemStart = 0;
  let itemEnd = body.length;
  for (const separator of body.matchAll(ITEM_SEPARATOR)) {
    const at = separator.index ?? 0;
    if (at + separator[0].length <= start) itemStart = at + separator[0].length;
    else if (at >= start + length) {
      itemEnd = at;
      break;
    }
  }
  return { body, itemStart, itemEnd };
}

/** Extracts the quantities stated in one paragraph. */
export function extractParagraphFacts(plan: Plan, paragraph: Paragraph, period: FactPeriod): Fact[] {
  const facts: Fact[] = [];
  for (const sentence of splitSentences(paragraph.text)) {
    const year = yearOf(sentence.text);
    let previousSubject = "";
    for (const clause of splitClauses(sentence.text)) {
      for (const match of clause.text.matchAll(QUANTITY)) {
        const [whole, prefix, first, , approx, unit, suffix] = match;
        const value = Number(first);
        const start = match.index ?? 0;
        // A four-digit year followed by 年 is a date, not a quantity.
        if (unit === "年" && /^(19|20)\d{2}$/.test(first ?? "")) continue;
        // "第14个" ordinals and "1+5" code names are not quantities.
        if (clause.text[start - 1] === "第" || clause.text[start - 1] === "+") continue;
        const after = clause.text.slice(start + whole.length);
        // "人口超过3万人的乡镇": a condition on a noun, not a figure of the plan; "不少于360学时的全员培训"
        // states a requirement and "按10%的比例" a rate, so only condition words make a figure attributive.
        const attributive = /^的/.test(after) && !/^的(比例|标准)/.test(after) && (/^(超过|达到|达|高于|低于|不足)$/.test(prefix ?? "") || /^(以上|以下)$/.test(suffix ?? ""));
        const leading = prefix && !/达/.test(prefix) ? prefix : "";
        const valueText = `${leading}${whole.slice(prefix?.length ?? 0)}`;
        let subject = subjectOf(clause.text, start, whole.length);
        // "农村教师876名，占76.8%": a bare share or total takes its subject from the clause before.
        if (previousSubject && /^(其中)?(占|占比|约占|共|合计|累计|达|达到|为)?$/.test(subject)) subject = `${previousSubject}${/占/.test(subject) ? "占比" : subject}`;
        previousSubject = subject;
        facts.push({
          id: `${paragraph.id}:f${facts.length}`,
          doc: plan.doc,
          location: paragraph.location,
          paragraphId: paragraph.id,
          sentence: sentence.text,
          clause: clause.text.replace(/[，,；;：:。]$/, ""),
          subject,
          item: itemOf(clause.text, start, whole.length),
          valueText,
          value,
          unit: unit === "﹪" || unit === "％" ? "%" : unit ?? "",
          // "至少开展1次", "不少于5名": a bound a few characters before the figure still bounds it.
          qualifier: qualifierOf(prefix ?? /(至少|不少于|不低于)[\u4e00-\u9fa5]{0,3}$/.exec(clause.text.slice(Math.max(0, start - 6), start))?.[1], suffix, approx),
          period,
          year,
          attributive,
        });
      }
    }
  }
  return facts;
}

/** Every quantity stated in the plan's prose and boxes (the indicator table is separate). */
export function extractFacts(plan: Plan): Fact[] {
  return plan.paragraphs
    .filter((paragraph) => paragraph.location.part !== null || paragraph.location.box !== null || paragraph.location.chapter !== null)
    .flatMap((paragraph) => extractParagraphFacts(plan, paragraph, periodOf(plan, paragraph.location)));
}
