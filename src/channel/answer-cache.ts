import { randomUUID } from "node:crypto";
import type { Answer } from "../answer/answer-schema.js";
import { LruMap } from "./lru-map.js";

/** An answer the bot showed, kept so that its buttons (share, feedback) can find it again. */
export interface ShownAnswer {
  readonly question: string;
  readonly history: readonly string[];
  readonly answer: Answer;
}

/**
 * Recently shown answers by a short key. Button values are limited to 2,000 characters, so
 * buttons carry the key (and the question, as a fallback after a restart), not the answer.
 */
export interface AnswerCache {
  put(shown: ShownAnswer): string;
  get(key: string): ShownAnswer | undefined;
}

/** An AnswerCache keeping the `capacity` most recently shown answers. */
export function createAnswerCache(capacity = 1_000): AnswerCache {
  const answers = new LruMap<string, ShownAnswer>(capacity);
  return {
    put(shown) {
      const key = randomUUID().replaceAll("-", "").slice(0, 16);
      answers.set(key, shown);
      return key;
    },
    get: (key) => answers.get(key),
  };
}
