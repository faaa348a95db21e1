import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { SEEDS_DIR, realAssistant } from "../../test/support/real-assistant.js";
import { runChat } from "./run-chat.js";

async function chat(lines: string[], interactive = false): Promise<string> {
  const assistant = await realAssistant();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const done = runChat({ assistant, input, output, interactive });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return text;
}

describe("runChat", () => {
  it("answers questions line by line with citations, keeping follow-ups in context", async () => {
    const output = await chat(["2025年学前三年毛入园率目标是多少？", "那2022年呢？", "它是约束性指标吗？"]);
    expect(output).toContain("≥94.0%");
    expect(output).toContain("92.8%");
    expect(output).toContain("不是约束性指标，是预期性指标");
    expect(output).toContain("出处：");
    expect(output).toContain("指标体系表");
  });

  it("handles /help, /outline, /new and stops at /quit", async () => {
    const output = await chat(["/help", "/outline", "都梁中学是新建还是改扩建？", "/new", "那东城幼儿园呢？", "/quit", "这一行不会被回答"]);
    expect(output).toContain("/outline");
    expect(output).toContain("第三篇 主要任务");
    expect(output).toContain("新建");
    expect(output).toContain("已开始新对话");
    expect(output).toContain("续建");
    expect(output).not.toContain("这一行不会被回答");
  });

  it("echoes piped questions and answers an unknown /command with the command list instead of a search", async () => {
    const output = await chat(["/foo", "2025年学前三年毛入园率目标是多少？"]);
    expect(output).toContain("问> /foo\n未知命令 /foo。可用命令：/help");
    expect(output).toContain("问> 2025年学前三年毛入园率目标是多少？\n");
    expect(output).not.toContain("规划中没有");
  });

  it("Ctrl-C on an empty prompt asks once more, a second Ctrl-C quits", async () => {
    const assistant = await realAssistant();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    const done = runChat({ assistant, input, output, interactive: true });
    input.write("\u0003");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text).toContain("再按一次 Ctrl-C 或输入 /quit 退出");
    input.write("\u0003");
    await done;
    expect(text).toContain("再见。");
  });

  it("greets and prompts in interactive mode", async () => {
    const output = await chat(["/quit"], true);
    expect(output).toContain("规划助手");
    expect(output).toContain("问> ");
  });
});

describe("npm run chat", () => {
  it("opens the terminal chat and answers questions piped to its stdin", async () => {
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, SEEDS_DIR, INDEX_DIR: indexDir, ENV_FILE: join(indexDir, "no-such.env") };
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/chat.ts"], { env: environment, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stdin.end("要新培养多少名市级骨干教师？\n/quit\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout).toContain("50名");
    expect(stdout).toContain("专栏6");
  });
});
