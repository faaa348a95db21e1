import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A file served as is. */
export interface StaticAsset {
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** Files by their name (no directories: the page's assets are one flat folder). */
export type StaticAssets = ReadonlyMap<string, StaticAsset>;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * The page's folder, src/web/static. Both this source file and the bundles scripts/run.mjs writes
 * (dist/<entry>-<hash>/) sit two folders below the project root.
 */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL("../../src/web/static/", import.meta.url));

/** Reads the page's files into memory once, at start: no file system access per request. */
export function loadStaticAssets(directory: string = DEFAULT_ASSETS_DIR): StaticAssets {
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    assets.set(name, { body: readFileSync(join(directory, name)), contentType });
  }
  return assets;
}
