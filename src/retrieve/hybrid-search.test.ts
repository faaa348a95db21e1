import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant, type LoadedAssistant } from "../app/create-assistant.js";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Location } from "../parse/plan-types.js";
import { contentTokens } from "../segment/segmenter.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { aggregateByNode, hybridSearch, nodeKey, queryTerms, termCoverage, type ScoredChunk } from "./hybrid-search.js";

// The real plan and the second plan (云溪县) in one index, so that the docs filter has something to exclude.
const SECOND_PLAN = join(import.meta.dirname, "..", "..", "test", "fixtures", "second-plan.txt");
const temporary = mkdtempSync(join(tmpdir(), "hybrid-search-"));
let assistant: LoadedAssistant;

beforeAll(async () => {
  const seedsDir = join(temporary, "seeds");
  mkdirSync(seedsDir);
  copyFileSync(SEED_FILE, join(seedsDir, "liangping.txt"));
  copyFileSync(SECOND_PLAN, join(seedsDir, "yunxi.txt"));
  assistant = await createAssistant({ seedsDir, indexDir: join(temporary, "index") });
});
afterAll(() => {
  rmSync(temporary, { recursive: true, force: true });
});

describe("queryTerms", () => {
  it("weighs the question's tokens 1, their synonyms 0.7 and context tokens 0.4", () => {
    const terms = queryTerms({ text: "老师的待遇", tokens: ["老师", "待遇"], contextTokens: ["乡村", "教师"] });
    expect(Object.fromEntries(terms)).toEqual({ 老师: 1, 教师: 0.7, 待遇: 1, 工资: 0.7, 乡村: 0.4 });
  });

  it("keeps the highest weight a term gets from any role", () => {
    // 待遇 lists itself among its synonyms; a context token that the question also uses stays at 1.
    const terms = queryTerms({ text: "", tokens: ["待遇", "学校"], contextTokens: ["学校"] });
    expect(terms.get("待遇")).toBe(1);
    expect(terms.get("学校")).toBe(1);
    expect(queryTerms({ text: "", tokens: [] }).size).toBe(0);
  });
});

function location(chapter: string, section: string | null): Location {
  return { doc: "plan", path: [], part: "第三篇", chapter, section, box: null, table: null, heading: `${chapter}${section ?? ""}` };
}

let chunkCount = 0;
function scored(where: Location, score: number): ScoredChunk {
  const index = chunkCount++;
  const chunk: Chunk = { id: `chunk-${index}`, doc: where.doc, paragraphId: `p-${index}`, start: 0, end: 4, text: "规划正文", location: where };
  return { chunk, index, score, lexical: score, vector: 0 };
}

describe("aggregateByNode", () => {
  const long = location("第七章", "第一节");
  const short = location("第七章", "第二节");
  const intro = location("第八章", null);

  it("scores a node by its best chunk plus a quarter of its second, best node first", () => {
    const nodes = aggregateByNode([scored(short, 0.95), scored(long, 0.9), scored(long, 0.6), scored(intro, 0.3)]);
    expect(nodes.map((node) => node.key)).toEqual([nodeKey(long), nodeKey(short), nodeKey(intro)]);
    expect(nodes[0]!.score).toBeCloseTo(0.9 + 0.25 * 0.6, 12);
    expect(nodes[1]!.score).toBeCloseTo(0.95, 12);
    expect(nodes[0]!.chunks).toHaveLength(2);
    expect(nodes[0]!.location).toEqual(long);
  });

  it("does not let a long section win by its number of weak hits", () => {
    const weak = Array.from({ length: 12 }, () => scored(long, 0.4));
    const nodes = aggregateByNode([scored(short, 0.6), ...weak]);
    expect(nodes[0]!.key).toBe(nodeKey(short));
    expect(nodes[1]!.score).toBeCloseTo(0.4 + 0.25 * 0.4, 12);
    expect(nodes[1]!.chunks).toHaveLength(12);
  });

  it("tells apart nodes that differ only by box or table", () => {
    const box = { ...intro, box: "专栏3" };
    expect(aggregateByNode([scored(intro, 0.5), scored(box, 0.5)])).toHaveLength(2);
    expect(aggregateByNode([])).toEqual([]);
  });
});

