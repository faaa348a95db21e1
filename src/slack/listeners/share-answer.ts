import type { App } from "@slack/bolt";
import { ACTION_IDS, decodeAnswerReference } from "../action-values.js";
import { buildAnswerMessage } from "../format/answer-message.js";
import { REPLIES } from "../format/replies.js";
import type { SlackServices } from "../slack-services.js";
import { guardAction } from "./action-guard.js";

/** Slack errors meaning the bot may not post in that channel yet. */
const NOT_IN_CHANNEL_ERRORS = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

/** "分享到频道" on an ephemeral slash answer: posts the answer to the channel for everyone and replaces the ephemeral copy. */
export function registerShareAction(app: App, services: SlackServices): void {
  app.action(ACTION_IDS.share, async ({ ack, body, respond, client }) => {
    await ack();
    await guardAction(services, "share", body, respond, async (click) => {
      const reference = decodeAnswerReference(click.actions[0]?.value);
      const channel = click.channel?.id ?? click.container?.channel_id;
      if (!reference || !channel) {
        await respond({ response_type: "ephemeral", replace_original: false, text: REPLIES.answerExpired });
        return;
      }
      // The cache forgets after a restart: ask again rather than fail.
      const shown = services.answers.get(reference.key) ?? { question: reference.question, history: [], answer: await services.assistant.answer(reference.question, []) };
      const answerKey = services.answers.put(shown);
      const message = buildAnswerMessage(shown.answer, { answerKey, examples: services.assistant.examples, documentTitles: services.documentTitles, sharedBy: click.user.id });
      try {
        await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
      } catch (error) {
        const code = (error as { data?: { error?: unknown } }).data?.error;
        if (typeof code === "string" && NOT_IN_CHANNEL_ERRORS.has(code)) {
          await respond({ response_type: "ephemeral", replace_original: false, text: REPLIES.shareNeedsInvite });
          return;
        }
        throw error;
      }
      await respond({ response_type: "ephemeral", replace_original: true, text: REPLIES.shared });
    });
  });
}
