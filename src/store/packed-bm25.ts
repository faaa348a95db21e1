import type { Bm25Data } from "./bm25-index.js";

/**
 * BM25 postings as three typed arrays: what the snapshot stores. Millions of two-number arrays are
 * the slowest thing V8 can deserialize and the largest thing its collector has to walk; typed arrays
 * are one object each.
 */
export interface PackedBm25 {
  readonly k1: number;
  readonly b: number;
  readonly averageLength: number;
  readonly documentLengths: Int32Array;
  readonly terms: readonly string[];
  /** Start of each term's pairs in `pairs` (terms.length + 1 entries). */
  readonly offsets: Int32Array;
  /** documentIndex, termFrequency, documentIndex, termFrequency… */
  readonly pairs: Int32Array;
}

/** The packed form a lazy view was made from (see bm25FromPacked), to store it again without unpacking. */
const PACKED = Symbol("packed bm25");

/** Packs postings term by term, in the order of `Object.keys(data.postings)`. */
export function packBm25(data: Bm25Data): PackedBm25 {
  const known = (data as { [PACKED]?: PackedBm25 })[PACKED];
  if (known) return known;
  const terms = Object.keys(data.postings);
  const offsets = new Int32Array(terms.length + 1);
  let total = 0;
  terms.forEach((term, position) => {
    offsets[position] = total;
    total += data.postings[term]!.length * 2;
  });
  offsets[terms.length] = total;
  const pairs = new Int32Array(total);
  terms.forEach((term, position) => {
    let cursor = offsets[position]!;
    for (const [documentIndex, frequency] of data.postings[term]!) {
      pairs[cursor++] = documentIndex;
      pairs[cursor++] = frequency;
    }
  });
  return { k1: data.k1, b: data.b, averageLength: data.averageLength, documentLengths: Int32Array.from(data.documentLengths), terms, offsets, pairs };
}

/** A lazy view's term positions in its packed arrays (see bm25FromPacked). */
const POSITIONS = Symbol("packed bm25 term positions");

/** Reads BM25 postings term by term without keeping what it reads. */
export interface PostingsReader {
  /** The terms, in `Object.keys` order. */
  readonly terms: readonly string[];
  /** Calls `visit` with each (documentIndex, frequency) of the term's list, in order; false when the term has no list. */
  forEachPosting(term: string, visit: (documentIndex: number, frequency: number) => void): boolean;
}

/**
 * A reader of these postings: a lazy view (bm25FromPacked) is read from its packed arrays, so
 * nothing is unpacked into it (a part composed into many engines stays as small as it was read);
 * a plain object is read as it is.
 */
export function postingsReader(data: Bm25Data): PostingsReader {
  const packed = (data as { [PACKED]?: PackedBm25 })[PACKED];
  const positions = (data as { [POSITIONS]?: ReadonlyMap<string, number> })[POSITIONS];
  if (packed && positions) {
    return {
      terms: packed.terms,
      forEachPosting(term, visit) {
        const position = positions.get(term);
        if (position === undefined) return false;
        for (let cursor = packed.offsets[position]!; cursor < packed.offsets[position + 1]!; cursor += 2) visit(packed.pairs[cursor]!, packed.pairs[cursor + 1]!);
        return true;
      },
    };
  }
  return {
    terms: Object.keys(data.postings),
    forEachPosting(term, visit) {
      const list = Object.hasOwn(data.postings, term) ? data.postings[term] : undefined;
      if (!list) return false;
      for (const [documentIndex, frequency] of list) visit(documentIndex, frequency);
      return true;
    },
  };
}

/**
 * A `Bm25Data` over packed postings that unpacks a term's list the first time it is asked for (and
 * keeps it): a start builds one Map of term positions instead of a list per term. Reads like the
 * plain object (`postings[term]`, `in`, `Object.keys`); searchBm25 and bm25Idf take it as is.
 */
export function bm25FromPacked(packed: PackedBm25): Bm25Data {
  const positions = new Map<string, number>();
  packed.terms.forEach((term, position) => positions.set(term, position));
  const unpacked = new Map<string, readonly (readonly [number, number])[]>();
  const listOf = (term: string): readonly (readonly [number, number])[] | undefined => {
    const cached = unpacked.get(term);
    if (cached) return cached;
    const position = positions.get(term);
    if (position === undefined) return undefined;
    const list: (readonly [number, number])[] = [];
    for (let cursor = packed.offsets[position]!; cursor < packed.offsets[position + 1]!; cursor += 2) list.push([packed.pairs[cursor]!, packed.pairs[cursor + 1]!]);
    unpacked.set(term, list);
    return list;
  };
  const postings = new Proxy(Object.create(null) as Record<string, readonly (readonly [number, number])[]>, {
    get: (_target, term) => (typeof term === "string" ? listOf(term) : undefined),
    has: (_target, term) => typeof term === "string" && positions.has(term),
    ownKeys: () => [...packed.terms],
    getOwnPropertyDescriptor: (_target, term) => (typeof term === "string" && positions.has(term) ? { value: listOf(term), enumerable: true, configurable: true, writable: false } : undefined),
  });
  const data: Bm25Data = { k1: packed.k1, b: packed.b, averageLength: packed.averageLength, documentLengths: Array.from(packed.documentLengths), postings };
  // Not enumerable: the view compares and prints like the plain object.
  Object.defineProperty(data, PACKED, { value: packed, enumerable: false });
  Object.defineProperty(data, POSITIONS, { value: positions, enumerable: false });
  return data;
}
