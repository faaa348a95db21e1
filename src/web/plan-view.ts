/**
 * The only module of the web adapter that reads the plan model (Plan, Part, Chapter, Section,
 * Box, IndicatorTable). Everything the HTTP API returns about a plan's text is built here, so a
 * change of the plan model is absorbed in one place. The shapes below are the API's JSON
 * contract (documented in docs/web.md); they do not change when the plan model does.
 */
import type { Citation } from "../answer/answer-schema.js";
import { citationOf } from "../answer/citation.js";
import type { PlanAssistant } from "../app/assistant.js";
import type { Location, OutlineNode as PlanOutlineNode, Paragraph, Plan } from "../parse/plan-types.js";

/** One step of a unit's path as the plan labels it ("第三篇" "主要任务"). */
export interface PathStep {
  readonly label: string;
  readonly title: string;
}

/** A plan in the plan switcher. */
export interface PlanSummary {
  readonly doc: string;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly issuer: string | null;
  readonly date: string | null;
  readonly indicatorCount: number;
}

/** A node of the outline tree; `location` is the id of the unit it opens (see locationId). */
export interface OutlineNode {
  readonly location: string;
  readonly label: string;
  readonly title: string;
  readonly children: readonly OutlineNode[];
}

/** One value cell of an indicator row. `operator` "≥"/"≤" means the value is a bound, not a point. */
export interface IndicatorCell {
  readonly year: string;
  readonly raw: string;
  readonly operator: string;
  readonly value: number | null;
}

/** One row of an indicator table. */
export interface IndicatorRow {
  readonly id: string;
  readonly category: string;
  readonly name: string;
  readonly parent: string | null;
  readonly unit: string | null;
  /** "约束性", "预期性" or null. */
  readonly attribute: string | null;
  readonly values: readonly IndicatorCell[];
  /** The verbatim row text a citation of this row quotes. */
  readonly quote: string;
  /** Id of the table unit the row belongs to. */
  readonly location: string;
}

/** A readable unit of the plan: a stretch of text under one heading, or an indicator table. */
export type PlanUnit =
  | {
      readonly kind: "text";
      readonly location: string;
      readonly path: readonly PathStep[];
      readonly heading: string;
      readonly paragraphs: readonly string[];
    }
  | {
      readonly kind: "table";
      readonly location: string;
      readonly path: readonly PathStep[];
      readonly heading: string;
      readonly years: readonly string[];
      readonly rows: readonly IndicatorRow[];
    };

/** The whole plan for the reader, units in reading order (preamble, body, then 专栏, then tables). */
export interface PlanDocument {
  readonly plan: PlanSummary;
  readonly units: readonly PlanUnit[];
}

type LocationFields = Pick<Location, "part" | "chapter" | "section" | "box" | "table"> & { readonly path?: Location["path"] };

/**
 * The id of the unit a citation or location points to, as used in deep links
 * (/plan/<doc>#<id>): the 专栏 label, the table title, or the labels of its path as the document
 * writes them joined by "-" (第三篇-第七章-第一节, 三、-（二）-1.); "正文" for the text before the
 * first heading. Citations without a path fall back to their 篇/章/节 fields.
 * src/web/static/common.js mirrors this function for citations in the browser.
 */
export function locationId(location: LocationFields): string {
  if (location.box) return location.box;
  if (location.table) return location.table;
  const labels = location.path && location.path.length > 0 ? location.path.map((step) => step.label) : [location.part, location.chapter, location.section].filter((label): label is string => Boolean(label));
  return labels.length > 0 ? labels.join("-") : "正文";
}

/**
 * The outline as the document writes it (any depth). A plan built by hand without `outline`
 * (older fixtures) gets one from its 篇/章/节 views.
 */
