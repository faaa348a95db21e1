/**
 * Limits on plan files, in one place. Every converter reads them from here; the defaults suit plans of a few
 * hundred pages and keep memory bounded. Configured through MAX_PLAN_FILE_BYTES, MAX_HTML_BYTES, MAX_PDF_PAGES,
 * MAX_DOCX_ENTRIES and MAX_DOCX_UNCOMPRESSED_BYTES (see `src/config/load-config.ts` and `.env.example`).
 */
export interface ConvertLimits {
  /** Largest plan file of any format, in bytes; larger files are rejected before they are read whole. */
  readonly maxFileBytes: number;
  /** Largest saved web page, in bytes (a page holds markup around the text, and a DOM costs memory). */
  readonly maxHtmlBytes: number;
  /** Most pages a PDF may have; checked from the page tree before any text is extracted. */
  readonly maxPdfPages: number;
  /** Most entries a .docx zip may list in its central directory. */
  readonly maxDocxEntries: number;
  /** Largest total uncompressed size of a .docx's entries, in bytes, as declared and as actually inflated. */
  readonly maxDocxUncompressedBytes: number;
}

const MEGABYTE = 1024 * 1024;

/** Defaults: 50 MB files, 20 MB web pages, 2,000 PDF pages, 5,000 zip entries, 200 MB inflated .docx. */
export const DEFAULT_CONVERT_LIMITS: ConvertLimits = Object.freeze({
  maxFileBytes: 50 * MEGABYTE,
  maxHtmlBytes: 20 * MEGABYTE,
  maxPdfPages: 2_000,
  maxDocxEntries: 5_000,
  maxDocxUncompressedBytes: 200 * MEGABYTE,
});

/** The defaults with any given limit replacing its default (undefined keeps the default). */
export function resolveLimits(overrides: Partial<ConvertLimits> = {}): ConvertLimits {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return Object.freeze({ ...DEFAULT_CONVERT_LIMITS, ...defined });
}

/** "52428800" → "50 MB", for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MEGABYTE) return `${Number((bytes / MEGABYTE).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
