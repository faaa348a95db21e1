import type { LogLevel, Logger as BoltLogger } from "@slack/bolt";

/** The logging the Slack adapter needs; `console` fits, and so does the app's own logger. */
export interface SlackLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type SlackLogLevel = "debug" | "info" | "warn" | "error";

const LEVEL_ORDER: Record<SlackLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger writing one timestamped line per message to stderr. */
export function createConsoleLogger(level: SlackLogLevel = "info", write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): SlackLogger {
  const at = (messageLevel: SlackLogLevel) => (message: string) => {
    if (LEVEL_ORDER[messageLevel] >= LEVEL_ORDER[level]) write(`${new Date().toISOString()} ${messageLevel.toUpperCase()} ${message}`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Turns log arguments (strings, errors, objects) into one line. Errors keep name and message, not `data` payloads. */
export function formatLogArguments(values: readonly unknown[]): string {
  return values
    .map((value) => {
      if (typeof value === "string") return value;
      if (value instanceof Error) return `${value.name}: ${value.message}`;
      try {
        return JSON.stringify(value) ?? String(value);
      } catch {
        return String(value);
      }
    })
    .join(" ");
}

/**
 * A logger whose every line goes through `redact` first and is filtered by `level`.
 * It also has the shape Bolt and the Web API client want (setLevel/getLevel/setName), so the
 * same redaction covers what the libraries log.
 */
export function createRedactingLogger(target: SlackLogger, redact: (text: string) => string, level: SlackLogLevel): BoltLogger & SlackLogger {
  let current: SlackLogLevel = level;
  let name = "";
  const emit = (messageLevel: SlackLogLevel, values: readonly unknown[]) => {
    if (LEVEL_ORDER[messageLevel] < LEVEL_ORDER[current]) return;
    target[messageLevel](redact(`${name ? `[${name}] ` : ""}${formatLogArguments(values)}`));
  };
  return {
    debug: (...values: unknown[]) => emit("debug", values),
    info: (...values: unknown[]) => emit("info", values),
    warn: (...values: unknown[]) => emit("warn", values),
    error: (...values: unknown[]) => emit("error", values),
    setLevel(newLevel: LogLevel) {
      current = newLevel as SlackLogLevel;
    },
    getLevel: () => current as LogLevel,
    setName(newName: string) {
      name = newName;
    },
  };
}
