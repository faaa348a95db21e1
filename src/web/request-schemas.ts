import { z } from "zod";
import { MAX_QUESTION_LENGTH } from "../app/create-assistant.js";

/** Longest history the API accepts; the assistant itself uses the last few entries. */
export const MAX_HISTORY = 20;

/**
 * Most messages of one chat completion request. OpenAI clients resend the whole conversation at
 * every turn, so a long chat is hundreds of messages; only the last user messages are read.
 */
export const MAX_CHAT_MESSAGES = 1_000;

const question = z.string().trim().min(1, "question is empty").max(MAX_QUESTION_LENGTH * 2, `question is longer than ${MAX_QUESTION_LENGTH * 2} characters`);

/** POST /api/ask. `history`: earlier questions of the conversation, oldest first. */
export const askRequestSchema = z.object({
  question,
  history: z.array(z.string().max(MAX_QUESTION_LENGTH * 2)).max(MAX_HISTORY).optional(),
});

/** POST /api/feedback: a button press on an answer of the web page. */
export const feedbackRequestSchema = z.object({
  kind: z.enum(["helpful", "not_helpful", "wrong_figure"]),
  question: z.string().max(MAX_QUESTION_LENGTH * 2),
  answer: z.string().max(20_000),
  found: z.boolean().nullable().optional(),
  intent: z.string().max(40).nullable().optional(),
  /** Citation labels as the page shows them. */
  citations: z.array(z.string().max(500)).max(50).optional(),
  /** Key of the answer in the page's conversation. */
  answer_key: z.string().max(200).nullable().optional(),
});

/** GET query with a plan id. */
const DOC_MISSING = "doc is missing: pass ?doc=<plan id> (see GET /api/plans)";
export const docQuerySchema = z.object({ doc: z.string({ error: DOC_MISSING }).min(1, DOC_MISSING) });

/** GET /api/section query. */
const LOCATION_MISSING = "location is missing: pass ?location=<unit id> (see GET /api/outline)";
export const sectionQuerySchema = docQuerySchema.extend({ location: z.string({ error: LOCATION_MISSING }).min(1, LOCATION_MISSING) });

const textPart = z.object({ type: z.literal("text"), text: z.string() });

/** One message of POST /v1/chat/completions; only text content is read. */
const chatMessageSchema = z.object({
  role: z.string(),
  content: z.union([z.string(), z.array(z.union([textPart, z.object({ type: z.string() })])), z.null()]).optional(),
});

/** POST /v1/chat/completions (the fields this server reads; others are accepted and ignored). */
export const chatCompletionRequestSchema = z.object({
  model: z.string().optional(),
  messages: z.array(chatMessageSchema).min(1, "messages is empty: send at least one user message").max(MAX_CHAT_MESSAGES, `messages has more than ${MAX_CHAT_MESSAGES} entries: send the recent part of the conversation`),
  stream: z.boolean().nullable().optional(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** The text of a chat message (text parts joined). */
export function messageText(message: ChatCompletionRequest["messages"][number]): string {
  if (typeof message.content === "string") return message.content;
  if (!message.content) return "";
  return message.content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

/** A readable one-line summary of zod issues: "question: question is empty; history.0: …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}
