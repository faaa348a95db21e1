import type { Knowledge } from "../answer/knowledge.js";
import type { OutlineNode, Plan } from "../parse/plan-types.js";

/** What ingest understood of one plan: metadata, counts per kind, and every warning. */
export interface PlanReport {
  readonly doc: string;
  readonly title: string;
  readonly titleFromText: boolean;
  readonly issuer: string | null;
  readonly level: string | null;
  readonly period: string | null;
  readonly documentNumber: string | null;
  readonly counts: {
    /** Headings per outline level, top first, each with the label of its first unit (一、 / （一） / 第一章). */
    readonly levels: readonly { readonly label: string; readonly count: number }[];
    readonly boxes: number;
    readonly tables: readonly { readonly title: string; readonly rows: number }[];
    readonly indicators: number;
    readonly facts: number;
    readonly projects: number;
    /** Distinct bodies named with duties, in prose or in unit lists. */
    readonly bodies: number;
    /** Unit lists attached to tasks ("（A牵头，B配合）"). */
    readonly assignments: number;
  };
  readonly warnings: readonly string[];
}

/** Builds the report of one plan from its parse and the knowledge extracted from it. */
export function planReport(plan: Plan, knowledge: Knowledge): PlanReport {
  const levels: { label: string; count: number }[] = [];
  const visit = (node: OutlineNode) => {
    const level = (levels[node.depth - 1] ??= { label: node.label, count: 0 });
    level.count += 1;
    node.children.forEach(visit);
  };
  plan.outline.forEach(visit);
  const assignments = [...knowledge.assignments.values()].flat().filter((assignment) => assignment.doc === plan.doc);
  const bodies = new Set([
    ...knowledge.responsibilities.filter((responsibility) => responsibility.location.doc === plan.doc).map((responsibility) => responsibility.actor),
    ...assignments.flatMap((assignment) => assignment.bodies.map((body) => body.name)),
  ]);
  const warnings = [...plan.warnings];
  if (!plan.metadata.titleFromText) warnings.push("no title line found in the text: the file name stands in for the title");
  if (plan.outline.length === 0) warnings.push("no outline: answers cite the plan as a whole");
  const period = plan.metadata.period;
  return {
    doc: plan.doc,
    title: plan.metadata.title,
    titleFromText: plan.metadata.titleFromText,
    issuer: plan.metadata.issuer,
    level: plan.metadata.level,
    period: period ? `${period.from}—${period.to}` : null,
    documentNumber: plan.metadata.documentNumber,
    counts: {
      levels,
      boxes: plan.boxes.length,
      tables: plan.tables.map((table) => ({ title: table.title, rows: table.rows.length })),
      indicators: plan.tables.reduce((sum, table) => sum + table.rows.length, 0),
      facts: knowledge.facts.filter((fact) => fact.doc === plan.doc).length,
      projects: knowledge.projects.filter((project) => project.location.doc === plan.doc).length,
      bodies: bodies.size,
      assignments: assignments.length,
    },
    warnings,
  };
}

/** The report as a few readable lines (Chinese labels for the counts, as officials read them). */
export function formatPlanReport(report: PlanReport): string {
  const { counts } = report;
  const levels = counts.levels.map((level) => `${level.label}级${level.count}`).join("、") || "无标题层级";
  const tables = counts.tables.map((table) => `${table.title}（${table.rows}行）`).join("、") || "无";
  const lines = [
    `《${report.title}》${report.documentNumber ? ` ${report.documentNumber}` : ""} [${report.doc}]`,
    `  发文：${report.issuer ?? "未注明"}${report.level ? `（${report.level}）` : ""}；规划期：${report.period ?? "未注明"}`,
    `  结构：${levels}；专栏${counts.boxes}个；表格：${tables}`,
    `  指标${counts.indicators}项、数字事实${counts.facts}条、项目${counts.projects}个、责任主体${counts.bodies}个（分工清单${counts.assignments}处）`,
    ...report.warnings.map((warning) => `  ⚠ ${warning}`),
  ];
  return lines.join("\n");
}
