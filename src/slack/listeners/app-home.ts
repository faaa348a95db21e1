import type { App } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { appHomeOpenedEventSchema } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";

/** app_home_opened on the Home tab → views.publish of the onboarding view. */
export function registerAppHome(app: App, services: SlackServices): void {
  app.event("app_home_opened", async ({ event, client }) => {
    const parsed = appHomeOpenedEventSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== "home")) return;
    try {
      await client.views.publish({ user_id: parsed.data.user, view: services.homeView() });
    } catch (error) {
      services.logger.error(`slack: publishing the App Home for ${parsed.data.user} failed: ${describeError(error)}`);
    }
  });
}
