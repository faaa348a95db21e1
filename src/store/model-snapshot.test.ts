import { describe, expect, it } from "vitest";
import { realAssistant } from "../../test/support/real-assistant.js";
import { searchBm25 } from "./bm25-index.js";
import { decodeSnapshot, encodeSnapshot, engineParts, type ModelSnapshot } from "./model-snapshot.js";
import { packRecords, unpackRecords } from "./packed-records.js";

async function roundTrip(): Promise<{ original: ModelSnapshot; decoded: ModelSnapshot }> {
  const assistant = await realAssistant();
  const { engine, index } = assistant;
  const original: ModelSnapshot = { seeds: index.manifest.seeds, skipped: [], warnings: [], knowledge: engine.knowledge, dictionary: null, currentYear: engine.currentYear, engineParts: engineParts(engine), chunks: index.chunks, bm25: index.bm25 };
  return { original, decoded: decodeSnapshot(encodeSnapshot(original)) };
}

describe("model snapshot", () => {
  it("gives back the chunks, the knowledge and the engine's sentences and paragraphs as they were", async () => {
    const { original, decoded } = await roundTrip();
    expect(decoded.chunks).toEqual(original.chunks);
    expect(decoded.knowledge.facts).toEqual(original.knowledge.facts);
    expect(decoded.knowledge.projects).toEqual(original.knowledge.projects);
    expect(decoded.knowledge.responsibilities).toEqual(original.knowledge.responsibilities);
    expect(decoded.knowledge.findings).toEqual(original.knowledge.findings);
    expect(decoded.knowledge.plans).toEqual(original.knowledge.plans);
    const parts = decoded.engineParts!;
    const before = original.engineParts!;
    expect([...parts.paragraphText]).toEqual([...before.paragraphText]);
    expect([...parts.paragraphsByNode.keys()]).toEqual([...before.paragraphsByNode.keys()]);
    expect([...parts.sentencesByNode.keys()]).toEqual([...before.sentencesByNode.keys()]);
    for (const [key, sentences] of before.sentencesByNode) {
      const again = parts.sentencesByNode.get(key)!;
      expect(again.map((sentence) => [sentence.text, sentence.paragraphId, sentence.order, sentence.location.heading, [...sentence.tokens]])).toEqual(sentences.map((sentence) => [sentence.text, sentence.paragraphId, sentence.order, sentence.location.heading, [...sentence.tokens]]));
    }
    // A paragraph is one object wherever it sits: in its plan and in its node's list.
    const [key, paragraphs] = [...parts.paragraphsByNode][3]!;
    const doc = key.split("|")[0]!;
    expect(decoded.knowledge.plans.find((plan) => plan.doc === doc)!.paragraphs).toContain(paragraphs[0]);
  });

  it("keeps chunk texts out of the stored bytes and cuts them from their paragraphs again", async () => {
    const { original } = await roundTrip();
    const chunk = original.chunks.find((candidate) => candidate.text.length > 40 && candidate.paragraphId)!;
    expect(encodeSnapshot(original).includes(Buffer.from(chunk.text, "utf16le"))).toBe(true); // once, in its paragraph
    const bytes = encodeSnapshot(original);
    const first = bytes.indexOf(Buffer.from(chunk.text, "utf16le"));
    expect(bytes.indexOf(Buffer.from(chunk.text, "utf16le"), first + 1)).toBe(-1);
  });

  it("answers BM25 searches from the packed postings exactly as from the plain ones", async () => {
    const { original, decoded } = await roundTrip();
    const terms = new Map([["教师", 1], ["培训", 0.7], ["智慧校园", 1], ["不存在的词", 1]]);
    expect(searchBm25(decoded.bm25, terms, 20)).toEqual(searchBm25(original.bm25, terms, 20));
    expect(decoded.bm25.postings["教师"]).toEqual(original.bm25.postings["教师"]);
    expect(decoded.bm25.postings["不存在的词"]).toBeUndefined();
    expect("教师" in decoded.bm25.postings).toBe(true);
    expect(Object.keys(decoded.bm25.postings)).toEqual(Object.keys(original.bm25.postings));
    // Stored again without unpacking every term (the lazy view remembers its packed form).
    expect(decodeSnapshot(encodeSnapshot(decoded)).bm25.postings["教师"]).toEqual(original.bm25.postings["教师"]);
  });

  it("rejects bytes that are not a snapshot of this format", () => {
    expect(() => decodeSnapshot(Buffer.from("not a snapshot"))).toThrow();
  });
});

describe("packRecords", () => {
  it("stores strings once per column and gives back equal records with their keys in order", () => {
    const shared = { doc: "a", path: [] };
    const records = [
      { id: "x:1", doc: "district-plan-001", value: 1.5, unit: null, location: shared, attributive: false },
      { id: "x:2", doc: "district-plan-001", value: -0, unit: "所", location: shared, attributive: true },
    ];
    const packed = packRecords(records)!;
    expect(packed.columns[1]).toMatchObject({ kind: "strings", table: ["district-plan-001"] });
    const again = unpackRecords<(typeof records)[number]>(packed);
    expect(again).toEqual(records);
    expect(again.map((record) => Object.keys(record))).toEqual(records.map((record) => Object.keys(record)));
    expect(Object.is(again[1]!.value, -0)).toBe(true);
    expect(again[0]!.location).toBe(again[1]!.location);
  });

  it("declines records of different shapes", () => {
    expect(packRecords([{ a: 1 }, { b: 1 }])).toBeNull();
    expect(packRecords([{ a: 1, b: 2 }, { b: 2, a: 1 }])).toBeNull();
    expect(packRecords([])).toBeNull();
  });
});
