import { extname } from "node:path/posix";
import { PlanAssistantError } from "../errors.js";

/** The formats a plan file can be converted from. */
export type PlanFormat = "text" | "markdown" | "docx" | "pdf" | "html";

/** What a file is, by its content, and what its extension claimed. */
export interface DetectedFormat {
  /** The format read from the content (magic bytes, HTML markers); the converter that runs. */
  readonly format: PlanFormat;
  /** The format the extension names, or null for an extension that names none. */
  readonly claimed: PlanFormat | null;
  /** "plan.pdf holds a Word .docx file…" when the extension lies. */
  readonly warnings: readonly string[];
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, PlanFormat>> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".docx": "docx",
  ".pdf": "pdf",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
};

/** The extensions a plan file may have (lower case, with the dot). */
export const PLAN_FILE_EXTENSIONS: readonly string[] = Object.keys(FORMAT_OF_EXTENSION);

// Formats plans come in that this assistant does not read, by extension, with how to get a readable file.
// Not .jpg/.png/.gif: a web page saved whole brings a folder of them (plan_files/), which are not plans.
const UNREAD_EXTENSIONS: Readonly<Record<string, string>> = {
  ".doc": "open it in Word or WPS and save it as .docx",
  ".wps": "open it in WPS and save it as .docx",
  ".rtf": "open it in Word or WPS and save it as .docx",
  ".odt": "open it in LibreOffice or WPS and save it as .docx",
  ".ofd": "export the plan as PDF (with text) or .docx from the OFD reader",
  ".xls": "copy the table into the plan's .docx, or save it as .txt with tabs",
  ".xlsx": "copy the table into the plan's .docx, or save it as .txt with tabs",
  ".tif": "get the plan as .docx, .pdf with text, .html or .txt (a scan has no text)",
  ".tiff": "get the plan as .docx, .pdf with text, .html or .txt (a scan has no text)",
  ".zip": "unpack it and put the plan file itself in SEEDS_DIR",
  ".rar": "unpack it and put the plan file itself in SEEDS_DIR",
  ".7z": "unpack it and put the plan file itself in SEEDS_DIR",
};

/**
 * Why a file with an extension plans come in but this assistant does not read (.doc, .wps, .ofd, scans,
 * archives) is not used, with the fix; null for other extensions, which are not plan files at all.
 */
export function unreadFormatReason(fileName: string): string | null {
  const extension = extname(fileName.replace(/\\/g, "/")).toLowerCase();
  const fix = UNREAD_EXTENSIONS[extension];
  return fix === undefined ? null : `${fileName} is a ${extension} file, which this assistant does not read: ${fix}.`;
}

const FORMAT_NAMES: Readonly<Record<PlanFormat, string>> = {
  text: "plain text",
  markdown: "plain text",
  docx: "a Word .docx file",
  pdf: "a PDF",
  html: "a web page (HTML)",
};

/** File kinds that are not plans but turn up in folders of plans; each with how to get a plan out of it. */
const UNSUPPORTED_SIGNATURES: readonly { readonly bytes: readonly number[]; readonly kind: string; readonly fix: string }[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: "a legacy Office file (.doc, .wps, .xls)", fix: "open it in Word or WPS and save it as .docx" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: "an RTF document", fix: "open it in Word or WPS and save it as .docx" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image", fix: "get the plan as .docx, .pdf with text, .html or .txt" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image", fix: "get the plan as .docx, .pdf with text, .html or .txt" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image", fix: "get the plan as .docx, .pdf with text, .html or .txt" },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: "a TIFF image (a scan?)", fix: "get the plan as .docx, .pdf with text, .html or .txt" },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: "a TIFF image (a scan?)", fix: "get the plan as .docx, .pdf with text, .html or .txt" },
  { bytes: [0x1f, 0x8b], kind: "a gzip archive", fix: "unpack it and put the plan file itself in SEEDS_DIR" },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: "a RAR archive", fix: "unpack it and put the plan file itself in SEEDS_DIR" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: "a 7-Zip archive", fix: "unpack it and put the plan file itself in SEEDS_DIR" },
];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

