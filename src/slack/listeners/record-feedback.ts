import type { App } from "@slack/bolt";
import { ACTION_IDS, decodeAnswerReference } from "../action-values.js";
import { recordButtonFeedback } from "../../channel/record-feedback.js";
import { REPLIES } from "../format/replies.js";
import type { FeedbackKind } from "../../channel/feedback-store.js";
import type { SlackServices } from "../slack-services.js";
import { guardAction } from "./action-guard.js";

const KIND_BY_ACTION: Readonly<Record<string, Exclude<FeedbackKind, "unanswered">>> = {
  [ACTION_IDS.helpful]: "helpful",
  [ACTION_IDS.notHelpful]: "not_helpful",
  [ACTION_IDS.wrongFigure]: "wrong_figure",
};

/** 👍 / 👎 / 数字有误: one line in the feedback file with the question and the answer, and a thank-you only the clicker sees. */
export function registerFeedbackActions(app: App, services: SlackServices): void {
  for (const actionId of Object.keys(KIND_BY_ACTION)) {
    app.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      await guardAction(services, "feedback", body, respond, async (click) => {
        const kind = KIND_BY_ACTION[actionId] as Exclude<FeedbackKind, "unanswered">;
        const reference = decodeAnswerReference(click.actions[0]?.value);
        await recordButtonFeedback(services, kind, {
          answerKey: reference?.key ?? null,
          question: reference?.question ?? "",
          // After a restart the cache is empty; the message's own text still holds the answer.
          fallbackAnswer: click.message?.text ?? "",
          user: click.user.id,
          channel: click.channel?.id ?? click.container?.channel_id ?? null,
        });
        await respond?.({ response_type: "ephemeral", replace_original: false, text: REPLIES.feedbackThanks[kind] });
      });
    });
  }
}
