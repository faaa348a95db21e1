import { PlatformRequestError } from "../errors.js";

export interface PostJsonOptions {
  readonly method?: "POST" | "PUT" | "PATCH";
  readonly headers?: Readonly<Record<string, string>>;
  /** Default 15 s. */
  readonly timeoutMs?: number;
}

/**
 * Sends a JSON request and returns the parsed JSON response (undefined for an empty body).
 * The URL is left out of error messages: a session webhook's URL is a credential.
 * @throws PlatformRequestError with the HTTP status for a non-2xx answer, without one for a network failure or timeout.
 */
export async function postJson(url: string, body: unknown, { method = "POST", headers = {}, timeoutMs = 15_000 }: PostJsonOptions = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "Content-Type": "application/json", Accept: "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new PlatformRequestError(`${method} ${new URL(url).pathname} failed: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new PlatformRequestError(`${method} ${new URL(url).pathname} answered HTTP ${response.status}`, response.status);
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlatformRequestError(`${method} ${new URL(url).pathname} answered something that is not JSON`, response.status);
  }
}
