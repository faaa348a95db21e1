import { z } from "zod";

/**
 * The fields of an im.message.receive_v1 event the adapter uses, as the SDK's EventDispatcher
 * hands it over: the 2.0 schema's header (event_id…) and event (sender, message) merged into one object.
 */
export const messageEventSchema = z.object({
  event_id: z.string().min(1),
  sender: z.object({
    sender_id: z.object({ open_id: z.string().optional(), user_id: z.string().optional(), union_id: z.string().optional() }).optional(),
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    thread_id: z.string().optional(),
    chat_id: z.string().min(1),
    /** "p2p" or "group". */
    chat_type: z.string(),
    message_type: z.string(),
    /** JSON: {"text":"@_user_1 问题"} for a text message. */
    content: z.string(),
    mentions: z.array(z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).optional(), name: z.string().optional() })).optional(),
  }),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;

const textContentSchema = z.object({ text: z.string() });

/** The event, or null when it is not one the adapter understands. */
export function parseMessageEvent(data: unknown): MessageEvent | null {
  const parsed = messageEventSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A p2p chat with the bot. */
export function isDirectChat(event: MessageEvent): boolean {
  return event.message.chat_type === "p2p";
}

/**
 * A group message is for the bot when it @mentions the bot (by open_id when the bot's is known,
 * else any mention: with the usual scope Feishu only delivers group messages that mention the bot).
 */
export function isAddressedToBot(event: MessageEvent, botOpenId: string | undefined): boolean {
  if (isDirectChat(event)) return true;
  const mentions = event.message.mentions ?? [];
  return botOpenId ? mentions.some((mention) => mention.id?.open_id === botOpenId) : mentions.length > 0;
}

const postContentSchema = z.object({ content: z.array(z.array(z.object({ tag: z.string(), text: z.string().optional() }).loose())) }).loose();

/** The text of a message's content: a text message's text, or the text runs of a rich-text (post) message; "" otherwise. */
function textOfContent(messageType: string, content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (messageType === "text") {
      const text = textContentSchema.safeParse(parsed);
      return text.success ? text.data.text : "";
    }
    if (messageType === "post") {
      // A post is either { title, content } or keyed by language ({ zh_cn: { title, content } }).
      const candidates = [parsed, ...(parsed && typeof parsed === "object" ? Object.values(parsed) : [])];
      for (const candidate of candidates) {
        const post = postContentSchema.safeParse(candidate);
        if (post.success) return post.data.content.map((line) => line.map((run) => (run.tag === "text" ? (run.text ?? "") : " ")).join("")).join(" ");
      }
    }
  } catch {
    // Not JSON: nothing to read.
  }
  return "";
}

/** The question of a text or rich-text message with every mention key (@_user_1) removed; "" for other message types. */
export function questionOfMessage(event: MessageEvent): string {
  return textOfContent(event.message.message_type, event.message.content)
    .replace(/@_user_\d+/g, " ")
    .replace(/@_all/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The thread a message belongs to: the root of the thread it was written in; in a group a new
 * question starts a thread of its own (the bot replies in it), so later questions there share its history.
 */
export function threadOfMessage(event: MessageEvent): string | null {
  if (event.message.root_id) return event.message.root_id;
  return isDirectChat(event) ? null : event.message.message_id;
}