function outlineNodes(plan: Plan): readonly PlanOutlineNode[] {
  if (plan.outline.length > 0 || plan.parts.length === 0) return plan.outline;
  const node = (label: string, title: string, paragraphs: readonly Paragraph[], location: Location, children: readonly PlanOutlineNode[], depth: number): PlanOutlineNode => ({
    label,
    ordinal: 0,
    title,
    style: "chapter",
    depth,
    role: null,
    runIn: false,
    paragraphs,
    children,
    location,
  });
  const chapterNode = (chapter: Plan["chapters"][number], depth: number) =>
    node(chapter.label, chapter.title, chapter.paragraphs, chapter.location, chapter.sections.map((section) => node(section.label, section.title, section.paragraphs, section.location, [], depth + 1)), depth);
  return plan.parts.flatMap((part) => (part.label ? [node(part.label, part.title, part.paragraphs, part.location, part.chapters.map((chapter) => chapterNode(chapter, 2)), 1)] : part.chapters.map((chapter) => chapterNode(chapter, 1))));
}

/** Every outline node, parents before their children. */
function flatOutline(nodes: readonly PlanOutlineNode[]): PlanOutlineNode[] {
  return nodes.flatMap((node) => [node, ...flatOutline(node.children)]);
}

/** The path steps of a location, from its path or (older fixtures) its heading's labels. */
function pathOf(location: Location, fallback: readonly PathStep[]): PathStep[] {
  return location.path && location.path.length > 0 ? location.path.map((step) => ({ label: step.label, title: step.title })) : [...fallback];
}

function summaryOf(plan: Plan): PlanSummary {
  return {
    doc: plan.doc,
    title: plan.metadata.title,
    documentNumber: plan.metadata.documentNumber,
    issuer: plan.metadata.issuer,
    date: plan.metadata.date,
    indicatorCount: plan.tables.reduce((sum, table) => sum + table.rows.length, 0),
  };
}

/** The summary of one plan (title, 文号, issuer, date, indicator count). */
export function planSummary(plan: Plan): PlanSummary {
  return summaryOf(plan);
}

/** Summaries of the loaded plans, in load order. */
export function planSummaries(plans: readonly Plan[]): PlanSummary[] {
  return plans.map(summaryOf);
}

const texts = (paragraphs: readonly Paragraph[]) => paragraphs.map((paragraph) => paragraph.text);

function indicatorRowsOf(plan: Plan): IndicatorRow[] {
  return plan.tables.flatMap((table) =>
    table.rows.map((row) => ({
      id: row.id,
      category: row.category,
      name: row.name,
      parent: row.parent,
      unit: row.unit,
      attribute: row.attribute,
      values: row.values.map((value) => ({ year: value.year, raw: value.raw, operator: value.operator, value: value.value })),
      quote: row.quote,
      location: locationId(table.location),
    })),
  );
}

/** Every indicator row of a plan, tables in order. */
export function indicatorRows(plan: Plan): IndicatorRow[] {
  return indicatorRowsOf(plan);
}

/** The plan as readable units, in reading order. */
export function planDocument(plan: Plan): PlanDocument {
  const units: PlanUnit[] = [];
  const rows = indicatorRowsOf(plan);
  // Text before the first heading (notice, preamble) is a unit too: a citation with no heading points there.
  if (plan.preamble.length > 0) units.push({ kind: "text", location: "正文", path: [], heading: plan.metadata.title, paragraphs: texts(plan.preamble) });
  const walk = (nodes: readonly PlanOutlineNode[], parents: readonly PathStep[]) => {
    for (const node of nodes) {
      const path = pathOf(node.location, [...parents, { label: node.label, title: node.title }]);
      units.push({ kind: "text", location: locationId(node.location), path, heading: node.location.heading, paragraphs: texts(node.paragraphs) });
      walk(node.children, path);
    }
  };
  walk(outlineNodes(plan), []);
  for (const box of plan.boxes) {
    units.push({ kind: "text", location: locationId(box.location), path: [{ label: box.label, title: box.title ?? "" }], heading: box.location.heading, paragraphs: texts(box.paragraphs) });
  }
  for (const table of plan.tables) {
    const id = locationId(table.location);
    units.push({ kind: "table", location: id, path: [{ label: "指标表", title: table.title }], heading: table.location.heading, years: table.years, rows: rows.filter((row) => row.location === id) });
  }
  return { plan: summaryOf(plan), units };
}

