import { QUOTE_CHARACTERS } from "../../channel/citation-label.js";

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks/). */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  /** Characters in a section block's text. */
  sectionText: 3_000,
  /** Characters in a header block. */
  headerText: 150,
  /** Elements in a context block. */
  contextElements: 10,
  /** Characters in a modal title. */
  modalTitle: 24,
  /** Characters of button text. */
  buttonText: 75,
} as const;

/**
 * Own limits that keep a message readable and well under Slack's 40,000-character message cap:
 * the answer text shown (longer answers are cut at a sentence end with a note), and the plain
 * `text` fallback used for notifications.
 */
export const MESSAGE_BUDGET = {
  answerCharacters: 12_000,
  fallbackText: 3_000,
  citationsShown: 10,
  sourceButtons: 5,
  quoteCharacters: QUOTE_CHARACTERS,
} as const;
