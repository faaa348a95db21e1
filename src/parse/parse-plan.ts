import { chineseNumeralValue } from "../text/chinese-numerals.js";
import { cleanLines } from "./clean-lines.js";
import { FIXED_RANK, isStrongStyle, readHeading, toAsciiDigits, type HeadingCandidate } from "./heading-grammar.js";
import { linkBoxesToChapters } from "./link-boxes.js";
import { outlineNodesOf } from "./outline-nodes.js";
import { isTableStart, isTableTitle, parseIndicatorTable } from "./parse-indicator-table.js";
import { parseMetadata } from "./parse-metadata.js";
import type { Box, Chapter, HeadingRole, HeadingStyle, IndicatorTable, Location, LocationStep, OutlineNode, Paragraph, Part, Plan, Section } from "./plan-types.js";

// A paragraph ends at sentence-final punctuation; other lines were broken mid-sentence and are re-joined.
const PARAGRAPH_END = /[。！？；：:!?;…]["”’」』）)]*$|[”」』]$/;
/** A 专栏 box: "专栏5", "专栏一 智慧…", "任务专栏1　药品监管云建设", "专栏5:…". */
const BOX = /^((?:任务|重点|重大)?专栏)\s*([0-9０-９]+|[一二三四五六七八九十]+)?\s*[:：、.．]?\s*(.*)$/;
/** A print line or sign-off: "…办公室  2021年12月24日印发", "山东省人民政府办公厅2019年3月15日印发". */
const PRINT_LINE = /^(\S.*?(?:办公室|办公厅|人民政府|委员会|[部委局厅]))(\d{4}年\d{1,2}月\d{1,2}日)印发$/;
const TRAILER = /^(抄送|抄报|主送|主题词|联系人)[：:]/;
/** A table of contents heading line. */
const CONTENTS = /^目\s*录$/;
/** A contents entry: a heading followed by a dot leader and/or a page number. */
const CONTENTS_ENTRY = /([.．·…]{3,}|\s)\s*\d{1,3}$/;

interface MutableNode {
  candidate: HeadingCandidate;
  depth: number;
  paragraphs: string[];
  children: MutableNode[];
  parent: MutableNode | null;
}

interface MutableBox {
  label: string;
  heading: string;
  number: number;
  title: string | null;
  paragraphs: string[];
  /** The outline node in force where the box started (null when boxes follow the body). */
  owner: MutableNode | null;
}

interface MutableTable {
  title: string;
  lines: string[];
  owner: MutableNode | null;
}

/** The citation role of each depth: a 篇/部分 level is `part`, the next `chapter`, the next `section`. */
function rolesByDepth(styles: readonly HeadingStyle[]): HeadingRole[] {
  const roles: HeadingRole[] = [];
  const names: HeadingRole[] = styles[0] === "part" ? ["part", "chapter", "section"] : styles[0] === "section" ? ["section"] : ["chapter", "section"];
  for (let depth = 0; depth < styles.length; depth += 1) {
    const style = styles[depth]!;
    // Fixed words keep their own role wherever they sit (a 第X节 is a section).
    if (style === "chapter" || style === "section" || style === "part") roles.push(style);
    else roles.push(names[depth] ?? null);
  }
  // A role may appear once only: later duplicates are shown in paths only.
  return roles.map((role, index) => (role && roles.indexOf(role) !== index ? null : role));
}

/**
 * Parses a plan text of any common layout into a typed {@link Plan}. The heading grammar is
 * learned from the document: 第X篇/部分/章/节, 一、, （一）, 1., （1）, ① and 附件 are recognised, their
 * levels follow their order of first appearance (篇 above 章 above 节 always), and a heading is
 * accepted only where it continues its level's numbering. Run-in headings ("（一）指导思想。坚持…")
 * end at the first 。/：. A 目录 is skipped. A 专栏 box or a table ends where the next heading, a
 * whitespace-only line or the body resumes. Never throws on odd input: a text without headings
 * yields a plan whose paragraphs all sit in the preamble, with a warning.
 * @param doc document id used in every citation (the seed file name without extension)
 */
export function parsePlan(doc: string, text: string): Plan {
  const cleaned = cleanLines(text);
  const lines = [...cleaned.lines];
  const warnings: string[] = [];
  if (cleaned.removed.pageNumbers > 0) warnings.push(`${cleaned.removed.pageNumbers} page-number lines removed`);
  if (cleaned.removed.runningHeaders > 0) warnings.push(`${cleaned.removed.runningHeaders} running header/footer lines removed`);

  const styleOrder: HeadingStyle[] = [];
  const lastOrdinal = new Map<HeadingStyle, number>();
  // Only a plan with headings has a notice before them; a text without any is prose throughout.
  const hasHeadings = lines.some((line) => {
    const candidate = readHeading(line.trim());
    return candidate !== null && isStrongStyle(candidate.style) && candidate.ordinal === 1;
  });
  const roots: MutableNode[] = [];
  const stack: MutableNode[] = [];
  const headerLines: string[] = [];
  const trailerLines: string[] = [];
  const preamble: string[] = [];
  const boxes: MutableBox[] = [];
  const tables: MutableTable[] = [];
  let box: MutableBox | null = null;
  let printDate: string | null = null;
  let printOffice: string | null = null;
  let seenHeading = false;
  let afterBody = false;
  let buffer = "";
  let bufferLines = 0;
  const wrapWidth = hardWrapWidth(lines);

  const current = (): MutableNode | null => stack[stack.length - 1] ?? null;
  const target = (): string[] => box?.paragraphs ?? current()?.paragraphs ?? preamble;
  const flush = () => {
    const paragraph = buffer.trim();
    if (paragraph.length > 0) target().push(paragraph);
    buffer = "";
    bufferLines = 0;
  };

  /** Depth a candidate would take, or null when the document's grammar does not accept it here. */
  const depthFor = (candidate: HeadingCandidate): number | null => {
    const known = styleOrder.indexOf(candidate.style);
    if (known >= 0) {
      const depth = known + 1;
      // The numbering must continue at that depth: 1 under a new parent, else the previous + 1.
      const parent = depth === 1 ? null : stack[depth - 2] ?? null;
      if (depth > 1 && !parent) return null;
      const siblings = depth === 1 ? roots : parent!.children;
      const previous = [...siblings].reverse().find((node) => node.candidate.style === candidate.style);
      const expected = previous ? previous.candidate.ordinal + 1 : 1;
      if (candidate.ordinal === expected) return depth;
      // 第X篇/章/节 name their level in words: an excerpt may skip numbers, but never go back.
      if (FIXED_RANK[candidate.style] !== undefined && candidate.ordinal > (previous?.candidate.ordinal ?? 0)) return depth;
      // Numbering that runs on through the document (第三章 opens 第二篇) continues the last unit of its style.
      if (!previous && candidate.ordinal === (lastOrdinal.get(candidate.style) ?? 0) + 1) return depth;
      // A second document (附件) or a restarted numbering at the top: only 1 may restart the top level.
      return null;
    }
    if (candidate.ordinal !== 1) return null;
    const rank = FIXED_RANK[candidate.style];
    if (rank !== undefined) {
      // 篇 above 章 above 节: a fixed style nests under the deepest fixed style above it.
      const above = styleOrder.filter((style) => (FIXED_RANK[style] ?? 99) < rank).length;
      if (styleOrder.some((style) => (FIXED_RANK[style] ?? -1) > rank)) return null;
      return above + 1 <= styleOrder.length + 1 ? Math.min(above + 1, styleOrder.length + 1) : null;
    }
    // A new numbering style nests under the deepest unit open now; weak numbering (1. （1）) never starts an outline.
    if (styleOrder.length === 0 && !isStrongStyle(candidate.style)) return null;
    return stack.length === styleOrder.length ? styleOrder.length + 1 : null;
  };

  const openHeading = (candidate: HeadingCandidate, depth: number) => {
    if (styleOrder.indexOf(candidate.style) === -1) styleOrder.splice(depth - 1, 0, candidate.style);
    lastOrdinal.set(candidate.style, candidate.ordinal);
    while (stack.length >= depth) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const node: MutableNode = { candidate, depth, paragraphs: [], children: [], parent };
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
    if (candidate.rest) {
      buffer = candidate.rest;
      bufferLines = 1;
      if (PARAGRAPH_END.test(buffer)) flush();
    }
  };

  let inContents = false;
  let contentsEntries = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const rawLine = lines[index]!;
    const line = rawLine.trim();
    if (line.length === 0) {
      // A whitespace-only line (not an empty one) closes a box that sits inside the body.
      if (box && box.owner && rawLine.length > 0) {
        flush();
        box = null;
        continue;
      }
      if (buffer && (PARAGRAPH_END.test(buffer) || (bufferLines === 1 && buffer.length <= 20 && !/[，、；。]/.test(buffer)))) flush();
      continue;
    }
    if (CONTENTS.test(line.replace(/\s+/g, "")) && !seenHeading) {
      flush();
      inContents = true;
      continue;
    }
    if (inContents) {
      // Contents entries are headings with leaders or page numbers; the body starts with prose or a repeated first heading.
      if (CONTENTS_ENTRY.test(line) || (readHeading(line) && contentsEntries < 200 && !readHeading(line)?.runIn && !seenFirstEntryAgain(lines, index))) {
        contentsEntries += 1;
        continue;
      }
      inContents = false;
    }
    // Matched without spaces: a PDF spreads the date over tabbed runs ("2021年\t12月\t24日印发").
    const print = PRINT_LINE.exec(line.replace(/\s+/g, ""));
    if (print) {
      flush();
      printOffice = print[1]!.trim();
      printDate = print[2]!;
      afterBody = true;
      box = null;
      continue;
    }
    if (TRAILER.test(line)) {
      flush();
      trailerLines.push(line);
      afterBody = true;
      continue;
    }
    const boxMatch = BOX.exec(line);
    if (boxMatch && isBoxTitle(boxMatch[3] ?? "")) {
      flush();
      const token = toAsciiDigits(boxMatch[2] ?? "");
      const number = token === "" ? boxes.length + 1 : /^\d+$/.test(token) ? Number(token) : (chineseNumeralValue(token) ?? boxes.length + 1);
      // The document's own label (专栏一 stays 专栏一, 专栏５ reads 专栏5); an unnumbered box is numbered in order.
      box = { label: `${boxMatch[1]}${token === "" ? number : token}`, heading: line, number, title: (boxMatch[3] ?? "").trim() || null, paragraphs: [], owner: afterBody ? null : current() };
      boxes.push(box);
      continue;
    }
    if (isTableTitle(line) || isTableStart(lines, index)) {
      const title = isTableTitle(line) ? line : tableCaption(buffer, target());
      const startIndex = isTableTitle(line) ? index + 1 : index;
      const parsed = parseIndicatorTable(title, lines.slice(startIndex), placeholderLocation(doc));
      if (parsed.table && parsed.table.rows.length > 0) {
        if (!isTableTitle(line) && buffer.trim() === title) buffer = "";
        flush();
        tables.push({ title, lines: lines.slice(startIndex, startIndex + parsed.linesUsed), owner: current() });
        warnings.push(...parsed.warnings);
        index = startIndex + parsed.linesUsed - 1;
        // A table that stops while cells still follow (a break, a stray line) is reported, never silently cut.
        const following = lines.slice(index + 1, index + 8).find((next) => next.trim().length > 0 && (next.startsWith("\t") || next.split(/\t/).length >= 3));
        if (following) warnings.push(`${title}: the table stops after ${parsed.table.rows.length} rows, but table cells follow ("${following.trim().slice(0, 20)}"); check the file`);
        continue;
      }
      if (isTableTitle(line)) warnings.push(...parsed.warnings);
    }
    const candidate = readHeading(line);
    if (candidate && !afterBody) {
      const depth = depthFor(candidate);
      // Inside a box, weak numbering (1. （1）) is the box's own list unless it continues the outline.
      const acceptable = depth !== null && (!box || isStrongStyle(candidate.style) || candidate.ordinal > 1) && (isStrongStyle(candidate.style) || candidate.runIn || candidate.title.length <= 30);
      if (acceptable) {
        flush();
        box = null;
        seenHeading = true;
        // A standalone heading hard-wrapped by PDF extraction continues on a short next line ("…运" + "用能力").
        const next = lines[index + 1]?.trim() ?? "";
        if (wrapWidth && !candidate.runIn && line.length >= wrapWidth - 3 && next.length > 0 && next.length <= 20 && !/[。；，]/.test(next) && !readHeading(next) && !BOX.test(next)) {
          openHeading({ ...candidate, title: candidate.title + next }, depth);
          index += 1;
        } else {
          openHeading(candidate, depth);
        }
        continue;
      }
    }
    // A heading glued to the end of the previous sentence ("…机器人。 三、推进平台提质升级"): split it off.
    const glued = gluedHeading(line);
    if (glued && !afterBody) {
      const depth = depthFor(glued.candidate);
      if (depth !== null && isStrongStyle(glued.candidate.style)) {
        lines.splice(index + 1, 0, glued.heading);
        buffer += glued.before;
        bufferLines += 1;
        flush();
        continue;
      }
    }
    if (!seenHeading && boxes.length === 0) headerLines.push(line);
    buffer += line;
    bufferLines += 1;
    if (hasHeadings && !seenHeading && boxes.length === 0) {
      // Before the first heading, a notice's lines stand alone unless a 《title》 is broken over lines
      // or the text is hard-wrapped (PDF extraction).
      if (!hasOpenBracket(buffer) && !(wrapWidth && line.length >= wrapWidth - 4 && !PARAGRAPH_END.test(line))) flush();
    } else if (PARAGRAPH_END.test(buffer) && !nextLineContinues(lines, index)) {
      flush();
    }
  }
  flush();

  if (!seenHeading) warnings.push(`${doc}: no headings recognised; the text is indexed as flat paragraphs`);
  const roles = rolesByDepth(styleOrder);
  const metadata = parseMetadata({ headerLines, trailerLines, printDate, printOffice, fallbackTitle: doc.split("/").pop() ?? doc });
  const plan = buildPlan(doc, metadata, roots, roles, preamble, boxes, tables, warnings);
  if (cleaned.removed.pageNumbers > 0 || cleaned.removed.runningHeaders > 0) markSourceBreaks(plan, text);
  return plan;
}