/** The outline tree as the document writes it (any depth), then 专栏 and tables as top-level nodes. */
export function planOutline(plan: Plan): OutlineNode[] {
  const toNode = (node: PlanOutlineNode): OutlineNode => ({ location: locationId(node.location), label: node.label, title: node.title, children: node.children.map(toNode) });
  const boxes = plan.boxes.map((box) => ({ location: locationId(box.location), label: box.label, title: box.title ?? "", children: [] }));
  const tables = plan.tables.map((table) => ({ location: locationId(table.location), label: "指标表", title: table.title, children: [] }));
  return [...outlineNodes(plan).map(toNode), ...boxes, ...tables];
}

/** The unit with this location id, or null. */
export function planUnit(plan: Plan, location: string): PlanUnit | null {
  return planDocument(plan).units.find((unit) => unit.location === location) ?? null;
}

/** The plan with this doc id, or null. */
export function findPlan(assistant: Pick<PlanAssistant, "plans">, doc: string): Plan | null {
  return assistant.plans.find((plan) => plan.doc === doc) ?? null;
}

/** Where a citation opens in the reader: /plan/<doc>#<location>. */
export function readerLink(citation: Citation): string {
  return `/plan/${encodeURIComponent(citation.doc)}#${encodeURIComponent(locationId(citation))}`;
}

/** Every unit's plan location by its id (preamble, outline at any depth, 专栏, tables). */
function locationsOf(plan: Plan): Map<string, Location> {
  const locations = new Map<string, Location>();
  const add = (location: Location) => locations.set(locationId(location), location);
  if (plan.preamble[0]) add(plan.preamble[0].location);
  for (const node of flatOutline(outlineNodes(plan))) add(node.location);
  for (const box of plan.boxes) add(box.location);
  for (const table of plan.tables) add(table.location);
  return locations;
}

/**
 * A citation of the unit with this id, quoting `quote` (default: the unit's first paragraph, or
 * its heading for a table or an empty unit). Null when the plan has no such unit.
 */
export function unitCitation(plan: Plan, location: string, quote?: string): Citation | null {
  const found = locationsOf(plan).get(location);
  if (!found) return null;
  const unit = planUnit(plan, location);
  const firstText = unit?.kind === "text" ? unit.paragraphs[0] : undefined;
  return citationOf(found, quote ?? firstText ?? found.heading);
}

/** An indicator row with the citation of its table row (quoting the row verbatim). */
export interface CitedIndicator {
  readonly indicator: IndicatorRow;
  readonly citation: Citation;
}

/**
 * Indicator rows whose name (with its parent row) contains `name`, ignoring spaces and
 * full-width brackets; every plan unless `doc` is given.
 */
export function findIndicators(plans: readonly Plan[], name: string, doc?: string): CitedIndicator[] {
  const simplify = (text: string) => text.replace(/[\s（）()%％]/g, "");
  const wanted = simplify(name);
  if (wanted.length === 0) return [];
  return plans
    .filter((plan) => !doc || plan.doc === doc)
    .flatMap((plan) =>
      plan.tables.flatMap((table) =>
        table.rows
          .filter((row) => simplify(`${row.parent ?? ""}${row.name}`).includes(wanted) || simplify(row.name).includes(wanted))
          .map((row) => ({ indicator: indicatorRowsOf(plan).find((candidate) => candidate.id === row.id && candidate.quote === row.quote)!, citation: citationOf(row.location, row.quote) })),
      ),
    )
    .filter((entry) => entry.indicator !== undefined);
}
