/**
 * The question inside a Slack message: the bot's own mention removed, Slack's HTML escapes
 * (&lt; &gt; &amp;) decoded, links reduced to their label, spaces collapsed.
 */
export function questionFromMessageText(text: string, botUserId: string | undefined): string {
  let question = text;
  if (botUserId) question = question.replace(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, "g"), " ");
  question = question
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<((?:https?|mailto):[^>]*)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return question.replace(/\s+/g, " ").trim();
}

/** True when the text mentions the bot (<@U…> or <@U…|name>). */
export function mentionsUser(text: string, userId: string | undefined): boolean {
  return Boolean(userId) && new RegExp(`<@${escapeRegExp(userId as string)}(?:\\|[^>]*)?>`).test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
