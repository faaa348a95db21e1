import { createRuntime } from "./app/create-runtime.js";
import { runChat } from "./cli/run-chat.js";
import { describeError } from "./errors.js";

/**
 * `npm start`: loads config and the plans, then serves Slack (Socket Mode or HTTP) when Slack
 * credentials are set, else opens the terminal chat.
 */
async function main(): Promise<void> {
  const { config, logger, assistant } = await createRuntime(process.env);
  const slack = await import("./slack/start-slack.js").then((module) => module.startSlackIfConfigured(config, assistant, logger));
  if (!slack) {
    await runChat({ assistant, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    return;
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing in-flight answers, then stopping`);
    try {
      await slack.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
