import { normalizeForMatch } from "../text/normalize-text.js";

// Short texts (names, subjects, titles) are matched again and again: remember their bigrams.
const shortTextCache = new Map<string, ReadonlyMap<string, number>>();
const SHORT_TEXT = 64;

/** Character bigrams of the Chinese runs of a text, with counts (cached for short texts; do not mutate). */
export function characterBigrams(text: string): ReadonlyMap<string, number> {
  if (text.length > SHORT_TEXT) return computeBigrams(text);
  let bigrams = shortTextCache.get(text);
  if (!bigrams) {
    bigrams = computeBigrams(text);
    if (shortTextCache.size >= 200_000) shortTextCache.clear();
    shortTextCache.set(text, bigrams);
  }
  return bigrams;
}

/** Share of `key`'s character bigrams that `textBigrams` holds (0 for a key without any). */
export function bigramCoverage(key: string, textBigrams: ReadonlyMap<string, number>): number {
  const keyBigrams = characterBigrams(key);
  if (keyBigrams.size === 0) return 0;
  let hit = 0;
  for (const bigram of keyBigrams.keys()) if (textBigrams.has(bigram)) hit += 1;
  return hit / keyBigrams.size;
}

function computeBigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of normalizeForMatch(text).match(/[\u4e00-\u9fa5]+/g) ?? []) {
    for (let index = 0; index + 1 < run.length; index += 1) {
      const bigram = run.slice(index, index + 2);
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
    }
  }
  return counts;
}

function tfidfVectors(documents: readonly ReadonlyMap<string, number>[]): Map<string, number>[] {
  const documentFrequency = new Map<string, number>();
  for (const document of documents) for (const term of document.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const total = documents.length;
  return documents.map((document) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [term, count] of document) {
      const weight = (1 + Math.log(count)) * Math.log(1 + total / (documentFrequency.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

function cosine(left: Map<string, number>, right: Map<string, number>): number {
  let sum = 0;
  const [small, large] = left.size < right.size ? [left, right] : [right, left];
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}

/**
 * Links each 专栏 box to a chapter by content. Boxes follow the order of the chapters they
 * illustrate, so the assignment is the best monotone (non-decreasing) one by TF-IDF cosine of
 * character bigrams. Returns, per box, the chapter index or null when nothing is similar enough.
 */
export function linkBoxesToChapters(boxTexts: readonly string[], chapterTexts: readonly string[], minimumSimilarity = 0.05): (number | null)[] {
  if (boxTexts.length === 0 || chapterTexts.length === 0) return boxTexts.map(() => null);
  const vectors = tfidfVectors([...chapterTexts, ...boxTexts].map(characterBigrams));
  const chapterVectors = vectors.slice(0, chapterTexts.length);
  const boxVectors = vectors.slice(chapterTexts.length);
  const similarity = boxVectors.map((box) => chapterVectors.map((chapter) => cosine(box, chapter)));
  // best[i][j]: best total similarity for boxes 0..i with box i linked to chapter j.
  const best: number[][] = [];
  const choice: number[][] = [];
  similarity.forEach((row, boxIndex) => {
    best.push([]);
    choice.push([]);
    let runningMax = -Infinity;
    let runningArg = 0;
    row.forEach((score, chapterIndex) => {
      if (boxIndex === 0) {
        best[boxIndex]![chapterIndex] = score;
        return;
      }
      const previous = best[boxIndex - 1]![chapterIndex]!;
      if (previous > runningMax) {
        runningMax = previous;
        runningArg = chapterIndex;
      }
      best[boxIndex]![chapterIndex] = score + runningMax;
      choice[boxIndex]![chapterIndex] = runningArg;
    });
  });
  const last = best[best.length - 1]!;
  let chapterIndex = last.indexOf(Math.max(...last));
  const assignment: (number | null)[] = new Array(boxTexts.length).fill(null);
  for (let boxIndex = boxTexts.length - 1; boxIndex >= 0; boxIndex -= 1) {
    assignment[boxIndex] = similarity[boxIndex]![chapterIndex]! >= minimumSimilarity ? chapterIndex : null;
    if (boxIndex > 0) chapterIndex = choice[boxIndex]![chapterIndex]!;
  }
  return assignment;
}
