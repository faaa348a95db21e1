import { readHeading } from "../src/parse/heading-grammar.js";
import { isTableTitle, parseIndicatorTable } from "../src/parse/parse-indicator-table.js";
import type { Location, Plan } from "../src/parse/plan-types.js";

/** Maps a character offset of a plan text to the outline node (篇/章/节, 专栏 or table) it sits in. */
export interface OffsetLocator {
  /**
   * The node a chunk [start, end) is cited as: that of its first body line (neither blank nor a
   * heading, 专栏 or table-title line); a chunk of headings only is cited as its first heading's node.
   */
  locate(start: number, end: number): Location;
  /** True when the non-blank lines of [start, end) lie in more than one node. */
  crosses(start: number, end: number): boolean;
}

interface LineSpan {
  readonly start: number;
  readonly end: number;
  readonly blank: boolean;
  /** A 篇/章/节 heading, 专栏 or table-title line. */
  readonly heading: boolean;
  readonly location: Location;
}

/**
 * Builds the locator by walking the lines the way parsePlan does (the same line classifier and
 * table reader): a heading line opens its node, a 专栏 line opens the box (placed in the chapter
 * parsePlan linked it to), the indicator table's lines belong to the table, everything else to
 * the node opened last; text before the first heading is the preamble. Locations are the parsed
 * plan's own, so a spec that matches the bot's citation of a node matches the naive one too.
 */
export function createOffsetLocator(plan: Plan, text: string): OffsetLocator {
  const preamble: Location = { doc: plan.doc, path: [], part: null, chapter: null, section: null, box: null, table: null, heading: plan.metadata.title };
  const lines = text.split("\n");
  const spans: LineSpan[] = [];
  let part: Plan["parts"][number] | undefined = plan.parts.find((node) => !node.label);
  let chapter: Plan["chapters"][number] | undefined;
  let current = preamble;
  let offset = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const kind = seedLineKind(line);
    if (kind.kind === "heading") {
      // Labels repeat across parents (every 章 has a 第一节): look each one up under its parent.
      if (kind.level === "part") {
        part = plan.parts.find((node) => node.label === kind.label);
        chapter = undefined;
        current = part?.location ?? current;
      } else if (kind.level === "chapter") {
        chapter = part?.chapters.find((node) => node.label === kind.label);
        current = chapter?.location ?? current;
      } else {
        current = chapter?.sections.find((node) => node.label === kind.label)?.location ?? current;
      }
    } else if (kind.kind === "box") {
      current = plan.boxes.find((box) => box.label === kind.label)?.location ?? current;
    } else if (kind.kind === "table-title") {
      const parsed = parseIndicatorTable(kind.title, lines.slice(index + 1), current);
      const table = plan.tables.find((candidate) => candidate.title === kind.title);
      if (parsed.table && table) {
        // The title line and the rows read by the table parser belong to the table; then the enclosing node resumes.
        for (let row = index; row <= index + parsed.linesUsed; row += 1) {
          const rowText = lines[row]!;
          spans.push({ start: offset, end: offset + rowText.length, blank: rowText.trim().length === 0, heading: row === index, location: table.location });
          offset += rowText.length + 1;
        }
        index += parsed.linesUsed;
        continue;
      }
    }
    spans.push({ start: offset, end: offset + line.length, blank: kind.kind === "blank", heading: kind.kind === "heading" || kind.kind === "box", location: current });
    offset += line.length + 1;
  }

  const spanAt = (position: number): number => {
    let low = 0;
    let high = spans.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (spans[middle]!.start <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  // The part of a line inside [start, end) has text (a chunk may start or end mid-line).
  const hasText = (span: LineSpan, start: number, end: number) => !span.blank && text.slice(Math.max(start, span.start), Math.min(end, span.end)).trim().length > 0;
  return {
    locate(start, end) {
      let firstNonBlank: LineSpan | null = null;
      for (let index = spanAt(start); index < spans.length && spans[index]!.start < end; index += 1) {
        const span = spans[index]!;
        if (!hasText(span, start, end)) continue;
        if (!span.heading) return span.location;
        firstNonBlank ??= span;
      }
      return (firstNonBlank ?? spans[spanAt(start)]!).location;
    },
    crosses(start, end) {
      const locations = new Set<Location>();
      for (let index = spanAt(start); index < spans.length && spans[index]!.start < end; index += 1) {
        if (hasText(spans[index]!, start, end)) locations.add(spans[index]!.location);
      }
      return locations.size > 1;
    },
  };
}

export type SeedLineKind =
  | { readonly kind: "heading"; readonly level: "part" | "chapter" | "section"; readonly label: string }
  | { readonly kind: "box"; readonly label: string }
  | { readonly kind: "table-title"; readonly title: string }
  | { readonly kind: "print-line" | "text" | "blank" };

/** Kind of a line of the seed's own layout (第X篇/章/节, 专栏N, print line), for the synthetic corpus. */
export function seedLineKind(rawLine: string): SeedLineKind {
  const line = rawLine.trim();
  if (line.length === 0) return { kind: "blank" };
  const heading = readHeading(line);
  if (heading && (heading.style === "part" || heading.style === "chapter" || heading.style === "section")) return { kind: "heading", level: heading.style, label: heading.label };
  const box = /^专栏\s*(\d+)$/.exec(line);
  if (box) return { kind: "box", label: `专栏${box[1]}` };
  if (isTableTitle(line)) return { kind: "table-title", title: line };
  if (/印发$/.test(line) && /\d{4}年\d{1,2}月\d{1,2}日/.test(line)) return { kind: "print-line" };
  return { kind: "text" };
}
