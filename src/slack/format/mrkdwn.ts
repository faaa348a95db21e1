/**
 * Slack mrkdwn escaping: only &, < and > need it (https://docs.slack.dev/messaging/formatting-message-text/).
 * Plan text is shown verbatim, so it is always escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The length a character takes once escaped; lets splitText keep escaped pieces under Slack's limits. */
export function escapedWeight(character: string): number {
  if (character === "&") return 5;
  if (character === "<" || character === ">") return 4;
  return character.length;
}
