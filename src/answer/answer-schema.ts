import { z } from "zod";

/** Intents the router can choose. */
export const intentSchema = z.enum([
  "indicator",
  "fact",
  "responsibility",
  "project",
  "overview",
  "general",
  "out_of_scope",
]);
export type Intent = z.infer<typeof intentSchema>;

/** A citation: where the plan says it, with a verbatim quote. */
export const citationSchema = z.object({
  doc: z.string(),
  /** The cited unit's path as the document labels it (第二篇 › 第五章, or 三、 › （二）), box or table last. */
  path: z.array(z.object({ label: z.string(), title: z.string() })).optional(),
  part: z.string().nullable(),
  chapter: z.string().nullable(),
  section: z.string().nullable(),
  box: z.string().nullable(),
  table: z.string().nullable(),
  heading: z.string(),
  quote: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

/** The JSON answer contract shared by the CLI, Slack and the eval. */
export const answerSchema = z.object({
  /** The batch line's id, echoed as given (a scorer matches it by value: 7 is not "7"). */
  id: z.union([z.string(), z.number()]).optional(),
  question: z.string(),
  intent: intentSchema,
  found: z.boolean(),
  answer: z.string(),
  citations: z.array(citationSchema),
  /** Who wrote the text: the deterministic extractive path or a language model. */
  generator: z.enum(["extractive", "llm"]).optional(),
  /** Why a model answer was rejected in favour of the extractive one. */
  fallback_reason: z.string().optional(),
  /** Cross-check findings that touch this answer (the plan states a figure twice, differently). */
  notes: z.array(z.string()).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

/** An answer before the question is attached: what each answering path returns. */
export type AnswerDraft = Omit<Answer, "question" | "id">;

/** One line of `ask --json --batch` input. */
export const batchQuestionSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  question: z.string(),
  history: z.array(z.string()).optional(),
});
export type BatchQuestion = z.infer<typeof batchQuestionSchema>;
