import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDictionary } from "./prepare-dictionary.js";
import { QUESTION_WORDS, trimDictionary } from "./trim-dictionary.js";

const CORPUS = ["坚持开展校外培训机构专项治理。", "实施乡村教师支持计划，补充新教师600名。"];
const KEEP = ["县管校聘", "领雁工程"];
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "prepare-dictionary-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("prepareDictionary", () => {
  it("writes the dictionary trimmed to the corpus and the question words, with the files nodejieba needs", async () => {
    const prepared = await prepareDictionary(directory, CORPUS, KEEP);
    expect(prepared.key).toMatch(/^[0-9a-f]{16}$/);
    expect(prepared.dictionaryPath).toBe(join(directory, `${prepared.key}.dict.utf8`));
    const full = await readFile((createRequire(import.meta.url)("nodejieba") as { DEFAULT_DICT: string }).DEFAULT_DICT, "utf8");
    expect(await readFile(prepared.dictionaryPath, "utf8")).toBe(trimDictionary(full, CORPUS, [...new Set([...QUESTION_WORDS, ...KEEP])].sort()));
    expect((await readFile(prepared.idfPath, "utf8")).length).toBeGreaterThan(0);
    expect((await readFile(prepared.stopWordPath, "utf8")).length).toBeGreaterThan(0);
  });

  it("returns the same key for the same inputs and reuses the file instead of rewriting it", async () => {
    const own = join(directory, "reuse");
    const first = await prepareDictionary(own, CORPUS, KEEP);
    // Mark the file: a rebuild would lose the mark.
    const marked = `${await readFile(first.dictionaryPath, "utf8")}标记 1 x\n`;
    await writeFile(first.dictionaryPath, marked);
    const second = await prepareDictionary(own, CORPUS, [...KEEP].reverse());
    expect(second).toEqual(first);
    expect(await readFile(second.dictionaryPath, "utf8")).toBe(marked);
  });

  it("gives a different key, and a file of its own, for a different corpus or other kept words", async () => {
    const base = await prepareDictionary(directory, CORPUS, KEEP);
    const otherCorpus = await prepareDictionary(directory, [...CORPUS, "推进智慧校园建设。"], KEEP);
    const otherWords = await prepareDictionary(directory, CORPUS, [...KEEP, "双减"]);
    // Texts are hashed one by one: moving a boundary between them changes the key too.
    const rejoined = await prepareDictionary(directory, [CORPUS.join("")], KEEP);
    expect(new Set([base.key, otherCorpus.key, otherWords.key, rejoined.key]).size).toBe(4);
    expect(otherCorpus.dictionaryPath).not.toBe(base.dictionaryPath);
    expect(await readFile(otherCorpus.dictionaryPath, "utf8")).toMatch(/^智慧 /m);
    expect((await readdir(directory)).filter((file) => file.endsWith(".tmp"))).toEqual([]);
  });
});
