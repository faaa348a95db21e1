import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createRuntime } from "../app/create-runtime.js";
import { describeError } from "../errors.js";
import { createMcpServer } from "./create-mcp-server.js";

/**
 * `npm run mcp`: an MCP server on stdio. The protocol owns stdout; every log line goes to stderr
 * (the runtime's logger writes there).
 */
async function main(): Promise<void> {
  const { assistant, logger } = await createRuntime(process.env);
  const server = createMcpServer(assistant);
  await server.connect(new StdioServerTransport());
  logger.info(`mcp: serving ${assistant.plans.length} plan(s) on stdio`);
  const close = () => void server.close().finally(() => process.exit(0));
  process.stdin.on("end", close);
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