function buildPlan(
  doc: string,
  metadata: Plan["metadata"],
  roots: readonly MutableNode[],
  roles: readonly HeadingRole[],
  preambleTexts: readonly string[],
  boxes: readonly MutableBox[],
  tables: readonly MutableTable[],
  warnings: string[],
): Plan {
  const allParagraphs: Paragraph[] = [];
  let paragraphCounter = 0;
  const makeParagraphs = (texts: readonly string[], location: Location): Paragraph[] =>
    texts.map((paragraphText, paragraphIndex) => {
      const paragraph = { id: `${doc}:p${paragraphCounter++}`, text: paragraphText, location, index: paragraphIndex };
      allParagraphs.push(paragraph);
      return paragraph;
    });
  const stepOf = (node: MutableNode): LocationStep => ({ label: node.candidate.label, title: node.candidate.title });
  const locationOf = (chain: readonly MutableNode[], extra: { box?: string; table?: string; tail?: LocationStep } = {}): Location => {
    const field = (role: HeadingRole) => chain.find((node) => roles[node.depth - 1] === role)?.candidate.label ?? null;
    const path = [...chain.map(stepOf), ...(extra.tail ? [extra.tail] : [])];
    return {
      doc,
      path,
      part: field("part"),
      chapter: field("chapter"),
      section: field("section"),
      box: extra.box ?? null,
      table: extra.table ?? null,
      heading: path.map((step) => `${step.label} ${step.title}`.trim()).join(" › ") || metadata.title,
    };
  };

  const preamble = makeParagraphs(preambleTexts, locationOf([]));
  const built = new Map<MutableNode, OutlineNode>();
  const buildNode = (node: MutableNode, chain: readonly MutableNode[]): OutlineNode => {
    const nodeChain = [...chain, node];
    const location = locationOf(nodeChain);
    const paragraphs = makeParagraphs(node.paragraphs, location);
    const children = node.children.map((child) => buildNode(child, nodeChain));
    const outlineNode: OutlineNode = { label: node.candidate.label, ordinal: node.candidate.ordinal, title: node.candidate.title, style: node.candidate.style, depth: node.depth, role: roles[node.depth - 1] ?? null, runIn: node.candidate.runIn, paragraphs, children, location };
    built.set(node, outlineNode);
    return outlineNode;
  };
  const outline = roots.map((root) => buildNode(root, []));

  // Views by citation role: parts hold chapters, chapters hold sections; deeper units fold into their section.
  const descendants = (node: OutlineNode): OutlineNode[] => node.children.flatMap((child) => [child, ...descendants(child)]);
  const flat = outline.flatMap((node) => [node, ...descendants(node)]);
  const folded = (node: OutlineNode): Paragraph[] => [...node.paragraphs, ...node.children.flatMap((child) => (child.role ? [] : folded(child)))];
  const sectionOf = (node: OutlineNode): Section => ({ label: node.label, ordinal: node.ordinal, title: node.title, paragraphs: folded(node), location: node.location });
  const chapterOf = (node: OutlineNode): Chapter => ({
    label: node.label,
    ordinal: node.ordinal,
    title: node.title,
    paragraphs: folded(node),
    sections: descendants(node).filter((child) => child.role === "section").map(sectionOf),
    location: node.location,
  });
  const chapterNodes = flat.filter((node) => node.role === "chapter");
  const chapters: Chapter[] = chapterNodes.map(chapterOf);
  const chapterByNode = new Map(chapterNodes.map((node, index) => [node, chapters[index]!]));
  const partNodes = flat.filter((node) => node.role === "part");
  const parts: Part[] = partNodes.map((node) => ({ label: node.label, ordinal: node.ordinal, title: node.title, paragraphs: folded(node), chapters: descendants(node).filter((child) => child.role === "chapter").map((child) => chapterByNode.get(child)!), location: node.location }));
  // Chapters outside any part get an implicit root so the outline stays uniform.
  const loose = chapters.filter((chapter) => !partNodes.some((part) => descendants(part).some((child) => chapterByNode.get(child) === chapter)));
  const allParts: Part[] = loose.length > 0 ? [{ label: "", ordinal: 0, title: "", paragraphs: [], chapters: loose, location: locationOf([]) }, ...parts] : parts;

  const chainOf = (node: MutableNode | null): MutableNode[] => {
    const chain: MutableNode[] = [];
    for (let cursor = node; cursor; cursor = cursor.parent) chain.unshift(cursor);
    return chain;
  };
  const builtTables: IndicatorTable[] = tables.map(({ title, lines, owner }) => {
    const location = locationOf(chainOf(owner), { table: title, tail: { label: title, title: "" } });
    return parseIndicatorTable(title, lines, location).table!;
  });

  // Boxes after the body are linked to a chapter by content; a box inside the body belongs where it stands.
  const chapterText = chapters.map((chapter) => [chapter.title, ...chapter.paragraphs.map((paragraph) => paragraph.text), ...chapter.sections.flatMap((section) => [section.title, ...section.paragraphs.map((paragraph) => paragraph.text)])].join("\n"));
  const trailing = boxes.filter((candidate) => candidate.owner === null);
  const links = linkBoxesToChapters(trailing.map((boxNode) => [boxNode.title ?? "", ...boxNode.paragraphs].join("\n")), chapterText);
  const builtBoxes: Box[] = boxes.map((boxNode) => {
    let chain: MutableNode[];
    if (boxNode.owner) {
      chain = chainOf(boxNode.owner).filter((node) => roles[node.depth - 1] !== null);
    } else {
      const linkIndex = links[trailing.indexOf(boxNode)];
      const linked = linkIndex === null || linkIndex === undefined ? null : chapterNodes[linkIndex] ?? null;
      chain = linked ? chainOf([...built.entries()].find(([, value]) => value === linked)?.[0] ?? null).filter((node) => roles[node.depth - 1] === "part" || roles[node.depth - 1] === "chapter") : [];
    }
    const linkedChapter = chain.find((node) => roles[node.depth - 1] === "chapter") ?? null;
    const base = locationOf(chain, { box: boxNode.label, tail: { label: boxNode.label, title: boxNode.title ?? "" } });
    const heading = [`${boxNode.label}${boxNode.title ? ` ${boxNode.title}` : ""}`, linkedChapter ? `（${linkedChapter.candidate.label} ${linkedChapter.candidate.title}）` : ""].join("");
    // A box cites its chapter (and part), not the section it happened to follow.
    const location: Location = { ...base, section: null, heading };
    return { label: boxNode.label, heading: boxNode.heading, number: boxNode.number, title: boxNode.title, paragraphs: makeParagraphs(boxNode.paragraphs, location), chapter: linkedChapter?.candidate.label ?? null, part: location.part, location };
  });
  for (const boxNode of builtBoxes) if (boxNode.paragraphs.length === 0) warnings.push(`${boxNode.label}: box without content`);

  // allParagraphs is in document order with boxes last: the outline was built depth-first, boxes after it.
  return { doc, metadata, preamble, outline, parts: allParts, chapters, boxes: builtBoxes, tables: builtTables, paragraphs: allParagraphs, warnings };
}

