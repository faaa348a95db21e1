import type { HttpLoadFigures } from "./measure-http-load.js";
import type { QualityScores } from "./score-answers.js";

/** Speed of the bot on the seed plan. */
export interface SpeedFigures {
  readonly ingest_ms: number;
  readonly load_ms: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly qps: number;
  readonly rss_mb: number;
  readonly index_bytes: number;
}

/** Where the bot keeps plans, index and model: index files, or PostgreSQL (PGlite here). */
export type StoreName = "embedded" | "postgres";

/** The bot on a synthetic corpus of `docs` plans, with one store. */
export interface GrowthFigures {
  readonly store: StoreName;
  readonly docs: number;
  readonly ingest_ms: number;
  readonly load_ms: number;
  readonly p95_ms: number;
  /** Peak RSS of the larger of the ingest and serving processes. */
  readonly rss_mb: number;
  /** Peak RSS of the serving (bot) process alone. */
  readonly bot_rss_mb: number;
  /** Index files on disk (embedded) or the database's size (PostgreSQL). */
  readonly index_bytes: number;
  /** Share of district questions whose answer cites that district's document first and states its figure. */
  readonly cite_right_doc: number;
  /** Set when the row could not be measured (its figures are NaN): why. */
  readonly failed?: string;
}

/** Page load + first answer on loopback (see measure-web.ts). */
export interface WebFigures {
  readonly cold_ms: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly visits: number;
}

/** The bot's quality with one store, and whether every answer equals the embedded store's. */
export interface StoreQuality {
  readonly store: StoreName;
  readonly scores: QualityScores;
  /** Every answer (text, citations, flags) deep-equal to the embedded store's on the same question. */
  readonly identical: boolean;
}

/** What `npm run --silent bench -- --json` prints (exactly these keys). */
export interface BenchResult {
  readonly quality: { readonly bot: QualityScores; readonly naive: QualityScores; readonly lexical: QualityScores };
  /** The bot's quality with each store benchmarked (embedded first). */
  readonly stores: readonly StoreQuality[];
  readonly speed: SpeedFigures;
  readonly growth: readonly GrowthFigures[];
  readonly web: WebFigures;
  /** 2,000 POST /api/ask at concurrency 100 against `npm start` (measure-http-load.ts). */
  readonly http: HttpLoadFigures;
}

/** Figures behind the result that the Markdown report explains (not part of the JSON). */
export interface BenchDetails {
  readonly questions: number;
  readonly citedQuestions: number;
  readonly naiveChunks: number;
  readonly naiveCrossingShare: number;
  readonly botChunks: number;
  readonly speed: { readonly startupMs: number; readonly ingestRssMb: number; readonly serveRssMb: number; readonly rssAfterLoadMb: number; readonly samples: number };
  readonly growth: readonly {
    readonly store: StoreName;
    readonly docs: number;
    readonly chunks: number;
    readonly ingestRssMb: number;
    readonly serveRssMb: number;
    readonly samples: number;
    readonly checked: number;
    readonly checkedMsPerQuestion: number;
    /** Share whose first citation is the named district's plan, whatever the figure. */
    readonly rightDocumentShare: number;
    /** Right / asked by question template (preschool, teachers…). */
    readonly byTemplate: Readonly<Record<string, { readonly right: number; readonly asked: number }>>;
    readonly failures: readonly string[];
  }[];
  readonly wallSeconds: number;
}
