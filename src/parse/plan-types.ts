/**
 * The typed model of a plan document. Everything is readonly: a parsed plan is a value,
 * shared by every answer without copying.
 */

/** Where a passage sits in a plan. Labels are ordinal labels exactly as written ("第二篇"). */
export interface Location {
  /** Document id: the seed file name without extension. */
  readonly doc: string;
  readonly part: string | null;
  readonly chapter: string | null;
  readonly section: string | null;
  /** "专栏5" or null. */
  readonly box: string | null;
  /** The table title (contains 指标体系表) or null. */
  readonly table: string | null;
  /** Full readable path, e.g. "第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育". */
  readonly heading: string;
}

/** One paragraph of plan text, re-joined from broken lines. `text` is verbatim plan text. */
export interface Paragraph {
  readonly id: string;
  readonly text: string;
  readonly location: Location;
  /** Index of the paragraph inside its node (0-based). */
  readonly index: number;
}

export interface Section {
  readonly label: string;
  readonly ordinal: number;
  readonly title: string;
  readonly paragraphs: readonly Paragraph[];
  readonly location: Location;
}

export interface Chapter {
  readonly label: string;
  readonly ordinal: number;
  readonly title: string;
  /** Paragraphs before the first 节 (a 章 may have no 节 at all). */
  readonly paragraphs: readonly Paragraph[];
  readonly sections: readonly Section[];
  readonly location: Location;
}

export interface Part {
  readonly label: string;
  readonly ordinal: number;
  readonly title: string;
  readonly paragraphs: readonly Paragraph[];
  readonly chapters: readonly Chapter[];
  readonly location: Location;
}

/** A 专栏 box. Boxes sit after the body; `chapter` is linked by content. */
export interface Box {
  readonly label: string;
  readonly number: number;
  readonly title: string | null;
  readonly paragraphs: readonly Paragraph[];
  /** The chapter the box belongs to ("第六章"), or null when nothing matched. */
  readonly chapter: string | null;
  readonly part: string | null;
  readonly location: Location;
}

export type ComparisonOperator = "≥" | "≤" | ">" | "<" | "=";

export interface IndicatorValue {
  /** Column year ("2025"), or the column header when it is not a year. */
  readonly year: string;
  /** Cell text exactly as written, e.g. "≥94.0". */
  readonly raw: string;
  readonly operator: ComparisonOperator;
  readonly value: number | null;
}

export type IndicatorAttribute = "预期性" | "约束性";

export interface Indicator {
  readonly id: string;
  readonly doc: string;
  readonly category: string;
  readonly name: string;
  /** Parent row name for sub-rows ("其中：普通小学" → "在校学生数"). */
  readonly parent: string | null;
  readonly unit: string | null;
  readonly values: readonly IndicatorValue[];
  readonly attribute: IndicatorAttribute | null;
  /** Verbatim row text from the name cell to the attribute cell (cells joined by spaces when the table has one cell per line). */
  readonly quote: string;
  readonly location: Location;
}

export interface IndicatorTable {
  readonly title: string;
  readonly years: readonly string[];
  readonly rows: readonly Indicator[];
  readonly location: Location;
}

export interface PlanMetadata {
  readonly title: string;
  /** Issuing body, e.g. 重庆市梁平区人民政府. */
  readonly issuer: string | null;
  /** 文号, e.g. 梁平府发〔2021〕17号. */
  readonly documentNumber: string | null;
  /** Date as written, e.g. 2021年12月24日. */
  readonly date: string | null;
  /** ISO date (2021-12-24) or null. */
  readonly isoDate: string | null;
  /** District named in the title, e.g. 梁平区. */
  readonly district: string | null;
  /** Plan period, e.g. { from: 2021, to: 2025 }. */
  readonly period: { readonly from: number; readonly to: number } | null;
}

export interface Plan {
  readonly doc: string;
  readonly metadata: PlanMetadata;
  /** Notice and preamble paragraphs before the first heading. */
  readonly preamble: readonly Paragraph[];
  readonly parts: readonly Part[];
  /** Chapters in document order (also reachable through parts). */
  readonly chapters: readonly Chapter[];
  readonly boxes: readonly Box[];
  readonly tables: readonly IndicatorTable[];
  /** Every paragraph in document order, boxes last. */
  readonly paragraphs: readonly Paragraph[];
  /** Parser warnings (no headings found, unparsed table rows…). */
  readonly warnings: readonly string[];
}
