import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { PlanAssistantError } from "../errors.js";
import { decodeText } from "./decode-text.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const BOM_UTF8 = [0xef, 0xbb, 0xbf];
const BOM_UTF16LE = [0xff, 0xfe];
const BOM_UTF16BE = [0xfe, 0xff];

const withBom = (bom: readonly number[], bytes: Uint8Array) => Uint8Array.from([...bom, ...bytes]);

/** The error code decodeText throws for `bytes`, or null when it decodes. */
function failureCode(bytes: Uint8Array): string | null {
  try {
    decodeText(bytes, "plan.txt");
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(PlanAssistantError);
    return (error as PlanAssistantError).code;
  }
}

/** Deterministic high-entropy bytes: a SHA-256 chain. */
function pseudoRandomBytes(length: number): Uint8Array {
  const chunks: Buffer[] = [];
  let block = createHash("sha256").update("seed").digest();
  while (chunks.length * block.length < length) {
    chunks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, length));
}

describe("decodeText on the real plan", () => {
  it.each([
    ["UTF-8 without BOM", () => Buffer.from(seedText, "utf8"), "utf-8", false],
    ["UTF-8 with BOM", () => withBom(BOM_UTF8, Buffer.from(seedText, "utf8")), "utf-8", true],
    ["UTF-16LE with BOM", () => withBom(BOM_UTF16LE, iconv.encode(seedText, "utf-16le")), "utf-16le", true],
    ["UTF-16BE with BOM", () => withBom(BOM_UTF16BE, iconv.encode(seedText, "utf-16be")), "utf-16be", true],
    ["UTF-16LE without BOM", () => iconv.encode(seedText, "utf-16le"), "utf-16le", false],
    ["UTF-16BE without BOM", () => iconv.encode(seedText, "utf-16be"), "utf-16be", false],
    ["GB18030", () => iconv.encode(seedText, "gb18030"), "gb18030", false],
  ] as const)("%s decodes to the original text", (_, encode, encoding, hadBom) => {
    const decoded = decodeText(encode(), "plan.txt");
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.hadBom).toBe(hadBom);
    expect(decoded.text).toBe(seedText);
  });

  it("decodes a GBK copy (GBK has no •, a GBK plan writes ·)", () => {
    const gbkText = seedText.replace(/•/g, "·");
    expect(gbkText).not.toBe(seedText);
    const decoded = decodeText(iconv.encode(gbkText, "gbk"), "plan.txt");
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.text).toBe(gbkText);
  });
});

describe("decodeText round trips", () => {
  // Characters of the plan itself, so the texts look like plan text, plus ASCII and the odd symbols it uses.
  const planCharacters = [...new Set(seedText.replace(/\s/g, ""))];
  const line = fc.string({ unit: fc.constantFrom(...planCharacters, " ", "a", "Z", "%", "≥", "﹪"), minLength: 1, maxLength: 60 });
  const text = fc.array(line, { minLength: 2, maxLength: 12 }).map((lines) => `${lines.join("\n")}\n`);

  it("UTF-8 with and without BOM, UTF-16 with BOM and UTF-16LE without BOM give back the text", () => {
    fc.assert(
      fc.property(text, (original) => {
        expect(decodeText(Buffer.from(original, "utf8")).text).toBe(original);
        expect(decodeText(withBom(BOM_UTF8, Buffer.from(original, "utf8"))).text).toBe(original);
        expect(decodeText(withBom(BOM_UTF16LE, iconv.encode(original, "utf-16le"))).text).toBe(original);
        expect(decodeText(withBom(BOM_UTF16BE, iconv.encode(original, "utf-16be"))).text).toBe(original);
        expect(decodeText(iconv.encode(original, "utf-16le")).text).toBe(original);
      }),
      { numRuns: 200 },
    );
  });

  it("GB18030 gives back a Chinese text", () => {
    const chinese = fc.string({ unit: fc.constantFrom(...planCharacters.filter((character) => /[\u4e00-\u9fff]/.test(character))), minLength: 20, maxLength: 80 });
    fc.assert(
      fc.property(fc.array(chinese, { minLength: 2, maxLength: 6 }), (lines) => {
        const original = lines.join("\n");
        const decoded = decodeText(iconv.encode(original, "gb18030"));
        expect(decoded.encoding).toBe("gb18030");
        expect(decoded.text).toBe(original);
      }),
      { numRuns: 200 },
    );
  });
});

describe("decodeText on files that are not plans", () => {
  it("reports an empty file as SEED_EMPTY, with the file name and the fix", () => {
    expect(() => decodeText(new Uint8Array(), "empty.txt")).toThrowError(/^empty\.txt is empty: put the plan text in it or remove it from SEEDS_DIR\.$/);
    expect(failureCode(new Uint8Array())).toBe("SEED_EMPTY");
  });

  it("reports a whitespace-only file as SEED_EMPTY", () => {
    expect(failureCode(Buffer.from(" \n\r\n\t \n", "utf8"))).toBe("SEED_EMPTY");
    expect(failureCode(withBom(BOM_UTF8, Buffer.from("\n\n", "utf8")))).toBe("SEED_EMPTY");
  });

  it.each([
    ["pseudo-random bytes", () => pseudoRandomBytes(4096)],
    ["a gzip of the plan", () => new Uint8Array(gzipSync(seedText))],
    ["a PNG header and zeros", () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0), ...pseudoRandomBytes(512)])],
    ["NUL bytes only", () => new Uint8Array(256)],
  ])("reports %s as SEED_BINARY", (_, bytes) => {
    expect(failureCode(bytes())).toBe("SEED_BINARY");
  });

  it("keeps a UTF-8 text with one stray NUL byte as UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("plan notes for the district\n".repeat(20), "utf8"), Buffer.from([0])]);
    expect(decodeText(bytes).encoding).toBe("utf-8");
  });
});
