import type { types } from "@slack/bolt";
import type { Answer } from "../../answer/answer-schema.js";
import type { ExampleQuestions } from "../../app/assistant.js";
import { ACTION_IDS, encodeAnswerReference, encodeCitation } from "../action-values.js";
import { splitText, truncateText } from "../split-text.js";
import { citationLabel, citationPlaceKey, citationShortLabel, shortQuote } from "../../channel/citation-label.js";
import { pickExamples } from "./example-questions.js";
import { escapeMrkdwn, escapedWeight } from "./mrkdwn.js";
import { MESSAGE_BUDGET, SLACK_LIMITS } from "./slack-limits.js";
import { button, mrkdwnContext, mrkdwnSection, type SlackMessage } from "./slack-message.js";

export interface AnswerMessageOptions {
  /** Key of the answer in the answer cache; the buttons carry it. */
  readonly answerKey: string;
  /** Example questions suggested when the question is outside the plan. */
  readonly examples: ExampleQuestions;
  /** Show the question above the answer (ephemeral slash replies and shared answers, where it is not visible otherwise). */
  readonly showQuestion?: boolean;
  /** Add a "分享到频道" button (ephemeral slash replies). */
  readonly shareButton?: boolean;
  /** User id of whoever shared this answer to the channel. */
  readonly sharedBy?: string;
  /** Plan titles by doc id, to name the document when more than one plan is loaded. */
  readonly documentTitles?: ReadonlyMap<string, string>;
}

/**
 * Formats an answer as a Slack message: the answer text (split at sentence ends so no section
 * passes 3,000 characters), notes, one context line per citation (label + short verbatim quote),
 * "查看原文" buttons, feedback buttons (👍 / 👎 / 数字有误), and a plain `text` fallback.
 * Never more than 50 blocks; very long answers are cut at a sentence end with a note.
 */
export function buildAnswerMessage(answer: Answer, options: AnswerMessageOptions): SlackMessage {
  const reference = encodeAnswerReference({ key: options.answerKey, question: answer.question });
  const head: types.KnownBlock[] = [];
  const tail: types.KnownBlock[] = [];

  if (options.showQuestion || options.sharedBy) {
    const sharer = options.sharedBy ? `　·　<@${options.sharedBy}> 分享` : "";
    head.push(mrkdwnContext(`❓ *问*：${escapeMrkdwn(shortQuote(answer.question, 200))}${sharer}`));
  }

  // A note the answer text already carries ("注意：…") is not repeated under it.
  for (const note of (answer.notes ?? []).filter((candidate) => !answer.answer.includes(candidate)).slice(0, 3)) tail.push(mrkdwnContext(`⚠️ ${escapeMrkdwn(shortQuote(note, 500))}`));

  if (!answer.found) {
    const suggestions = pickExamples(options.examples, 5);
    // The assistant may already name examples in its text; do not list them twice.
    if (suggestions.length > 0 && !suggestions.some((question) => answer.answer.includes(question))) {
      tail.push(mrkdwnSection(`*可以试试这样问：*\n${suggestions.map((question) => `• ${escapeMrkdwn(question)}`).join("\n")}`, "answer_examples"));
    }
  }

  const citations = answer.citations.slice(0, MESSAGE_BUDGET.citationsShown);
  const multipleDocuments = (options.documentTitles?.size ?? 0) > 1;
  for (const citation of citations) {
    const documentTitle = multipleDocuments ? options.documentTitles?.get(citation.doc) : undefined;
    const label = `${documentTitle ? `《${documentTitle}》 ` : ""}${citationLabel(citation)}`;
    tail.push(mrkdwnContext(`📌 *${escapeMrkdwn(label)}*　「${escapeMrkdwn(shortQuote(citation.quote))}」`));
  }
  if (answer.citations.length > citations.length) tail.push(mrkdwnContext(`另有 ${answer.citations.length - citations.length} 处出处未列出。`));

  // One button per cited place: several quotes from one section open the same text.
  const places = [...new Map(answer.citations.map((citation) => [citationPlaceKey(citation), citation])).values()].slice(0, MESSAGE_BUDGET.sourceButtons);
  if (places.length > 0) {
    tail.push({
      type: "actions",
      block_id: "answer_sources",
      elements: places.map((citation, index) =>
        button(places.length === 1 ? "📖 查看原文" : `📖 ${shortQuote(citationShortLabel(citation), 30)}`, `${ACTION_IDS.viewSource}:${index}`, encodeCitation(citation)),
      ),
    });
  }

  const feedback: types.Button[] = [button("👍 有帮助", ACTION_IDS.helpful, reference), button("👎 没帮助", ACTION_IDS.notHelpful, reference)];
  if (answer.found) feedback.push(button("⚠️ 数字有误", ACTION_IDS.wrongFigure, reference));
  if (options.shareButton) feedback.push(button("分享到频道", ACTION_IDS.share, reference, "primary"));
  tail.push({ type: "actions", block_id: "answer_feedback", elements: feedback });

  const body = answerSections(answer.answer, SLACK_LIMITS.messageBlocks - head.length - tail.length);
  return { text: fallbackText(answer), blocks: [...head, ...body, ...tail] };
}

const CUT_NOTE = "\n_（回答较长，已截断。）_";

/** The answer text as section blocks, within `maxBlocks` and the answer budget. */
function answerSections(text: string, maxBlocks: number): types.SectionBlock[] {
  const trimmed = text.trim().length > 0 ? text.trim() : "（没有回答内容）";
  const blocks = Math.max(1, maxBlocks);
  // Every piece leaves room for the cut note, so adding it never passes the section limit.
  const pieceLimit = SLACK_LIMITS.sectionText - CUT_NOTE.length;
  const budget = Math.min(MESSAGE_BUDGET.answerCharacters, blocks * pieceLimit);
  const shown = trimmed.length > budget ? truncateText(trimmed, budget) : trimmed;
  const pieces = splitText(shown, { maxLength: pieceLimit, weight: escapedWeight }).map(escapeMrkdwn);
  const kept = pieces.slice(0, blocks);
  if (shown !== trimmed || kept.length < pieces.length) kept[kept.length - 1] = `${kept.at(-1) ?? ""}${CUT_NOTE}`;
  return kept.map((piece) => mrkdwnSection(piece));
}

/**
 * The notification / accessibility text: the answer (cut at a sentence end) and its first source.
 * Slack parses this text as mrkdwn too, so &, < and > are escaped like every other piece of plan text.
 */
export function fallbackText(answer: Answer): string {
  const source = answer.citations[0] ? `（出处：${citationLabel(answer.citations[0])}）` : "";
  const text = `${answer.answer.trim()}${source}`;
  const budget = MESSAGE_BUDGET.fallbackText;
  if (Array.from(text).reduce((sum, character) => sum + escapedWeight(character), 0) <= budget) return escapeMrkdwn(text);
  // Cut so that the escaped text, with its "…", stays within the budget.
  const first = splitText(text, { maxLength: budget - 1, weight: escapedWeight })[0] ?? "";
  return `${escapeMrkdwn(first.trimEnd())}…`;
}
