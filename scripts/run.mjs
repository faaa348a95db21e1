#!/usr/bin/env node
// Runs a TypeScript entry point: bundles the project's own code with esbuild (packages stay
// external, loaded natively by Node) and imports the bundle. Rebuilding on every run keeps it in
// step with src/ (about 50 ms); skipping tsx's loader hooks saves ~0.5 s of start-up in the
// LangChain imports, which matters for `ask --batch` and the chat's first answer.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/run.mjs <entry.ts> [args…]\n");
  process.exit(2);
}
const name = basename(entry, ".ts");
const staging = join(root, "dist", "staging");
// Code splitting keeps optional parts (language model providers) in chunks loaded on demand.
const result = await build({
  entryPoints: { [name]: resolve(root, entry) },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  write: false,
  outdir: staging,
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  logLevel: "warning",
});
// Content-addressed output: a running process's lazily loaded chunks never change under it, and
// concurrent runs of the same source share one directory.
const hash = createHash("sha256");
for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
const distRoot = join(root, "dist");
const target = join(distRoot, `${name}-${hash.digest("hex").slice(0, 16)}`);
if (!existsSync(target)) {
  const temporary = `${target}.${process.pid}.tmp`;
  for (const file of result.outputFiles) {
    const path = join(temporary, file.path.slice(staging.length + 1));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
  try {
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { recursive: true, force: true }); // another run published the same build
  }
  // Builds of this entry older than a day are from edited sources: prune them.
  for (const entryName of readdirSync(distRoot)) {
    const path = join(distRoot, entryName);
    if (entryName.startsWith(`${name}-`) && path !== target && Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
  }
}
const outfile = join(target, `${name}.js`);
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
