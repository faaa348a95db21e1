import type { ExampleQuestions } from "../../app/assistant.js";
import { EXAMPLE_KINDS } from "./example-questions.js";
import { shortQuote } from "../../channel/citation-label.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import { mrkdwnSection, type SlackMessage } from "./slack-message.js";

/** How to use the bot, with example questions of each kind (two per kind at most). */
export function buildHelpMessage(examples: ExampleQuestions, slashCommand: string): SlackMessage {
  const usage =
    "我是*规划助手*，回答关于区教育事业发展规划的问题，每个回答都注明出处（篇/章/节、专栏或指标表）。\n" +
    `• 在频道里 @规划助手 提问，我会在话题（thread）里回答，接着追问无需再 @ 我\n` +
    "• 直接私信我提问\n" +
    `• 输入 \`${slashCommand} 你的问题\`，只有你能看到回答，可一键分享到频道`;
  const lines = EXAMPLE_KINDS.flatMap(({ kind, label }) => examples[kind].slice(0, 2).map((question) => `• ${escapeMrkdwn(shortQuote(question, 100))}　_${label}_`));
  const blocks = [mrkdwnSection(usage)];
  if (lines.length > 0) blocks.push(mrkdwnSection(`*可以这样问：*\n${lines.join("\n")}`));
  return { text: `规划助手使用说明：@规划助手 提问、私信提问，或输入 ${slashCommand} 问题。`, blocks };
}
