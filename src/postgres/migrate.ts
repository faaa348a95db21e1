import { PlanAssistantError } from "../errors.js";
import { type Database, LOCKS } from "./database.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export interface MigrateResult {
  /** Versions applied by this call, in order. */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly version: number;
}

/**
 * Applies the migrations the database lacks, each in its own transaction, one migrator at a time
 * (advisory lock). Safe to run from every replica at start.
 * @throws PlanAssistantError DATABASE_UNAVAILABLE; DATABASE_SCHEMA when the database is newer than this code.
 */
export async function migrate(database: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  await database.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await database.transaction(async (client) => {
      const existing = await client.query("SELECT 1 FROM schema_migrations WHERE version = $1", [migration.version]);
      if (existing.rowCount) return false;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      return true;
    }, { lock: LOCKS.migrate });
    if (done) applied.push(migration.version);
  }
  const version = await schemaVersion(database);
  const latest = Math.max(0, ...migrations.map((migration) => migration.version));
  if (version > latest) throw new PlanAssistantError("DATABASE_SCHEMA", `The database schema is version ${version}, newer than this code knows (${latest}): run the newer release, or restore a matching backup.`);
  return { applied, version };
}

/** The highest applied migration (0 for a fresh database). */
export async function schemaVersion(database: Database): Promise<number> {
  const result = await database.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations");
  return result.rows[0]?.version ?? 0;
}
