import type { Embedder } from "../embed/embedder.js";
import type { Location, Paragraph } from "../parse/plan-types.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import type { Segmenter } from "../segment/segmenter.js";
import type { PlanIndex } from "../store/plan-index.js";
import { splitSentences } from "../text/split-sentences.js";
import type { Knowledge } from "./knowledge.js";

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
  return { knowledge, index, embedder, segmenter, currentYear, sentencesByNode, paragraphsByNode, paragraphText };
}
