import { PlanAssistantError } from "../errors.js";
import { decodeText } from "../parse/decode-text.js";
import { type DetectedFormat, detectFormat, type PlanFormat } from "./detect-format.js";
import { type ConvertLimits, formatBytes, resolveLimits } from "./limits.js";

export { PAGE_BREAK } from "./page-break.js";

/** A plan file turned into plan text for the text parser. */
export interface ConvertedFile {
  /** Plan text, "\n" line ends: one line per paragraph, one tab-separated line per table row; PDF pages separated by `PAGE_BREAK` lines. */
  readonly text: string;
  /** The format the content was read as (which may differ from the extension; see `warnings`). */
  readonly format: PlanFormat;
  /** Things a person may want to fix, each naming the file: a lying extension, pages without text, unmapped Word content. */
  readonly warnings: readonly string[];
}

const FORMAT_WORDS: Readonly<Record<PlanFormat, string>> = { text: "a text file", markdown: "a text file", docx: "a Word .docx file", pdf: "a PDF", html: "a web page" };

/** Text (or markdown) content: decodeText, with a clearer reason when a .docx/.pdf name holds neither its format nor text. */
function convertText(bytes: Uint8Array, fileName: string, detected: DetectedFormat): ConvertedFile {
  try {
    const { text } = decodeText(bytes, fileName);
    return { text: text.replace(/\r\n?/g, "\n"), format: detected.format, warnings: detected.warnings };
  } catch (error) {
    const claimed = detected.claimed;
    if (error instanceof PlanAssistantError && error.code === "SEED_BINARY" && claimed !== null && claimed !== "text" && claimed !== "markdown") {
      throw new PlanAssistantError("SEED_FORMAT_UNSUPPORTED", `${fileName} is not ${FORMAT_WORDS[claimed]} (its content has no ${claimed === "docx" ? "zip" : claimed === "pdf" ? "%PDF" : "HTML"} signature) nor text: it is damaged or another format renamed; get the plan again as .docx, .pdf, .html or .txt.`, { cause: error });
    }
    throw error;
  }
}

/**
 * Turns one plan file of any supported format into plan text for the text parser. The format is read from
 * the content (see `detectFormat`), never trusted from the name: text and markdown (UTF-8, UTF-16, GBK, via
 * `decodeText`), Word .docx (mammoth), PDF with a text layer (pdf-parse 2), saved web pages (parse5 + cheerio).
 * Pure: the caller reads the file, ideally after checking its size against `limits.maxFileBytes` so an
 * oversized file is never read whole.
 * @param bytes the file's bytes (not modified).
 * @param fileName the name shown in reasons and warnings; its extension is only a claim.
 * @param limits overrides of `DEFAULT_CONVERT_LIMITS` (file size, HTML size, PDF pages, .docx zip entries and size).
 * @throws PlanAssistantError with a code per reason: SEED_EMPTY (empty or no text), SEED_TOO_LARGE,
 *   SEED_BINARY, SEED_FORMAT_UNSUPPORTED (legacy .doc, images, archives, a renamed unknown file), SEED_CORRUPT
 *   (truncated .docx, damaged PDF), SEED_ZIP_LIMIT (zip bomb), SEED_PDF_NO_TEXT (scan), SEED_PDF_ENCRYPTED,
 *   SEED_PDF_TOO_MANY_PAGES.
 */
export async function convertFile(bytes: Uint8Array, fileName: string, limits: Partial<ConvertLimits> = {}): Promise<ConvertedFile> {
  const resolved = resolveLimits(limits);
  if (bytes.byteLength === 0) throw new PlanAssistantError("SEED_EMPTY", `${fileName} is empty: put the plan text in it or remove it from SEEDS_DIR.`);
  if (bytes.byteLength > resolved.maxFileBytes) throw tooLarge(fileName, bytes.byteLength, resolved.maxFileBytes);
  const detected = detectFormat(bytes, fileName);
  switch (detected.format) {
    case "text":
    case "markdown":
      return convertText(bytes, fileName, detected);
    // The converters load on first use: plain-text plans never pay for pdf.js, mammoth or cheerio.
    case "docx": {
      const { convertDocx } = await import("./convert-docx.js");
      const { text, warnings } = await convertDocx(bytes, fileName, resolved);
      return { text, format: "docx", warnings: [...detected.warnings, ...warnings] };
    }
    case "pdf": {
      const { convertPdf } = await import("./convert-pdf.js");
      const { text, warnings } = await convertPdf(bytes, fileName, resolved);
      return { text, format: "pdf", warnings: [...detected.warnings, ...warnings] };
    }
    case "html": {
      const { convertHtml } = await import("./convert-html.js");
      const { text, warnings } = convertHtml(bytes, fileName, resolved);
      return { text, format: "html", warnings: [...detected.warnings, ...warnings] };
    }
  }
}

/**
 * The reason a file is too large to convert, for callers that check the size before reading the file.
 * @returns a PlanAssistantError SEED_TOO_LARGE naming the file, its size, the limit and MAX_PLAN_FILE_BYTES.
 */
export function tooLarge(fileName: string, fileBytes: number, maxFileBytes: number): PlanAssistantError {
  return new PlanAssistantError("SEED_TOO_LARGE", `${fileName} is ${formatBytes(fileBytes)}, over the ${formatBytes(maxFileBytes)} limit for a plan file: remove pictures or split it, or raise MAX_PLAN_FILE_BYTES.`);
}
