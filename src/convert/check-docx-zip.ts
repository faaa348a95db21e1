import { inflateRawSync } from "node:zlib";
import { PlanAssistantError } from "../errors.js";
import { type ConvertLimits, formatBytes } from "./limits.js";

/** One entry of a zip's central directory. Sizes in bytes, as the directory declares them. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; others are refused. */
  readonly method: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** Offset of the entry's local header from the start of the file. */
  readonly localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY_BYTES = 22;
const ZIP64_MARK = 0xffffffff;

function corrupt(fileName: string, detail: string): PlanAssistantError {
  return new PlanAssistantError("SEED_CORRUPT", `${fileName} is a damaged or truncated .docx (${detail}): open it in Word or WPS, save it again as .docx, and replace the file.`);
}

function overLimit(fileName: string, detail: string, setting: string): PlanAssistantError {
  return new PlanAssistantError("SEED_ZIP_LIMIT", `${fileName} was not unpacked: ${detail} (a zip bomb, or a document full of media?). Remove the pictures and save it again, or raise ${setting} if the file is trusted.`);
}

/** Offset of the end-of-central-directory record: within the last 22 + 65,535 bytes (its comment may be that long). */
function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_OF_DIRECTORY_BYTES - 0xffff);
  for (let offset = view.byteLength - END_OF_DIRECTORY_BYTES; offset >= lowest; offset -= 1) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  return -1;
}

/**
 * Reads a zip's central directory (names, methods, declared sizes) and checks it against the limits
 * BEFORE anything is inflated: entry count, total declared uncompressed size, ZIP64 (never needed by a plan).
 * @throws PlanAssistantError SEED_CORRUPT for a truncated or damaged zip, SEED_ZIP_LIMIT over a limit.
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string, limits: ConvertLimits): readonly ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < END_OF_DIRECTORY_BYTES) throw corrupt(fileName, `only ${bytes.byteLength} bytes`);
  const end = findEndOfDirectory(view);
  if (end < 0) throw corrupt(fileName, "no zip directory at its end: the file was cut off");
  const entryCount = view.getUint16(end + 10, true);
  const directoryBytes = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryBytes === ZIP64_MARK || directoryOffset === ZIP64_MARK) {
    throw overLimit(fileName, "it is a ZIP64 archive (over 65,535 entries or 4 GB)", "nothing: save the plan without attachments");
  }
  if (entryCount > limits.maxDocxEntries) {
    throw overLimit(fileName, `its zip lists ${entryCount} entries, more than the limit of ${limits.maxDocxEntries}`, "MAX_DOCX_ENTRIES");
  }
  if (directoryOffset + directoryBytes > end) throw corrupt(fileName, "its zip directory points past the end of the file");
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index += 1) {
    if (offset + 46 > end || view.getUint32(offset, true) !== DIRECTORY_HEADER) throw corrupt(fileName, `zip directory entry ${index + 1} is unreadable`);
    const method = view.getUint16(offset + 10, true);
    const compressedBytes = view.getUint32(offset + 20, true);
    const uncompressedBytes = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + offset + 46, Math.min(nameLength, end - offset - 46)).toString("utf8");
    if (compressedBytes === ZIP64_MARK || uncompressedBytes === ZIP64_MARK || localHeaderOffset === ZIP64_MARK) {
      throw overLimit(fileName, `entry ${name} is a ZIP64 entry (4 GB or more)`, "nothing: save the plan without attachments");
    }
    declaredTotal += uncompressedBytes;
    if (declaredTotal > limits.maxDocxUncompressedBytes) {
      throw overLimit(fileName, `its entries declare more than ${formatBytes(limits.maxDocxUncompressedBytes)} uncompressed`, "MAX_DOCX_UNCOMPRESSED_BYTES");
    }
    if (localHeaderOffset + 30 + compressedBytes > directoryOffset) throw corrupt(fileName, `entry ${name} runs past its data`);
    entries.push({ name, method, compressedBytes, uncompressedBytes, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One entry's bytes, inflated with its declared size as a hard cap, so an entry that lies about its size
 * fails at the cap instead of filling memory.
 * @throws PlanAssistantError SEED_ZIP_LIMIT for an entry larger than declared, SEED_CORRUPT for bad data.
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_HEADER) throw corrupt(fileName, `entry ${entry.name} has no local header`);
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (dataStart + entry.compressedBytes > bytes.byteLength) throw corrupt(fileName, `entry ${entry.name} is cut off`);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedBytes);
  if (entry.method === 0) {
    if (entry.compressedBytes !== entry.uncompressedBytes) throw corrupt(fileName, `stored entry ${entry.name} has two sizes`);
    return data;
  }
  if (entry.method !== 8) throw corrupt(fileName, `entry ${entry.name} uses zip method ${entry.method}, which Word does not write`);
  let inflated: Buffer;
  try {
    // One byte of headroom: output reaching it proves the entry is larger than declared.
    inflated = inflateRawSync(data, { maxOutputLength: entry.uncompressedBytes + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw overLimit(fileName, `entry ${entry.name} inflates to more than the ${formatBytes(entry.uncompressedBytes)} its zip directory declares`, "nothing: the file is not trustworthy");
    }
    throw corrupt(fileName, `entry ${entry.name} does not inflate: ${(error as Error).message}`);
  }
  if (inflated.byteLength !== entry.uncompressedBytes) {
    throw overLimit(fileName, `entry ${entry.name} inflates to ${formatBytes(inflated.byteLength)}, not the ${formatBytes(entry.uncompressedBytes)} its zip directory declares`, "nothing: the file is not trustworthy");
  }
  return inflated;
}

/**
 * Inflates every entry once with `inflateZipEntry` (zip bombs fail at their declared size) and drops the
 * data at once. Run after `readZipDirectory`, before handing the file to a reader that trusts the zip.
 * @throws PlanAssistantError SEED_ZIP_LIMIT for an entry larger than declared, SEED_CORRUPT for bad data.
 */
export function verifyZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], fileName: string): void {
  for (const entry of entries) inflateZipEntry(bytes, entry, fileName);
}
