import { join } from "node:path";
import { analyzeQuestion } from "../answer/analyze-question.js";
import type { Citation } from "../answer/answer-schema.js";
import { answerQuestion, type AnsweredQuestion } from "../answer/answer-question.js";
import { buildExamples } from "../answer/build-examples.js";
import type { Engine } from "../answer/engine.js";
import { buildKnowledge, userDictionaryWords } from "../answer/knowledge.js";
import { chunkPlan } from "../chunk/chunk-plan.js";
import { LruMap } from "../channel/lru-map.js";
import type { Embedder } from "../embed/embedder.js";
import { PlanAssistantError } from "../errors.js";
import type { Plan } from "../parse/plan-types.js";
import { SYNONYMS, synonymsOf } from "../retrieve/synonyms.js";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { prepareDictionary, readDictionaryContent, restoreDictionary } from "../segment/prepare-dictionary.js";
import { STOP_WORDS, type Segmenter } from "../segment/segmenter.js";
import { chunkSearchText, inputsKey, type SeedInfo } from "../store/build-index.js";
import { codeVersion } from "../store/code-version.js";
import { composeEngine, loadVectorSearch } from "../store/compose-engine.js";
import { sha256 } from "../store/index-files.js";
import { catalogEntryOf, catalogPlans, plansNamed, type CatalogBackend, type CatalogEntry, type PlanCatalog, type StoredCatalog } from "../store/plan-catalog.js";
import { buildPlanPart, type PlanPart } from "../store/plan-part.js";
import type { PlanStore } from "../store/plan-store.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import type { AssistantOptions, LoadedAssistant } from "./create-assistant.js";
import { citedSectionText, rewrittenAnswer, screenQuestion } from "./create-assistant.js";
import { silentLogger } from "./logger.js";

/**
 * Defaults of the on-demand settings (PLAN_CACHE_SIZE, PLANS_PER_QUESTION, ENGINE_CACHE_SIZE). A
 * composed engine holds at most plansPerQuestion parts, mostly shared with the LRU, plus what the
 * answering core derives per plan set (typo and homophone indexes, the plans' full text).
 */
export const ON_DEMAND_DEFAULTS = { planCacheSize: 32, plansPerQuestion: 8, engineCacheSize: 8 } as const;

/** How the plans are served on demand, for operators and tests. */
export interface OnDemandState {
  readonly catalogId: string;
  readonly plans: number;
  /** Doc ids of the parts in the LRU, least recently used first. */
  cachedPlans(): readonly string[];
  /** Parts read from the store so far. */
  readonly partsRead: number;
  /** The plans the last question was answered over, in catalog order. */
  readonly lastChosen: readonly string[];
}

/** The assistant of a catalog store, with its on-demand state. */
export type CatalogAssistant = LoadedAssistant & { readonly onDemand: OnDemandState };

/**
 * The assistant over a store that serves plans on demand (PostgreSQL). At start it reads only the
 * catalog (each plan's id, title, place, period, issuer and counts, the shared dictionary and
 * embedder state). Per question it chooses plans — those the question (or its conversation) names,
 * else the best few by full-text search over their chunks in the store — loads their parts into a
 * bounded LRU, composes an engine over exactly those plans, and answers with the unchanged core.
 * In ingest mode (the store reads seed files) it first builds and publishes the catalog, unless the
 * files and code are those of the serving catalog.
 * @throws PlanAssistantError INDEX_INVALID (no current catalog and rebuild "never"), DATABASE_UNAVAILABLE.
 */
