import type { OutlineNode, Plan } from "../parse/plan-types.js";

interface OutlineEntry {
  readonly label: string;
  readonly title: string;
  readonly role: OutlineNode["role"];
  readonly children: readonly OutlineEntry[];
}

function entryOf(node: OutlineNode): OutlineEntry {
  return { label: node.label, title: node.title, role: node.role, children: node.children.map(entryOf) };
}

/** Units per depth of the outline: [top level, next level, …]. */
export function countsByDepth(plan: Plan): number[] {
  const counts: number[] = [];
  const visit = (node: OutlineNode) => {
    counts[node.depth - 1] = (counts[node.depth - 1] ?? 0) + 1;
    node.children.forEach(visit);
  };
  plan.outline.forEach(visit);
  return counts;
}

/** The outline of a plan as JSON: document, 篇/章/节 with titles, 专栏 with their chapter, tables with row counts. */
export function outlineOf(plan: Plan) {
  return {
    doc: plan.doc,
    title: plan.metadata.title,
    documentNumber: plan.metadata.documentNumber,
    issuer: plan.metadata.issuer,
    date: plan.metadata.date,
    district: plan.metadata.district,
    level: plan.metadata.level,
    place: plan.metadata.place,
    period: plan.metadata.period,
    /** Every heading level as the document writes it (三、 › （二） › 1.). */
    outline: plan.outline.map(entryOf),
    parts: plan.parts.map((part) => ({
      label: part.label || null,
      title: part.title || null,
      chapters: part.chapters.map((chapter) => ({
        label: chapter.label,
        title: chapter.title,
        sections: chapter.sections.map((section) => ({ label: section.label, title: section.title })),
      })),
    })),
    boxes: plan.boxes.map((box) => ({ label: box.label, title: box.title, part: box.part, chapter: box.chapter })),
    tables: plan.tables.map((table) => ({ title: table.title, years: table.years, rows: table.rows.length })),
    counts: {
      parts: plan.parts.filter((part) => part.label).length,
      chapters: plan.chapters.length,
      sections: plan.chapters.reduce((sum, chapter) => sum + chapter.sections.length, 0),
      boxes: plan.boxes.length,
      tables: plan.tables.length,
      indicators: plan.tables.reduce((sum, table) => sum + table.rows.length, 0),
      byDepth: countsByDepth(plan),
    },
  };
}
