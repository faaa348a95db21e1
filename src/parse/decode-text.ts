import iconv from "iconv-lite";
import { PlanAssistantError } from "../errors.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  readonly hadBom: boolean;
}

function zeroByteShare(bytes: Uint8Array, parity: 0 | 1): number {
  let zeros = 0;
  let total = 0;
  for (let index = parity; index < bytes.length; index += 2) {
    total += 1;
    if (bytes[index] === 0) zeros += 1;
  }
  return total === 0 ? 0 : zeros / total;
}

function controlShare(text: string): number {
  const sample = text.slice(0, 20_000);
  if (sample.length === 0) return 0;
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return controls / sample.length;
}

/**
 * Decodes a seed file: UTF-8 (with or without BOM), UTF-16 (BOM, or detected by its zero bytes)
 * and GB18030/GBK (when the bytes are not valid UTF-8).
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
  } else if (bytes.length >= 4 && zeroByteShare(bytes, 1) > 0.3 && zeroByteShare(bytes, 0) < 0.05) {
    decoded = { text: iconv.decode(buffer, "utf-16le"), encoding: "utf-16le", hadBom: false };
  } else if (bytes.length >= 4 && zeroByteShare(bytes, 0) > 0.3 && zeroByteShare(bytes, 1) < 0.05) {
    decoded = { text: iconv.decode(buffer, "utf-16be"), encoding: "utf-16be", hadBom: false };
  } else {
    try {
      decoded = { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", hadBom: false };
    } catch {
      decoded = { text: iconv.decode(buffer, "gb18030"), encoding: "gb18030", hadBom: false };
    }
  }
  if (controlShare(decoded.text) > 0.02) {
    throw new PlanAssistantError("SEED_BINARY", `${name} does not look like text (binary content): save the plan as plain text (UTF-8, UTF-16 or GBK).`);
  }
  if (decoded.text.trim().length === 0) throw new PlanAssistantError("SEED_EMPTY", `${name} holds only whitespace: put the plan text in it or remove it from SEEDS_DIR.`);
  return decoded;
}
