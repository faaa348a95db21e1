import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { QUESTION_WORDS, trimDictionary } from "./trim-dictionary.js";

/** Files of a dictionary prepared for one corpus, and the key that names them. */
export interface PreparedDictionary {
  readonly key: string;
  readonly dictionaryPath: string;
  readonly idfPath: string;
  readonly stopWordPath: string;
}

const TRIM_VERSION = 1;
const require = createRequire(import.meta.url);

async function writeAtomically(path: string, data: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Returns a jieba dictionary trimmed to the corpus (see trimDictionary), cached under `directory`
 * by a key over the corpus, the kept words and nodejieba's own dictionary. Built once per corpus.
 */
export async function prepareDictionary(directory: string, corpus: readonly string[], keepWords: readonly string[]): Promise<PreparedDictionary> {
  const nodejieba = require("nodejieba") as { DEFAULT_DICT: string };
  const full = await stat(nodejieba.DEFAULT_DICT);
  const allKept = [...new Set([...QUESTION_WORDS, ...keepWords])].sort();
  const hash = createHash("sha256").update(`${TRIM_VERSION}\n${full.size}\n${allKept.join("\n")}\n`);
  for (const text of corpus) hash.update(text).update("\u0000");
  const key = hash.digest("hex").slice(0, 16);
  const dictionaryPath = join(directory, `${key}.dict.utf8`);
  // nodejieba requires IDF and stop-word files; keyword extraction is unused, so tiny ones do.
  const idfPath = join(directory, "unused.idf.utf8");
  const stopWordPath = join(directory, "unused.stop.utf8");
  await mkdir(directory, { recursive: true });
  const exists = async (path: string) => stat(path).then(() => true, () => false);
  if (!(await exists(dictionaryPath))) await writeAtomically(dictionaryPath, trimDictionary(await readFile(nodejieba.DEFAULT_DICT, "utf8"), corpus, allKept));
  if (!(await exists(idfPath))) await writeAtomically(idfPath, "规划 1.0\n");
  if (!(await exists(stopWordPath))) await writeAtomically(stopWordPath, "的\n");
  return { key, dictionaryPath, idfPath, stopWordPath };
}

/** A prepared dictionary's content, as persisted with the model so that a start need not trim again. */
export interface DictionaryContent {
  readonly key: string;
  readonly text: string;
}

/** The content of a prepared dictionary, to persist. */
export async function readDictionaryContent(dictionary: PreparedDictionary): Promise<DictionaryContent> {
  return { key: dictionary.key, text: await readFile(dictionary.dictionaryPath, "utf8") };
}

/** Writes a persisted dictionary under `directory` (once per key) and returns it prepared. */
export async function restoreDictionary(directory: string, content: DictionaryContent): Promise<PreparedDictionary> {
  await mkdir(directory, { recursive: true });
  const dictionaryPath = join(directory, `${content.key}.dict.utf8`);
  const idfPath = join(directory, "unused.idf.utf8");
  const stopWordPath = join(directory, "unused.stop.utf8");
  const exists = async (path: string) => stat(path).then(() => true, () => false);
  if (!(await exists(dictionaryPath))) await writeAtomically(dictionaryPath, content.text);
  if (!(await exists(idfPath))) await writeAtomically(idfPath, "规划 1.0\n");
  if (!(await exists(stopWordPath))) await writeAtomically(stopWordPath, "的\n");
  return { key: content.key, dictionaryPath, idfPath, stopWordPath };
}
