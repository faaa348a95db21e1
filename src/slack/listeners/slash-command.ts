import type { App } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { buildAnswerMessage } from "../format/answer-message.js";
import { buildHelpMessage } from "../format/help-message.js";
import { REPLIES } from "../format/replies.js";
import { questionFromMessageText } from "../question-text.js";
import { slashCommandSchema } from "../slack-payloads.js";
import type { SlackServices } from "../slack-services.js";
import { recordUnanswered } from "../../channel/record-feedback.js";
import { respondWithRetry } from "../respond-with-retry.js";

const HELP_WORDS = new Set(["", "help", "帮助", "?", "？", "怎么用"]);

/**
 * The slash command (default /plan): answered ephemerally, with a button to share the answer
 * to the channel; help when the text is empty. Acknowledged at once with a "正在查找" note,
 * the answer follows through response_url.
 */
export function registerSlashCommand(app: App, services: SlackServices): void {
  const { logger } = services;
  app.command(services.slashCommand, async ({ command, ack, respond }) => {
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      await ack();
      logger.warn(`slack: slash command of unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    const { user_id: user, channel_id: channel } = parsed.data;
    const question = questionFromMessageText(parsed.data.text, undefined);

    if (HELP_WORDS.has(question.toLowerCase())) {
      await ack({ response_type: "ephemeral", ...buildHelpMessage(services.assistant.examples, services.slashCommand) });
      return;
    }
    const decision = services.rateLimiter.check(user);
    if (!decision.allowed) {
      logger.info(`slack: rate limit reached for user ${user}`);
      await ack({ response_type: "ephemeral", text: REPLIES.rateLimited(decision.retryAfterSeconds) });
      return;
    }
    await ack({ response_type: "ephemeral", text: REPLIES.searching(question) });

    try {
      const answer = await services.assistant.answer(question, []);
      const answerKey = services.answers.put({ question, history: [], answer });
      const message = buildAnswerMessage(answer, {
        answerKey,
        examples: services.assistant.examples,
        documentTitles: services.documentTitles,
        showQuestion: true,
        shareButton: true,
      });
      await respondWithRetry(respond, { response_type: "ephemeral", replace_original: false, ...message });
      await recordUnanswered(services, answer, { user, channel, answerKey });
    } catch (error) {
      logger.error(`slack: answering ${services.slashCommand} failed: ${describeError(error)}`);
      try {
        await respond({ response_type: "ephemeral", replace_original: false, text: REPLIES.apology });
      } catch (apologyError) {
        logger.error(`slack: posting the apology failed too: ${describeError(apologyError)}`);
      }
    }
  });
}
