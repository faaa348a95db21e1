/**
 * The typed model of a plan document. Everything is readonly: a parsed plan is a value,
 * shared by every answer without copying.
 */

/** One unit of a location path, as the document labels it: { label: "三、", title: "主要任务" }. */
export interface LocationStep {
  readonly label: string;
  readonly title: string;
}

/**
 * Where a passage sits in a plan. `path` is the chain of units exactly as this document labels
 * them (第二篇 › 第五章, or 三、 › （二） › 1.); `part`/`chapter`/`section` are the same units
 * mapped to citation levels by depth (see parse-plan.ts: a 篇/部分 level is `part`, the next
 * level `chapter`, the next `section`; deeper units appear only in `path`).
 */
export interface Location {
  /** Document id: the seed file name without extension. */
  readonly doc: string;
  /** Outline units from the top, then the box or table when the passage is in one. */
  readonly path: readonly LocationStep[];
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
  /**
   * Offsets in `text` where it stops being one verbatim run of the source file (whitespace aside):
   * a page number or running header was removed there. A quote is split at these offsets, so it
   * never carries the page number and every piece is the plan's own words. Absent when none.
   */
  readonly breaks?: readonly number[];
}

/** How a heading is numbered: 第X篇/部分, 第X章, 第X节, 一、, （一）, 1., （1）, ①, 附件. */
export type HeadingStyle = "part" | "chapter" | "section" | "cn-enum" | "paren-cn" | "arabic" | "paren-arabic" | "circled" | "appendix";

/** The citation level a heading level maps to (null: deeper than 节-level, shown only in paths). */
export type HeadingRole = "part" | "chapter" | "section" | null;

/** A unit of the outline at any depth, with the text before its first child. */
export interface OutlineNode {
  /** Label as written without spaces: "第三章", "三、", "（二）", "1.". */
  readonly label: string;
  readonly ordinal: number;
  readonly title: string;
  readonly style: HeadingStyle;
  /** 1 for the top level of this document. */
  readonly depth: number;
  readonly role: HeadingRole;
  /** The heading ran into its first sentence ("（一）指导思想。坚持…"). */
  readonly runIn: boolean;
  /** Offsets in `title` where the source had a page number or running header removed (see Paragraph.breaks). */
  readonly titleBreaks?: readonly number[];
  readonly paragraphs: readonly Paragraph[];
  readonly children: readonly OutlineNode[];
  readonly location: Location;
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
  /** "专栏5", "专栏一", "任务专栏3": the label as written (full-width digits read as ASCII); an unnumbered box gets its number in order. */
  readonly label: string;
  /** The box's heading line exactly as written ("专栏一 智慧健养老产品供给工程"), for quotes. */
  readonly heading: string;
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

/** Administrative level of the issuing body. */
export type IssuerLevel = "国家" | "省" | "市" | "区县";

export interface PlanMetadata {
  readonly title: string;
  /** True when the title was read from the text; false when it falls back to the file name. */
  readonly titleFromText: boolean;
  /** Level of the issuer (国家/省/市/区县), from the issuer's or the title's place name. */
  readonly level: IssuerLevel | null;
  /** Province, city or county named by the title or issuer, e.g. 山东省, 济南市, 梁平区. */
  readonly place: string | null;
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
  /** The outline as the document writes it: top-level units with their children. */
  readonly outline: readonly OutlineNode[];
  /** Views of the outline by citation level (part/chapter/section roles). */
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
