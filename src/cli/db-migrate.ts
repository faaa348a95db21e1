import { loadEnvFile } from "../app/load-env-file.js";
import { loadConfig } from "../config/load-config.js";
import { PlanAssistantError } from "../errors.js";
import { createDatabase } from "../postgres/database.js";
import { migrate } from "../postgres/migrate.js";
import { runCommand } from "./run-command.js";

/** `npm run db:migrate`: applies the PostgreSQL schema migrations DATABASE_URL lacks, then prints the version. */
async function main(): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  if (!config.DATABASE_URL) throw new PlanAssistantError("CONFIG_INVALID", "DATABASE_URL is missing: set it to postgres://user:password@host:5432/database (see docs/postgres.md).");
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: 2, statementTimeoutMs: 60_000, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS });
  try {
    const { applied, version } = await migrate(database);
    process.stdout.write(`${applied.length ? `Applied ${applied.join(", ")}` : "Up to date"}: schema version ${version} at ${database.label}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
