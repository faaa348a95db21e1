/**
 * Word's automatic numbering (第一章, 一、, （一）, 1.1 as list numbers) is not text in the file: it lives in
 * word/numbering.xml and Word draws it. This module works the numbers out the way Word counts them, so
 * the converted text says "第一章 总则" where the file holds only "总则" with a list reference.
 */

/** One level of a numbering definition (w:abstractNum/w:lvl). */
interface NumberingLevel {
  readonly start: number;
  /** w:numFmt: decimal, chineseCounting, ideographTraditional, bullet… */
  readonly format: string;
  /** w:lvlText: "第%1章", "%1、", "（%1）", "%1.%2" */
  readonly text: string;
  /** w:suff: what Word puts between the number and the text. */
  readonly suffix: "tab" | "space" | "nothing";
  /** w:isLgl: every level's number shown in decimal. */
  readonly legal: boolean;
}

/** The numbering definitions of one document. */
export interface WordNumbering {
  readonly abstractLevels: ReadonlyMap<string, ReadonlyMap<string, NumberingLevel>>;
  /** numId → its abstract numbering and its per-level start overrides. */
  readonly nums: ReadonlyMap<string, { readonly abstractId: string; readonly startOverrides: ReadonlyMap<string, number> }>;
  /** Paragraph style id → the (abstract id, level) that names it in w:pStyle. */
  readonly levelOfStyle: ReadonlyMap<string, { readonly abstractId: string; readonly level: string }>;
  /** Abstract numberings that link to a numbering style (w:numStyleLink), which this module does not follow. */
  readonly hasStyleLinks: boolean;
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
/** The w:val of the first `<element …>` in `xml`. */
const valueOf = (xml: string, element: string): string | undefined => {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0];
  return tag === undefined ? undefined : attribute(tag, "w:val");
};

