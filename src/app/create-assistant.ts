import { join } from "node:path";
import type { Answer, Citation } from "../answer/answer-schema.js";
import { answerQuestion, type AnsweredQuestion } from "../answer/answer-question.js";
import { buildExamples } from "../answer/build-examples.js";
import { createEngine, type Engine } from "../answer/engine.js";
import { buildKnowledge, userDictionaryWords } from "../answer/knowledge.js";
import type { Embedder } from "../embed/embedder.js";
import type { ConvertLimits } from "../convert/limits.js";
import { createHashedEmbedder } from "../embed/hashed-embeddings.js";
import { PlanAssistantError } from "../errors.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import { SYNONYMS } from "../retrieve/synonyms.js";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { prepareDictionary } from "../segment/prepare-dictionary.js";
import { STOP_WORDS, type Segmenter } from "../segment/segmenter.js";
import { buildIndex, indexFingerprint } from "../store/build-index.js";
import { loadIndex } from "../store/load-index.js";
import type { PlanIndex } from "../store/plan-index.js";
import { cleanUserText, normalizeForMatch } from "../text/normalize-text.js";
import type { PlanAssistant } from "./assistant.js";
import { silentLogger, type Logger } from "./logger.js";
import { readSeeds } from "./read-seeds.js";

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
  /** "auto" rebuilds a missing, stale or corrupt index; "always" rebuilds; "never" fails instead. */
  readonly rebuild?: "auto" | "always" | "never";
}

/** The assistant plus what operators and benchmarks want to see. */
export interface LoadedAssistant extends PlanAssistant {
  readonly engine: Engine;
  readonly index: PlanIndex;
  /** How the index was obtained at start. */
  readonly indexStatus: "loaded" | "built";
  /** Files of SEEDS_DIR that were not loaded, each "file: CODE: reason" (also logged as warnings). */
  readonly skipped: readonly string[];
  /** Answer with the evidence behind it (passages, lookups). */
  answerWithEvidence(question: string, history?: readonly string[]): Promise<AnsweredQuestion>;
}

/** Longest question accepted; longer text is answered with a message and not processed. */
export const MAX_QUESTION_LENGTH = 500;

/**
 * Loads the plans, opens the index (rebuilding it when missing, stale or corrupt) and returns the
 * assistant every adapter talks to.
 * @throws PlanAssistantError SEEDS_MISSING, INDEX_WRITE_FAILED, INDEX_INVALID (rebuild "never").
 */
export async function createAssistant(options: AssistantOptions): Promise<LoadedAssistant> {
  const logger = options.logger ?? silentLogger;
  const { plans, seeds, skipped, warnings } = await readSeeds(options.seedsDir, { limits: options.convertLimits ?? {} });
  for (const reason of skipped) logger.warn(`seed skipped: ${reason}`);
  for (const warning of warnings) logger.warn(`seed: ${warning}`);
  for (const plan of plans) for (const warning of plan.warnings) logger.warn(`${plan.doc}: ${warning}`);
  const knowledge = buildKnowledge(plans);
  const userWords = userDictionaryWords(knowledge);
  const corpus = plans.flatMap((plan) => plan.paragraphs.map((paragraph) => normalizeForMatch(paragraph.text)));
  const dictionary = await prepareDictionary(join(options.indexDir, "dictionary"), corpus, [...userWords, ...STOP_WORDS, ...Object.keys(SYNONYMS), ...Object.values(SYNONYMS).flat()].map(normalizeForMatch));
  const segmenter = createJiebaSegmenter({ userWords, dictionary });
  const embedder = (options.createEmbedder ?? createHashedEmbedder)(segmenter);
  const fingerprint = indexFingerprint(seeds, segmenter, embedder);
  let index: PlanIndex;
  let indexStatus: "loaded" | "built";
  const loaded = options.rebuild === "always" ? { kind: "missing" as const } : await loadIndex(options.indexDir, fingerprint, embedder);
  if (loaded.kind === "loaded") {
    index = loaded.index;
    indexStatus = "loaded";
  } else {
    if (options.rebuild === "never") {
      throw new PlanAssistantError("INDEX_INVALID", `The index in ${options.indexDir} is ${loaded.kind}${"reason" in loaded ? ` (${loaded.reason})` : ""}: run \`npm run ingest\`.`);
    }
    if (options.rebuild === "always") logger.info(`rebuilding the index in ${options.indexDir}`);
    else if (loaded.kind !== "missing") logger.info(`index ${loaded.kind}: ${loaded.reason}; rebuilding`);
    else logger.info("no index yet; building it");
    index = await buildIndex({ root: options.indexDir, plans, seeds, segmenter, embedder });
    indexStatus = "built";
  }
  const engine = createEngine(knowledge, index, embedder, segmenter, (options.now ?? (() => new Date()))().getFullYear());
  const examples = buildExamples(engine);

  const answerWithEvidence = async (question: string, history: readonly string[] = []): Promise<AnsweredQuestion> => {
    const cleaned = cleanUserText(question);
    const cleanHistory = history.map(cleanUserText).filter((entry) => entry.length > 0 && entry.length <= MAX_QUESTION_LENGTH).slice(-6);
    if (cleaned.length === 0) {
      return { answer: { question, intent: "overview", found: false, answer: `请输入一个关于规划的问题，例如：${examples.indicator[0] ?? ""}`, citations: [], generator: "extractive" }, evidence: { passages: [], lookups: [] } };
    }
    if (cleaned.length > MAX_QUESTION_LENGTH) {
      return { answer: { question, intent: "out_of_scope", found: false, answer: `问题太长（${cleaned.length}字，上限${MAX_QUESTION_LENGTH}字）。请只问一个具体问题，例如：${examples.indicator[0] ?? ""}`, citations: [], generator: "extractive" }, evidence: { passages: [], lookups: [] } };
    }
    return answerQuestion(engine, examples, cleaned, cleanHistory).then((answered) => ({ ...answered, answer: { ...answered.answer, question } }));
  };

  return {
    plans,
    findings: knowledge.findings,
    examples,
    engine,
    index,
    indexStatus,
    skipped,
    answerWithEvidence,
    async answer(question: string, history: readonly string[] = []): Promise<Answer> {
      const answered = await answerWithEvidence(question, history);
      if (!options.rewriter || !answered.answer.found || answered.answer.intent === "out_of_scope") return answered.answer;
      return options.rewriter.rewrite(answered);
    },
    sectionText(citation: Citation): string | null {
      if (citation.table) {
        const table = plans.find((plan) => plan.doc === citation.doc)?.tables.find((candidate) => candidate.title === citation.table);
        if (!table) return null;
        return [table.title, ...table.rows.map((row) => `${row.category}｜${row.parent ? `${row.parent}·` : ""}${row.name}${row.unit ? `（${row.unit}）` : ""}｜${row.values.map((value) => `${value.year}年 ${value.raw}`).join("｜")}｜${row.attribute ?? ""}`)].join("\n");
      }
      const paragraphs = engine.paragraphsByNode.get(nodeKey(citation));
      if (!paragraphs || paragraphs.length === 0) return null;
      return [citation.heading, ...paragraphs.map((paragraph) => paragraph.text)].join("\n");
    },
  };
}