export async function createCatalogAssistant(options: AssistantOptions & { readonly store: PlanStore & { readonly catalog: CatalogBackend } }): Promise<CatalogAssistant> {
  const { store } = options;
  const backend = store.catalog;
  const logger = options.logger ?? silentLogger;
  const currentYear = (options.now ?? (() => new Date()))().getFullYear();
  const createEmbedder = options.createEmbedder ?? (await import("../embed/hashed-embeddings.js")).createHashedEmbedder;
  const planCacheSize = options.planCacheSize ?? ON_DEMAND_DEFAULTS.planCacheSize;
  const plansPerQuestion = options.plansPerQuestion ?? ON_DEMAND_DEFAULTS.plansPerQuestion;
  const engineCacheSize = options.engineCacheSize ?? ON_DEMAND_DEFAULTS.engineCacheSize;

  let served: { stored: StoredCatalog; segmenter: Segmenter; embedder: Embedder } | null = null;
  let why = "missing";
  if (options.rebuild !== "always") {
    const stored = await backend.readServing();
    if (stored && "corrupt" in stored) why = `corrupt (${stored.corrupt})`;
    else if (stored) {
      const filesKey = await backend.seedsInputsKey();
      if (stored.catalog.codeVersion !== codeVersion()) why = "stale (the catalog was built by other code)";
      else if (filesKey !== null && filesKey !== stored.catalog.inputsKey) why = "stale (seed files changed)";
      else {
        const opened = await openCatalog(stored, store.cacheDir, createEmbedder);
        if (opened) served = { stored, ...opened };
        else why = "stale (built with another embedder)";
      }
    }
  }
  let indexStatus: "loaded" | "built" = "loaded";
  if (!served) {
    if (options.rebuild === "never") throw new PlanAssistantError("INDEX_INVALID", `The plan catalog in ${backend.label} is ${why}: run \`npm run ingest\`.`);
    logger.info(`plan catalog ${why}; building it`);
    served = await buildCatalog(store, backend, createEmbedder, currentYear, logger);
    indexStatus = "built";
  }
  return serveCatalog(served, { store, backend, currentYear, planCacheSize, plansPerQuestion, engineCacheSize, indexStatus, rewriter: options.rewriter ?? null });
}

/** The segmenter and fitted embedder of a stored catalog, or null when the configured embedder is another. */
async function openCatalog(stored: StoredCatalog, cacheDir: string, createEmbedder: (segmenter: Segmenter) => Embedder): Promise<{ segmenter: Segmenter; embedder: Embedder } | null> {
  const { catalog } = stored;
  const dictionary = await restoreDictionary(join(cacheDir, "dictionary"), catalog.dictionary);
  const segmenter = createJiebaSegmenter({ userWords: [...catalog.userWords], dictionary });
  const embedder = createEmbedder(segmenter);
  if (embedder.id !== catalog.embedder.id) return null;
  if (catalog.embedder.state !== null) embedder.restore?.(catalog.embedder.state);
  return { segmenter, embedder };
}

/**
 * Ingest: reads the plans (writing changed plan rows), builds the shared dictionary and embedder
 * state over all of them, writes each plan's part in its own transaction (skipping parts already
 * stored for this build), then publishes the catalog in one transaction.
 */
