/** Slack token shapes: bot/user/app/config tokens. */
const TOKEN_PATTERN = /\b(?:xox[abeoprs]|xapp|xoxe\.xox[bp])-[A-Za-z0-9.-]+/g;
const REDACTED = "[redacted]";

/**
 * Returns a function that replaces every given secret (tokens, signing secret) and anything
 * shaped like a Slack token with "[redacted]". Used on every log line the adapter writes.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  // Longest first, so a secret that contains another is removed whole.
  const known = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 6).sort((left, right) => right.length - left.length);
  return (text) => {
    let redacted = text;
    for (const secret of known) redacted = redacted.split(secret).join(REDACTED);
    return redacted.replace(TOKEN_PATTERN, REDACTED);
  };
}
