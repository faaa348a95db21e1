/** A sentence with its offset inside the paragraph. */
export interface SentenceSpan {
  readonly text: string;
  readonly start: number;
}

/**
 * Splits Chinese prose at sentence ends (。！？；) keeping the punctuation, and keeps
 * closing quotes/brackets with the sentence they close.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const pattern = /[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)/g;
  for (const match of text.matchAll(pattern)) {
    const sentence = match[0];
    if (sentence.trim().length === 0) continue;
    const leading = sentence.length - sentence.trimStart().length;
    spans.push({ text: sentence.trim(), start: (match.index ?? 0) + leading });
  }
  return spans;
}

/** Splits a sentence into clauses at commas and enumerating commas kept out (，,：). */
export function splitClauses(sentence: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const pattern = /[^，,：:。！？；!?;]+[，,：:。！？；!?;]*/g;
  for (const match of sentence.matchAll(pattern)) {
    const clause = match[0];
    if (clause.trim().length === 0) continue;
    spans.push({ text: clause.trim(), start: match.index ?? 0 });
  }
  return spans;
}
