import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, extname, join, relative, sep } from "node:path";
import { convertFile, tooLarge } from "../convert/convert-file.js";
import { PLAN_FILE_EXTENSIONS, unreadFormatReason } from "../convert/detect-format.js";
import { type ConvertLimits, resolveLimits } from "../convert/limits.js";
import { PlanAssistantError, describeError } from "../errors.js";
import { applyPlanSidecar, planSidecarSchema, type PlanSidecar } from "../parse/parse-metadata.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Plan } from "../parse/plan-types.js";
import { sha256 } from "../store/index-files.js";
import type { SeedInfo } from "../store/build-index.js";

export interface LoadedSeeds {
  readonly plans: readonly Plan[];
  readonly seeds: readonly SeedInfo[];
  /** Files that could not be used, each "path: CODE: reason" (empty, too large, scanned PDF, zip bomb…). */
  readonly skipped: readonly string[];
  /** Files that loaded with something to fix (a lying extension, pages without text, a shared doc id). */
  readonly warnings: readonly string[];
  /** The converted plain text of each plan, by doc (what a database store keeps to parse again). */
  readonly texts: ReadonlyMap<string, string>;
}

export interface ReadSeedsOptions {
  /** Overrides of the conversion limits (file size, HTML size, PDF pages, .docx zip); see src/convert/limits.ts. */
  readonly limits?: Partial<ConvertLimits>;
}

const SUPPORTED = new Set(PLAN_FILE_EXTENSIONS);
const SUPPORTED_LIST = ".txt, .md, .docx, .pdf, .html";

/**
 * Whether `path` lies in the folder a browser saves a page's assets in ("plan_files/" or "plan.files/"
 * beside "plan.html"): its frames and pictures are not plans.
 */
function isSavedPageAsset(path: string, directory: string, allPaths: ReadonlySet<string>): boolean {
  let folder = dirname(path);
  while (folder.length > directory.length) {
    const match = /^(.*)[._]files$/.exec(folder);
    if (match && [".htm", ".html"].some((extension) => allPaths.has(`${match[1]}${extension}`))) return true;
    folder = dirname(folder);
  }
  return false;
}

/** Plan files, and files in formats plans come in but that are not read (.doc, .ofd, scans…); sorted paths. */
async function listPlanFiles(directory: string): Promise<{ planFiles: string[]; unreadFiles: string[]; sidecars: string[] }> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  const allPaths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
  const pathSet = new Set(allPaths);
  const paths = allPaths.filter((path) => !isSavedPageAsset(path, directory, pathSet));
  return {
    planFiles: paths.filter((path) => SUPPORTED.has(extname(path).toLowerCase())).sort(),
    unreadFiles: paths.filter((path) => unreadFormatReason(path) !== null).sort(),
    sidecars: paths.filter((path) => path.endsWith(SIDECAR_SUFFIX)).sort(),
  };
}

/** A plan's sidecar: `plan.docx` → `plan.meta.json` beside it (see planSidecarSchema). */
export const SIDECAR_SUFFIX = ".meta.json";

/** The sidecar path of a plan file (its name without the extension, then SIDECAR_SUFFIX). */
function sidecarOf(path: string): string {
  return `${path.slice(0, path.length - extname(path).length)}${SIDECAR_SUFFIX}`;
}

/**
 * A plan file's sidecar, read and checked: its bytes (hashed with the plan) and its metadata, or
 * the reason it cannot be used (the plan is still read, without it). Null without a sidecar.
 */
