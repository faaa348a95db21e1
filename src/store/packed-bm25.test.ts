import { describe, expect, it } from "vitest";
import { buildBm25 } from "./bm25-index.js";
import { bm25FromPacked, packBm25, postingsReader } from "./packed-bm25.js";

// Token lists as the segmenter gives them for four short plan sentences.
const data = buildBm25([
  ["学校", "教师", "培训"],
  ["学校", "教师", "校长"],
  ["学校", "食堂", "陪餐"],
  ["学校", "教师", "教师", "职称"],
]);

/** Every term's list as the reader gives it. */
function readAll(reader: ReturnType<typeof postingsReader>): Record<string, [number, number][]> {
  const lists: Record<string, [number, number][]> = {};
  for (const term of reader.terms) {
    const list: [number, number][] = [];
    reader.forEachPosting(term, (documentIndex, frequency) => list.push([documentIndex, frequency]));
    lists[term] = list;
  }
  return lists;
}

describe("postingsReader", () => {
  it("reads a packed view's lists as the plain postings, in the same term order", () => {
    const view = bm25FromPacked(packBm25(data));
    const reader = postingsReader(view);
    expect(reader.terms).toEqual(Object.keys(data.postings));
    expect(readAll(reader)).toEqual(data.postings);
    expect(readAll(postingsReader(data))).toEqual(data.postings);
  });

  it("says when a term has no list, for both forms", () => {
    for (const reader of [postingsReader(data), postingsReader(bm25FromPacked(packBm25(data)))]) {
      expect(reader.forEachPosting("从未出现", () => undefined)).toBe(false);
      expect(reader.forEachPosting("toString", () => undefined)).toBe(false);
      expect(reader.forEachPosting("教师", () => undefined)).toBe(true);
    }
  });
});
