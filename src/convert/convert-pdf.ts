import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PasswordException, PDFParse } from "pdf-parse";
import { PlanAssistantError } from "../errors.js";
import type { ConvertLimits } from "./limits.js";
import { PAGE_BREAK } from "./page-break.js";

/** Plan text from a PDF's text layer, and what was noticed on the way. */
export interface ConvertedPdf {
  /** Page texts in order, separated by a `PAGE_BREAK` line. */
  readonly text: string;
  readonly pages: number;
  readonly warnings: readonly string[];
}

export { PAGE_BREAK };

// Chinese PDFs often use fonts that are not embedded (SimSun, FangSong) with predefined CMaps: pdf.js reads
// those from the files pdfjs-dist ships (found through pdf-parse, which depends on it).
function pdfjsDataDirectories(): { cMapUrl: string; standardFontDataUrl: string } {
  const pdfParseEntry = createRequire(import.meta.url).resolve("pdf-parse");
  const pdfjsRoot = dirname(createRequire(pdfParseEntry).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: `${join(pdfjsRoot, "cmaps")}/`, standardFontDataUrl: `${join(pdfjsRoot, "standard_fonts")}/` };
}

const ITEM_JOINER = "\u0001";

const GAP = /\u0001[ \u00a0\u3000]+(?=\u0001)/g;

/**
 * Gaps wider than a space: tabs on a line with two or more of them (a table row of three or more cells),
 * two spaces on a line with one (a heading's label and title set apart by a tab stop: "第一章  总则").
 */
function gapsToTabs(joinedItems: string): string {
  return joinedItems
    .split("\n")
    .map((line) => line.replace(GAP, (line.match(GAP)?.length ?? 0) >= 2 ? "\t" : "  ").replaceAll(ITEM_JOINER, ""))
    .join("\n");
}

let dataDirectories: { cMapUrl: string; standardFontDataUrl: string } | undefined;

/**
 * Converts a PDF's text layer to plan text with pdf-parse 2 (pdf.js; nothing in the file is executed).
 * The page count is checked before any text is extracted. Pages are joined with `PAGE_BREAK` lines;
 * the cells of a table row come out on one line, separated by tabs where pdf.js sees a gap wider than a space
 * between them (cells that wrap inside the table come out as extra lines: the parser's concern).
 * @throws PlanAssistantError SEED_PDF_ENCRYPTED for a password-protected PDF, SEED_PDF_TOO_MANY_PAGES over
 *   `limits.maxPdfPages`, SEED_PDF_NO_TEXT when no page has text (a scan), SEED_CORRUPT for a damaged file.
 */
export async function convertPdf(bytes: Uint8Array, fileName: string, limits: ConvertLimits): Promise<ConvertedPdf> {
  dataDirectories ??= pdfjsDataDirectories();
  // A copy: pdf.js may take ownership of (detach) the buffer it is given, and the caller still hashes the bytes.
  const parser = new PDFParse({ data: new Uint8Array(bytes), ...dataDirectories, isEvalSupported: false, useSystemFonts: false });
  try {
    const { total } = await parser.getInfo();
    if (total > limits.maxPdfPages) {
      throw new PlanAssistantError("SEED_PDF_TOO_MANY_PAGES", `${fileName} has ${total} pages, more than the limit of ${limits.maxPdfPages}: split the PDF, or raise MAX_PDF_PAGES.`);
    }
    // pdf.js reports a gap too wide for a space (between table cells, or columns) as an item of its own that
    // holds only white space; joining items with a marker makes such items visible, and they become tabs.
    const result = await parser.getText({ pageJoiner: "", lineEnforce: true, cellSeparator: "", itemJoiner: ITEM_JOINER });
    const pageTexts = result.pages.map((page) => gapsToTabs(page.text).replace(/[ \t]+$/gm, "").replace(/^[ \t]+/gm, "").trim());
    const emptyPages = pageTexts.filter((text) => text.length === 0).length;
    if (pageTexts.length === 0 || emptyPages === pageTexts.length) {
      throw new PlanAssistantError("SEED_PDF_NO_TEXT", `${fileName}: no text layer (scanned?): run OCR on it to make a searchable PDF, or get the plan as .docx, .html or .txt.`);
    }
    const warnings = emptyPages > 0 ? [`${fileName}: ${emptyPages} of ${pageTexts.length} pages have no text layer (scanned pages?): their text is missing.`] : [];
    return { text: `${pageTexts.join(`\n${PAGE_BREAK}\n`)}\n`, pages: total, warnings };
  } catch (error) {
    if (error instanceof PlanAssistantError) throw error;
    if (error instanceof PasswordException || (error as Error).name === "PasswordException") {
      throw new PlanAssistantError("SEED_PDF_ENCRYPTED", `${fileName} is encrypted (it needs a password to open): save an unprotected copy, or get the plan as .docx, .html or .txt.`, { cause: error });
    }
    throw new PlanAssistantError("SEED_CORRUPT", `${fileName} is a damaged PDF (${(error as Error).message}): download or export it again and replace the file.`, { cause: error });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
