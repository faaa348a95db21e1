import type { RespondFn } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { REPLIES } from "../format/replies.js";
import { type BlockActionBody, blockActionBodySchema } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";

/**
 * Runs a button handler on a checked body: an unexpected body is logged and dropped, and a
 * failure becomes a log line and an ephemeral apology to whoever clicked. Never throws.
 */
export async function guardAction(
  services: SlackServices,
  name: string,
  rawBody: unknown,
  respond: RespondFn | undefined,
  handle: (body: BlockActionBody) => Promise<void>,
): Promise<void> {
  const parsed = blockActionBodySchema.safeParse(rawBody);
  if (!parsed.success) {
    services.logger.warn(`slack: ${name} click of unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return;
  }
  try {
    await handle(parsed.data);
  } catch (error) {
    services.logger.error(`slack: ${name} failed: ${describeError(error)}`);
    try {
      await respond?.({ response_type: "ephemeral", replace_original: false, text: REPLIES.actionApology });
    } catch (apologyError) {
      services.logger.error(`slack: posting the apology failed too: ${describeError(apologyError)}`);
    }
  }
}
