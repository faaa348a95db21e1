import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Source folders whose code shapes the persisted plan model, the index and the engine's derived data. */
const MODEL_SOURCE_FOLDERS = ["answer", "chunk", "convert", "embed", "extract", "parse", "retrieve", "segment", "store", "text"];

let cached: string | null = null;

/**
 * Identity of the code that builds what the store persists: a hash of every source file of the
 * folders above (tests excluded). A persisted model built by other code is stale and rebuilt,
 * never silently served. Falls back to the package version when the sources are not shipped.
 * @param start Where to look for the project root (defaults to this module's location).
 */
export function codeVersion(start: string = dirname(fileURLToPath(import.meta.url))): string {
  if (cached !== null) return cached;
  const root = findProjectRoot(start);
  const hash = createHash("sha256");
  if (!root) {
    hash.update("no-sources");
  } else {
    const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
    hash.update(`version ${packageJson.version ?? "0"}\n`);
    for (const folder of MODEL_SOURCE_FOLDERS) {
      const directory = join(root, "src", folder);
      if (!existsSync(directory)) continue;
      const files = readdirSync(directory, { recursive: true, encoding: "utf8" }).filter((file) => !/\.test\.ts$/.test(file) && /\.(ts|json|tsv|txt)$/.test(file)).sort();
      for (const file of files) hash.update(`${folder}/${file}\n`).update(readFileSync(join(directory, file)));
    }
  }
  cached = hash.digest("hex").slice(0, 16);
  return cached;
}

/** The nearest folder at or above `start` holding package.json and src/. */
function findProjectRoot(start: string): string | null {
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, "package.json")) && existsSync(join(directory, "src"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}