async function buildCatalog(store: PlanStore, backend: CatalogBackend, createEmbedder: (segmenter: Segmenter) => Embedder, currentYear: number, logger: { info(message: string): void; warn(message: string): void }): Promise<{ stored: StoredCatalog; segmenter: Segmenter; embedder: Embedder }> {
  const source = await store.readPlans();
  for (const reason of source.skipped) logger.warn(`seed skipped: ${reason}`);
  for (const warning of source.warnings) logger.warn(`seed: ${warning}`);
  const key = (await backend.seedsInputsKey()) ?? inputsKey(source.seeds.map((seed) => ({ file: seed.file, sha256: seed.sha256 })), codeVersion());
  // The whole ingest's user words are the union of each plan's (userDictionaryWords is a set of per-plan words, sorted).
  const words = new Set<string>();
  for (const plan of source.plans) for (const word of userDictionaryWords(buildKnowledge([plan]))) words.add(word);
  const userWords = [...words].sort();
  const corpus = source.plans.flatMap((plan) => plan.paragraphs.map((paragraph) => normalizeForMatch(paragraph.text)));
  const prepared = await prepareDictionary(join(store.cacheDir, "dictionary"), corpus, [...userWords, ...STOP_WORDS, ...Object.keys(SYNONYMS), ...Object.values(SYNONYMS).flat()].map(normalizeForMatch));
  const dictionary = await readDictionaryContent(prepared);
  const segmenter = createJiebaSegmenter({ userWords, dictionary: prepared });
  const embedder = createEmbedder(segmenter);
  const chunkCounts = new Map<string, number>();
  const texts: string[] = [];
  for (const plan of source.plans) {
    const chunks = chunkPlan(plan);
    chunkCounts.set(plan.doc, chunks.length);
    for (const chunk of chunks) texts.push(chunkSearchText(chunk));
  }
  const embedderState = embedder.fit?.(texts) ?? null;
  const dimension = embedder.dimension ?? (await embedder.embeddings.embedQuery("规划")).length;
  texts.length = 0;
  const buildKey = sha256(JSON.stringify({ key, dictionary: dictionary.key, userWords: sha256(userWords.join("\n")), segmenter: segmenter.id, embedder: embedder.id, state: sha256(JSON.stringify(embedderState)) }));
  const entries: CatalogEntry[] = [];
  const seedOf = new Map(source.seeds.map((seed) => [seed.doc, seed]));
  let written = 0;
  for (const plan of source.plans) {
    const seed = seedOf.get(plan.doc)!;
    if (!(await backend.hasPart(seed, buildKey))) {
      await backend.writePart(await buildPlanPart(plan, seed, segmenter, embedder, currentYear), buildKey, segmenter);
      written += 1;
    }
    entries.push(catalogEntryOf(plan, seed, chunkCounts.get(plan.doc) ?? 0));
  }
  const id = await backend.publish({ inputsKey: key, buildKey, codeVersion: codeVersion(), entries, userWords, dictionary, embedder: { id: embedder.id, dimension }, embedderState, currentYear, skipped: source.skipped });
  logger.info(`plan catalog ${id}: ${entries.length} plan(s), ${written} part(s) written`);
  const catalog: PlanCatalog = { id, entries, userWords, dictionary, embedder: { id: embedder.id, dimension, state: embedderState }, codeVersion: codeVersion(), inputsKey: key, currentYear };
  return { stored: { catalog, buildKey, skipped: source.skipped }, segmenter, embedder };
}

interface ServeOptions {
  readonly store: PlanStore;
  readonly backend: CatalogBackend;
  readonly currentYear: number;
  readonly planCacheSize: number;
  readonly plansPerQuestion: number;
  readonly engineCacheSize: number;
  readonly indexStatus: "loaded" | "built";
  readonly rewriter: AssistantOptions["rewriter"] | null;
}