async function readSidecar(path: string, sidecars: ReadonlySet<string>): Promise<{ bytes: Buffer; sidecar: PlanSidecar | null; problem: string | null } | null> {
  const sidecarPath = sidecarOf(path);
  if (!sidecars.has(sidecarPath)) return null;
  const bytes = await readFile(sidecarPath);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return { bytes, sidecar: null, problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = planSidecarSchema.safeParse(json);
  return parsed.success ? { bytes, sidecar: parsed.data, problem: null } : { bytes, sidecar: null, problem: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ") };
}

/** A plan's version hash: its file, and its sidecar when it has one (editing either re-ingests the plan). */
function planHash(bytes: Buffer, sidecarBytes: Buffer | null): string {
  return sidecarBytes ? sha256(Buffer.concat([bytes, Buffer.from("\u0000"), sidecarBytes])) : sha256(bytes);
}

/** A plan file found under SEEDS_DIR, hashed but not read as a plan. */
export interface SeedFile {
  /** Path under the seeds folder, as `SeedInfo.file`. */
  readonly file: string;
  readonly sha256: string;
}

/**
 * Lists and hashes every file `readSeeds` would consider, without converting or parsing any:
 * what a start needs to know whether the persisted model is still current. A file over the size
 * limit is hashed from its size (it is never read).
 * @throws PlanAssistantError SEEDS_MISSING when the folder cannot be read.
 */
export async function scanSeeds(directory: string, options: ReadSeedsOptions = {}): Promise<SeedFile[]> {
  const limits = resolveLimits(options.limits);
  let listed: { planFiles: string[]; unreadFiles: string[]; sidecars: string[] };
  try {
    listed = await listPlanFiles(directory);
  } catch (error) {
    throw new PlanAssistantError("SEEDS_MISSING", `Cannot read SEEDS_DIR ${directory}: ${(error as Error).message}. Set SEEDS_DIR to the folder holding the plan files (${SUPPORTED_LIST}).`, { cause: error });
  }
  const files: SeedFile[] = [];
  // Sidecars are hashed too: editing one makes the model stale.
  for (const path of [...listed.planFiles, ...listed.unreadFiles, ...listed.sidecars]) {
    const file = relative(directory, path);
    try {
      const { size } = await stat(path);
      files.push({ file, sha256: size > limits.maxFileBytes ? `too-large:${size}` : sha256(await readFile(path)) });
    } catch (error) {
      files.push({ file, sha256: `unreadable:${(error as NodeJS.ErrnoException).code ?? "error"}` });
    }
  }
  return files;
}

/**
 * Reads and parses every plan file under `directory` (any depth): text and markdown in any encoding,
 * Word .docx, PDF with a text layer and saved web pages, each converted by `convertFile` from what its
 * content is. A file over the size limit is rejected from its size, never read. An unusable file is
 * skipped with its reason and never stops the others; files in formats plans come in but that are not
 * read (.doc, .wps, .ofd, .tif scans, archives) are listed in `skipped` too, with the fix. At least one
 * plan must load.
 * The doc id is the path under `directory` without extension (`county/plan`); when two files share one
 * (plan.txt and plan.docx), the later in path order keeps its extension (`plan.txt`) and a warning says so.
 * Each seed's sha256 is the hash of the file's bytes.
 * @throws PlanAssistantError SEEDS_MISSING when the folder cannot be read or no plan can be loaded.
 */
export async function readSeeds(directory: string, options: ReadSeedsOptions = {}): Promise<LoadedSeeds> {
  const limits = resolveLimits(options.limits);
  let files: string[];
  let unreadFiles: string[];
  let sidecars: ReadonlySet<string>;
  try {
    let sidecarList: string[];
    ({ planFiles: files, unreadFiles, sidecars: sidecarList } = await listPlanFiles(directory));
    sidecars = new Set(sidecarList);
  } catch (error) {
    throw new PlanAssistantError("SEEDS_MISSING", `Cannot read SEEDS_DIR ${directory}: ${(error as Error).message}. Set SEEDS_DIR to the folder holding the plan files (${SUPPORTED_LIST}).`, { cause: error });
  }
  const plans: Plan[] = [];
  const seeds: SeedInfo[] = [];
  // A .doc or .ofd beside the plans is said, not silently ignored; other files (notes, a saved page's images) are not plans.
  const skipped: string[] = unreadFiles.map((file) => `${relative(directory, file)}: SEED_FORMAT_UNSUPPORTED: ${unreadFormatReason(relative(directory, file))}`);
  const warnings: string[] = [];
  const docs = new Set<string>();
  const texts = new Map<string, string>();
  for (const file of files) {
    const name = relative(directory, file);
    const posixName = name.split(sep).join("/");
    try {
      const { size } = await stat(file);
      if (size > limits.maxFileBytes) throw tooLarge(name, size, limits.maxFileBytes);
      const bytes = await readFile(file);
      const converted = await convertFile(bytes, name, limits);
      const plainDoc = posixName.slice(0, -extname(file).length);
      const doc = docs.has(plainDoc) ? posixName : plainDoc;
      const parsed = parsePlan(doc, converted.text);
      // What the text does not say (a title line, the issuer) may be given in the plan's sidecar.
      const sidecar = await readSidecar(file, sidecars);
      if (sidecar?.problem) warnings.push(`${relative(directory, sidecarOf(file))}: ignored: ${sidecar.problem}`);
      const plan = sidecar?.sidecar ? { ...parsed, metadata: applyPlanSidecar(parsed.metadata, sidecar.sidecar) } : parsed;
      docs.add(doc);
      texts.set(doc, converted.text);
      plans.push(plan);
      seeds.push({ doc, file: name, sha256: planHash(bytes, sidecar?.bytes ?? null), bytes: bytes.length });
      if (doc !== plainDoc) warnings.push(`${name}: another file is already plan ${plainDoc}; this one is plan ${doc}.`);
      warnings.push(...converted.warnings);
    } catch (error) {
      skipped.push(`${name}: ${describeError(error)}`);
    }
  }
  if (plans.length === 0) {
    throw new PlanAssistantError("SEEDS_MISSING", `No plan text found in SEEDS_DIR ${directory}${skipped.length ? ` (${skipped.join("; ")})` : ""}. Put at least one plan file (${SUPPORTED_LIST}) there.`);
  }
  return { plans, seeds, skipped, warnings, texts };
}
