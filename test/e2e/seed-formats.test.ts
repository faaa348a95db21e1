import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer-schema.js";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { realAssistant, SEED_FILE } from "../support/real-assistant.js";
import { seedDocx, seedHtml } from "../support/seed-documents.js";

interface EvalItem {
  readonly id: string;
  readonly question: string;
  readonly history?: readonly string[];
  readonly must?: readonly string[];
  readonly cite?: readonly Record<string, string>[];
}

const seed = readFileSync(SEED_FILE, "utf8");
const strip = (text: string) => text.replace(/\s+/g, "");
const seedStripped = strip(seed).replace(/•/g, "·");
const items: EvalItem[] = readFileSync(new URL("../fixtures/eval/public.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalItem);

async function assistantOver(file: string, bytes: Uint8Array): Promise<LoadedAssistant> {
  const root = mkdtempSync(join(tmpdir(), "format-"));
  mkdirSync(join(root, "seeds"));
  writeFileSync(join(root, "seeds", file), bytes);
  return createAssistant({ seedsDir: join(root, "seeds"), indexDir: join(root, "index") });
}

/** The scorer's citation rule: some citation matches some spec (every key equal; `table` by substring). */
function citesAsExpected(answer: Answer, specs: readonly Record<string, string>[] = []): boolean {
  if (specs.length === 0) return true;
  return answer.citations.some((citation) => specs.some((spec) => Object.entries(spec).every(([key, value]) => (key === "table" ? Boolean(citation.table?.includes(value)) : (citation as unknown as Record<string, unknown>)[key] === value))));
}

function invariant(answer: Answer, item: EvalItem) {
  return { found: answer.found, must: (item.must ?? []).filter((word) => answer.answer.includes(word)), cited: citesAsExpected(answer, item.cite) };
}

// The seed as a Word file and a GBK web page (built by the test) and as the PDF LibreOffice prints from
// that Word file (test/fixtures/seed-formats, made by scripts/make-seed-formats.ts).
const FORMATS: readonly { readonly file: string; readonly bytes: () => Promise<Uint8Array> }[] = [
  { file: "liangping-education-plan-2021-2025.docx", bytes: async () => seedDocx(seed) },
  { file: "liangping-education-plan-2021-2025.html", bytes: async () => seedHtml(seed) },
  { file: "liangping-education-plan-2021-2025.pdf", bytes: async () => readFileSync(new URL("../fixtures/seed-formats/liangping-education-plan-2021-2025.pdf", import.meta.url)) },
];

describe("the seed as .docx, .pdf and .html answers the public set as the .txt does", () => {
  for (const format of FORMATS) {
    it(`${format.file.split(".").pop()}: same scope, figures and citations on every public question; quotes verbatim`, async () => {
      const clean = await realAssistant();
      const converted = await assistantOver(format.file, await format.bytes());
      expect(converted.plans[0]!.tables[0]!.rows).toHaveLength(15);
      for (const item of items) {
        const expected = invariant(await clean.answer(item.question, item.history ?? []), item);
        const answer = await converted.answer(item.question, item.history ?? []);
        expect(invariant(answer, item), `${format.file} ${item.id} ${item.question}`).toEqual(expected);
        for (const citation of answer.citations) expect(seedStripped.includes(strip(citation.quote).replace(/•/g, "·")), `${item.id}: ${citation.quote}`).toBe(true);
      }
    }, 90_000);
  }
});
