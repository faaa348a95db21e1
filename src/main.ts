import { createRuntime } from "./app/create-runtime.js";
import { runChat } from "./cli/run-chat.js";
import { describeError } from "./errors.js";
import { stopOnSignals } from "./channel/stop-on-signals.js";

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
  // SIGTERM/SIGINT: stop taking requests, finish answers in progress, exit; a second signal exits at once.
  stopOnSignals(slack, logger);
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
