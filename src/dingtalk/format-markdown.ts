import type { Answer } from "../answer/answer-schema.js";
import type { ExampleQuestions } from "../app/assistant.js";
import { citationLabel, citationPlaceKey, shortQuote } from "../channel/citation-label.js";

/** A DingTalk markdown message: `title` shows in notifications and the chat list, `text` in the chat. */
export interface DingTalkMarkdown {
  readonly title: string;
  readonly text: string;
}

/** Citation lines shown at most; the rest are counted. */
const CITATIONS_SHOWN = 6;
/** DingTalk cuts markdown messages at about 5,000 characters; stay well below. */
const TEXT_BUDGET = 4_000;

/**
 * The answer in DingTalk's markdown subset (bold, lists, quotes; no tables or HTML): the answer,
 * then one short line per cited place with its verbatim quote, then cross-check notes. An
 * unanswered question gets example questions instead of sources.
 */
export function formatAnswerMarkdown(answer: Answer, examples: ExampleQuestions): DingTalkMarkdown {
  const blocks: string[] = [escapeMarkdown(answer.answer.trim())];
  const places = [...new Map(answer.citations.map((citation) => [citationPlaceKey(citation), citation])).values()];
  if (places.length > 0) {
    const lines = places.slice(0, CITATIONS_SHOWN).map((citation) => `- **${escapeMarkdown(citationLabel(citation))}**：“${escapeMarkdown(shortQuote(citation.quote))}”`);
    if (places.length > CITATIONS_SHOWN) lines.push(`- ……另有 ${places.length - CITATIONS_SHOWN} 处出处`);
    blocks.push(`**出处**\n\n${lines.join("\n")}`);
  }
  for (const note of answer.notes ?? []) blocks.push(`> ⚠️ ${escapeMarkdown(note)}`);
  if (!answer.found) {
    const suggestions = [...examples.indicator.slice(0, 2), ...examples.overview.slice(0, 1)];
    if (suggestions.length > 0) blocks.push(`**可以这样问**\n\n${suggestions.map((example) => `- ${escapeMarkdown(example)}`).join("\n")}`);
  }
  let text = blocks.join("\n\n");
  if (text.length > TEXT_BUDGET) text = `${text.slice(0, TEXT_BUDGET)}…`;
  return { title: titleOf(answer.answer), text };
}

/** A short plain message in the same format. */
export function formatTextMarkdown(text: string): DingTalkMarkdown {
  return { title: titleOf(text), text: escapeMarkdown(text) };
}

function titleOf(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  return characters.length <= 24 ? characters.join("") : `${characters.slice(0, 24).join("")}…`;
}

/** DingTalk renders no escapes; a line starting with # would become a heading, so a full-width ＃ stands in. */
function escapeMarkdown(text: string): string {
  return text.replace(/^(\s*)#/gm, "$1＃");
}
