import { createRuntime } from "../app/create-runtime.js";
import { describeError } from "../errors.js";
import { runChat } from "./run-chat.js";

/** `npm run chat`: the terminal chat (interactive on a TTY; reads questions line by line from a pipe). */
async function main(): Promise<void> {
  const { assistant } = await createRuntime(process.env);
  await runChat({ assistant, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