/** A box title is short and no sentence; "专栏" in prose ("设立专栏，…") is not a box. */
function isBoxTitle(rest: string): boolean {
  return rest.length <= 40 && !/[。；，]/.test(rest);
}

/** A caption for a table that has no title line: the short line just before it. */
function tableCaption(buffer: string, paragraphs: readonly string[]): string {
  const candidate = buffer.trim() || paragraphs[paragraphs.length - 1] || "";
  return candidate.length > 0 && candidate.length <= 40 && !/[。；]/.test(candidate) ? candidate : "指标表";
}

/**
 * The line width of hard-wrapped text (PDF extraction wraps every line at about the same width),
 * or null when lines are whole paragraphs.
 */
function hardWrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((line) => line.trim().length).filter((length) => length >= 12);
  if (lengths.length < 20) return null;
  const counts = new Map<number, number>();
  for (const length of lengths) counts.set(length, (counts.get(length) ?? 0) + 1);
  const [mode] = [...counts.entries()].sort((left, right) => right[1] - left[1])[0]!;
  const near = lengths.filter((length) => Math.abs(length - mode) <= 2).length;
  return near / lengths.length >= 0.4 && mode <= 60 ? mode : null;
}

/** "…机器人。 三、推进平台提质升级，…": the sentence before and the heading after. */
function gluedHeading(line: string): { before: string; heading: string; candidate: HeadingCandidate } | null {
  const match = /^(.*[。；！？])[\s\u3000]*((?:第[一二三四五六七八九十]+[篇章节部]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]).*)$/.exec(line);
  if (!match) return null;
  const candidate = readHeading(match[2]!);
  return candidate ? { before: match[1]!, heading: match[2]!, candidate } : null;
}

