/** Ends of Chinese (and Western) sentences: the preferred places to split. */
const SENTENCE_ENDS = new Set(["。", "！", "？", "；", "!", "?", ";", "…"]);
/** Weaker breaks, used only inside a sentence that is too long on its own. */
const CLAUSE_ENDS = new Set(["，", "、", "：", ",", ":", " ", "\t"]);
/** Closing marks that belong to the sentence before them (。” stays together). */
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "》", "】", "〕", "]", "\""]);

export interface SplitTextOptions {
  /** Largest allowed piece, measured with `weight`. */
  readonly maxLength: number;
  /** Length one character counts for; default its UTF-16 length. Use it when a piece is escaped later (& → &amp;). */
  readonly weight?: (character: string) => number;
}

const utf16Weight = (character: string) => character.length;

/**
 * Splits text into pieces no heavier than `maxLength`. Chinese has no spaces, so the cuts go
 * after sentence ends (。！？；, with any closing quote), or after a line break; a sentence that
 * is too long on its own is cut after a comma or 、, and only as a last resort inside a run of
 * characters (never inside a surrogate pair). Joining the pieces gives back the text exactly.
 * @throws RangeError when maxLength is smaller than the heaviest single character.
 */
export function splitText(text: string, options: SplitTextOptions): string[] {
  const { maxLength } = options;
  const weight = options.weight ?? utf16Weight;
  const characters = Array.from(text);
  const heaviest = characters.reduce((max, character) => Math.max(max, weight(character)), 0);
  if (!(maxLength >= heaviest) || maxLength < 1) throw new RangeError(`maxLength ${maxLength} is too small for this text`);
  if (characters.length === 0) return [];

  const measure = (piece: readonly string[]) => piece.reduce((sum, character) => sum + weight(character), 0);
  const pieces: string[] = [];
  const pieceWeights: number[] = [];
  for (const sentence of segment(characters, (character) => SENTENCE_ENDS.has(character) || character === "\n")) {
    for (const clause of measure(sentence) <= maxLength ? [sentence] : segment(sentence, (character) => CLAUSE_ENDS.has(character))) {
      for (const run of measure(clause) <= maxLength ? [clause] : cutByWeight(clause, maxLength, weight)) {
        const runWeight = measure(run);
        const lastIndex = pieces.length - 1;
        if (lastIndex >= 0 && (pieceWeights[lastIndex] as number) + runWeight <= maxLength) {
          pieces[lastIndex] += run.join("");
          pieceWeights[lastIndex] = (pieceWeights[lastIndex] as number) + runWeight;
        } else {
          pieces.push(run.join(""));
          pieceWeights.push(runWeight);
        }
      }
    }
  }
  return pieces;
}

/** Splits after every break character (and the closing marks that follow it). */
function segment(characters: readonly string[], isBreak: (character: string) => boolean): string[][] {
  const segments: string[][] = [];
  let current: string[] = [];
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index] as string;
    current.push(character);
    if (!isBreak(character)) continue;
    while (index + 1 < characters.length && (CLOSERS.has(characters[index + 1] as string) || isBreak(characters[index + 1] as string))) {
      index += 1;
      current.push(characters[index] as string);
    }
    segments.push(current);
    current = [];
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

function cutByWeight(characters: readonly string[], maxLength: number, weight: (character: string) => number): string[][] {
  const runs: string[][] = [];
  let current: string[] = [];
  let currentWeight = 0;
  for (const character of characters) {
    const characterWeight = weight(character);
    if (currentWeight + characterWeight > maxLength && current.length > 0) {
      runs.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(character);
    currentWeight += characterWeight;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Shortens text to at most `maxLength` UTF-16 units, at a sentence end when one is in the
 * second half, and marks the cut with "…".
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const pieces = splitText(text, { maxLength: maxLength - 1 });
  const first = pieces[0] ?? "";
  if (first.length >= maxLength / 2) return `${first.trimEnd()}…`;
  const characters = Array.from(text);
  let kept = "";
  for (const character of characters) {
    if (kept.length + character.length > maxLength - 1) break;
    kept += character;
  }
  return `${kept}…`;
}
