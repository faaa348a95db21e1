import iconv from "iconv-lite";
import { PlanAssistantError } from "../errors.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  readonly hadBom: boolean;
}

// Code units of plan text: tab/newlines, ASCII, Latin, general punctuation, letterlike/arrows/math (≥),
// enclosed numerals, CJK symbols, CJK ideographs, small-form (﹪) and full-width forms.
const PLAUSIBLE_TEXT = /[\t\n\r\u0020-\u007E\u00A0-\u024F\u2000-\u22FF\u2460-\u24FF\u2500-\u25FF\u3000-\u303F\u4E00-\u9FFF\uFE30-\uFE6F\uFF00-\uFFEF]/g;

function plausibleShare(text: string): number {
  const sample = text.slice(0, 20_000);
  return sample.length === 0 ? 0 : (sample.match(PLAUSIBLE_TEXT)?.length ?? 0) / sample.length;
}

/**
 * UTF-16 without a BOM. UTF-8 and GBK text never hold NUL bytes, UTF-16 does wherever it writes ASCII
 * (digits, newlines); a mostly-Chinese text has too few of them for a zero-byte share, so the byte
 * order whose decoding reads as plan text wins.
 */
function detectUtf16(buffer: Buffer): { text: string; encoding: "utf-16le" | "utf-16be" } | null {
  if (buffer.length < 4 || !buffer.includes(0)) return null;
  const little = iconv.decode(buffer, "utf-16le");
  const big = iconv.decode(buffer, "utf-16be");
  const [text, encoding, share] = plausibleShare(little) >= plausibleShare(big) ? [little, "utf-16le" as const, plausibleShare(little)] : [big, "utf-16be" as const, plausibleShare(big)];
  return share >= 0.9 ? { text, encoding } : null;
}

function controlShare(text: string): number {
  const sample = text.slice(0, 20_000);
  if (sample.length === 0) return 0;
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return controls / sample.length;
}

/**
 * Decodes a seed file: UTF-8 (with or without BOM), UTF-16 (BOM, or detected from its NUL bytes and
 * what each byte order decodes to) and GB18030/GBK (when the bytes are not valid UTF-8).
 * @throws PlanAssistantError SEED_EMPTY for an empty file, SEED_BINARY for binary content.
 */
export function decodeText(bytes: Uint8Array, name = "seed"): DecodedText {
  if (bytes.length === 0) throw new PlanAssistantError("SEED_EMPTY", `${name} is empty: put the plan text in it or remove it from SEEDS_DIR.`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    decoded = { text: buffer.subarray(3).toString("utf8"), encoding: "utf-8", hadBom: true };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: iconv.decode(buffer.subarray(2), "utf-16le"), encoding: "utf-16le", hadBom: true };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: iconv.decode(buffer.subarray(2), "utf-16be"), encoding: "utf-16be", hadBom: true };
  } else {
    let utf8: string | null = null;
    try {
      utf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // not UTF-8: UTF-16 without BOM or GB18030/GBK
    }
    const utf16 = utf8 !== null && controlShare(utf8) <= 0.02 ? null : detectUtf16(buffer);
    if (utf16) decoded = { ...utf16, hadBom: false };
    else if (utf8 !== null) decoded = { text: utf8, encoding: "utf-8", hadBom: false };
    else decoded = { text: iconv.decode(buffer, "gb18030"), encoding: "gb18030", hadBom: false };
  }
  if (controlShare(decoded.text) > 0.02) {
    throw new PlanAssistantError("SEED_BINARY", `${name} does not look like text (binary content): save the plan as plain text (UTF-8, UTF-16 or GBK).`);
  }
  if (decoded.text.trim().length === 0) throw new PlanAssistantError("SEED_EMPTY", `${name} holds only whitespace: put the plan text in it or remove it from SEEDS_DIR.`);
  return decoded;
}
