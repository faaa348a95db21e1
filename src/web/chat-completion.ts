import type { Answer } from "../answer/answer-schema.js";
import { formatAnswerText } from "../cli/format-answer.js";
import { type ChatCompletionRequest, MAX_HISTORY, messageText } from "./request-schemas.js";

/** The model id /v1/models lists and completions report. */
export const ASSISTANT_MODEL_ID = "plan-assistant";

/**
 * Question and history of an OpenAI-style conversation: the last user message, and the (at most
 * MAX_HISTORY) user messages before it.
 */
export function conversationOf(messages: ChatCompletionRequest["messages"]): { question: string; history: string[] } | null {
  const userTexts = messages.filter((message) => message.role === "user").map(messageText).map((text) => text.trim());
  const question = userTexts.at(-1);
  if (question === undefined || question.length === 0) return null;
  return { question, history: userTexts.slice(0, -1).filter((text) => text.length > 0).slice(-MAX_HISTORY) };
}

/** Identity of one completion: OpenAI's `id`, `created` (Unix seconds) and `model`. */
export interface CompletionIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

/** The reply text: the answer followed by its sources, as the terminal chat prints it. */
export function completionText(answer: Answer): string {
  return formatAnswerText(answer);
}

/**
 * A non-streamed chat completion in OpenAI's shape. `plan_answer` (an extension clients ignore)
 * carries the answer JSON, the same as `ask --json` prints.
 */
export function chatCompletion(answer: Answer, identity: CompletionIdentity) {
  return {
    id: identity.id,
    object: "chat.completion" as const,
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message: { role: "assistant" as const, content: completionText(answer), refusal: null }, finish_reason: "stop" as const, logprobs: null }],
    // Nothing is counted in tokens here: the answer is deterministic text, not sampled.
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    plan_answer: answer,
  };
}

/** The text split into pieces of whole lines, so a streaming client shows it as it arrives. */
function pieces(text: string): string[] {
  return text.split(/(?<=\n)/).filter((piece) => piece.length > 0);
}

/** The chunks of a streamed completion: role, the text in pieces, then finish_reason "stop". */
export function chatCompletionChunks(answer: Answer, identity: CompletionIdentity) {
  const chunk = (delta: Record<string, string>, finishReason: "stop" | null) => ({
    id: identity.id,
    object: "chat.completion.chunk" as const,
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });
  return [chunk({ role: "assistant", content: "" }, null), ...pieces(completionText(answer)).map((piece) => chunk({ content: piece }, null)), chunk({}, "stop")];
}

/** A server-sent event stream body: one `data:` event per chunk, then `data: [DONE]`. */
export function serverSentEvents(chunks: readonly unknown[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`;
}
