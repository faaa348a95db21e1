import type { Embedder } from "../embed/embedder.js";
import { outlineNodesOf } from "../parse/outline-nodes.js";
import type { Location, Paragraph } from "../parse/plan-types.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import type { Segmenter } from "../segment/segmenter.js";
import type { PlanIndex } from "../store/plan-index.js";
import { splitSentences } from "../text/split-sentences.js";
import { buildTypoIndex, type TypoIndex } from "./correct-typos.js";
import { userDictionaryWords, type Knowledge } from "./knowledge.js";

/** A sentence of the plan with its location and tokens, for extractive answers. */
export interface PlanSentence {
  readonly text: string;
  readonly location: Location;
  readonly paragraphId: string;
  /** Position in document order. */
  readonly order: number;
  readonly tokens: ReadonlySet<string>;
}

/** Everything the answering core needs; built once at start-up. */
export interface Engine {
  readonly knowledge: Knowledge;
  readonly index: PlanIndex;
  readonly embedder: Embedder;
  readonly segmenter: Segmenter;
  /** Sentences by node key (see nodeKey). */
  readonly sentencesByNode: ReadonlyMap<string, readonly PlanSentence[]>;
  /** Paragraphs by node key. */
  readonly paragraphsByNode: ReadonlyMap<string, readonly Paragraph[]>;
  /** The plans' terms, to read a question's typos against them (县管校拼 → 县管校聘). */
  readonly typos: TypoIndex;
  /** The year "now" for the default plan period (from the assistant's clock). */
  readonly currentYear: number;
  /** Paragraph text by paragraph id. */
  readonly paragraphText: ReadonlyMap<string, string>;
}

export function createEngine(knowledge: Knowledge, index: PlanIndex, embedder: Embedder, segmenter: Segmenter, currentYear = new Date().getFullYear()): Engine {
  const sentencesByNode = new Map<string, PlanSentence[]>();
  const paragraphsByNode = new Map<string, Paragraph[]>();
  const paragraphText = new Map<string, string>();
  let order = 0;
  for (const plan of knowledge.plans) {
    for (const paragraph of plan.paragraphs) {
      const key = nodeKey(paragraph.location);
      paragraphText.set(paragraph.id, paragraph.text);
      const paragraphs = paragraphsByNode.get(key) ?? [];
      paragraphs.push(paragraph);
      paragraphsByNode.set(key, paragraphs);
      const sentences = sentencesByNode.get(key) ?? [];
      for (const sentence of splitSentences(paragraph.text)) {
        sentences.push({ text: sentence.text, location: paragraph.location, paragraphId: paragraph.id, order: order++, tokens: new Set(segmenter.cut(sentence.text)) });
      }
      sentencesByNode.set(key, sentences);
    }
  }
  const typos = planTypoIndex(knowledge, segmenter);
  return { knowledge, index, embedder, segmenter, typos, currentYear, sentencesByNode, paragraphsByNode, paragraphText };
}

/**
 * The index a question's typos are read against: the plans' dictionary words and the words of
 * every heading as terms; paragraphs, table rows and headings as the plans' own text (保障措施 may
 * stand only in 九、保障措施). Shared by createEngine and engines composed of plan parts.
 */
export function planTypoIndex(knowledge: Knowledge, segmenter: Segmenter): TypoIndex {
  const headings = outlineNodesOf(knowledge.plans).map((node) => node.title);
  const headingWords = headings.flatMap((title) => segmenter.cut(title));
  const planTexts = [...knowledge.plans.flatMap((plan) => [...plan.paragraphs.map((paragraph) => paragraph.text), ...plan.tables.flatMap((table) => table.rows.map((row) => row.quote))]), ...headings];
  return buildTypoIndex([...userDictionaryWords(knowledge), ...headingWords], planTexts);
}

/**
 * Share (0–1) of the engine's chunks a word occurs in: 0 for a word the plans never use. Words in
 * most chunks (计划, a Jinan plan's 济南) tell no passage from another; see its callers' thresholds.
 */
export function chunkShare(engine: Engine, word: string): number {
  return (engine.index.bm25.postings[word]?.length ?? 0) / Math.max(1, engine.index.bm25.documentLengths.length);
}
