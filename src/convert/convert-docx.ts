import { parseHtml } from "./parse-html.js";
import mammoth from "mammoth";
import { PlanAssistantError } from "../errors.js";
import { readZipDirectory, verifyZipEntries } from "./check-docx-zip.js";
import type { ConvertLimits } from "./limits.js";
import { type HtmlNode, renderHtmlLines } from "./render-html-lines.js";

/** Plan text from a Word file, and mammoth's notes on what it could not map. */
export interface ConvertedDocx {
  readonly text: string;
  readonly warnings: readonly string[];
}

// Pictures are not plan text: give mammoth an <img> without reading (inflating) the image at all.
const dropImages = mammoth.images.imgElement(async () => ({ src: "" }));
const MAX_WARNINGS = 5;

/**
 * Converts a Word .docx to plan text. The zip directory is checked against the limits before anything is
 * inflated, then every entry is inflated once with its declared size as a cap (zip bombs fail there), then
 * mammoth turns the document into HTML (headings when the file uses heading styles; most official files use
 * none, which gives paragraphs) and `renderHtmlLines` makes one line per paragraph and one tab-separated
 * line per table row. Images, external files and embedded objects are ignored.
 * @throws PlanAssistantError SEED_CORRUPT for a damaged or truncated file or a zip that is no Word document,
 *   SEED_ZIP_LIMIT over a zip limit, SEED_EMPTY when the document holds no text.
 */
export async function convertDocx(bytes: Uint8Array, fileName: string, limits: ConvertLimits): Promise<ConvertedDocx> {
  const entries = readZipDirectory(bytes, fileName, limits);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has("[Content_Types].xml") || ![...names].some((name) => name.startsWith("word/"))) {
    throw new PlanAssistantError("SEED_CORRUPT", `${fileName} is a zip archive but not a Word document (no word/ part: an .xlsx, .pptx, .ofd or plain .zip?): open the plan in Word or WPS and save it as .docx.`);
  }
  verifyZipEntries(bytes, entries, fileName);
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { convertImage: dropImages, externalFileAccess: false });
  } catch (error) {
    throw new PlanAssistantError("SEED_CORRUPT", `${fileName} could not be read as a Word document (${(error as Error).message}): open it in Word or WPS, save it again as .docx, and replace the file.`, { cause: error });
  }
  const $ = parseHtml(result.value);
  // Word's automatic numbering (第一章, 一、 as list numbers) is not text: mammoth keeps the list, not the number.
  const numbered = $("ol > li").length;
  const text = renderHtmlLines($("body").toArray() as unknown as HtmlNode[], "keep").join("\n");
  if (text.trim().length === 0) throw new PlanAssistantError("SEED_EMPTY", `${fileName} holds no text (only pictures or empty pages?): put the plan text in it or remove it from SEEDS_DIR.`);
  // Unmapped styles are the rule in official files and say nothing useful; other messages are kept, a few of them.
  const notes = result.messages.filter((message) => !/Unrecognised (paragraph|run) style/.test(message.message)).map((message) => `${fileName}: ${message.message}`);
  const warnings: string[] = notes.length > MAX_WARNINGS ? [...notes.slice(0, MAX_WARNINGS), `${fileName}: ${notes.length - MAX_WARNINGS} more notes from the Word reader`] : notes;
  if (numbered > 0) {
    warnings.push(`${fileName}: ${numbered} paragraph${numbered === 1 ? " is" : "s are"} numbered automatically by Word; their numbers (such as 第一章 or 一、) are not in the text. If headings are numbered this way, turn the numbering into text (in Word: select all, then Home › Numbering › convert to text, or save as .txt) and replace the file.`);
  }
  return { text: `${text}\n`, warnings };
}
