import { join } from "node:path";
import type { Answer, Citation } from "../answer/answer-schema.js";
import { answerQuestion, type AnsweredQuestion } from "../answer/answer-question.js";
import { buildExamples } from "../answer/build-examples.js";
import { createEngine, type Engine } from "../answer/engine.js";
import { buildKnowledge, userDictionaryWords, type Knowledge } from "../answer/knowledge.js";
import type { Embedder } from "../embed/embedder.js";
import type { ConvertLimits } from "../convert/limits.js";
import { createHashedEmbedder } from "../embed/hashed-embeddings.js";
import { PlanAssistantError } from "../errors.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import { SYNONYMS } from "../retrieve/synonyms.js";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { prepareDictionary, readDictionaryContent, restoreDictionary, type DictionaryContent, type PreparedDictionary } from "../segment/prepare-dictionary.js";
import { STOP_WORDS, type Segmenter } from "../segment/segmenter.js";
import { indexFingerprint } from "../store/build-index.js";
import { createEmbeddedStore } from "../store/embedded-store.js";
import { openStoredIndex } from "../store/load-index.js";
import { assembleEngine } from "../store/model-snapshot.js";
import type { Paragraph, Plan } from "../parse/plan-types.js";
import type { PlanStore } from "../store/plan-store.js";
import type { PlanIndex } from "../store/plan-index.js";
import { cleanUserText, normalizeForMatch } from "../text/normalize-text.js";
import type { ExampleQuestions, PlanAssistant } from "./assistant.js";
import { silentLogger, type Logger } from "./logger.js";

/** Rewrites an extractive answer with a language model (optional, see src/llm). */
export interface AnswerRewriter {
  readonly id: string;
  rewrite(answered: AnsweredQuestion): Promise<Answer>;
}

export interface AssistantOptions {
  readonly seedsDir: string;
  readonly indexDir: string;
  /** Limits on plan files (size, PDF pages, .docx zip); defaults in src/convert/limits.ts. */
  readonly convertLimits?: Partial<ConvertLimits>;
  /** Embedder factory; defaults to the offline hashed TF-IDF embedder. */
  readonly createEmbedder?: (segmenter: Segmenter) => Embedder;
  readonly rewriter?: AnswerRewriter | null;
  readonly logger?: Logger;
  /** Today, for choosing the current period's plan when a place has several (defaults to the system clock). */
  readonly now?: () => Date;
  /** Where plans, index and model live; defaults to index files under `indexDir` built from `seedsDir`. */
  readonly store?: PlanStore;
  /** "auto" rebuilds a missing, stale or corrupt index; "always" rebuilds; "never" fails instead. */
  readonly rebuild?: "auto" | "always" | "never";
  /** Stores serving plans on demand (PostgreSQL): plan parts kept in memory (PLAN_CACHE_SIZE). */
  readonly planCacheSize?: number;
  /** Stores serving plans on demand: most plans one question is answered over (PLANS_PER_QUESTION). */
  readonly plansPerQuestion?: number;
  /** Stores serving plans on demand: composed engines kept for plan sets asked again (ENGINE_CACHE_SIZE). */
  readonly engineCacheSize?: number;
}

/** The assistant plus what operators and benchmarks want to see. */
export interface LoadedAssistant extends PlanAssistant {
  readonly engine: Engine;
  readonly index: PlanIndex;
  /** Where plans, index and model live (its health is reported by /healthz). */
  readonly store: PlanStore;
  /** How the index was obtained at start. */
  readonly indexStatus: "loaded" | "built";
  /** Files of SEEDS_DIR that were not loaded, each "file: CODE: reason" (also logged as warnings). */
  readonly skipped: readonly string[];
  /** Answer with the evidence behind it (passages, lookups). */
  answerWithEvidence(question: string, history?: readonly string[]): Promise<AnsweredQuestion>;
}

/** The jieba segmenter over the plans' dictionary words, its trimmed dictionary cached under `cacheDir`. */
async function segmenterFor(cacheDir: string, knowledge: Knowledge, stored: DictionaryContent | null = null): Promise<{ segmenter: Segmenter; dictionary: DictionaryContent }> {
  const userWords = userDictionaryWords(knowledge);
  const directory = join(cacheDir, "dictionary");
  let dictionary: PreparedDictionary;
  if (stored) {
    dictionary = await restoreDictionary(directory, stored);
  } else {
    const corpus = knowledge.plans.flatMap((plan) => plan.paragraphs.map((paragraph) => normalizeForMatch(paragraph.text)));
    dictionary = await prepareDictionary(directory, corpus, [...userWords, ...STOP_WORDS, ...Object.keys(SYNONYMS), ...Object.values(SYNONYMS).flat()].map(normalizeForMatch));
  }
  return { segmenter: createJiebaSegmenter({ userWords, dictionary }), dictionary: stored ?? (await readDictionaryContent(dictionary)) };
}