/** Where "%PDF-" starts within the first 1,024 bytes (readers accept junk before it), or -1. */
function pdfHeaderOffset(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.indexOf("%PDF-", 0, "latin1");
}

function isZip(bytes: Uint8Array): boolean {
  // local file header, empty archive (end of central directory first), spanned archive marker
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08]);
}

/** The first 2 KB as lower-case text, decoded by BOM (UTF-16 pages exist) or as Latin-1, which keeps ASCII markup. */
function headText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048));
  if (startsWith(head, [0xff, 0xfe])) return head.subarray(2).toString("utf16le").toLowerCase();
  if (startsWith(head, [0xfe, 0xff])) return Buffer.from(head.subarray(2)).swap16().toString("utf16le").toLowerCase();
  return head.toString("latin1").toLowerCase();
}

/** Whether the content is HTML: a doctype or <html> first, or markup with <head>/<body> near the top. */
function looksLikeHtml(bytes: Uint8Array, claimed: PlanFormat | null): boolean {
  const head = headText(bytes)
    .replace(/^\u00ef\u00bb\u00bf/, "") // UTF-8 BOM read as Latin-1
    .replace(/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, "");
  if (/^<!doctype\s+html/.test(head) || /^<html[\s>]/.test(head)) return true;
  if (!head.startsWith("<")) return false;
  // A fragment saved as .html (<meta>, <div>…) is HTML too; a text file beginning with "<" is not.
  return /<(head|body)[\s>]/.test(head) || claimed === "html";
}

/** The format its extension names, or null ("plan.DOCX" → "docx"). */
export function formatOfExtension(fileName: string): PlanFormat | null {
  return FORMAT_OF_EXTENSION[extname(fileName.replace(/\\/g, "/")).toLowerCase()] ?? null;
}

/**
 * Reads a plan file's format from its content (magic bytes, HTML markers), not its name. A file whose
 * extension names another format is converted by its content, with a warning saying so.
 * Content with no signature counts as text (or markdown, by extension); whether it really is text is for
 * the text decoder to say.
 * @param bytes the whole file, or at least its first 2 KB.
 * @param fileName the name shown in messages; its extension is the claim checked against the content.
 * @throws PlanAssistantError SEED_FORMAT_UNSUPPORTED for known non-plan files (legacy .doc, RTF, images, archives).
 */
export function detectFormat(bytes: Uint8Array, fileName: string): DetectedFormat {
  const claimed = formatOfExtension(fileName);
  const unsupported = UNSUPPORTED_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes));
  if (unsupported) {
    throw new PlanAssistantError("SEED_FORMAT_UNSUPPORTED", `${fileName} is ${unsupported.kind}, not a plan file this assistant reads: ${unsupported.fix}.`);
  }
  let format: PlanFormat;
  // Readers accept junk before "%PDF-"; only a .pdf name gets that benefit, so a text quoting "%PDF-" stays text.
  const pdfOffset = pdfHeaderOffset(bytes);
  if (pdfOffset === 0 || (pdfOffset > 0 && claimed === "pdf")) format = "pdf";
  // "PK" under a .docx name is a zip cut short: the zip reader says so better than the text decoder.
  else if (isZip(bytes) || (claimed === "docx" && startsWith(bytes, [0x50, 0x4b]))) format = "docx";
  else if (looksLikeHtml(bytes, claimed)) format = "html";
  else format = claimed === "markdown" ? "markdown" : "text";
  const sameFamily = claimed === format || (claimed !== null && FORMAT_NAMES[claimed] === FORMAT_NAMES[format]);
  const warnings: string[] = [];
  // Text in a .docx/.pdf name is left to the text decoder, which says whether it is text at all.
  if (claimed !== null && !sameFamily) {
    const renamed = `${fileName.replace(/\.[^./\\]+$/, "")}${format === "docx" ? ".docx" : format === "pdf" ? ".pdf" : format === "html" ? ".html" : ".txt"}`;
    warnings.push(`${fileName} holds ${FORMAT_NAMES[format]}, not ${FORMAT_NAMES[claimed]}: converted by its content; rename it to ${renamed}.`);
  }
  return { format, claimed, warnings };
}
