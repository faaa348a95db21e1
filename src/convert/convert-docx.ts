import mammoth from "mammoth";
import { PlanAssistantError } from "../errors.js";
import { inflateZipEntry, readZipDirectory, verifyZipEntries, type ZipEntry } from "./check-docx-zip.js";
import type { ConvertLimits } from "./limits.js";
import { wordNumberLabels } from "./number-word-paragraphs.js";
import { parseHtml } from "./parse-html.js";
import { type HtmlNode, renderHtmlLines } from "./render-html-lines.js";

/** Plan text from a Word file, and mammoth's notes on what it could not map. */
export interface ConvertedDocx {
  readonly text: string;
  readonly warnings: readonly string[];
}

// Pictures are not plan text: give mammoth an <img> without reading (inflating) the image at all.
const dropImages = mammoth.images.imgElement(async () => ({ src: "" }));
const MAX_WARNINGS = 5;

/** The parts of mammoth's document tree this module touches (its document model is not typed). */
interface DocumentNode {
  type: string;
  children?: DocumentNode[];
  numbering?: { readonly isOrdered?: boolean } | null;
  value?: string;
}

function numberedParagraphs(node: DocumentNode, found: DocumentNode[] = []): DocumentNode[] {
  if (node.type === "paragraph" && node.numbering) found.push(node);
  for (const child of node.children ?? []) numberedParagraphs(child, found);
  return found;
}

/** The numbers Word draws before list paragraphs, from word/document.xml and word/numbering.xml; null when unknown. */
function numberLabels(bytes: Uint8Array, entries: readonly ZipEntry[], fileName: string): string[] | null {
  const part = (name: string) => entries.find((entry) => entry.name === name);
  const documentPart = part("word/document.xml");
  const numberingPart = part("word/numbering.xml");
  if (!documentPart || !numberingPart) return null;
  const text = (entry: ZipEntry) => Buffer.from(inflateZipEntry(bytes, entry, fileName)).toString("utf8");
  return wordNumberLabels(text(documentPart), text(numberingPart));
}

/**
 * Converts a Word .docx to plan text. The zip directory is checked against the limits before anything is
 * inflated, then every entry is inflated once with its declared size as a cap (zip bombs fail there). Then
 * mammoth turns the document into HTML (headings when the file uses heading styles; most official files
 * use none, which gives paragraphs), with Word's automatic numbers (第一章, 一、, （一）) put before their
 * paragraphs as text (number-word-paragraphs.ts; a warning when they cannot be worked out), and
 * `renderHtmlLines` makes one line per paragraph and one tab-separated line per table row.
 * Images, external files and embedded objects are ignored.
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
  const labels = numberLabels(bytes, entries, fileName);
  let unnumbered = 0;
  // Word's automatic numbers (第一章, 一、, （一）) are not text in the file: put them before their paragraphs.
  const transformDocument = (document: DocumentNode): DocumentNode => {
    const paragraphs = numberedParagraphs(document);
    if (labels !== null && labels.length === paragraphs.length) {
      paragraphs.forEach((paragraph, index) => {
        if (labels[index]) paragraph.children?.unshift({ type: "run", children: [{ type: "text", value: labels[index] }] });
      });
    } else {
      unnumbered = paragraphs.filter((paragraph) => paragraph.numbering?.isOrdered).length;
    }
    return document;
  };
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { convertImage: dropImages, externalFileAccess: false, transformDocument });
  } catch (error) {
    throw new PlanAssistantError("SEED_CORRUPT", `${fileName} could not be read as a Word document (${(error as Error).message}): open it in Word or WPS, save it again as .docx, and replace the file.`, { cause: error });
  }
  const $ = parseHtml(result.value);
  const text = renderHtmlLines($("body").toArray() as unknown as HtmlNode[], "keep").join("\n");
  if (text.trim().length === 0) throw new PlanAssistantError("SEED_EMPTY", `${fileName} holds no text (only pictures or empty pages?): put the plan text in it or remove it from SEEDS_DIR.`);
  // Unmapped styles are the rule in official files and say nothing useful; other messages are kept, a few of them.
  const notes = result.messages.filter((message) => !/Unrecognised (paragraph|run) style/.test(message.message)).map((message) => `${fileName}: ${message.message}`);
  const warnings: string[] = notes.length > MAX_WARNINGS ? [...notes.slice(0, MAX_WARNINGS), `${fileName}: ${notes.length - MAX_WARNINGS} more notes from the Word reader`] : notes;
  if (unnumbered > 0) {
    warnings.push(`${fileName}: ${unnumbered} paragraph${unnumbered === 1 ? " is" : "s are"} numbered automatically by Word; their numbers (such as 第一章 or 一、) are not in the text. If headings are numbered this way, save the file as plain text (.txt keeps the numbers) and put that in SEEDS_DIR instead.`);
  }
  return { text: `${text}\n`, warnings };
}
