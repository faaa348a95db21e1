import { createRuntime } from "./app/create-runtime.js";
import { startChannels, stopAll } from "./app/start-channels.js";
import { runChat } from "./cli/run-chat.js";
import { describeError } from "./errors.js";
import { stopOnSignals } from "./channel/stop-on-signals.js";

/**
 * `npm start`: loads config and the plans, then serves every configured chat channel at once
 * (Slack in Socket Mode or HTTP, DingTalk, Feishu), else opens the terminal chat.
 */
async function main(): Promise<void> {
  const { config, logger, assistant } = await createRuntime(process.env);
  const channels = await startChannels(config, assistant, logger);
  if (channels.length === 0) {
    await runChat({ assistant, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    return;
  }
  // SIGTERM/SIGINT: stop taking requests, finish answers in progress, exit; a second signal exits at once.
  stopOnSignals(stopAll(channels), logger);
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
