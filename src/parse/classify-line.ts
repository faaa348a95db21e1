import { chineseNumeralValue } from "../text/chinese-numerals.js";

export type HeadingLevel = "part" | "chapter" | "section";

export type LineKind =
  | { readonly kind: "blank" }
  | { readonly kind: "heading"; readonly level: HeadingLevel; readonly label: string; readonly ordinal: number; readonly title: string }
  | { readonly kind: "box"; readonly label: string; readonly number: number; readonly title: string | null }
  | { readonly kind: "table-title"; readonly title: string }
  | { readonly kind: "print-line"; readonly office: string; readonly date: string }
  | { readonly kind: "text"; readonly text: string };

const NUMERAL = "[一二三四五六七八九十百零〇]+";
const LEVEL_BY_CHAR: Record<string, HeadingLevel> = { 篇: "part", 章: "chapter", 节: "section" };
const HEADING = new RegExp(`^(第(${NUMERAL})([篇章节]))(?:[\\s\\u3000]+|[、.．:：])?(.*)$`);
const BOX = /^专栏\s*([0-9０-９]+|[一二三四五六七八九十]+)(?:[\s\u3000:：、.．]+(.*))?$/;
const PRINT_LINE = /^(\S.*?(?:办公室|人民政府|委员会))[\s\u3000]+(\d{4}年\d{1,2}月\d{1,2}日)印发$/;

function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** A heading title is short and is not a sentence. */
function looksLikeTitle(title: string): boolean {
  return title.length > 0 && title.length <= 40 && !/[。；！？]/.test(title);
}

/** A line that names the indicator table (for example 梁平区教育事业发展“十四五”规划指标体系表). */
export function isTableTitle(line: string): boolean {
  return line.length <= 60 && !/[。；，]/.test(line) && /(指标体系表|主要指标表|指标表|发展指标|主要指标)$/.test(line);
}

/**
 * Classifies one trimmed line of a plan text. Headings follow the 篇/章/节 convention
 * ("第二篇  总体思路"); a 专栏 box starts with a line "专栏N".
 */
export function classifyLine(rawLine: string): LineKind {
  const line = rawLine.trim();
  if (line.length === 0) return { kind: "blank" };
  const heading = HEADING.exec(line);
  if (heading) {
    const [, label, numeral, levelChar, rest] = heading;
    const ordinal = chineseNumeralValue(numeral ?? "");
    const title = (rest ?? "").trim();
    const level = LEVEL_BY_CHAR[levelChar ?? ""];
    if (level && ordinal !== null && looksLikeTitle(title)) {
      return { kind: "heading", level, label: label ?? "", ordinal, title };
    }
  }
  const box = BOX.exec(line);
  if (box) {
    const token = toHalfWidthDigits(box[1] ?? "");
    const number = /^\d+$/.test(token) ? Number(token) : chineseNumeralValue(token);
    if (number !== null) return { kind: "box", label: `专栏${number}`, number, title: box[2]?.trim() || null };
  }
  if (isTableTitle(line)) return { kind: "table-title", title: line };
  const printLine = PRINT_LINE.exec(line);
  if (printLine) return { kind: "print-line", office: printLine[1] ?? "", date: printLine[2] ?? "" };
  return { kind: "text", text: line };
}
