import type { App } from "@slack/bolt";
import type { InFlight } from "../../channel/in-flight.js";
import { describeError } from "../../errors.js";
import { eventEnvelopeSchema } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";
import { registerAppHome } from "./app-home.js";
import { registerMessageListeners } from "./message-events.js";
import { registerFeedbackActions } from "./record-feedback.js";
import { registerShareAction } from "./share-answer.js";
import { registerSlashCommand } from "./slash-command.js";
import { registerViewSourceAction } from "./view-source.js";

/** Global middleware, then every listener. */
export function registerListeners(app: App, services: SlackServices, inFlight: InFlight): void {
  // Everything after this point counts as work in progress, so stop() can wait for it.
  app.use(async ({ next }) => inFlight.run(next));

  // Slack retries an event it thinks was not received (X-Slack-Retry-Num / retry_attempt); the event_id stays the same.
  app.use(async ({ body, context, next }) => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (envelope.success) {
      let first = true;
      try {
        first = await services.deduper.claim(`event:${envelope.data.event_id}`);
      } catch (error) {
        // The shared store is down: let the event through; the message listener claims again and apologises.
        services.logger.warn(`slack: could not check event ${envelope.data.event_id} for a repeat: ${describeError(error)}`);
      }
      if (!first) {
        services.logger.info(`slack: dropping repeated event ${envelope.data.event_id} (retry ${String(context.retryNum ?? "?")}, ${String(context.retryReason ?? "no reason")})`);
        return;
      }
    }
    await next();
  });

  registerMessageListeners(app, services);
  registerSlashCommand(app, services);
  registerShareAction(app, services);
  registerViewSourceAction(app, services);
  registerFeedbackActions(app, services);
  registerAppHome(app, services);
}
