import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { excerptClosing, excerptOpening, excerptTableHeader, excerptTableRows, excerptTableTitle } from "../../test/fixtures/formats/plan-excerpt.js";
import { PlanAssistantError } from "../errors.js";
import { convertPdf, PAGE_BREAK } from "./convert-pdf.js";
import { DEFAULT_CONVERT_LIMITS, resolveLimits } from "./limits.js";

// Made by test/fixtures/formats/make-pdf-fixtures.ts from the plan excerpt.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url)));
const withoutSpaces = (text: string) => text.replace(/\s+/g, "");

async function failure(promise: Promise<unknown>): Promise<PlanAssistantError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PlanAssistantError);
  return error as PlanAssistantError;
}

describe("convertPdf", () => {
  it("extracts the text layer page by page, table rows as tab-separated lines", async () => {
    const converted = await convertPdf(fixture("plan-excerpt.pdf"), "plan.pdf", DEFAULT_CONVERT_LIMITS);
    expect(converted.pages).toBe(2);
    expect(converted.warnings).toEqual([]);
    const [first, second, ...rest] = converted.text.split(`\n${PAGE_BREAK}\n`);
    expect(rest).toEqual([]);
    // Lines wrap where the PDF wraps them; the sentences are all there.
    for (const line of excerptOpening) expect(withoutSpaces(first!)).toContain(withoutSpaces(line));
    // A heading's label and title set apart on the page keep two spaces between them, as the plan writes them.
    expect(second!.split("\n").slice(0, excerptClosing.length)).toEqual([...excerptClosing]);
    const lines = first!.split("\n");
    expect(lines).toContain(excerptTableTitle);
    for (const row of [excerptTableHeader, ...excerptTableRows]) expect(lines).toContain(row.join("\t"));
    expect(lines).toContain("- 1 -"); // page numbers are left for the parser
  });

  it("rejects a PDF with no text layer, naming the file", async () => {
    const error = await failure(convertPdf(fixture("scanned.pdf"), "scan.pdf", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_PDF_NO_TEXT");
    expect(error.message).toMatch(/^scan\.pdf: no text layer \(scanned\?\): run OCR/);
  });

  it("rejects an encrypted PDF with its own reason", async () => {
    const error = await failure(convertPdf(fixture("encrypted.pdf"), "locked.pdf", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_PDF_ENCRYPTED");
    expect(error.message).toMatch(/^locked\.pdf is encrypted \(it needs a password to open\)/);
  });

  it("rejects a PDF with more pages than the limit before extracting text", async () => {
    const error = await failure(convertPdf(fixture("plan-excerpt.pdf"), "long.pdf", resolveLimits({ maxPdfPages: 1 })));
    expect(error.code).toBe("SEED_PDF_TOO_MANY_PAGES");
    expect(error.message).toBe("long.pdf has 2 pages, more than the limit of 1: split the PDF, or raise MAX_PDF_PAGES.");
  });

  it("rejects a damaged PDF and leaves the caller's bytes intact", async () => {
    const bytes = fixture("plan-excerpt.pdf");
    const damaged = bytes.slice(0, 400);
    const error = await failure(convertPdf(damaged, "cut.pdf", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_CORRUPT");
    expect(error.message).toMatch(/^cut\.pdf is a damaged PDF/);
    await convertPdf(bytes, "plan.pdf", DEFAULT_CONVERT_LIMITS);
    expect(bytes.byteLength).toBeGreaterThan(20_000);
  });
});