/** Reads word/numbering.xml (abstract numberings, their levels, and the w:num instances over them). */
export function readWordNumbering(numberingXml: string): WordNumbering {
  const abstractLevels = new Map<string, Map<string, NumberingLevel>>();
  const levelOfStyle = new Map<string, { abstractId: string; level: string }>();
  let hasStyleLinks = false;
  for (const [, openTag = "", body = ""] of numberingXml.matchAll(/(<w:abstractNum\b[^>]*>)([\s\S]*?)<\/w:abstractNum>/g)) {
    const abstractId = attribute(openTag, "w:abstractNumId") ?? "";
    if (/<w:numStyleLink\b/.test(body)) hasStyleLinks = true;
    const levels = new Map<string, NumberingLevel>();
    for (const [, levelTag = "", levelBody = ""] of body.matchAll(/(<w:lvl\b[^>]*>)([\s\S]*?)<\/w:lvl>/g)) {
      const level = attribute(levelTag, "w:ilvl") ?? "0";
      const suffix = valueOf(levelBody, "w:suff");
      levels.set(level, {
        start: Number(valueOf(levelBody, "w:start") ?? "1"),
        format: valueOf(levelBody, "w:numFmt") ?? "decimal",
        text: valueOf(levelBody, "w:lvlText") ?? "",
        suffix: suffix === "space" || suffix === "nothing" ? suffix : "tab",
        legal: /<w:isLgl\b(?![^>]*w:val="(0|false)")/.test(levelBody),
      });
      const style = valueOf(levelBody, "w:pStyle");
      // The last level naming a style wins, as in mammoth.
      if (style !== undefined) levelOfStyle.set(style, { abstractId, level });
    }
    abstractLevels.set(abstractId, levels);
  }
  const nums = new Map<string, { abstractId: string; startOverrides: Map<string, number> }>();
  for (const [, openTag = "", body = ""] of numberingXml.matchAll(/(<w:num\b[^>]*>)([\s\S]*?)<\/w:num>/g)) {
    const startOverrides = new Map<string, number>();
    for (const [, overrideTag = "", overrideBody = ""] of body.matchAll(/(<w:lvlOverride\b[^>]*>)([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = valueOf(overrideBody, "w:startOverride");
      if (start !== undefined) startOverrides.set(attribute(overrideTag, "w:ilvl") ?? "0", Number(start));
    }
    nums.set(attribute(openTag, "w:numId") ?? "", { abstractId: valueOf(body, "w:abstractNumId") ?? "", startOverrides });
  }
  return { abstractLevels, nums, levelOfStyle, hasStyleLinks };
}

const CHINESE_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const HEAVENLY_STEMS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
const ROMAN: readonly [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999; beyond, Arabic digits). */
function chineseCounting(value: number): string {
  if (value <= 0 || value >= 10_000) return String(value);
  if (value < 10) return CHINESE_DIGITS[value]!;
  if (value < 20) return `十${value % 10 === 0 ? "" : CHINESE_DIGITS[value % 10]}`;
  const units: [number, string][] = [[1000, "千"], [100, "百"], [10, "十"], [1, ""]];
  let text = "";
  let pendingZero = false;
  for (const [size, name] of units) {
    const digit = Math.floor(value / size) % 10;
    if (digit === 0) {
      if (text.length > 0) pendingZero = true;
      continue;
    }
    text += `${pendingZero ? "零" : ""}${CHINESE_DIGITS[digit]}${name}`;
    pendingZero = false;
  }
  return text;
}

function letters(value: number, base: string): string {
  if (value <= 0) return String(value);
  // Word repeats the letter: 27 → AA, 28 → BB.
  return String.fromCharCode(base.charCodeAt(0) + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
}

/** A counter in a w:numFmt ("chineseCounting", 3 → "三"); unknown formats give Arabic digits. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographDigital":
      return chineseCounting(value);
    case "ideographTraditional":
      return value >= 1 && value <= 10 ? HEAVENLY_STEMS[value - 1]! : String(value);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2460 + value - 1) : String(value);
    case "decimalEnclosedParen":
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2474 + value - 1) : `(${value})`;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(value).replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    case "decimalZero":
      return String(value).padStart(2, "0");
    case "upperLetter":
      return letters(value, "A");
    case "lowerLetter":
      return letters(value, "a");
    case "upperRoman":
    case "lowerRoman": {
      let rest = value;
      let text = "";
      for (const [size, numeral] of ROMAN) while (rest >= size) (text += numeral), (rest -= size);
      return format === "lowerRoman" ? text.toLowerCase() : text;
    }
    case "bullet":
    case "none":
      return "";
    default:
      return String(value);
  }
}

/** A paragraph's numbering reference as mammoth reads it: w:numPr (ilvl, numId) and w:pStyle. */
export interface ParagraphNumbering {
  readonly numId?: string;
  readonly level?: string;
  readonly styleId?: string;
}

/**
 * Counts like Word: one counter per level of each list (numbers that share an abstract numbering share
 * counters, unless the w:num restarts them), a level's counter restarting whenever a shallower level moves.
 */
export function createNumberer(numbering: WordNumbering): (paragraph: ParagraphNumbering) => { readonly numbered: boolean; readonly label: string } {
  const counters = new Map<string, Map<string, number>>();
  const startedNums = new Set<string>();
  return ({ numId, level, styleId }) => {
    // Mammoth's rule: numPr with both ilvl and numId; else the level whose w:pStyle is the paragraph's style; else numId at level 0.
    let abstractId: string | undefined;
    let levelId: string | undefined;
    let num: { readonly abstractId: string; readonly startOverrides: ReadonlyMap<string, number> } | undefined;
    const byStyle = styleId === undefined ? undefined : numbering.levelOfStyle.get(styleId);
    if (numId !== undefined && level !== undefined) {
      num = numbering.nums.get(numId);
      abstractId = num?.abstractId;
      levelId = level;
    } else if (byStyle) {
      abstractId = byStyle.abstractId;
      levelId = byStyle.level;
    } else if (numId !== undefined) {
      num = numbering.nums.get(numId);
      abstractId = num?.abstractId;
      levelId = "0";
    }
    const levels = abstractId === undefined ? undefined : numbering.abstractLevels.get(abstractId);
    const definition = levelId === undefined ? undefined : levels?.get(levelId);
    if (!levels || !definition || levelId === undefined || abstractId === undefined) return { numbered: false, label: "" };
    const counterKey = num && num.startOverrides.size > 0 ? `num:${numId}` : `abstract:${abstractId}`;
    const levelCounters = counters.get(counterKey) ?? new Map<string, number>();
    counters.set(counterKey, levelCounters);
    if (num && numId !== undefined && !startedNums.has(numId)) {
      startedNums.add(numId);
      for (const [overridden, start] of num.startOverrides) levelCounters.set(overridden, start - 1);
    }
    const depth = Number(levelId);
    levelCounters.set(levelId, (levelCounters.get(levelId) ?? definition.start - 1) + 1);
    for (const other of [...levelCounters.keys()]) if (Number(other) > depth) levelCounters.delete(other);
    if (definition.format === "bullet" || definition.format === "none") return { numbered: true, label: "" };
    const label = definition.text.replace(/%(\d)/g, (_, index: string) => {
      const referenced = String(Number(index) - 1);
      const referencedLevel = levels.get(referenced);
      const value = levelCounters.get(referenced) ?? referencedLevel?.start ?? 1;
      return formatNumber(value, definition.legal ? "decimal" : (referencedLevel?.format ?? "decimal"));
    });
    return { numbered: true, label: label.length === 0 ? "" : `${label}${definition.suffix === "nothing" ? "" : " "}` };
  };
}

/**
 * The numbering reference of every paragraph of word/document.xml, in document order, read as mammoth
 * reads them (the w:pPr's own w:numPr and w:pStyle; mc:Choice alternatives skipped, as mammoth takes
 * mc:Fallback). Paragraphs without either give an empty object.
 */
export function readParagraphNumberings(documentXml: string): ParagraphNumbering[] {
  // Tracked changes keep the old paragraph properties (a w:pPr) inside w:pPrChange: they are not the paragraph's.
  const xml = documentXml.replace(/<mc:Choice\b[\s\S]*?<\/mc:Choice>/g, "").replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, "");
  const paragraphs: ParagraphNumbering[] = [];
  for (const match of xml.matchAll(/<w:p\b(?![A-Za-z])[^>]*?(\/?)>/g)) {
    if (match[1] === "/") {
      paragraphs.push({});
      continue;
    }
    const rest = xml.slice((match.index ?? 0) + match[0].length);
    const properties = /^\s*<w:pPr\b[^>]*>([\s\S]*?)<\/w:pPr>/.exec(rest)?.[1];
    if (properties === undefined) {
      paragraphs.push({});
      continue;
    }
    // Only the pPr's own children count, not the paragraph mark's run properties.
    const own = properties.replace(/<w:rPr\b[\s\S]*?<\/w:rPr>/g, "");
    const numberingProperties = /<w:numPr\b[^>]*>([\s\S]*?)<\/w:numPr>/.exec(own)?.[1];
    const numId = numberingProperties === undefined ? undefined : valueOf(numberingProperties, "w:numId");
    const level = numberingProperties === undefined ? undefined : valueOf(numberingProperties, "w:ilvl");
    const styleId = valueOf(own, "w:pStyle");
    paragraphs.push({ ...(numId === undefined ? {} : { numId }), ...(level === undefined ? {} : { level }), ...(styleId === undefined ? {} : { styleId }) });
  }
  return paragraphs;
}

/**
 * The number Word shows before each numbered paragraph, in document order ("第一章 ", "（一）", "" for a
 * bullet), one entry per paragraph that mammoth reads as numbered; null when the numbering cannot be
 * worked out (numbering styles linked by w:numStyleLink).
 */
export function wordNumberLabels(documentXml: string, numberingXml: string): string[] | null {
  const numbering = readWordNumbering(numberingXml);
  if (numbering.hasStyleLinks) return null;
  const numberer = createNumberer(numbering);
  const labels: string[] = [];
  for (const paragraph of readParagraphNumberings(documentXml)) {
    if (paragraph.numId === "0" && paragraph.level !== undefined) continue; // numbering switched off
    const { numbered, label } = numberer(paragraph);
    if (numbered) labels.push(label);
  }
  return labels;
}
