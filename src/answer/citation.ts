import type { Location } from "../parse/plan-types.js";
import type { Citation } from "./answer-schema.js";

/** A citation of `location` quoting `quote`, which must be verbatim plan text. */
export function citationOf(location: Location, quote: string): Citation {
  return {
    doc: location.doc,
    path: location.path.map((step) => ({ label: step.label, title: step.title })),
    part: location.part,
    chapter: location.chapter,
    section: location.section,
    box: location.box,
    table: location.table,
    heading: location.heading,
    quote,
  };
}

/**
 * Short label of a location in the document's own labels: 第七章第三节, 三、（二）1., 专栏5, 指标体系表.
 * Units below the section level (1., （1）) follow the section's label.
 */
export function locationLabel(location: Pick<Location, "part" | "chapter" | "section" | "box" | "table"> & { readonly path?: Location["path"] }): string {
  if (location.box) return location.box;
  if (location.table) return "指标体系表";
  const path = location.path ?? [];
  const sectionAt = location.section ? path.findIndex((step) => step.label === location.section) : location.chapter ? path.findIndex((step) => step.label === location.chapter) : -1;
  const deeper = sectionAt >= 0 ? path.slice(sectionAt + 1).map((step) => step.label).join("") : "";
  const label = `${location.chapter ?? ""}${location.section ?? ""}${deeper}`;
  return label || location.part || "规划正文";
}

/** Citations without duplicates (same location and quote). */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.doc}|${citation.heading}|${citation.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
