import { z } from "zod";
import data from "./lexicon/frame-words.json" with { type: "json" };
import type { QuestionAnalysis } from "./analyze-question.js";

const frameWordsSchema = z.object({
  figureAskers: z.array(z.string().min(1)).min(1),
  descriptionAskers: z.array(z.string().min(1)).min(1),
  fillers: z.array(z.string()),
  relational: z.array(z.string().min(1)),
  documentKinds: z.array(z.string().min(1)),
});

/** The frame-word lists of lexicon/frame-words.json, validated at load. */
const FRAME_WORDS = frameWordsSchema.parse(data);

const MEASURE_WORD = "[个项所名位类条次种大]";
const FIGURE_ASKER = new RegExp(`^((多少|几)${MEASURE_WORD}?|${FRAME_WORDS.figureAskers.join("|")})$`);
const RELATIONAL = new Set(FRAME_WORDS.relational);
const FILLERS = new Set(FRAME_WORDS.fillers);
const FRAME_WORD = new Set([...FRAME_WORDS.figureAskers, ...FRAME_WORDS.descriptionAskers, ...FRAME_WORDS.fillers, ...FRAME_WORDS.documentKinds]);

/** The plan's own place, said in passing (全区, 我市, 咱们区): no topic, every passage is about it. */
const OWN_PLACE = /^(全|我|本|咱|咱们|我们)?(区|县|市|省|国|全国)$|^(全区|全县|全市|全省|全国|我区|我市|我省|本区|本市|咱们|各地)$/;

/**
 * The question's topic words: its content words without frame words (多少, 哪些, 规划, 那边…), the
 * plan's own place (全区, 咱们区) and bare years.
 */
export function topicWords(analysis: QuestionAnalysis): string[] {
  // jieba glues a leading 那 to the next character (那到2023年, 那要): a particle, not a word.
  return analysis.content.filter((token) => !FIGURE_ASKER.test(token) && !FRAME_WORD.has(token) && !OWN_PLACE.test(token) && !/^\d+年?$/.test(token) && !/^那[\u4e00-\u9fa5]$/.test(token));
}

/** True for a word that relates to an earlier topic without naming one (相比, 减少, 约束性, 差距). */
export function isRelational(token: string): boolean {
  return RELATIONAL.has(token);
}

/** True for a word that only fills a sentence (这块, 那边, 咱们): no topic and no question. */
export function isFiller(token: string): boolean {
  return FILLERS.has(token);
}