/** Longest question accepted; longer text is answered with a message and not processed. */
export const MAX_QUESTION_LENGTH = 500;

/**
 * The question and history as the answering core takes them (cleaned; history without empty or
 * over-long entries, the last six), or the reply to an empty or over-long question.
 */
export function screenQuestion(question: string, history: readonly string[], examples: ExampleQuestions): { readonly cleaned: string; readonly history: readonly string[] } | { readonly answered: AnsweredQuestion } {
  const cleaned = cleanUserText(question);
  const cleanHistory = history.map(cleanUserText).filter((entry) => entry.length > 0 && entry.length <= MAX_QUESTION_LENGTH).slice(-6);
  if (cleaned.length === 0) {
    return { answered: { answer: { question, intent: "overview", found: false, answer: `请输入一个关于规划的问题，例如：${examples.indicator[0] ?? ""}`, citations: [], generator: "extractive" }, evidence: { passages: [], lookups: [] } } };
  }
  if (cleaned.length > MAX_QUESTION_LENGTH) {
    return { answered: { answer: { question, intent: "out_of_scope", found: false, answer: `问题太长（${cleaned.length}字，上限${MAX_QUESTION_LENGTH}字）。请只问一个具体问题，例如：${examples.indicator[0] ?? ""}`, citations: [], generator: "extractive" }, evidence: { passages: [], lookups: [] } } };
  }
  return { cleaned, history: cleanHistory };
}

/**
 * The answer to show: the extractive one, rewritten by the language model when one is configured and
 * the plan answered (a refusal or a "not found" is never rewritten).
 */
export async function rewrittenAnswer(answerWithEvidence: (question: string, history: readonly string[]) => Promise<AnsweredQuestion>, rewriter: AnswerRewriter | null, question: string, history: readonly string[]): Promise<Answer> {
  const answered = await answerWithEvidence(question, history);
  if (!rewriter || !answered.answer.found || answered.answer.intent === "out_of_scope") return answered.answer;
  return rewriter.rewrite(answered);
}

/**
 * The full text of the unit a citation points to, for "show the section": a table's rows as
 * `category｜name（unit）｜year value…｜attribute` lines, else the heading and the unit's paragraphs.
 * Null when `plan` is not given or the unit is not found.
 */
export function citedSectionText(plan: Plan | undefined, paragraphsByNode: ReadonlyMap<string, readonly Paragraph[]>, citation: Citation): string | null {
  if (!plan) return null;
  if (citation.table) {
    const table = plan.tables.find((candidate) => candidate.title === citation.table);
    if (!table) return null;
    return [table.title, ...table.rows.map((row) => `${row.category}｜${row.parent ? `${row.parent}·` : ""}${row.name}${row.unit ? `（${row.unit}）` : ""}｜${row.values.map((value) => `${value.year}年 ${value.raw}`).join("｜")}｜${row.attribute ?? ""}`)].join("\n");
  }
  const paragraphs = paragraphsByNode.get(nodeKey(citation));
  if (!paragraphs || paragraphs.length === 0) return null;
  return [citation.heading, ...paragraphs.map((paragraph) => paragraph.text)].join("\n");
}

/**
 * Loads the plans, opens the index (rebuilding it when missing, stale or corrupt) and returns the
 * assistant every adapter talks to.
 * @throws PlanAssistantError SEEDS_MISSING, INDEX_WRITE_FAILED, INDEX_INVALID (rebuild "never").
 */
