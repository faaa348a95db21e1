import pg from "pg";
import { PlanAssistantError } from "../errors.js";

export interface DatabaseOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  /** Connections in the pool; at least 2 (PGVectorStore keeps one for its life). */
  readonly poolSize?: number;
  /** PostgreSQL cancels a statement running longer (milliseconds). */
  readonly statementTimeoutMs?: number;
  /** Waiting for a connection longer than this fails the query (milliseconds). */
  readonly connectTimeoutMs?: number;
}

/** One pool per process, with the error translation every caller needs. */
export interface Database {
  readonly pool: pg.Pool;
  /** host:port/database, never the password: for logs and /healthz. */
  readonly label: string;
  /** Runs one statement. @throws PlanAssistantError DATABASE_UNAVAILABLE when the server cannot be reached. */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<Row>>;
  /**
   * Runs `work` in one transaction (committed when it resolves, rolled back when it throws). With
   * `lock`, the transaction first takes that advisory lock, so writers with the same lock run one at a time.
   */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>, options?: { readonly lock?: number }): Promise<T>;
  /** Ends the pool; the process can exit afterwards. */
  close(): Promise<void>;
}

/** Advisory lock keys (one number per kind of writer). */
export const LOCKS = { ingest: 7_140_001, migrate: 7_140_002 } as const;

/** The URL without its password. */
export function databaseLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** Connection failures (server down, refused, reset, timed out) as opposed to SQL errors. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof PlanAssistantError) return error.code === "DATABASE_UNAVAILABLE";
  const err = error as { code?: string; message?: string } | null;
  if (!err) return false;
  if (typeof err.code === "string" && ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"].includes(err.code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Connection ended/i.test(err.message ?? "");
}

function unavailable(label: string, error: unknown): PlanAssistantError {
  return new PlanAssistantError("DATABASE_UNAVAILABLE", `PostgreSQL at ${label} (DATABASE_URL) is unreachable: ${(error as Error).message}. Start the database or fix DATABASE_URL; unset DATABASE_URL to use the index files.`, { cause: error });
}

/**
 * Opens a pool on `url`. Nothing connects until the first query.
 * Every connection carries the statement timeout.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const label = databaseLabel(options.url);
  const statementTimeoutMs = Math.floor(options.statementTimeoutMs ?? 5_000);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: Math.max(2, options.poolSize ?? 5),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // Sent with the connection's start-up parameters, so it holds before the first statement.
    statement_timeout: statementTimeoutMs,
    // Set again on every new connection before the pool hands it out: servers that ignore start-up
    // options (PGlite, some poolers) still get it.
    onConnect: async (client) => {
      await client.query(`SET statement_timeout = ${statementTimeoutMs}`);
    },
    // A statement the server cannot cancel (PGlite runs without timers) still fails its caller, a
    // second later; the pool then drops that connection.
    query_timeout: statementTimeoutMs + 1_000,
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener the process would crash.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const translate = (error: unknown): never => {
    throw isConnectionError(error) ? unavailable(label, error) : error;
  };
  return {
    pool,
    label,
    query: <Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]) => pool.query<Row>(text, values as unknown[] | undefined).catch(translate),
    async transaction(work, transactionOptions = {}) {
      const client = await pool.connect().catch(translate);
      let broken = false;
      try {
        await client.query("BEGIN");
        if (transactionOptions.lock !== undefined) await client.query("SELECT pg_advisory_xact_lock($1)", [transactionOptions.lock]);
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        broken = isConnectionError(error);
        if (!broken) await client.query("ROLLBACK").catch(() => undefined);
        return translate(error);
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}
