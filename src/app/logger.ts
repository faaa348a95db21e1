/** Minimal logger interface; adapters pass Bolt's or a console logger. Writes to stderr by default. */
export interface Logger {
  debug(...messages: unknown[]): void;
  info(...messages: unknown[]): void;
  warn(...messages: unknown[]): void;
  error(...messages: unknown[]): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LEVELS)[number];

/** A stderr logger (stdout stays clean for JSON output); `redact` removes secret values from every line. */
export function createConsoleLogger(level: LogLevel = "info", redact: readonly string[] = []): Logger {
  const threshold = LEVELS.indexOf(level);
  const secrets = redact.filter((secret) => secret.length >= 4);
  const write = (messageLevel: LogLevel) => (...messages: unknown[]) => {
    if (LEVELS.indexOf(messageLevel) < threshold) return;
    let line = messages.map((message) => (message instanceof Error ? `${message.name}: ${message.message}` : typeof message === "string" ? message : JSON.stringify(message))).join(" ");
    for (const secret of secrets) line = line.split(secret).join("[redacted]");
    process.stderr.write(`[${messageLevel}] ${line}\n`);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A logger that drops everything (tests, --silent runs). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
