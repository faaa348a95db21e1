/**
 * Text as it comes out of PDFs and word processors, made into plan lines: page numbers and running
 * headers removed, spaces that extraction put between CJK characters collapsed. Nothing else is
 * rewritten, so every quote stays the plan's own words (verbatim up to whitespace).
 */

/** Lines that are only a page number: — 5 —, - 5 -, 第5页, 第5页 共40页, 5/40, 5 / 40. */
const PAGE_NUMBER = [
  /^[—–\-－一_]{1,3}\s*\d{1,4}\s*[—–\-－一_]{1,3}$/,
  /^第\s*\d{1,4}\s*页(\s*[，,]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^[-－]\s*\d{1,4}$|^\d{1,4}\s*[-－]$/,
];

/** A page break left by a PDF extractor (form feed). */
const PAGE_BREAK = "\f";

function isPageNumber(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 0 && trimmed.length <= 16 && PAGE_NUMBER.some((pattern) => pattern.test(trimmed));
}

/**
 * Bare-integer lines that count pages (2, 3, …, 11 spread over the text) rather than table cells:
 * the longest run of lines whose values rise by one, when it has at least three members and no
 * tab (table cells in word-processor text are tab-led).
 */
function barePageNumbers(lines: readonly string[]): Set<number> {
  const bare: { index: number; value: number }[] = [];
  lines.forEach((line, index) => {
    if (line.startsWith("\t")) return;
    const trimmed = line.trim();
    if (/^\d{1,3}$/.test(trimmed)) bare.push({ index, value: Number(trimmed) });
  });
  let best: number[] = [];
  for (let start = 0; start < bare.length; start += 1) {
    const run = [bare[start]!.index];
    let expected = bare[start]!.value + 1;
    for (let next = start + 1; next < bare.length; next += 1) {
      if (bare[next]!.value === expected) {
        run.push(bare[next]!.index);
        expected += 1;
      }
    }
    if (run.length > best.length) best = run;
  }
  return best.length >= 3 ? new Set(best) : new Set();
}

/**
 * Running headers and footers: short lines repeated at least three times right next to a page
 * break (a form feed or a page-number line). Repetition alone is not enough: a table repeats 预期性.
 */
function runningLines(lines: readonly string[], pageLines: ReadonlySet<number>): Set<string> {
  const nearBreak = new Map<string, number>();
  lines.forEach((line, index) => {
    if (!pageLines.has(index)) return;
    for (const offset of [-2, -1, 1, 2]) {
      const neighbour = lines[index + offset]?.trim();
      if (neighbour && neighbour.length <= 40 && !pageLines.has(index + offset)) nearBreak.set(neighbour, (nearBreak.get(neighbour) ?? 0) + 1);
    }
  });
  const repeated = new Set<string>();
  for (const [line, count] of nearBreak) if (count >= 3) repeated.add(line);
  return repeated;
}

const CJK = "\\u3400-\\u9fff";
// Units that follow a number: "2025 年" and "3 所" were split by extraction; "2.1 预期性" is a table row.
const UNIT_AFTER_NUMBER = "年月日万亿个所名人元家项次倍岁期届批";

/**
 * Collapses spaces that extraction inserted: between two CJK characters ("第 一 篇", "教 育"),
 * and between a number and its unit ("2025 年"). Only single spaces: runs of spaces separate table columns. Tabs (table cells) and leading indentation are kept.
 */
export function collapseExtractionSpaces(line: string): string {
  const indent = /^[\t]*/.exec(line)?.[0] ?? "";
  let body = line.slice(indent.length);
  body = body.replace(new RegExp(`(?<=[${CJK}“”（）《》、，。：；])[ \\u00a0\\u3000\\u2002\\u2003](?=[${CJK}“”（）《》])`, "g"), "");
  body = body.replace(new RegExp(`(?<=\\d)[ \\u00a0](?=[${UNIT_AFTER_NUMBER}%])`, "g"), "");
  return indent + body;
}

export interface CleanedLines {
  readonly lines: readonly string[];
  /** What was removed, for the ingest report. */
  readonly removed: { readonly pageNumbers: number; readonly runningHeaders: number };
}

/**
 * Prepares raw plan text for the parser: splits lines, drops page numbers, page breaks and running
 * headers/footers, and collapses extraction spaces. Blank lines are kept (they separate paragraphs).
 */
export function cleanLines(text: string): CleanedLines {
  const raw = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).flatMap((line) => line.split(PAGE_BREAK).length > 1 ? line.split(PAGE_BREAK).flatMap((piece, index) => (index === 0 ? [piece] : [PAGE_BREAK, piece])) : [line]);
  const pageLines = new Set<number>();
  raw.forEach((line, index) => {
    if (line === PAGE_BREAK || isPageNumber(line)) pageLines.add(index);
  });
  for (const index of barePageNumbers(raw)) pageLines.add(index);
  const running = runningLines(raw, pageLines);
  const lines: string[] = [];
  let pageNumbers = 0;
  let runningHeaders = 0;
  raw.forEach((line, index) => {
    if (pageLines.has(index)) {
      if (line !== PAGE_BREAK) pageNumbers += 1;
      return;
    }
    if (running.size > 0 && running.has(line.trim())) {
      runningHeaders += 1;
      return;
    }
    lines.push(collapseExtractionSpaces(line.replace(/[ \u00a0]+$/, "")));
  });
  return { lines, removed: { pageNumbers, runningHeaders } };
}