async function serveCatalog(served: { stored: StoredCatalog; segmenter: Segmenter; embedder: Embedder }, options: ServeOptions): Promise<CatalogAssistant> {
  const { stored, segmenter, embedder } = served;
  const { catalog, buildKey } = stored;
  const { backend, currentYear, plansPerQuestion } = options;
  if (catalog.entries.length === 0) throw new PlanAssistantError("SEEDS_MISSING", `The plan catalog in ${backend.label} has no plans: put plan files in SEEDS_DIR and run \`npm run ingest\`.`);
  await loadVectorSearch();
  const stubs = catalogPlans(catalog.entries);
  const position = new Map(catalog.entries.map((entry, at) => [entry.seed.doc, at]));
  const seedOf = new Map<string, SeedInfo>(catalog.entries.map((entry) => [entry.seed.doc, entry.seed]));
  const parts = new LruMap<string, PlanPart>(options.planCacheSize);
  const engines = new LruMap<string, Engine>(options.engineCacheSize);
  const rankings = new LruMap<string, string[]>(256);
  let partsRead = 0;
  let lastChosen: readonly string[] = [];
  const inputs = { embedder, segmenter, currentYear, directory: `${backend.label}#catalog-${catalog.id}` };

  /** The parts of these plans: from the LRU, the rest read in one query. */
  const partsOf = async (docs: readonly string[]): Promise<PlanPart[]> => {
    const found = new Map<string, PlanPart>();
    for (const doc of docs) {
      const cached = parts.get(doc);
      if (cached) found.set(doc, cached);
    }
    const missing = docs.filter((doc) => !found.has(doc));
    if (missing.length > 0) {
      const read = await backend.readParts(buildKey, catalog.embedder.dimension, missing.map((doc) => seedOf.get(doc)!));
      partsRead += read.length;
      for (const part of read) {
        found.set(part.seed.doc, part);
        parts.set(part.seed.doc, part);
      }
    }
    const absent = docs.filter((doc) => !found.has(doc));
    if (absent.length > 0) throw new PlanAssistantError("INDEX_INVALID", `The parts of ${absent.join(", ")} are missing from ${backend.label} (a newer ingest removed them): restart to serve the current catalog.`);
    return docs.map((doc) => found.get(doc)!);
  };

  const engineFor = async (docs: readonly string[]): Promise<Engine> => {
    const key = docs.join("\n");
    const cached = engines.get(key);
    if (cached) return cached;
    const engine = composeEngine(await partsOf(docs), inputs);
    engines.set(key, engine);
    return engine;
  };

  const inCatalogOrder = (docs: Iterable<string>) => [...new Set(docs)].sort((left, right) => position.get(left)! - position.get(right)!);

  /** Terms of a question for the full-text plan choice: its content tokens and their plan synonyms. */
  const termsOf = (text: string) => {
    const content = analyzeQuestion(text, segmenter).content;
    return [...new Set([...content, ...content.flatMap((token) => synonymsOf(token))])];
  };

  const rank = async (terms: readonly string[], within: readonly string[] | null): Promise<string[]> => {
    const key = `${terms.join(" ")}\u0000${within?.join(" ") ?? ""}`;
    const cached = rankings.get(key);
    if (cached) return cached;
    const ranked = await backend.rankPlans(catalog.id, terms, plansPerQuestion, within);
    rankings.set(key, ranked);
    return ranked;
  };

  /**
   * The plans a question is answered over: the ones it or its conversation names (scopeDocuments'
   * rules), else every plan when they fit, else the best `plansPerQuestion` by full text; in
   * catalog order, so that with every plan chosen the engine is the whole-set engine.
   */
  const choosePlans = async (question: string, history: readonly string[]): Promise<string[]> => {
    const named = plansNamed(stubs, segmenter, question, history, currentYear);
    if (named && named.size <= plansPerQuestion) return inCatalogOrder(named);
    if (!named && catalog.entries.length <= plansPerQuestion) return inCatalogOrder(position.keys());
    const within = named ? inCatalogOrder(named) : null;
    const ranked = await rank(termsOf([...history, question].join("。")), within);
    if (ranked.length > 0) return inCatalogOrder(ranked);
    return (within ?? inCatalogOrder(position.keys())).slice(0, plansPerQuestion);
  };

  // The first plans (all of them when they fit) make the example questions and the default engine.
  const defaultEngine = await engineFor(inCatalogOrder(position.keys()).slice(0, plansPerQuestion));
  const examples = buildExamples(defaultEngine);
  const plans: readonly Plan[] = catalog.entries.length <= plansPerQuestion ? defaultEngine.knowledge.plans : stubs;

  const answerWithEvidence = async (question: string, history: readonly string[] = []): Promise<AnsweredQuestion> => {
    const screened = screenQuestion(question, history, examples);
    if ("answered" in screened) return screened.answered;
    const chosen = await choosePlans(screened.cleaned, screened.history);
    lastChosen = chosen;
    const engine = await engineFor(chosen);
    return answerQuestion(engine, examples, screened.cleaned, screened.history).then((answered) => ({ ...answered, answer: { ...answered.answer, question } }));
  };

  return {
    plans,
    findings: defaultEngine.knowledge.findings,
    examples,
    engine: defaultEngine,
    index: defaultEngine.index,
    store: options.store,
    indexStatus: options.indexStatus,
    skipped: stored.skipped,
    answerWithEvidence,
    answer: (question: string, history: readonly string[] = []) => rewrittenAnswer(answerWithEvidence, options.rewriter ?? null, question, history),
    sectionText(citation: Citation): string | null {
      // The plan that answered is among the loaded parts (a citation of an evicted plan has no text here).
      const part = parts.get(citation.doc);
      return part ? citedSectionText(part.knowledge.plans[0], part.engineParts.paragraphsByNode, citation) : null;
    },
    onDemand: {
      catalogId: catalog.id,
      plans: catalog.entries.length,
      cachedPlans: () => parts.keys(),
      get partsRead() {
        return partsRead;
      },
      get lastChosen() {
        return lastChosen;
      },
    },
  };
}
