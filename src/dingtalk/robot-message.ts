import { z } from "zod";

/** The fields of a DingTalk robot message (the stream's /v1.0/im/bot/messages/get callback) the adapter uses. */
export const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  /** A rich-text message: text runs and pictures. */
  content: z.object({ richText: z.array(z.object({ text: z.string().optional() }).loose()).optional() }).loose().optional(),
  conversationId: z.string().min(1),
  /** "1": a 1:1 chat with the robot; "2": a group. */
  conversationType: z.string(),
  senderId: z.string(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  /** Reply address of this message, valid until sessionWebhookExpiredTime (ms since the epoch). */
  sessionWebhook: z.url(),
  sessionWebhookExpiredTime: z.number(),
  robotCode: z.string().optional(),
  chatbotUserId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;

/** The message, or null when the frame's data is not a robot message the adapter understands. */
export function parseRobotMessage(data: string): RobotMessage | null {
  try {
    const parsed = robotMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A 1:1 chat with the robot (conversationType "1"). */
export function isDirectChat(message: RobotMessage): boolean {
  return message.conversationType === "1";
}

/** A group message is for the robot only when it @mentions it; every 1:1 message is. */
export function isAddressedToRobot(message: RobotMessage): boolean {
  if (isDirectChat(message)) return true;
  if (message.isInAtList === true) return true;
  const robot = message.chatbotUserId;
  return robot !== undefined && (message.atUsers ?? []).some((user) => user.dingtalkId === robot);
}

/** The question of a text or rich-text message ("" for other kinds): DingTalk removes the robot's @name from the text but may leave other leading @names and spaces. */
export function questionOfRobotMessage(message: RobotMessage): string {
  const content =
    message.msgtype === "text"
      ? (message.text?.content ?? "")
      : message.msgtype === "richText"
        ? (message.content?.richText ?? []).map((run) => run.text ?? "").join(" ")
        : "";
  return content
    .replace(/^(?:\s*@\S+)+\s+/u, "")
    .replace(/\s+/g, " ")
    .trim();
}
