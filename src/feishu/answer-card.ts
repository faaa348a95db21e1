import { z } from "zod";
import { type Answer, type Citation, citationSchema } from "../answer/answer-schema.js";
import type { ExampleQuestions } from "../app/assistant.js";
import { citationLabel, citationPlaceKey, citationShortLabel, shortQuote } from "../channel/citation-label.js";
import type { FeedbackKind } from "../channel/feedback-store.js";

/** A Feishu message card (JSON 1.0), sent with msg_type "interactive". */
export type FeishuCard = Readonly<Record<string, unknown>>;

/** Citation lines shown at most; "查看原文" buttons at most. */
const CITATIONS_SHOWN = 6;
const SOURCE_BUTTONS = 3;
/** Feishu cards take about 30 KB; the full text of a section stays well below. */
const SECTION_CHARACTERS = 6_000;

/** What a card button carries back in card.action.trigger. */
export const cardActionValueSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("view_source"), citation: citationSchema }),
  z.object({ action: z.literal("feedback"), kind: z.enum(["helpful", "not_helpful", "wrong_figure"]), key: z.string(), question: z.string() }),
]);
export type CardActionValue = z.infer<typeof cardActionValueSchema>;

const plainText = (content: string) => ({ tag: "plain_text", content });
const button = (text: string, value: CardActionValue, type: "default" | "primary" = "default") => ({ tag: "button", text: plainText(text), type, value });

/**
 * The answer as a card: the answer, one note line per cited place with its verbatim quote,
 * cross-check notes, "📖 查看原文" buttons that show the full cited section, and 👍 / 👎 / 数字有误.
 * `update_multi` lets the placeholder card be replaced by this one for everyone in the chat.
 */
export function buildAnswerCard(answer: Answer, context: { readonly answerKey: string; readonly examples: ExampleQuestions }): FeishuCard {
  const places = [...new Map(answer.citations.map((citation) => [citationPlaceKey(citation), citation])).values()];
  const elements: unknown[] = [{ tag: "markdown", content: answer.answer.trim() }];
  if (places.length > 0) {
    elements.push({ tag: "hr" });
    for (const citation of places.slice(0, CITATIONS_SHOWN)) elements.push({ tag: "note", elements: [plainText(`📄 ${citationLabel(citation)}：“${shortQuote(citation.quote)}”`)] });
    if (places.length > CITATIONS_SHOWN) elements.push({ tag: "note", elements: [plainText(`……另有 ${places.length - CITATIONS_SHOWN} 处出处`)] });
    elements.push({ tag: "action", actions: places.slice(0, SOURCE_BUTTONS).map((citation) => button(`📖 查看原文 · ${citationShortLabel(citation)}`, { action: "view_source", citation: { ...citation, quote: shortQuote(citation.quote) } })) });
  }
  for (const note of answer.notes ?? []) elements.push({ tag: "note", elements: [plainText(`⚠️ ${note}`)] });
  if (!answer.found) {
    const suggestions = [...context.examples.indicator.slice(0, 2), ...context.examples.overview.slice(0, 1)];
    if (suggestions.length > 0) elements.push({ tag: "markdown", content: `**可以这样问**\n${suggestions.map((example) => `- ${example}`).join("\n")}` });
  }
  const feedback = (text: string, kind: Exclude<FeedbackKind, "unanswered">) => button(text, { action: "feedback", kind, key: context.answerKey, question: shortQuote(answer.question, 200) });
  elements.push({ tag: "action", actions: [feedback("👍 有帮助", "helpful"), feedback("👎 没帮助", "not_helpful"), feedback("数字有误", "wrong_figure")] });
  return { config: { wide_screen_mode: true, update_multi: true }, header: { template: answer.found ? "blue" : "grey", title: plainText("规划助手") }, elements };
}

/** A one-line card (the placeholder). */
export function buildTextCard(text: string): FeishuCard {
  return { config: { wide_screen_mode: true, update_multi: true }, elements: [{ tag: "markdown", content: text }] };
}

/** The full text of a cited section, for "查看原文". */
export function buildSourceCard(citation: Citation, text: string): FeishuCard {
  const characters = Array.from(text.trim());
  const shown = characters.length <= SECTION_CHARACTERS ? characters.join("") : `${characters.slice(0, SECTION_CHARACTERS).join("")}…（原文较长，已截断）`;
  return {
    config: { wide_screen_mode: true },
    header: { template: "blue", title: plainText(`📖 ${citationShortLabel(citation)}`) },
    elements: [{ tag: "note", elements: [plainText(citationLabel(citation))] }, { tag: "div", text: plainText(shown) }],
  };
}