describe("termCoverage", () => {
  it("counts a synonym of a question word as covering it", () => {
    expect(termCoverage(assistant.index, ["老师"], new Set(["教师"]))).toBe(1);
    expect(termCoverage(assistant.index, ["老师"], new Set(["学校"]))).toBe(0);
  });

  it("weighs a word the plans never use at least as much as any word they use", () => {
    const seen = termCoverage(assistant.index, ["教师", "学校"], new Set(["教师"]));
    const unseen = termCoverage(assistant.index, ["教师", "飞船"], new Set(["教师"]));
    expect(unseen).toBeLessThan(0.5);
    expect(unseen).toBeLessThan(seen);
    expect(termCoverage(assistant.index, ["教师", "飞船"], new Set(["飞船"]))).toBeGreaterThan(0.5);
  });

  it("counts a repeated word once, gives request words (措施) little weight, and 0 for no words", () => {
    expect(termCoverage(assistant.index, ["教师", "教师"], new Set(["教师"]))).toBe(1);
    const topicOnly = termCoverage(assistant.index, ["近视", "措施"], new Set(["近视"]));
    const frameOnly = termCoverage(assistant.index, ["近视", "措施"], new Set(["措施"]));
    expect(topicOnly).toBeGreaterThan(0.75);
    expect(frameOnly).toBeLessThan(0.25);
    expect(termCoverage(assistant.index, [], new Set(["教师"]))).toBe(0);
  });

  it("counts a word the plans never use at half weight: slang or a typo beside a covered topic", () => {
    // 近视 is the plan's (近视防控); 瞅瞅 is not. Covered: more than half, less than all.
    const withSlang = termCoverage(assistant.index, ["近视", "瞅瞅"], new Set(["近视"]));
    expect(withSlang).toBeGreaterThan(0.5);
    expect(withSlang).toBeLessThan(1);
    // A question of such words alone still covers nothing.
    expect(termCoverage(assistant.index, ["瞅瞅"], new Set(["近视"]))).toBe(0);
  });
});

describe("hybridSearch", () => {
  const search = (text: string, docs?: ReadonlySet<string>) =>
    hybridSearch(assistant.index, assistant.engine.embedder, { text, tokens: contentTokens(assistant.engine.segmenter.cut(text)) }, { limit: 10, ...(docs ? { docs } : {}) });

  it("finds 第十四章第二节 for 校外培训机构, with fused scores best first and within 0..1", async () => {
    const results = await search("校外培训机构");
    expect(results[0]!.chunk.location).toMatchObject({ doc: "liangping", chapter: "第十四章", section: "第二节" });
    expect(results[0]!.chunk.text).toContain("校外培训机构");
    expect(results[0]!.score).toBeCloseTo(1, 6);
    expect(results.length).toBeLessThanOrEqual(10);
    for (const [index, result] of results.entries()) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1 + 1e-9);
      if (index > 0) expect(result.score).toBeLessThanOrEqual(results[index - 1]!.score);
      expect(assistant.index.chunks[result.index]).toBe(result.chunk);
    }
  });

  it("returns chunks of the allowed documents only", async () => {
    const all = await search("学前三年毛入园率");
    expect(new Set(all.map((result) => result.chunk.doc))).toEqual(new Set(["liangping", "yunxi"]));
    const yunxi = await search("学前三年毛入园率", new Set(["yunxi"]));
    expect(yunxi.length).toBeGreaterThan(0);
    expect(yunxi.every((result) => result.chunk.doc === "yunxi")).toBe(true);
    const liangping = await search("校外培训机构", new Set(["liangping"]));
    expect(liangping[0]!.chunk.location).toMatchObject({ chapter: "第十四章", section: "第二节" });
    expect(liangping.every((result) => result.chunk.doc === "liangping")).toBe(true);
    expect(await search("校外培训机构", new Set(["no-such-plan"]))).toEqual([]);
  });
});
