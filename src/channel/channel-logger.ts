/** The logging every channel adapter needs; `console` fits, and so does the app's own logger. */
export interface ChannelLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type ChannelLogLevel = "debug" | "info" | "warn" | "error";

const LEVEL_ORDER: Record<ChannelLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger writing one timestamped line per message to stderr. */
export function createConsoleLogger(level: ChannelLogLevel = "info", write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ChannelLogger {
  const at = (messageLevel: ChannelLogLevel) => (message: string) => {
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

/** A logger that takes any arguments, the way libraries (Bolt, the DingTalk and Feishu SDKs) call one. */
export interface RedactingLogger {
  debug(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  /** Changes the level below which lines are dropped. */
  setLevel(level: ChannelLogLevel): void;
  getLevel(): ChannelLogLevel;
  /** A prefix for every line, e.g. the library's name. */
  setName(name: string): void;
}

/**
 * A logger whose every line goes through `redact` first and is filtered by `level`. It takes any
 * arguments, so the same redaction covers what the platform libraries log.
 */
export function createRedactingLogger(target: ChannelLogger, redact: (text: string) => string, level: ChannelLogLevel): RedactingLogger {
  let current: ChannelLogLevel = level;
  let name = "";
  const emit = (messageLevel: ChannelLogLevel, values: readonly unknown[]) => {
    if (LEVEL_ORDER[messageLevel] < LEVEL_ORDER[current]) return;
    target[messageLevel](redact(`${name ? `[${name}] ` : ""}${formatLogArguments(values)}`));
  };
  return {
    debug: (...values: unknown[]) => emit("debug", values),
    info: (...values: unknown[]) => emit("info", values),
    warn: (...values: unknown[]) => emit("warn", values),
    error: (...values: unknown[]) => emit("error", values),
    setLevel(newLevel) {
      current = newLevel;
    },
    getLevel: () => current,
    setName(newName) {
      name = newName;
    },
  };
}
