/**
 * Why the extractive answer was kept instead of a model answer. Recorded in `Answer.fallback_reason`.
 * - out_of_scope: the retrieval judged the question outside the plan; the model is never called.
 * - not_found: the extractive path found nothing; a model must not override that.
 * - no_passages: there were no passages and no lookup results to ground an answer in.
 * - timeout: the model did not answer within LLM_TIMEOUT_MS (waiting for a free slot counts).
 * - model_error: the endpoint failed (network, HTTP error, bad credentials).
 * - invalid_output: the reply was not a JSON object {answer, passages} that passes the schema.
 * - unknown_passage: the reply cites a passage id it was not given.
 * - no_citation: the reply cites no passage although passages were its only material.
 * - unsupported_number: the reply states a number found in neither the cited passages, the lookups nor the extractive answer.
 * - dropped_figure: for an indicator/fact question, the reply leaves out a figure the extractive answer states.
 */
export const FALLBACK_REASONS = [
  "out_of_scope",
  "not_found",
  "no_passages",
  "timeout",
  "model_error",
  "invalid_output",
  "unknown_passage",
  "no_citation",
  "unsupported_number",
  "dropped_figure",
] as const;

export type FallbackReason = (typeof FALLBACK_REASONS)[number];
