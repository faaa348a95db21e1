import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { answerSchema, type Answer, type Citation, type Intent } from "../answer/answer-schema.js";
import { describeError } from "../errors.js";
import { buildGroundedPrompt, type SourcePassage } from "./build-grounded-prompt.js";
import { checkGrounding } from "./check-grounding.js";
import { createSemaphore } from "./create-semaphore.js";
import { extractNumbers } from "./extract-numbers.js";
import type { FallbackReason } from "./fallback-reason.js";
import type { Prompts } from "./load-prompts.js";
import { parseModelReply } from "./parse-model-reply.js";

/** What the answer pipeline hands to a generator for one question. */
export interface GenerationInput {
  readonly question: string;
  readonly intent: Intent;
  /** The deterministic answer; returned as is (with a fallback reason) whenever the model's answer is not used. */
  readonly extractive: Answer;
  /** Retrieved passages, best first; each citation carries a verbatim quote from its passage. */
  readonly passages: readonly SourcePassage[];
  /** Deterministic lookup results: Chinese sentences with the figures. */
  readonly lookups: readonly string[];
}

/** Writes an answer for a question. Never rejects: failures come back as the extractive answer with a fallback reason. */
export interface AnswerGenerator {
  readonly id: string;
  generate(input: GenerationInput): Promise<Answer>;
}

/** The logging a generator needs; `console` fits, and so does the Slack adapter's logger. */
export interface GenerationLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** The part of a LangChain chat model the generator uses. */
export type ChatModel = Pick<BaseChatModel, "invoke">;

export interface GroundedGeneratorOptions {
  readonly model: ChatModel;
  readonly prompts: Prompts;
  /** Deadline for one answer, including the wait for a free slot (LLM_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Model calls in flight at once (LLM_MAX_CONCURRENCY). */
  readonly maxConcurrency: number;
  /** Total characters of passage text shown to the model. Default 6000. */
  readonly maxPassageCharacters?: number;
  /** Identifies the generator in logs, e.g. "openai:qwen2.5-7b-instruct@127.0.0.1:8000". */
  readonly id?: string;
  readonly logger?: GenerationLogger;
  /** Strings to remove from every log line (API keys). */
  readonly secrets?: readonly (string | undefined)[];
}

export const DEFAULT_MAX_PASSAGE_CHARACTERS = 6000;

/** Intents whose answers are figures: the model may reword around them, never change or drop them. */
const FIGURE_INTENTS: ReadonlySet<Intent> = new Set(["indicator", "fact"]);

type ModelOutcome = { readonly kind: "text"; readonly text: string } | { readonly kind: "timeout" } | { readonly kind: "error"; readonly error: unknown };

function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && (/timeout/i.test(error.name) || /timed? ?out/i.test(error.message));
}

/** Distinct citations, keeping the first of each (same place, same quote). */
function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = JSON.stringify([citation.doc, citation.heading, citation.quote]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Figures of the extractive answer as written there, one per value. */
function requiredFigures(extractiveAnswer: string): string[] {
  const byKey = new Map<string, string>();
  for (const number of extractNumbers(extractiveAnswer)) if (!byKey.has(number.key)) byKey.set(number.key, number.text);
  return [...byKey.values()];
}

/**
 * A generator that lets a chat model phrase the answer from numbered passages and lookup
 * results, and keeps the model's text only when it passes every check (see `FallbackReason`).
 * The model's raw reply is never returned or logged; only the validated answer text is used.
 */
export function createGroundedGenerator(options: GroundedGeneratorOptions): AnswerGenerator {
  const semaphore = createSemaphore(options.maxConcurrency);
  const maxPassageCharacters = options.maxPassageCharacters ?? DEFAULT_MAX_PASSAGE_CHARACTERS;
  const id = options.id ?? "llm";
  const secrets = (options.secrets ?? []).filter((secret): secret is string => typeof secret === "string" && secret.length >= 4);
  const redact = (text: string) => secrets.reduce((line, secret) => line.split(secret).join("[redacted]"), text);

  /** Calls the model under the deadline; the slot is held until the call settles, so the cap holds even after a timeout. */
  async function invokeModel(system: string, user: string): Promise<ModelOutcome> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error("generation deadline passed"));
        resolve("timeout");
      }, options.timeoutMs);
    });
    try {
      const slot = await Promise.race([semaphore.acquire(controller.signal), deadline]);
      if (slot === "timeout") return { kind: "timeout" };
      const call = Promise.resolve().then(() => options.model.invoke([new SystemMessage(system), new HumanMessage(user)], { signal: controller.signal }));
      call.then(slot, slot);
      const message = await Promise.race([call, deadline]);
      if (message === "timeout") return { kind: "timeout" };
      return { kind: "text", text: message.text };
    } catch (error) {
      if (controller.signal.aborted || isTimeoutError(error)) return { kind: "timeout" };
      return { kind: "error", error };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    id,
    async generate(input) {
      const { fallback_reason: _previousReason, ...extractive } = input.extractive;
      const fallback = (reason: FallbackReason, detail?: string): Answer => {
        const message = `llm fallback: generator=${id} reason=${reason}${detail ? ` detail=${detail}` : ""}`;
        if (reason === "out_of_scope" || reason === "not_found" || reason === "no_passages") options.logger?.info(redact(message));
        else options.logger?.warn(redact(message));
        return { ...extractive, generator: "extractive", fallback_reason: reason };
      };

      if (input.intent === "out_of_scope" || extractive.intent === "out_of_scope") return fallback("out_of_scope");
      if (!extractive.found) return fallback("not_found");
      if (input.passages.length === 0 && input.lookups.length === 0) return fallback("no_passages");

      const keepFigures = FIGURE_INTENTS.has(input.intent);
      const prompt = buildGroundedPrompt(
        { question: input.question, passages: input.passages, lookups: input.lookups, requiredFigures: keepFigures ? requiredFigures(extractive.answer) : [] },
        options.prompts,
        maxPassageCharacters,
      );
      const outcome = await invokeModel(prompt.system, prompt.user);
      if (outcome.kind === "timeout") return fallback("timeout", `no reply within ${options.timeoutMs} ms`);
      if (outcome.kind === "error") return fallback("model_error", describeError(outcome.error));

      const reply = parseModelReply(outcome.text);
      if (reply === null) return fallback("invalid_output", `reply of ${outcome.text.length} characters is not a valid {answer, passages} object`);
      const verdict = checkGrounding({ reply, passages: prompt.passages, lookups: input.lookups, extractiveAnswer: extractive.answer, keepFigures });
      if (verdict.kind === "rejected") return fallback(verdict.reason, verdict.detail);

      const citedCitations = verdict.cited.map((passage) => passage.source.citation);
      // Figure answers keep the extractive citations: the figures come from there.
      const citations = uniqueCitations(keepFigures || citedCitations.length === 0 ? [...extractive.citations, ...citedCitations] : citedCitations);
      const parsed = answerSchema.safeParse({ ...extractive, answer: reply.answer, citations, generator: "llm" });
      if (!parsed.success) return fallback("invalid_output", "the combined answer fails the answer schema");
      const answer = parsed.data;
      options.logger?.info(redact(`llm answer used: generator=${id} passages=${reply.passageLabels.join(",") || "none"}`));
      return answer;
    },
  };
}
