import { describe, expect, it } from "vitest";
import { bm25Idf, buildBm25, searchBm25 } from "./bm25-index.js";

// Token lists as the segmenter gives them for four short plan sentences.
const DOCUMENTS = [
  ["学校", "教师", "培训"],
  ["学校", "教师", "校长"],
  ["学校", "食堂", "陪餐"],
  ["学校", "教师", "教师", "职称"],
];
const data = buildBm25(DOCUMENTS);
const terms = (...entries: [string, number][]) => new Map(entries);

describe("buildBm25", () => {
  it("records term frequencies per document and the lengths", () => {
    expect(data.postings["教师"]).toEqual([[0, 1], [1, 1], [3, 2]]);
    expect(data.documentLengths).toEqual([3, 3, 3, 4]);
    expect(data.averageLength).toBe(3.25);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it("copes with an empty corpus", () => {
    const empty = buildBm25([]);
    expect(empty.averageLength).toBe(0);
    expect(searchBm25(empty, terms(["学校", 1]), 5)).toEqual([]);
  });
});

describe("bm25Idf", () => {
  it("is higher for rarer terms and never negative, even for a term in every document", () => {
    expect(bm25Idf(data, "陪餐")).toBeGreaterThan(bm25Idf(data, "教师"));
    expect(bm25Idf(data, "教师")).toBeGreaterThan(bm25Idf(data, "学校"));
    expect(bm25Idf(data, "学校")).toBeGreaterThan(0);
    expect(bm25Idf(data, "未出现")).toBeGreaterThan(bm25Idf(data, "陪餐"));
  });
});

describe("searchBm25", () => {
  it("ranks the document with the rarer term first", () => {
    // 教师 is in three documents, 校长 in one: the document with 校长 wins over the others with 教师.
    const results = searchBm25(data, terms(["教师", 1], ["校长", 1]), 10);
    expect(results[0]!.index).toBe(1);
    expect(results.map((result) => result.index).sort()).toEqual([0, 1, 3]);
    for (let index = 1; index < results.length; index += 1) expect(results[index]!.score).toBeLessThanOrEqual(results[index - 1]!.score);
  });

  it("multiplies each term's contribution by its weight", () => {
    const single = searchBm25(data, terms(["陪餐", 1]), 10);
    const weighted = searchBm25(data, terms(["陪餐", 0.4]), 10);
    expect(weighted[0]!.index).toBe(2);
    expect(weighted[0]!.score).toBeCloseTo(0.4 * single[0]!.score, 12);
    // 陪餐 and 职称 are equally rare; the weight decides which document comes first.
    expect(searchBm25(data, terms(["陪餐", 1], ["职称", 1]), 10)[0]!.index).toBe(2);
    expect(searchBm25(data, terms(["陪餐", 1], ["职称", 2]), 10)[0]!.index).toBe(3);
  });

  it("skips documents the filter rejects, and terms no document has", () => {
    const results = searchBm25(data, terms(["教师", 1], ["校长", 1], ["不存在", 1]), 10, (index) => index !== 1);
    expect(results.map((result) => result.index)).not.toContain(1);
    expect(results).toHaveLength(2);
    expect(searchBm25(data, terms(["不存在", 1]), 10)).toEqual([]);
  });

  it("returns at most `limit` results, the best ones", () => {
    const all = searchBm25(data, terms(["学校", 1], ["教师", 1]), 10);
    expect(all).toHaveLength(4);
    expect(searchBm25(data, terms(["学校", 1], ["教师", 1]), 2)).toEqual(all.slice(0, 2));
  });

  it("prefers the shorter document when term frequencies tie", () => {
    const lengths = buildBm25([["教师", "a", "b", "c", "d", "e"], ["教师", "a"]]);
    expect(searchBm25(lengths, terms(["教师", 1]), 2).map((result) => result.index)).toEqual([1, 0]);
  });
});
