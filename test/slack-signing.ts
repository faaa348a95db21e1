import { createHmac } from "node:crypto";

/**
 * Slack request signing, v0 (https://docs.slack.dev/authentication/verifying-requests-from-slack/):
 * "v0=" + hex HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body).
 * Written from the documentation, independently of Bolt, so tests check Bolt against the spec.
 */
export function slackSignature(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** The two headers Slack sends with a request, for `rawBody` signed at `timestamp` (Unix seconds; default now). */
export function signedHeaders(signingSecret: string, rawBody: string, timestamp: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
  };
}
