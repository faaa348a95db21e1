import type { types } from "@slack/bolt";

/** A message ready for chat.postMessage / respond: Block Kit blocks plus the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

export function mrkdwnSection(text: string, blockId?: string): types.SectionBlock {
  return { type: "section", ...(blockId ? { block_id: blockId } : {}), text: { type: "mrkdwn", text } };
}

export function mrkdwnContext(text: string): types.ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

export function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): types.Button {
  return { type: "button", text: { type: "plain_text", text, emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}
