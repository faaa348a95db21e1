import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { excerptDocx, WORD_PARTS, writeZip } from "../../test/fixtures/formats/excerpt-documents.js";
import { PlanAssistantError } from "../errors.js";
import { readZipDirectory, verifyZipEntries } from "./check-docx-zip.js";
import { DEFAULT_CONVERT_LIMITS, resolveLimits } from "./limits.js";

function failure(run: () => unknown): PlanAssistantError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanAssistantError);
    return error as PlanAssistantError;
  }
  throw new Error("expected a PlanAssistantError");
}

describe("readZipDirectory", () => {
  it("lists a real .docx's entries with their sizes", async () => {
    const entries = readZipDirectory(await excerptDocx(), "plan.docx", DEFAULT_CONVERT_LIMITS);
    expect(entries.map((entry) => entry.name)).toContain("word/document.xml");
    expect(entries.every((entry) => entry.uncompressedBytes > 0)).toBe(true);
  });

  it("refuses a directory declaring more than the uncompressed limit, before inflating anything", () => {
    // The data is not deflate at all: inflating it would fail with SEED_CORRUPT, so SEED_ZIP_LIMIT proves nothing was inflated.
    const bomb = writeZip([...WORD_PARTS, { name: "word/media/image1.png", data: new Uint8Array(10), rawCompressed: new Uint8Array([1, 2, 3]), declaredBytes: 4_000_000_000 }]);
    const error = failure(() => readZipDirectory(bomb, "bomb.docx", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_ZIP_LIMIT");
    expect(error.message).toBe("bomb.docx was not unpacked: its entries declare more than 200 MB uncompressed (a zip bomb, or a document full of media?). Remove the pictures and save it again, or raise MAX_DOCX_UNCOMPRESSED_BYTES if the file is trusted.");
  });

  it("refuses more entries than the limit", () => {
    const many = writeZip([...WORD_PARTS, ...Array.from({ length: 5_001 }, (_, index) => ({ name: `word/part${index}.xml`, data: new Uint8Array(1) }))]);
    const error = failure(() => readZipDirectory(many, "many.docx", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_ZIP_LIMIT");
    expect(error.message).toContain("its zip lists 5003 entries, more than the limit of 5000");
    expect(error.message).toContain("MAX_DOCX_ENTRIES");
    expect(readZipDirectory(many, "many.docx", resolveLimits({ maxDocxEntries: 6_000 }))).toHaveLength(5_003);
  });

  it("reports a truncated zip and one whose directory points past the file", async () => {
    const bytes = await excerptDocx();
    expect(failure(() => readZipDirectory(bytes.subarray(0, bytes.length - 10), "cut.docx", DEFAULT_CONVERT_LIMITS)).code).toBe("SEED_CORRUPT");
    const moved = new Uint8Array(bytes);
    const view = new DataView(moved.buffer);
    view.setUint32(moved.length - 22 + 16, moved.length, true); // directory offset past the end
    const error = failure(() => readZipDirectory(moved, "moved.docx", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_CORRUPT");
    expect(error.message).toContain("its zip directory points past the end of the file");
  });
});

describe("verifyZipEntries", () => {
  it("accepts a real .docx", async () => {
    const bytes = await excerptDocx();
    expect(() => verifyZipEntries(bytes, readZipDirectory(bytes, "plan.docx", DEFAULT_CONVERT_LIMITS), "plan.docx")).not.toThrow();
  });

  it("stops an entry that inflates past its declared size at that size", () => {
    // 64 MB of zeros deflate to ~64 KB; the directory says 1 KB.
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const liar = writeZip([...WORD_PARTS, { name: "word/styles.xml", data: new Uint8Array(0), rawCompressed: deflateRawSync(zeros), declaredBytes: 1024 }]);
    const entries = readZipDirectory(liar, "liar.docx", DEFAULT_CONVERT_LIMITS);
    const error = failure(() => verifyZipEntries(liar, entries, "liar.docx"));
    expect(error.code).toBe("SEED_ZIP_LIMIT");
    expect(error.message).toContain("entry word/styles.xml inflates to more than the 1 KB its zip directory declares");
  });

  it("reports data that does not inflate", () => {
    const garbage = writeZip([...WORD_PARTS, { name: "word/styles.xml", data: new Uint8Array(10), rawCompressed: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredBytes: 10 }]);
    const error = failure(() => verifyZipEntries(garbage, readZipDirectory(garbage, "garbage.docx", DEFAULT_CONVERT_LIMITS), "garbage.docx"));
    expect(error.code).toBe("SEED_CORRUPT");
    expect(error.message).toContain("entry word/styles.xml does not inflate");
  });
});