/** True once the first contents entry is seen again: the body starts there. */
function seenFirstEntryAgain(lines: readonly string[], index: number): boolean {
  const entry = lines[index]!.trim();
  for (let back = index - 1; back >= 0; back -= 1) {
    const previous = lines[back]!.trim();
    if (CONTENTS.test(previous.replace(/\s+/g, ""))) break;
    if (previous.replace(CONTENTS_ENTRY, "").replace(/[.．·…\s]+$/, "") === entry) return true;
  }
  return false;
}

function hasOpenBracket(text: string): boolean {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return count(/《/g) > count(/》/g) || count(/[（(]/g) > count(/[）)]/g);
}

function placeholderLocation(doc: string): Location {
  return { doc, path: [], part: null, chapter: null, section: null, box: null, table: null, heading: "" };
}

/** A line ending in punctuation still continues when the next non-blank line is a lower-level fragment (e.g. a closing quote). */
function nextLineContinues(lines: readonly string[], index: number): boolean {
  const next = lines[index + 1];
  return next !== undefined && /^[”’」』）)]/.test(next.trim());
}

/**
 * Records on each paragraph and heading where its text stops being a verbatim run of `source` once
 * whitespace is removed (a page number or running header removed mid-paragraph or mid-heading). Only
 * texts not found whole are searched: the longest prefix found in the source, then the rest, by
 * binary search on length.
 */
