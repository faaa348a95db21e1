/**
 * The one errors module. Each failure has a code and a message that says how to fix it.
 * Throw only for broken invariants and bad configuration; adapters turn codes into replies.
 */
export type ErrorCode =
  | "CONFIG_INVALID"
  | "SEEDS_MISSING"
  | "SEED_UNREADABLE"
  | "SEED_EMPTY"
  | "SEED_BINARY"
  | "SEED_TOO_LARGE"
  | "SEED_FORMAT_UNSUPPORTED"
  | "SEED_CORRUPT"
  | "SEED_ZIP_LIMIT"
  | "SEED_PDF_NO_TEXT"
  | "SEED_PDF_ENCRYPTED"
  | "SEED_PDF_TOO_MANY_PAGES"
  | "INDEX_INVALID"
  | "INDEX_WRITE_FAILED"
  // PostgreSQL (DATABASE_URL): unreachable or refusing at start, or gone mid-run (answered with an apology).
  | "DATABASE_UNAVAILABLE"
  | "DATABASE_SCHEMA"
  | "PROMPT_INVALID"
  | "SLACK_CONFIG"
  | "DINGTALK_CONFIG"
  | "FEISHU_CONFIG"
  | "PLATFORM_REQUEST_FAILED"
  | "QUESTION_INVALID"
  | "MODEL_FAILED"
  | "DICTIONARY_UNAVAILABLE"
  // HTTP API (src/web): each becomes a JSON error body { error: { code, message } } with its status.
  | "REQUEST_INVALID"
  | "REQUEST_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "HEADERS_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNAUTHORIZED"
  | "RATE_LIMITED"
  | "SERVER_BUSY"
  | "NOT_FOUND"
  | "INTERNAL"
  | "LISTEN_FAILED";

export class PlanAssistantError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PlanAssistantError";
    this.code = code;
  }
}

/** A chat platform (DingTalk, Feishu) refused or failed a request; `status` is its HTTP status when it answered. */
export class PlatformRequestError extends PlanAssistantError {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: { cause?: unknown }) {
    super("PLATFORM_REQUEST_FAILED", message, options);
    this.name = "PlatformRequestError";
    this.status = status;
  }
}

export function isPlanAssistantError(error: unknown): error is PlanAssistantError {
  return error instanceof PlanAssistantError;
}

/** Error message for logs and replies; never includes `cause` payloads (which may hold secrets). */
export function describeError(error: unknown): string {
  if (isPlanAssistantError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
