import * as OpenCC from "opencc-js";
import { normalizeChineseYears } from "./chinese-numerals.js";

let traditionalToSimplified: ((text: string) => string) | null = null;
const simplifiedByCharacter = new Map<string, string>();

/**
 * Traditional → simplified with OpenCC's tables, character by character (each character converted
 * once and remembered). Matching needs the same form for documents and questions, not OpenCC's
 * phrase-level choices, and this keeps normalising a 100-plan corpus cheap.
 */
function toSimplified(text: string): string {
  const convert = (traditionalToSimplified ??= OpenCC.Converter({ from: "t", to: "cn" }));
  let result = "";
  for (const character of text) {
    let simplified = simplifiedByCharacter.get(character);
    if (simplified === undefined) {
      const converted: string = /[\u3400-\u9fff]/.test(character) ? convert(character) : character;
      simplifiedByCharacter.set(character, converted);
      simplified = converted;
    }
    result += simplified;
  }
  return result;
}

// Control characters (C0/C1) except tab and newline, and zero-width/bidi marks.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * Matching form of a text, applied identically to documents and questions:
 * NFKC (full-width digits, letters and punctuation to half-width), traditional → simplified,
 * Chinese-digit years to Arabic, lower case, control characters removed.
 * Never used for quotes: quotes stay verbatim.
 */
export function normalizeForMatch(text: string): string {
  let result = text.replace(CONTROL, "").normalize("NFKC");
  result = result.replace(/﹪/g, "%").replace(/[“”„‟]/g, '"').replace(/[‘’]/g, "'");
  if (/[\u3400-\u9fff]/.test(result)) result = toSimplified(result);
  result = normalizeChineseYears(result);
  return result.toLowerCase();
}

/** Removes all whitespace: the form used to compare quotes with plan text. */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, "");
}

/** Removes control characters and collapses whitespace; keeps the characters the user typed. */
export function cleanUserText(text: string): string {
  return text.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}
