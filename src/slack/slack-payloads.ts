import { z } from "zod";

/**
 * The fields of Slack payloads this adapter relies on, checked where they enter.
 * Minimal on purpose: Slack adds fields all the time, and unknown ones are ignored.
 */

/** A `message` event (message.im / message.channels / message.groups / message.mpim). */
export const messageEventSchema = z.object({
  type: z.literal("message"),
  subtype: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export const appMentionEventSchema = z.object({
  type: z.literal("app_mention"),
  channel: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
});
export type AppMentionEvent = z.infer<typeof appMentionEventSchema>;

export const appHomeOpenedEventSchema = z.object({
  type: z.literal("app_home_opened"),
  user: z.string(),
  tab: z.string().optional(),
});

/** The Events API envelope: only the id used to drop Slack's retries. */
export const eventEnvelopeSchema = z.object({
  type: z.literal("event_callback"),
  event_id: z.string(),
});

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(""),
  user_id: z.string(),
  channel_id: z.string(),
  response_url: z.string().optional(),
});

/** A `block_actions` body: who clicked which button where. */
export const blockActionBodySchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string() }),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  message: z.object({ ts: z.string().optional(), thread_ts: z.string().optional(), text: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type BlockActionBody = z.infer<typeof blockActionBodySchema>;

/** One message of conversations.replies / conversations.history. */
export const conversationMessageSchema = z.object({
  type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

export const conversationMessagesSchema = z.object({
  messages: z.array(z.unknown()).default([]),
});

/** Keeps the messages that parse, drops the rest: one odd message must not hide a whole thread. */
export function parseConversationMessages(response: unknown): ConversationMessage[] {
  const parsed = conversationMessagesSchema.safeParse(response);
  if (!parsed.success) return [];
  return parsed.data.messages.flatMap((message) => {
    const one = conversationMessageSchema.safeParse(message);
    return one.success ? [one.data] : [];
  });
}
