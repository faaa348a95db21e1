import type { Location, Plan } from "../parse/plan-types.js";
import { splitSentences } from "../text/split-sentences.js";

/** A retrieval unit: consecutive sentences of one paragraph, never crossing a 节 or 专栏. */
export interface Chunk {
  readonly id: string;
  readonly doc: string;
  readonly paragraphId: string;
  /** Character offsets of the chunk inside its paragraph's text. */
  readonly start: number;
  readonly end: number;
  /** Verbatim plan text. */
  readonly text: string;
  readonly location: Location;
}

/** A preamble line that is not prose: no sentence ends in it. */
export function isNoticeHeader(plan: Plan, paragraph: Plan["paragraphs"][number]): boolean {
  return plan.chapters.length > 0 && plan.preamble.includes(paragraph) && !/[。！？]/.test(paragraph.text);
}

export interface ChunkOptions {
  /** Target chunk length in characters; a sentence longer than this is its own chunk. */
  readonly maxCharacters?: number;
}

/**
 * Cuts every paragraph of a plan into chunks of whole sentences. Chunks never cross a paragraph,
 * so they never cross a 节, 专栏 or the table; their offsets make citations exact.
 * The indicator table becomes one chunk per row.
 */
export function chunkPlan(plan: Plan, options: ChunkOptions = {}): Chunk[] {
  const maxCharacters = options.maxCharacters ?? 160;
  const chunks: Chunk[] = [];
  for (const paragraph of plan.paragraphs) {
    // The notice's header lines (文号, issuer, title, salutation, date) are metadata, answered from
    // the plan's metadata; as passages they would match questions about 乡镇 or 区政府各部门.
    if (isNoticeHeader(plan, paragraph)) continue;
    let start = -1;
    let end = 0;
    const emit = () => {
      if (start < 0) return;
      chunks.push({ id: `${paragraph.id}:c${start}`, doc: plan.doc, paragraphId: paragraph.id, start, end, text: paragraph.text.slice(start, end), location: paragraph.location });
      start = -1;
    };
    for (const sentence of splitSentences(paragraph.text)) {
      const sentenceEnd = sentence.start + sentence.text.length;
      if (start >= 0 && sentenceEnd - start > maxCharacters) emit();
      if (start < 0) start = sentence.start;
      end = sentenceEnd;
    }
    emit();
  }
  for (const table of plan.tables) {
    for (const row of table.rows) {
      chunks.push({
        id: `${row.id}:row`,
        doc: plan.doc,
        paragraphId: row.id,
        start: 0,
        end: row.quote.length,
        text: `${row.category} ${row.parent ?? ""}${row.quote}`,
        location: row.location,
      });
    }
  }
  return chunks;
}
