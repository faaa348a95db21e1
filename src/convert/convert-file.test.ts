import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { excerptDocx, excerptHtml } from "../../test/fixtures/formats/excerpt-documents.js";
import { excerptClosing, excerptOpening, excerptTableRows, excerptTableTitle, excerptText } from "../../test/fixtures/formats/plan-excerpt.js";
import { PlanAssistantError } from "../errors.js";
import { convertFile } from "./convert-file.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const pdfExcerpt = new Uint8Array(readFileSync(new URL("../../test/fixtures/formats/plan-excerpt.pdf", import.meta.url)));
const withoutSpaces = (text: string) => text.replace(/\s+/g, "");

async function failure(promise: Promise<unknown>): Promise<PlanAssistantError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PlanAssistantError);
  return error as PlanAssistantError;
}

describe("loading the converters", () => {
  it("leaves the process's global fetch dispatcher alone (cheerio's main entry would install undici's)", async () => {
    const dispatcherKey = Symbol.for("undici.globalDispatcher.1");
    const before = (globalThis as Record<symbol, unknown>)[dispatcherKey];
    await Promise.all([import("./convert-html.js"), import("./convert-docx.js"), import("./convert-pdf.js")]);
    expect((globalThis as Record<symbol, unknown>)[dispatcherKey]).toBe(before);
  });
});

describe("the format fixtures", () => {
  it("are an excerpt of the seed plan, verbatim", () => {
    const seedLines = seedText.split("\n");
    for (const line of [...excerptOpening, excerptTableTitle, ...excerptClosing]) expect(seedLines).toContain(line);
    // The seed lays its table out one cell per line; the excerpt's rows hold the same cells.
    const seedCells = seedLines.map((line) => line.trim());
    for (const row of excerptTableRows) for (const cell of row.slice(1)) expect(seedCells).toContain(cell);
  });
});

describe("convertFile", () => {
  it.each([
    ["plan.txt", async () => new Uint8Array(Buffer.from(excerptText(), "utf8")), "text"],
    ["plan.md", async () => new Uint8Array(iconv.encode(excerptText(), "gbk")), "markdown"],
    ["plan.docx", excerptDocx, "docx"],
    ["plan.html", async () => excerptHtml("gb2312"), "html"],
    ["plan.pdf", async () => pdfExcerpt, "pdf"],
  ] as const)("turns %s into plan text with the excerpt's sentences and tab-separated indicator rows", async (name, make, format) => {
    const converted = await convertFile(await make(), name);
    expect(converted.format).toBe(format);
    expect(converted.warnings).toEqual([]);
    for (const line of [...excerptOpening, ...excerptClosing]) expect(withoutSpaces(converted.text)).toContain(withoutSpaces(line));
    const lines = converted.text.split("\n");
    for (const row of excerptTableRows) expect(lines).toContain(row.join("\t"));
    expect(converted.text).not.toContain("\r");
  });

  it("converts a file whose extension lies by its content, with a warning", async () => {
    const converted = await convertFile(await excerptDocx(), "plan.pdf");
    expect(converted.format).toBe("docx");
    expect(converted.warnings).toEqual(["plan.pdf holds a Word .docx file, not a PDF: converted by its content; rename it to plan.docx."]);
    const asText = await convertFile(excerptHtml(), "saved-page.txt");
    expect(asText.format).toBe("html");
    expect(asText.warnings).toHaveLength(1);
  });

  it("rejects a .docx that is neither a zip nor text", async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 251 % 32);
    const error = await failure(convertFile(garbage, "plan.docx"));
    expect(error.code).toBe("SEED_FORMAT_UNSUPPORTED");
    expect(error.message).toBe("plan.docx is not a Word .docx file (its content has no zip signature) nor text: it is damaged or another format renamed; get the plan again as .docx, .pdf, .html or .txt.");
  });

  it("reads text saved under a .docx name as text, with a warning", async () => {
    const converted = await convertFile(Buffer.from(excerptText(), "utf8"), "plan.docx");
    expect(converted).toMatchObject({ format: "text", text: excerptText() });
    expect(converted.warnings).toEqual(["plan.docx holds plain text, not a Word .docx file: converted by its content; rename it to plan.txt."]);
  });

  it("rejects an empty file and a file over the size limit", async () => {
    expect((await failure(convertFile(new Uint8Array(), "empty.pdf"))).message).toBe("empty.pdf is empty: put the plan text in it or remove it from SEEDS_DIR.");
    const error = await failure(convertFile(new Uint8Array(2048), "big.pdf", { maxFileBytes: 1024 }));
    expect(error.code).toBe("SEED_TOO_LARGE");
    expect(error.message).toBe("big.pdf is 2 KB, over the 1 KB limit for a plan file: remove pictures or split it, or raise MAX_PLAN_FILE_BYTES.");
  });

  it("normalises CRLF line ends of text files", async () => {
    expect((await convertFile(Buffer.from("第一章  总则\r\n推进改革。\r\n"), "plan.txt")).text).toBe("第一章  总则\n推进改革。\n");
  });
});
