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
  | "INDEX_INVALID"
  | "INDEX_WRITE_FAILED"
  | "PROMPT_INVALID"
  | "SLACK_CONFIG"
  | "QUESTION_INVALID"
  | "MODEL_FAILED"
  // HTTP API (src/web): each becomes a JSON error body { error: { code, message } } with its status.
  | "REQUEST_INVALID"
  | "REQUEST_TOO_LARGE"
  | "UNAUTHORIZED"
  | "RATE_LIMITED"
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

export function isPlanAssistantError(error: unknown): error is PlanAssistantError {
  return error instanceof PlanAssistantError;
}

/** Error message for logs and replies; never includes `cause` payloads (which may hold secrets). */
export function describeError(error: unknown): string {
  if (isPlanAssistantError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