function markSourceBreaks(plan: Plan, source: string): void {
  const compactSource = source.replace(/\s+/g, "");
  for (const paragraph of plan.paragraphs) {
    const breaks = sourceBreaks(paragraph.text, compactSource);
    if (breaks.length > 0) (paragraph as { breaks?: readonly number[] }).breaks = breaks;
  }
  for (const node of outlineNodesOf(plan)) {
    const breaks = sourceBreaks(node.title, compactSource);
    if (breaks.length > 0) (node as { titleBreaks?: readonly number[] }).titleBreaks = breaks;
  }
}

/**
 * Offsets in `text` where a verbatim run of `compactSource` (the source without whitespace) ends
 * and the next begins. Empty when `text` is found whole.
 */
export function sourceBreaks(text: string, compactSource: string): number[] {
  const offsets: number[] = [];
  let compact = "";
  for (let index = 0; index < text.length; index += 1) {
    if (/\s/.test(text[index]!)) continue;
    offsets.push(index);
    compact += text[index];
  }
  if (compact.length === 0 || compactSource.includes(compact)) return [];
  const breaks: number[] = [];
  let from = 0;
  while (from < compact.length) {
    let low = 1;
    let high = compact.length - from;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (compactSource.includes(compact.slice(from, from + middle))) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    // A character the source does not have as such (a normalised form): it stays inside the run.
    from += Math.max(found, 1);
    if (found > 0 && from < compact.length) breaks.push(offsets[from]!);
  }
  return breaks;
}
