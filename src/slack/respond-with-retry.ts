import type { RespondArguments } from "@slack/bolt";
import { withRetry } from "../channel/with-retry.js";

/** Delays between attempts at a response_url post (Bolt does not retry these; the Web API client does). */
export const RESPOND_RETRY_DELAYS_MS: readonly number[] = [300, 1_000];

/**
 * Posts to a response_url, retrying a failed post (a 5xx or 429 from Slack) after short pauses.
 * A response_url accepts up to five posts in 30 minutes, so two retries stay well within it.
 * @throws the last error when every attempt failed.
 */
export async function respondWithRetry(respond: (message: RespondArguments) => Promise<unknown>, message: RespondArguments, delaysMs: readonly number[] = RESPOND_RETRY_DELAYS_MS): Promise<void> {
  await withRetry(() => respond(message), { delaysMs, shouldRetry: () => true });
}
