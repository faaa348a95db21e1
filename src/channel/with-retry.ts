/** Delays between attempts at a platform request: a 5xx or a dropped connection is tried twice more. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [300, 1_000];

/** An error carrying the HTTP status a platform answered with. */
export interface HttpStatusError {
  readonly status: number;
}

/** The HTTP status of a failed request, when the error carries one (our own errors, axios errors). */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === "number") return direct;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === "number" ? response.status : undefined;
}

/** Worth trying again: a server error, a rate limit, or no answer at all (network, timeout). A 4xx is not. */
export function isRetryableError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === undefined || status >= 500 || status === 429;
}

export interface RetryOptions {
  readonly delaysMs?: readonly number[];
  readonly shouldRetry?: (error: unknown) => boolean;
}

/**
 * Runs `work`, and again after each delay while it fails with a retryable error.
 * @throws the last error when every attempt failed, or the first one that is not worth retrying.
 */
export async function withRetry<T>(work: () => Promise<T>, { delaysMs = DEFAULT_RETRY_DELAYS_MS, shouldRetry = isRetryableError }: RetryOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !shouldRetry(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
