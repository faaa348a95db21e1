import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readEvalItems } from "../../bench/eval-questions.js";
import { answerQuestion } from "../answer/answer-question.js";
import { createAssistant, type LoadedAssistant } from "../app/create-assistant.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { composeEngine, loadVectorSearch } from "./compose-engine.js";
import { buildPlanPart, decodePlanPart, encodePlanPart, vectorBytes, type PlanPart } from "./plan-part.js";

const ROOT = join(import.meta.dirname, "..", "..");
const QUESTION_SETS = ["test/eval/own-questions.jsonl", "test/eval/held-out-questions.jsonl", "test/eval/held-out-2-questions.jsonl", "test/eval/held-out-3-questions.jsonl", "test/fixtures/eval/public.jsonl"].map((file) => join(ROOT, file));

describe("an engine composed of plan parts", () => {
  let whole: LoadedAssistant;
  let parts: PlanPart[];

  beforeAll(async () => {
    // Two plans (the seed and a second district's), built together as the embedded store builds them.
    const seedsDir = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    copyFileSync(SEED_FILE, join(seedsDir, "liangping-education-plan-2021-2025.txt"));
    copyFileSync(join(ROOT, "test", "fixtures", "second-plan.txt"), join(seedsDir, "second-plan.txt"));
    whole = await createAssistant({ seedsDir, indexDir: mkdtempSync(join(tmpdir(), "plan-index-")) });
    const { engine } = whole;
    // Each part built alone with the whole build's segmenter and fitted embedder, then stored and read back.
    parts = [];
    for (const plan of engine.knowledge.plans) {
      const seed = engine.index.manifest.seeds.find((candidate) => candidate.doc === plan.doc)!;
      const part = await buildPlanPart(plan, seed, engine.segmenter, engine.embedder, engine.currentYear);
      parts.push(decodePlanPart(encodePlanPart(part), vectorBytes(part), part.dimension));
    }
    await loadVectorSearch();
  }, 120_000);

  it("derives the same sentences, paragraphs, typo index, chunks and BM25 as the whole-set build", () => {
    const { engine } = whole;
    const composed = composeEngine(parts, { embedder: engine.embedder, segmenter: engine.segmenter, currentYear: engine.currentYear, directory: "test" });
    expect(composed.index.chunks).toEqual(engine.index.chunks);
    expect(composed.index.bm25.documentLengths).toEqual(engine.index.bm25.documentLengths);
    expect(composed.index.bm25.averageLength).toBe(engine.index.bm25.averageLength);
    expect(Object.keys(composed.index.bm25.postings).sort()).toEqual(Object.keys(engine.index.bm25.postings).sort());
    for (const term of ["入园率", "教师", "学校"]) expect(composed.index.bm25.postings[term]).toEqual(engine.index.bm25.postings[term]);
    expect(composed.typos).toEqual(engine.typos);
    expect([...composed.paragraphText]).toEqual([...engine.paragraphText]);
    expect([...composed.sentencesByNode.keys()]).toEqual([...engine.sentencesByNode.keys()]);
    const orders = (map: typeof engine.sentencesByNode) => [...map.values()].flatMap((list) => list.map((sentence) => `${sentence.order}:${sentence.text}:${[...sentence.tokens].join(" ")}`));
    expect(orders(composed.sentencesByNode)).toEqual(orders(engine.sentencesByNode));
    expect(composed.knowledge.facts.length).toBe(engine.knowledge.facts.length);
    expect(composed.knowledge.findings).toEqual(engine.knowledge.findings);
  });

  it("finds the same nearest chunks as the whole-set vector graph", async () => {
    const { engine } = whole;
    const composed = composeEngine(parts, { embedder: engine.embedder, segmenter: engine.segmenter, currentYear: engine.currentYear, directory: "test" });
    for (const text of ["学前三年毛入园率", "教师队伍建设", "云溪县智慧校园"]) {
      const vector = await engine.embedder.embeddings.embedQuery(text);
      expect(composed.index.vectorStore.index.searchKnn(vector, 60)).toEqual(engine.index.vectorStore.index.searchKnn(vector, 60));
    }
  });

  it("answers every question of the project's sets exactly as the whole-set engine", async () => {
    const { engine, examples } = whole;
    const composed = composeEngine(parts, { embedder: engine.embedder, segmenter: engine.segmenter, currentYear: engine.currentYear, directory: "test" });
    const items = await readEvalItems(QUESTION_SETS);
    expect(items.length).toBeGreaterThan(100);
    for (const item of items) {
      const expected = await answerQuestion(engine, examples, item.question, item.history ?? []);
      expect(await answerQuestion(composed, examples, item.question, item.history ?? []), item.question).toEqual(expected);
    }
  }, 120_000);
});
