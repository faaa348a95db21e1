import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { PlanAssistant } from "../app/assistant.js";
import { formatAnswerText } from "./format-answer.js";

export interface ChatOptions {
  readonly assistant: PlanAssistant;
  readonly input: Readable;
  readonly output: Writable;
  /** Interactive terminal: prompt and greeting; otherwise questions are read line by line. */
  readonly interactive: boolean;
  /** Earlier questions kept as conversation history. */
  readonly historySize?: number;
}

const COMMANDS = "/help 帮助  /outline 规划提纲  /new 开始新对话  /quit 退出";

function helpText(assistant: PlanAssistant): string {
  const { examples } = assistant;
  const samples = [examples.indicator[0], examples.fact[0], examples.project[0], examples.responsibility[0], examples.overview[0], examples.general[0]].filter(Boolean);
  return [
    "可以直接提问，追问时不必重复主题（例如先问指标，再问“那2022年呢？”）。",
    `命令：${COMMANDS}`,
    "例如：",
    ...samples.map((sample) => `  · ${sample}`),
  ].join("\n");
}

function outlineText(assistant: PlanAssistant): string {
  return assistant.plans
    .map((plan) => {
      const lines = [`《${plan.metadata.title}》${plan.metadata.documentNumber ? ` ${plan.metadata.documentNumber}` : ""}`];
      for (const part of plan.parts) {
        if (part.label) lines.push(`${part.label} ${part.title}`);
        for (const chapter of part.chapters) lines.push(`  ${chapter.label} ${chapter.title}`);
      }
      if (plan.boxes.length) lines.push(`专栏：${plan.boxes.map((box) => `${box.label}（${box.chapter ?? "?"}）`).join("、")}`);
      return lines.join("\n");
    })
    .join("\n\n");
}

/**
 * The terminal chat: reads questions (readline with history when interactive, plain lines
 * otherwise), keeps the conversation's earlier questions for follow-ups, prints answers with
 * their citations. Resolves when the input ends or the user types /quit.
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const { assistant, output, interactive } = options;
  const historySize = options.historySize ?? 6;
  const lines = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive, historySize: 100, crlfDelay: Infinity });
  const write = (text: string) => output.write(`${text}\n`);
  const history: string[] = [];
  // Ctrl-C on an empty prompt asks once more; a second Ctrl-C (or one on a typed line) quits.
  let interruptArmed = false;
  let interrupted = false;
  lines.on("SIGINT", () => {
    if (interruptArmed || lines.line.length > 0) {
      interrupted = true;
      write("\n再见。");
      lines.close();
      return;
    }
    interruptArmed = true;
    write("\n（再按一次 Ctrl-C 或输入 /quit 退出）");
    lines.prompt();
  });
  if (interactive) {
    const plan = assistant.plans[0];
    write(`规划助手 · 已载入${assistant.plans.length}份规划${plan ? `：《${plan.metadata.title}》` : ""}`);
    write("输入 /help 查看用法，/quit 退出。");
    lines.setPrompt("问> ");
    lines.prompt();
  }
  for await (const rawLine of lines) {
    interruptArmed = false;
    const line = rawLine.trim();
    if (line.length === 0) {
      if (interactive) lines.prompt();
      continue;
    }
    // Piped input is not shown by a terminal: echo each question so the transcript reads as a chat.
    if (!interactive) write(`问> ${line}`);
    if (line === "/quit" || line === "/exit") break;
    if (line === "/help") write(helpText(assistant));
    else if (line === "/outline") write(outlineText(assistant));
    else if (line === "/new") {
      history.length = 0;
      write("已开始新对话。");
    } else if (/^\/[A-Za-z]+$/.test(line)) {
      // A mistyped command is not a question about the plan.
      write(`未知命令 ${line}。可用命令：${COMMANDS}`);
    } else {
      const answer = await assistant.answer(line, history);
      write(formatAnswerText(answer));
      if (answer.intent !== "out_of_scope") {
        history.push(line);
        if (history.length > historySize) history.shift();
      }
      write("");
    }
    if (interactive) lines.prompt();
  }
  if (!interrupted) lines.close();
}
