import type { Plan } from "../parse/plan-types.js";

/** The outline of a plan as JSON: document, 篇/章/节 with titles, 专栏 with their chapter, tables with row counts. */
export function outlineOf(plan: Plan) {
  return {
    doc: plan.doc,
    title: plan.metadata.title,
    documentNumber: plan.metadata.documentNumber,
    issuer: plan.metadata.issuer,
    date: plan.metadata.date,
    district: plan.metadata.district,
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
    },
  };
}
