import type { types } from "@slack/bolt";
import type { ExampleQuestions } from "../../app/assistant.js";
import type { Indicator, IndicatorTable, Plan } from "../../parse/plan-types.js";
import { splitText } from "../split-text.js";
import { shortQuote } from "../../channel/citation-label.js";
import { EXAMPLE_KINDS } from "./example-questions.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import { SLACK_LIMITS } from "./slack-limits.js";
import { mrkdwnContext, mrkdwnSection } from "./slack-message.js";

/**
 * The App Home tab: what the bot does and how to ask, then per plan its title, 文号 and date,
 * the 篇/章 outline, the indicator table at a glance, and example questions of each kind.
 * Stays within Slack's 100 blocks for a view.
 */
export function buildHomeView(plans: readonly Plan[], examples: ExampleQuestions, slashCommand: string): types.HomeView {
  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "规划助手", emoji: true } },
    mrkdwnSection(
      "你好！我回答关于下面这份规划的问题，每个回答都注明出处（篇/章/节、专栏或指标表），并可查看原文。\n" +
        "• 在频道里 *@规划助手* 加问题，我在话题里回答；接着追问（如“那2022年呢？”）无需再 @ 我\n" +
        "• 在上方 *消息* 标签页直接私信我\n" +
        `• 输入 \`${slashCommand} 问题\`，回答只有你可见，可一键分享到频道`,
    ),
  ];
  for (const plan of plans) blocks.push({ type: "divider" }, ...planBlocks(plan));

  const exampleLines = EXAMPLE_KINDS.flatMap(({ kind, label }) => {
    const questions = examples[kind].slice(0, 3);
    return questions.length > 0 ? [`*${label}*`, ...questions.map((question) => `• ${escapeMrkdwn(shortQuote(question, 100))}`)] : [];
  });
  if (exampleLines.length > 0) {
    blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: "可以这样问", emoji: true } });
    blocks.push(...linesToSections(exampleLines));
  }
  return { type: "home", blocks: fitBlocks(blocks, SLACK_LIMITS.viewBlocks) };
}

function planBlocks(plan: Plan): types.KnownBlock[] {
  const { metadata } = plan;
  const blocks: types.KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: shortQuote(metadata.title || plan.doc, SLACK_LIMITS.headerText - 1), emoji: false } }];
  const facts = [
    metadata.documentNumber ? `文号：${metadata.documentNumber}` : null,
    metadata.issuer ? `印发：${metadata.issuer}` : null,
    metadata.date ? `日期：${metadata.date}` : null,
    metadata.period ? `规划期：${metadata.period.from}—${metadata.period.to}年` : null,
  ].filter((fact): fact is string => fact !== null);
  if (facts.length > 0) blocks.push(mrkdwnContext(escapeMrkdwn(facts.join("　·　"))));

  const outline = plan.parts.flatMap((part) => [
    `*${escapeMrkdwn(`${part.label} ${part.title}`)}*`,
    ...part.chapters.map((chapter) => `　${escapeMrkdwn(`${chapter.label} ${chapter.title}`)}`),
  ]);
  // A plan without 篇 still has chapters.
  const looseChapters = plan.parts.length === 0 ? plan.chapters.map((chapter) => escapeMrkdwn(`${chapter.label} ${chapter.title}`)) : [];
  const outlineLines = [...outline, ...looseChapters];
  if (outlineLines.length > 0) blocks.push(...linesToSections(["*篇章结构*", ...outlineLines]));
  if (plan.boxes.length > 0) {
    const boxes = plan.boxes.map((box) => escapeMrkdwn(box.title ? `${box.label} ${box.title}` : box.label)).join("、");
    blocks.push(mrkdwnContext(`专栏：${shortQuote(boxes, 2_000)}`));
  }
  for (const table of plan.tables) blocks.push(...linesToSections(tableLines(table)));
  return blocks;
}

/** The indicator table as lines: the title, then one line per row grouped by category. */
function tableLines(table: IndicatorTable): string[] {
  const lines = [`*指标一览 · ${escapeMrkdwn(table.title)}*`];
  let category: string | null = null;
  for (const row of table.rows) {
    if (row.category && row.category !== category) {
      category = row.category;
      lines.push(`_${escapeMrkdwn(row.category)}_`);
    }
    lines.push(indicatorLine(row));
  }
  return lines;
}

/** "• 学前三年毛入园率（%）：2020年 92｜2022年 92.8｜2025年 ≥94.0（预期性）" */
export function indicatorLine(row: Indicator): string {
  const values = row.values.map((value) => `${/^\d{4}$/.test(value.year) ? `${value.year}年` : value.year} ${value.raw}`).join("｜");
  const attribute = row.attribute ? `（${row.attribute}）` : "";
  const indent = row.parent ? "　　" : "• ";
  // The parser keeps the unit apart ("学前三年毛入园率" + "%"); show it unless the name already has it.
  const name = row.unit && !row.name.includes(row.unit) ? `${row.name}（${row.unit}）` : row.name;
  return `${indent}${escapeMrkdwn(`${name}：${values}${attribute}`)}`;
}

/** Lines packed into as few section blocks as fit (3,000 characters each), never splitting a line unless it alone is too long. */
function linesToSections(lines: readonly string[]): types.SectionBlock[] {
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SLACK_LIMITS.sectionText) {
      sections[sections.length - 1] = `${last}\n${line}`;
    } else if (line.length <= SLACK_LIMITS.sectionText) {
      sections.push(line);
    } else {
      // Only a pathological single line gets here; it is already escaped, so cut by plain length.
      sections.push(...splitText(line, { maxLength: SLACK_LIMITS.sectionText }));
    }
  }
  return sections.map((text) => mrkdwnSection(text));
}

/** Keeps the view within the block limit; the last kept block says that the rest was left out. */
function fitBlocks(blocks: types.KnownBlock[], maxBlocks: number): types.KnownBlock[] {
  if (blocks.length <= maxBlocks) return blocks;
  return [...blocks.slice(0, maxBlocks - 1), mrkdwnContext("（内容较多，其余部分请直接提问。）")];
}
