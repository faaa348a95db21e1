/**
 * Limits of the HTTP server under load and abuse, in one place. Configured through WEB_MAX_IN_PROGRESS,
 * WEB_BODY_LIMIT_BYTES, WEB_CHAT_BODY_LIMIT_BYTES, WEB_HEADERS_TIMEOUT_MS and WEB_REQUEST_TIMEOUT_MS
 * (see `src/config/load-config.ts`, `.env.example` and docs/web.md). The per-client rate limit is
 * WEB_RATE_LIMIT_PER_MINUTE.
 */
export interface WebLimits {
  /**
   * Questions, feedback and completions in progress at once, over all clients, counted from a
   * request's arrival to its response; one more gets 429 SERVER_BUSY with Retry-After.
   */
  readonly maxInProgress: number;
  /** Largest /api request body, in bytes; a larger one gets 413 before it is read whole. */
  readonly bodyLimitBytes: number;
  /** Largest /v1/chat/completions body, in bytes (OpenAI clients send the whole conversation). */
  readonly chatBodyLimitBytes: number;
  /** Time a client has to send the request line and headers; then 408 and the connection closes. */
  readonly headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included; then 408 and the connection closes. */
  readonly requestTimeoutMs: number;
}

/**
 * Defaults: 128 requests in progress (about 0.15 s of answering on one plan, 3 s on a hundred),
 * 16 KiB /api bodies, 512 KiB completion bodies, 10 s for the headers, 30 s for the whole request.
 */
export const DEFAULT_WEB_LIMITS: WebLimits = Object.freeze({
  maxInProgress: 128,
  bodyLimitBytes: 16 * 1024,
  chatBodyLimitBytes: 512 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
});
