/** Slack token shapes: bot/user/app/config tokens. */
const SLACK_TOKEN_PATTERN = /\b(?:xox[abeoprs]|xapp|xoxe\.xox[bp])-[A-Za-z0-9.-]+/g;
/** Feishu/Lark tenant, app and user access tokens ("t-…", "a-…", "u-…"). */
const FEISHU_TOKEN_PATTERN = /\b[tau]-[A-Za-z0-9_.-]{20,}/g;
/** Credentials inside URLs and headers: a DingTalk session webhook's session, a stream ticket, a bearer token, an access-token header. */
const CREDENTIAL_FIELD_PATTERN = /\b(session=|ticket=|access_key=|access_token=|Bearer\s+|x-acs-dingtalk-access-token["']?\s*[:=]\s*["']?)[A-Za-z0-9_.~+/=-]{6,}/gi;
const REDACTED = "[redacted]";

/**
 * Returns a function that replaces every given secret (tokens, signing secret, app secrets) and
 * anything shaped like a Slack or Feishu token, a bearer token or a DingTalk session/ticket with
 * "[redacted]". Used on every log line a channel adapter writes.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  // Longest first, so a secret that contains another is removed whole.
  const known = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 6).sort((left, right) => right.length - left.length);
  return (text) => {
    let redacted = text;
    for (const secret of known) redacted = redacted.split(secret).join(REDACTED);
    return redacted.replace(SLACK_TOKEN_PATTERN, REDACTED).replace(FEISHU_TOKEN_PATTERN, REDACTED).replace(CREDENTIAL_FIELD_PATTERN, (_match, field: string) => `${field}${REDACTED}`);
  };
}
