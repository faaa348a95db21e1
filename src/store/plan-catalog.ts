import { z } from "zod";
import { analyzeQuestion } from "../answer/analyze-question.js";
import { scopeDocuments } from "../answer/scope-documents.js";
import type { Plan, PlanMetadata } from "../parse/plan-types.js";
import type { Segmenter } from "../segment/segmenter.js";
import type { DictionaryContent } from "../segment/prepare-dictionary.js";
import type { SeedInfo } from "./build-index.js";
import type { PlanPart } from "./plan-part.js";

const periodSchema = z.object({ from: z.number().int(), to: z.number().int() }).nullable();

/** One plan as the catalog knows it: what choosing plans and naming the plan that answered need. */
export const catalogEntrySchema = z.object({
  seed: z.object({ doc: z.string(), file: z.string(), sha256: z.string(), bytes: z.number().int() }),
  metadata: z.object({
    title: z.string(),
    titleFromText: z.boolean(),
    level: z.string().nullable(),
    place: z.string().nullable(),
    issuer: z.string().nullable(),
    documentNumber: z.string().nullable(),
    date: z.string().nullable(),
    isoDate: z.string().nullable(),
    district: z.string().nullable(),
    period: periodSchema,
  }),
  chunks: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
  indicators: z.number().int().nonnegative(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** What a replica loads at start instead of every plan's model: the plan list and the shared state. */
export interface PlanCatalog {
  /** Changes with every published catalog (caches of plan choices and parts are keyed by it). */
  readonly id: string;
  readonly entries: readonly CatalogEntry[];
  /** The segmenter's user words and trimmed dictionary of the whole ingest. */
  readonly userWords: readonly string[];
  readonly dictionary: DictionaryContent;
  readonly embedder: { readonly id: string; readonly dimension: number; readonly state: unknown };
  readonly codeVersion: string;
  readonly inputsKey: string;
  readonly currentYear: number;
}

/** A plan's catalog entry. */
export function catalogEntryOf(plan: Plan, seed: SeedInfo, chunks: number): CatalogEntry {
  return { seed: { ...seed }, metadata: { ...plan.metadata }, chunks, paragraphs: plan.paragraphs.length, indicators: plan.tables.reduce((sum, table) => sum + table.rows.length, 0) };
}

/**
 * The catalog's plans as Plan values with their metadata and no content (outline, paragraphs and
 * tables empty): enough for scopeDocuments, plan lists and "which plan answered"; the content is
 * in the plan's part, loaded when a question reaches it.
 */
export function catalogPlans(entries: readonly CatalogEntry[]): Plan[] {
  return entries.map((entry) => ({
    doc: entry.seed.doc,
    metadata: entry.metadata as PlanMetadata,
    preamble: [],
    outline: [],
    parts: [],
    chapters: [],
    boxes: [],
    tables: [],
    paragraphs: [],
    warnings: [],
  }));
}

/**
 * The plans a question or its conversation names, by the rules of scopeDocuments (district or
 * doc id; among one place's plans, the period asked or the current one): the question first, then
 * the earlier questions, latest first. Null when none names a plan.
 */
export function plansNamed(plans: readonly Plan[], segmenter: Segmenter, question: string, history: readonly string[], currentYear: number): ReadonlySet<string> | null {
  for (const text of [question, ...[...history].reverse()]) {
    const scope = scopeDocuments(analyzeQuestion(text, segmenter), plans, currentYear);
    if (scope.named && scope.docs.size < plans.length) return scope.docs;
  }
  return null;
}

/** The serving catalog as stored, with the build its parts belong to and the files the ingest skipped. */
export interface StoredCatalog {
  readonly catalog: PlanCatalog;
  readonly buildKey: string;
  readonly skipped: readonly string[];
}

/** What the final step of an ingest publishes (see CatalogBackend.publish). */
export interface CatalogToPublish {
  readonly inputsKey: string;
  readonly buildKey: string;
  readonly codeVersion: string;
  readonly entries: readonly CatalogEntry[];
  readonly userWords: readonly string[];
  readonly dictionary: DictionaryContent;
  readonly embedder: { readonly id: string; readonly dimension: number };
  readonly embedderState: unknown;
  readonly currentYear: number;
  readonly skipped: readonly string[];
}

/**
 * A store that serves plans on demand (PostgreSQL): a catalog read at start, each plan's part read
 * when a question reaches it, and plans ranked by full text when a question names none.
 */
export interface CatalogBackend {
  /** Where the parts come from, for logs and PlanIndex.directory. */
  readonly label: string;
  /** The inputs key of the seed files in ingest mode (null when serving from the database alone). */
  seedsInputsKey(): Promise<string | null>;
  /** The catalog replicas serve, null when none, or why it cannot be read. */
  readServing(): Promise<StoredCatalog | null | { readonly corrupt: string }>;
  hasPart(seed: SeedInfo, buildKey: string): Promise<boolean>;
  /** Writes one plan's part (and its SQL rows) in its own transaction. */
  writePart(part: PlanPart, buildKey: string, segmenter: Segmenter): Promise<void>;
  /** Switches what is served to this catalog in one transaction; returns its id. */
  publish(input: CatalogToPublish): Promise<string>;
  readParts(buildKey: string, dimension: number, seeds: readonly SeedInfo[]): Promise<PlanPart[]>;
  /** Up to `limit` doc ids of the catalog, best first by the full-text rank of their text (their chunks' tokens) over `terms`. */
  rankPlans(catalogId: string, terms: readonly string[], limit: number, within: readonly string[] | null): Promise<string[]>;
}
