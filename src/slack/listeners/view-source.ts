import type { App } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { decodeCitation, VIEW_SOURCE_ACTION_PATTERN } from "../action-values.js";
import { REPLIES } from "../format/replies.js";
import { buildSourceMessage, buildSourceModal } from "../format/source-view.js";
import type { SlackServices } from "../slack-services.js";
import { guardAction } from "./action-guard.js";

/** "查看原文": the full cited section in a modal, or as an ephemeral message when the modal cannot open. */
export function registerViewSourceAction(app: App, services: SlackServices): void {
  app.action(VIEW_SOURCE_ACTION_PATTERN, async ({ ack, body, respond, client }) => {
    await ack();
    await guardAction(services, "view source", body, respond, async (click) => {
      const citation = decodeCitation(click.actions[0]?.value);
      const text = citation ? services.assistant.sectionText(citation) : null;
      if (!citation || text === null || text.trim().length === 0) {
        await respond({ response_type: "ephemeral", replace_original: false, text: REPLIES.sourceNotFound });
        return;
      }
      if (click.trigger_id) {
        try {
          await client.views.open({ trigger_id: click.trigger_id, view: buildSourceModal(citation, text) });
          return;
        } catch (error) {
          // trigger_id lives 3 seconds; a slow click still gets the text.
          services.logger.warn(`slack: could not open the source modal, sending it as a message: ${describeError(error)}`);
        }
      }
      await respond({ response_type: "ephemeral", replace_original: false, ...buildSourceMessage(citation, text) });
    });
  });
}
