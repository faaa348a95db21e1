import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../errors.js";

/** HTTP status of each error code the web adapter answers with. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  REQUEST_INVALID: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVER_BUSY: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
};

const REASON_BY_STATUS: Readonly<Record<number, string>> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large", 500: "Internal Server Error" };

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

/**
 * The bytes of a whole HTTP/1.1 JSON error response, closing the connection: for errors Node's
 * HTTP parser meets before any request exists (a slow client's timeout, malformed or oversized
 * headers), which the app never sees and must be written to the socket as is.
 */
export function rawJsonError(code: ErrorCode, message: string): string {
  const status = STATUS_BY_CODE[code] ?? 500;
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  const head = [`HTTP/1.1 ${status} ${REASON_BY_STATUS[status] ?? "Error"}`, "Content-Type: application/json; charset=UTF-8", `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close", "X-Content-Type-Options: nosniff"];
  return `${head.join("\r\n")}\r\n\r\n${body}`;
}

/** The JSON error for an error of Node's HTTP parser or its timeouts ('clientError'), by its code. */
export function clientErrorResponse(errorCode: string | undefined, limits: { readonly headersTimeoutMs: number; readonly requestTimeoutMs: number }): string {
  switch (errorCode) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return rawJsonError("REQUEST_TIMEOUT", `The request was not received in time (headers within ${limits.headersTimeoutMs} ms, the whole request within ${limits.requestTimeoutMs} ms): send it at once.`);
    case "HPE_HEADER_OVERFLOW":
      return rawJsonError("HEADERS_TOO_LARGE", "The request headers are too large: send fewer or shorter headers.");
    default:
      return rawJsonError("REQUEST_INVALID", `Malformed HTTP request${errorCode ? ` (${errorCode})` : ""}: send a valid HTTP/1.1 request.`);
  }
}
