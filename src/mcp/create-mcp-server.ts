import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Citation } from "../answer/answer-schema.js";
import type { PlanAssistant } from "../app/assistant.js";
import { formatAnswerText } from "../cli/format-answer.js";
import { findIndicators, findPlan, type OutlineNode, planOutline, planSummaries, planSummary, planUnit, unitCitation } from "../web/plan-view.js";

/** Version reported to MCP clients. */
const SERVER_VERSION = "0.1.0";

type ToolResult = { content: { type: "text"; text: string }[]; structuredContent: Record<string, unknown>; isError?: boolean };

/** A tool result: readable text for the model, the same data as JSON, always with `citations`. */
function result(text: string, data: Record<string, unknown> & { citations: readonly Citation[] }, isError = false): ToolResult {
  return { content: [{ type: "text", text }], structuredContent: data, ...(isError ? { isError } : {}) };
}

function sourcesText(citations: readonly Citation[]): string {
  return citations.map((citation) => `· ${citation.heading}：“${citation.quote}”`).join("\n");
}

/**
 * The MCP adapter: tools to ask a question, look up an indicator, read the outline and read one
 * unit of a plan. Every result carries `citations` (doc, part, chapter, section, box, table,
 * heading, quote) in its structured content and the sources in its text.
 */
export function createMcpServer(assistant: PlanAssistant): McpServer {
  const server = new McpServer({ name: "plan-assistant", title: "规划助手", version: SERVER_VERSION });
  const docs = planSummaries(assistant.plans)
    .map((plan) => `${plan.doc}（${plan.title}）`)
    .join("；");
  const unknownPlan = (doc: string) => result(`没有规划 ${doc}。已载入：${docs}`, { citations: [] }, true);

  server.registerTool(
    "ask",
    {
      title: "提问",
      description: `Ask 规划助手 a question about the loaded plans (${docs}). Returns the answer with its citations (verbatim quotes). Pass earlier questions of the conversation as history for follow-ups such as 那2022年呢.`,
      inputSchema: { question: z.string().min(1).max(1000), history: z.array(z.string().max(1000)).max(20).optional() },
    },
    async ({ question, history }) => {
      const answer = await assistant.answer(question, history ?? []);
      return result(formatAnswerText(answer), { ...answer });
    },
  );

  server.registerTool(
    "lookup_indicator",
    {
      title: "查指标",
      description: "Look up indicators of the plans' indicator tables by name (e.g. 学前三年毛入园率): values by year as written (≥ marks a lower bound), unit and 约束性/预期性, with the table row cited.",
      inputSchema: { name: z.string().min(1).max(100), doc: z.string().optional() },
    },
    async ({ name, doc }) => {
      if (doc && !findPlan(assistant, doc)) return unknownPlan(doc);
      const found = findIndicators(assistant.plans, name, doc);
      if (found.length === 0) return result(`没有名称包含“${name}”的指标。`, { indicators: [], citations: [] });
      const lines = found.map(({ indicator }) => `${indicator.parent ? `${indicator.parent}·` : ""}${indicator.name}${indicator.unit ? `（${indicator.unit}）` : ""}：${indicator.values.map((cell) => `${cell.year}年 ${cell.raw}`).join("，")}${indicator.attribute ? `（${indicator.attribute}）` : ""}`);
      const citations = found.map((entry) => entry.citation);
      return result(`${lines.join("\n")}\n\n出处：\n${sourcesText(citations)}`, { indicators: found.map((entry) => entry.indicator), citations });
    },
  );

  server.registerTool(
    "outline",
    {
      title: "提纲",
      description: "The outline of a plan (篇/章/节, 专栏, indicator tables) with the location id of each unit, for read_section.",
      inputSchema: { doc: z.string().optional() },
    },
    async ({ doc }) => {
      const plan = doc ? findPlan(assistant, doc) : assistant.plans[0];
      if (!plan) return unknownPlan(doc ?? "");
      const outline = planOutline(plan);
      const lines: string[] = [];
      const walk = (nodes: readonly OutlineNode[], depth: number) => {
        for (const node of nodes) {
          lines.push(`${"  ".repeat(depth)}${node.label} ${node.title}　[${node.location}]`);
          walk(node.children, depth + 1);
        }
      };
      walk(outline, 0);
      // Each top-level unit cited by its heading: where the outline's entries are in the plan.
      const citations = outline.map((node) => unitCitation(plan, node.location, `${node.label} ${node.title}`.trim())).filter((citation): citation is Citation => citation !== null);
      const { title } = planSummary(plan);
      return result(`《${title}》\n${lines.join("\n")}`, { doc: plan.doc, title, outline, citations });
    },
  );

  server.registerTool(
    "read_section",
    {
      title: "读原文",
      description: "The full text of one unit of a plan (a 篇/章/节, a 专栏 or an indicator table), by the location id that outline returns (e.g. 第三篇-第七章-第一节, 专栏2).",
      inputSchema: { doc: z.string().optional(), location: z.string().min(1) },
    },
    async ({ doc, location }) => {
      const plan = doc ? findPlan(assistant, doc) : assistant.plans[0];
      if (!plan) return unknownPlan(doc ?? "");
      const unit = planUnit(plan, location);
      const citation = unitCitation(plan, location);
      if (!unit || !citation) return result(`${plan.doc} 中没有 ${location}；用 outline 工具查看可用的位置。`, { citations: [] }, true);
      const body = unit.kind === "text" ? unit.paragraphs.join("\n") : unit.rows.map((row) => row.quote).join("\n");
      return result(`${unit.heading}\n${body}`, { doc: plan.doc, unit, citations: [citation] });
    },
  );
  return server;
}
