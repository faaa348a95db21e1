import { z } from "zod";

/** Bumped whenever the on-disk layout or the chunking/tokenising rules change. */
// Bump when the stored chunks or the parse they come from change shape (5: locations carry the outline path;
// 6: the parsed model and the engine's derived data are persisted in model.v8; 7: a lean model.v8,
// the vector graph alone in hnsw/, read on first use).
export const INDEX_SCHEMA_VERSION = 7;

export const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  /** Hash of every build input; a different fingerprint means the index is stale. */
  fingerprint: z.string(),
  seeds: z.array(z.object({ doc: z.string(), file: z.string(), sha256: z.string(), bytes: z.number().int() })),
  segmenter: z.string(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  chunkCount: z.number().int().nonnegative(),
  /** Hash of the files, code and limits the persisted model was derived from (null: built without one). */
  inputsKey: z.string().nullable().default(null),
  /** Checksum of every file of the index (fileChecksum: BLAKE2b-512), to detect corruption and truncation. */
  files: z.record(z.string(), z.string()),
  /** Byte size of the files checked by size at start and by checksum when first read (the vector graph). */
  sizes: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type IndexManifest = z.infer<typeof manifestSchema>;
