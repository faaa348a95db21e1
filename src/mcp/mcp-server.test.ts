import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test/support/bot-process.js";
import { SEEDS_DIR } from "../../test/support/real-assistant.js";

/** `npm run mcp` as a client starts it: a child process on stdio, driven by the SDK's own client. */
let client: Client;
let transport: StdioClientTransport;
let stderr = "";

beforeAll(async () => {
  const scratch = mkdtempSync(join(tmpdir(), "plan-mcp-"));
  transport = new StdioClientTransport({
    command: process.execPath,
    args: ["scripts/run.mjs", "src/mcp/main.ts"],
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", SEEDS_DIR, INDEX_DIR: join(scratch, "index"), ENV_FILE: join(scratch, "no.env") },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  client = new Client({ name: "plan-assistant-test", version: "0.0.0" });
  await client.connect(transport);
});
afterAll(async () => {
  await client?.close();
});

type Structured = { citations: { doc: string; quote: string; table: string | null; box: string | null }[]; [key: string]: unknown };
const call = async (name: string, args: Record<string, unknown>) => {
  const response = await client.callTool({ name, arguments: args });
  return { text: (response.content as { type: string; text: string }[])[0]?.text ?? "", data: response.structuredContent as Structured, isError: response.isError === true };
};

describe("MCP server over stdio with the SDK client", () => {
  it("lists the four tools, logs on stderr only", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["ask", "lookup_indicator", "outline", "read_section"]);
    expect(stderr).toContain("mcp: serving 1 plan(s) on stdio");
  });

  it("ask answers with citations, follow-ups through history", async () => {
    const first = await call("ask", { question: "2025年学前三年毛入园率目标是多少" });
    expect(first.text).toContain("94.0");
    expect(first.data.citations[0]).toMatchObject({ table: expect.stringContaining("指标体系表"), quote: expect.stringContaining("学前三年毛入园率") });
    const followUp = await call("ask", { question: "那2022年呢", history: ["2025年学前三年毛入园率目标是多少"] });
    expect(followUp.text).toContain("92.8");
  });

  it("lookup_indicator returns the values as written and cites the table row", async () => {
    const found = await call("lookup_indicator", { name: "学前三年毛入园率" });
    expect(found.text).toContain("2025年 ≥94.0");
    expect(found.text).toContain("预期性");
    expect(found.data.citations).toHaveLength(1);
    expect(found.data.citations[0]?.quote).toContain("≥94.0");
    const none = await call("lookup_indicator", { name: "GDP增速" });
    expect(none.data.citations).toEqual([]);
  });

  it("outline lists the units with location ids that read_section opens, with citations", async () => {
    const outline = await call("outline", {});
    expect(outline.text).toContain("第三篇 主要任务");
    expect(outline.text).toContain("[第三篇-第七章-第一节]");
    expect(outline.data.citations.length).toBeGreaterThan(3);
    const section = await call("read_section", { location: "专栏2" });
    expect(section.isError).toBe(false);
    expect(section.text).toContain("学前三年毛入园率");
    expect(section.data.citations[0]).toMatchObject({ box: "专栏2" });
    const missing = await call("read_section", { location: "第九十九章" });
    expect(missing.isError).toBe(true);
  });
});
