import type { types } from "@slack/bolt";
import type { Citation } from "../../answer/answer-schema.js";
import { splitText } from "../split-text.js";
import { citationLabel } from "../../channel/citation-label.js";
import { escapeMrkdwn, escapedWeight } from "./mrkdwn.js";
import { SLACK_LIMITS } from "./slack-limits.js";
import { mrkdwnContext, mrkdwnSection, type SlackMessage } from "./slack-message.js";

/** The full cited text as sections: split at sentence ends, at most `maxSections`, with a note when cut. */
function sourceSections(text: string, maxSections: number): types.KnownBlock[] {
  const pieces = splitText(text.trim(), { maxLength: SLACK_LIMITS.sectionText, weight: escapedWeight }).map(escapeMrkdwn);
  const sections: types.KnownBlock[] = pieces.slice(0, maxSections).map((piece) => mrkdwnSection(piece));
  if (pieces.length > maxSections) sections.push(mrkdwnContext("（原文较长，此处只显示前面部分。）"));
  return sections;
}

/** A modal (views.open) with the full text of the cited section, box or table. */
export function buildSourceModal(citation: Citation, text: string): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "规划原文" },
    close: { type: "plain_text", text: "关闭" },
    blocks: [mrkdwnContext(`📌 *${escapeMrkdwn(citationLabel(citation))}*`), ...sourceSections(text, SLACK_LIMITS.viewBlocks - 2)],
  };
}

/** The same content as an ephemeral message, for when the modal cannot be opened. */
export function buildSourceMessage(citation: Citation, text: string): SlackMessage {
  const label = citationLabel(citation);
  return {
    text: `原文 · ${label}`,
    blocks: [mrkdwnContext(`📌 *${escapeMrkdwn(label)}*`), ...sourceSections(text, SLACK_LIMITS.messageBlocks - 2)],
  };
}