export async function createAssistant(options: AssistantOptions): Promise<LoadedAssistant> {
  const logger = options.logger ?? silentLogger;
  const store = options.store ?? createEmbeddedStore({ seedsDir: options.seedsDir, indexDir: options.indexDir, ...(options.convertLimits ? { convertLimits: options.convertLimits } : {}) });
  // A store that serves plans on demand (PostgreSQL) keeps a catalog, not a whole-set model.
  if (store.catalog) return (await import("./create-catalog-assistant.js")).createCatalogAssistant({ ...options, store: store as PlanStore & { readonly catalog: NonNullable<PlanStore["catalog"]> } });
  const currentYear = (options.now ?? (() => new Date()))().getFullYear();
  const createEmbedder = options.createEmbedder ?? createHashedEmbedder;
  const report = (source: { skipped: readonly string[]; warnings: readonly string[]; knowledge: Knowledge }) => {
    for (const reason of source.skipped) logger.warn(`seed skipped: ${reason}`);
    for (const warning of source.warnings) logger.warn(`seed: ${warning}`);
    for (const plan of source.knowledge.plans) for (const warning of plan.warnings) logger.warn(`${plan.doc}: ${warning}`);
  };

  // Fast path: the persisted model and index, when the plan files and the code are unchanged.
  let loaded: { engine: Engine; index: PlanIndex } | null = null;
  // Files not served, with their reasons (hostile, empty, scanned…), for the ingest report.
  let skipped: readonly string[] = [];
  let why: { kind: string; reason?: string } = { kind: "missing" };
  if (options.rebuild !== "always") {
    const stored = await store.loadModel();
    if (stored.kind === "loaded") {
      const { snapshot } = stored.model;
      const { segmenter } = await segmenterFor(store.cacheDir, snapshot.knowledge, snapshot.dictionary);
      const embedder = createEmbedder(segmenter);
      const opened = await openStoredIndex(stored.model, indexFingerprint(snapshot.seeds, segmenter, embedder), embedder);
      if (opened.kind === "loaded") {
        report(snapshot);
        skipped = snapshot.skipped;
        const inputs = { knowledge: snapshot.knowledge, index: opened.index, embedder, segmenter, currentYear };
        // Derived for another year ("now" moved on), or not storable: derive again.
        const engine = snapshot.engineParts && snapshot.currentYear === currentYear ? assembleEngine(snapshot.engineParts, inputs) : createEngine(snapshot.knowledge, opened.index, embedder, segmenter, currentYear);
        loaded = { engine, index: opened.index };
      } else {
        why = opened;
      }
    } else {
      why = stored;
    }
  }
  let engine: Engine;
  let index: PlanIndex;
  let indexStatus: "loaded" | "built";
  if (loaded) {
    ({ engine, index } = loaded);
    indexStatus = "loaded";
  } else {
    if (options.rebuild === "never") {
      throw new PlanAssistantError("INDEX_INVALID", `The index in ${options.indexDir} is ${why.kind}${why.reason ? ` (${why.reason})` : ""}: run \`npm run ingest\`.`);
    }
    if (options.rebuild === "always") logger.info(`rebuilding the index in ${options.indexDir}`);
    else if (why.kind !== "missing") logger.info(`index ${why.kind}: ${why.reason ?? ""}; rebuilding`);
    else logger.info("no index yet; building it");
    const read = await store.readPlans();
    const { plans, seeds, warnings } = read;
    skipped = read.skipped;
    const knowledge = buildKnowledge(plans);
    report({ skipped, warnings, knowledge });
    const { segmenter, dictionary } = await segmenterFor(store.cacheDir, knowledge);
    const embedder = createEmbedder(segmenter);
    const built = await store.publish({ plans, seeds, segmenter, embedder, knowledge, dictionary, skipped, warnings, currentYear, deriveEngine: (builtIndex) => createEngine(knowledge, builtIndex, embedder, segmenter, currentYear) });
    index = built;
    engine = built.engine ?? createEngine(knowledge, index, embedder, segmenter, currentYear);
    indexStatus = "built";
  }
  const { knowledge } = engine;
  const { plans } = knowledge;
  const examples = buildExamples(engine);

  const answerWithEvidence = async (question: string, history: readonly string[] = []): Promise<AnsweredQuestion> => {
    const screened = screenQuestion(question, history, examples);
    if ("answered" in screened) return screened.answered;
    return answerQuestion(engine, examples, screened.cleaned, screened.history).then((answered) => ({ ...answered, answer: { ...answered.answer, question } }));
  };

  return {
    plans,
    findings: knowledge.findings,
    examples,
    engine,
    index,
    store,
    indexStatus,
    skipped,
    answerWithEvidence,
    answer: (question: string, history: readonly string[] = []) => rewrittenAnswer(answerWithEvidence, options.rewriter ?? null, question, history),
    sectionText: (citation: Citation) => citedSectionText(plans.find((plan) => plan.doc === citation.doc), engine.paragraphsByNode, citation),
  };
}
