import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../errors.js";

/** HTTP status of each error code the web adapter answers with. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  REQUEST_INVALID: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  REQUEST_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The JSON error body every /api and /v1 failure has: `{ error: { code, message } }`. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** A JSON error response with the status of `code` (500 for codes without one). */
export function jsonError(context: Context, code: ErrorCode, message: string, headers: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(headers)) context.header(name, value);
  const body: ErrorBody = { error: { code, message } };
  return context.json(body, STATUS_BY_CODE[code] ?? 500);
}
