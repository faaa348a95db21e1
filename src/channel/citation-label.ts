import type { Citation } from "../answer/answer-schema.js";
/** Characters of a short quote in a citation line, on every channel. */
export const QUOTE_CHARACTERS = 60;

/**
 * Where a citation points, the way a reader of the plan says it: "指标表 · <table title>",
 * "专栏2（第七章）", or the 篇 › 章 › 节 path.
 */
export function citationLabel(citation: Citation): string {
  if (citation.table) return `指标表 · ${citation.table}`;
  if (citation.box) return citation.chapter ? `${citation.box}（${citation.chapter}）` : citation.box;
  if (citation.heading.trim().length > 0) return citation.heading.trim();
  const path = [citation.part, citation.chapter, citation.section].filter((label): label is string => Boolean(label));
  return path.length > 0 ? path.join(" › ") : citation.doc;
}

/** A few characters naming where a citation points, for a button: "指标表", "专栏2", "第七章第四节". */
export function citationShortLabel(citation: Citation): string {
  if (citation.table) return "指标表";
  if (citation.box) return citation.box;
  const path = [citation.chapter ?? citation.part, citation.section].filter((label): label is string => Boolean(label)).join("");
  return path || "原文";
}

/** Citations that point at the same place (the same text behind "查看原文") share this key. */
export function citationPlaceKey(citation: Citation): string {
  return JSON.stringify([citation.doc, citation.part, citation.chapter, citation.section, citation.box, citation.table]);
}

/** A short verbatim quote: whitespace collapsed, cut with "…" past `maxLength` characters. */
export function shortQuote(quote: string, maxLength: number = QUOTE_CHARACTERS): string {
  const collapsed = quote.replace(/\s+/g, " ").trim();
  const characters = Array.from(collapsed);
  return characters.length <= maxLength ? collapsed : `${characters.slice(0, maxLength).join("")}…`;
}
