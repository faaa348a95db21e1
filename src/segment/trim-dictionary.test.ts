import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSeeds } from "../app/read-seeds.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { SEEDS_DIR } from "../../test/support/real-assistant.js";
import { QUESTION_WORDS, trimDictionary } from "./trim-dictionary.js";

// nodejieba holds one dictionary per process; this file loads it directly (not through
// createJiebaSegmenter) and puts the full dictionary back at the end.
const jieba = createRequire(import.meta.url)("nodejieba") as {
  DEFAULT_DICT: string;
  load(options?: { dict?: string; idfDict?: string; stopWordDict?: string }): void;
  cutForSearch(sentence: string, strict?: boolean): string[];
};

const directory = mkdtempSync(join(tmpdir(), "trim-dictionary-"));
afterAll(() => {
  jieba.load();
  rmSync(directory, { recursive: true, force: true });
});

const FILLER = "〇〇〇〇〇〇〇〇";

describe("trimDictionary", () => {
  const dictionary = ["教育 100 vn", "教师 50 n", "育教 7 x", "学生 30 n", "医院 20 n", "天气 5 n", "", "坏行", "坏 频率 x", "教 3 v"].join("\n");

  it("keeps exactly the dictionary words found inside the corpus's CJK runs, plus keepWords", () => {
    const trimmed = trimDictionary(dictionary, ["教育，教师。2025年"], ["天气", "不在词典"]);
    const lines = trimmed.trimEnd().split("\n");
    // 育教 would span the comma, and jieba never cuts across one; 学生 and 医院 do not occur.
    expect(lines.slice(0, -1)).toEqual(["教育 100 vn", "教师 50 n", "天气 5 n", "教 3 v"]);
    expect(trimmed.endsWith("\n")).toBe(true);
  });

  it("adds one filler line carrying the frequency of the dropped words, so the total stays the same", () => {
    const trimmed = trimDictionary(dictionary, ["教育，教师"], []);
    const lines = trimmed.trimEnd().split("\n");
    // Dropped: 育教 7, 学生 30, 医院 20, 天气 5 (the malformed lines count for nothing).
    expect(lines.at(-1)).toBe(`${FILLER} 62 x`);
    const total = (text: string) => text.split("\n").reduce((sum, line) => sum + (Number.parseFloat(line.split(" ")[1] ?? "") || 0), 0);
    expect(total(trimmed)).toBe(total(dictionary));
  });

  it("gives the filler at least frequency 1 when nothing is dropped", () => {
    expect(trimDictionary("教育 100 vn\n", ["教育"], [])).toBe(`教育 100 vn\n${FILLER} 1 x\n`);
  });

  it("ignores corpus words longer than maxWordLength", () => {
    expect(trimDictionary("教育 100 vn\n教育规划 9 n\n", ["教育规划"], [], 2)).toBe(`教育 100 vn\n${FILLER} 9 x\n`);
  });

  it("segments the plan exactly as the full dictionary does", async () => {
    const { plans } = await readSeeds(SEEDS_DIR);
    const corpus = plans.flatMap((plan) => plan.paragraphs.map((paragraph) => normalizeForMatch(paragraph.text)));
    const full = readFileSync(jieba.DEFAULT_DICT, "utf8");
    const trimmed = trimDictionary(full, corpus, QUESTION_WORDS);
    expect(trimmed.split("\n").length).toBeLessThan(full.split("\n").length / 20);
    for (const word of ["教育", "培训", "机构", "多少"]) expect(trimmed).toMatch(new RegExp(`^${word} `, "m"));

    const paths = { dict: join(directory, "trimmed.dict.utf8"), idfDict: join(directory, "idf.utf8"), stopWordDict: join(directory, "stop.utf8") };
    writeFileSync(paths.dict, trimmed);
    writeFileSync(paths.idfDict, "规划 1.0\n");
    writeFileSync(paths.stopWordDict, "的\n");
    const runs = corpus.flatMap((text) => text.match(/[\u3400-\u9fff]+/g) ?? []);
    expect(runs.length).toBeGreaterThan(1000);
    // Word probabilities are what matter. (Words added with insertWord take the loaded dictionary's
    // median weight, which trimming changes: this property is about the dictionary's own words.)
    jieba.load(paths);
    const withTrimmed = runs.map((run) => jieba.cutForSearch(run, true));
    jieba.load();
    const withFull = runs.map((run) => jieba.cutForSearch(run, true));
    expect(withTrimmed).toEqual(withFull);
  });
});
