import { chineseNumeralValue } from "../text/chinese-numerals.js";
import type { HeadingStyle } from "./plan-types.js";

/** A line that may open an outline unit, before the document's own grammar accepts it. */
export interface HeadingCandidate {
  readonly style: HeadingStyle;
  /** Label as written, spaces removed and full-width digits made ASCII: "第三章", "三、", "（二）", "1.". */
  readonly label: string;
  readonly ordinal: number;
  readonly title: string;
  /** Text after a run-in title ("（一）指导思想。坚持…" → "坚持…"); empty for a standalone heading. */
  readonly rest: string;
  readonly runIn: boolean;
}

const CN = "[一二三四五六七八九十百零〇两]+";
const DIGITS = "[0-9０-９]+";

/**
 * Heading styles, strongest first. Strong styles (第X篇/章/节, 一、, （一）) are outline headings
 * whenever their title reads as one; weak ones (1. （1） ①) also number list items, so they must run
 * in with a short title or stand alone as one.
 */
const STYLES: readonly { readonly style: HeadingStyle; readonly pattern: RegExp; readonly strong: boolean }[] = [
  { style: "part", pattern: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*(篇|部分)`), strong: true },
  { style: "chapter", pattern: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*章`), strong: true },
  { style: "section", pattern: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*节`), strong: true },
  { style: "appendix", pattern: new RegExp(`^附\\s*件\\s*(${DIGITS}|${CN})?(?=[\\s:：]|$)`), strong: true },
  { style: "cn-enum", pattern: new RegExp(`^(${CN})\\s*、`), strong: true },
  { style: "paren-cn", pattern: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]`), strong: true },
  { style: "paren-arabic", pattern: new RegExp(`^[（(]\\s*(${DIGITS})\\s*[）)]`), strong: false },
  { style: "arabic", pattern: new RegExp(`^(${DIGITS})\\s*[.．、](?![0-9０-９])`), strong: false },
  { style: "circled", pattern: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/, strong: false },
];

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** Longest standalone heading title, and longest run-in title before its 。/：. */
const MAX_TITLE = 50;
const MAX_RUN_IN_TITLE = 40;

export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

function ordinalOf(token: string | undefined, style: HeadingStyle): number | null {
  if (style === "appendix" && !token) return 1;
  if (!token) return null;
  if (style === "circled") return CIRCLED.indexOf(token) + 1;
  const ascii = toAsciiDigits(token);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return chineseNumeralValue(token.replace(/两/g, "二"));
}

/** The label as written, spaces removed: "第 一 章" → "第一章", "第１章" → "第1章". */
function labelOf(matched: string): string {
  return toAsciiDigits(matched.replace(/[\s\u3000]+/g, ""));
}

/**
 * Reads a trimmed line as a heading candidate, or null. A title ends at the first 。/：/; when
 * text follows (run-in); a standalone heading is short and holds no sentence inside it.
 */
export function readHeading(line: string): HeadingCandidate | null {
  for (const { style, pattern, strong } of STYLES) {
    const match = pattern.exec(line);
    if (!match) continue;
    const ordinal = ordinalOf(match[1], style);
    if (ordinal === null || ordinal <= 0) return null;
    const label = labelOf(match[0]);
    let after = line.slice(match[0].length).replace(/^[\s\u3000]+/, "");
    // "第一章、总体要求", "附件：" — a separator after the label is not part of the title.
    if (/^(篇|部分|章|节|附件)/.test(style === "appendix" ? "附件" : label.slice(-1)) || style === "appendix") after = after.replace(/^[、.．:：]\s*/, "");
    if (after.length === 0) return style === "appendix" || style === "part" || style === "chapter" || style === "section" ? { style, label, ordinal, title: "", rest: "", runIn: false } : null;
    const stop = /[。：:；;！？!?]/.exec(after);
    if (stop && stop.index + 1 < after.length) {
      // Run-in: a short title, then the body.
      const title = after.slice(0, stop.index).trim();
      const rest = after.slice(stop.index + 1).trim();
      if (title.length === 0 || title.length > MAX_RUN_IN_TITLE || /[，,、]/.test(title) && title.length > 30) return null;
      return { style, label, ordinal, title, rest, runIn: true };
    }
    // Standalone: the whole line is the title (a final 。 dropped).
    const title = after.replace(/[。；;：:]$/, "").trim();
    if (title.length === 0 || title.length > MAX_TITLE) return null;
    // A weak-style line ending in a sentence without a title-like head is a list item.
    if (!strong && title.length > MAX_RUN_IN_TITLE) return null;
    return { style, label, ordinal, title, rest: "", runIn: false };
  }
  return null;
}

/** Styles whose place in the hierarchy is fixed: 篇 above 章 above 节. */
export const FIXED_RANK: Partial<Record<HeadingStyle, number>> = { part: 0, chapter: 1, section: 2 };

/** Strong styles open outline units wherever they appear; weak ones need a short title. */
export function isStrongStyle(style: HeadingStyle): boolean {
  return STYLES.find((entry) => entry.style === style)?.strong ?? false;
}
