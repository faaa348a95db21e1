import { existsSync } from "node:fs";

/**
 * Loads `.env` (or the file named by ENV_FILE) into process.env without overriding variables that
 * are already set. A missing file is fine: every variable has a default.
 */
export function loadEnvFile(path = process.env.ENV_FILE ?? ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
