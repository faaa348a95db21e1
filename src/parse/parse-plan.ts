import { classifyLine, type HeadingLevel } from "./classify-line.js";
import { linkBoxesToChapters } from "./link-boxes.js";
import { parseIndicatorTable } from "./parse-indicator-table.js";
import type { Box, Chapter, IndicatorTable, Location, Paragraph, Part, Plan, PlanMetadata, Section } from "./plan-types.js";

// A paragraph ends at sentence-final punctuation; other lines were broken mid-sentence and are re-joined.
const PARAGRAPH_END = /[。！？；：:!?;…]["”’」』）)]*$|[”」』]$/;

interface MutableNode {
  label: string;
  ordinal: number;
  title: string;
  paragraphs: string[];
}
interface MutableChapter extends MutableNode {
  sections: MutableNode[];
}
interface MutablePart extends MutableNode {
  chapters: MutableChapter[];
}
interface MutableBox {
  label: string;
  number: number;
  title: string | null;
  paragraphs: string[];
}

function parseMetadata(headerLines: readonly string[], printDate: string | null): PlanMetadata {
  const text = headerLines.join("\n");
  const documentNumber = /([\u4e00-\u9fa5]{1,10}〔\d{4}〕\d+号)/.exec(text)?.[1] ?? null;
  const issuer = headerLines.find((line) => /^[\u4e00-\u9fa5]{2,30}(人民政府|委员会|办公室|办公厅|教育局|教育委员会)$/.test(line)) ?? null;
  // The title is the document named in the notice (《…》, possibly broken over lines), else the last short header line.
  const joined = headerLines.join("");
  const quoted = /关于印发《([^》]+)》/.exec(joined)?.[1] ?? /《([^》]+规划[^》]*)》/.exec(joined)?.[1];
  const titleLine = [...headerLines].reverse().find((line) => /规划|计划|方案/.test(line) && !/[。，]/.test(line) && line.length <= 60);
  const title = (quoted ?? titleLine ?? headerLines[0] ?? "").trim();
  const date = headerLines.find((line) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(line)) ?? printDate;
  const dateParts = date ? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(date) : null;
  const isoDate = dateParts ? `${dateParts[1]}-${dateParts[2]!.padStart(2, "0")}-${dateParts[3]!.padStart(2, "0")}` : null;
  const district = /[省市]([\u4e00-\u9fa5]{1,6}?[区县旗])(?=[\u4e00-\u9fa5“"])/.exec(title)?.[1] ?? /^([\u4e00-\u9fa5]{1,6}?[区县旗])(?=[\u4e00-\u9fa5“"])/.exec(title)?.[1] ?? null;
  const periodMatch = /[（(](\d{4})\s*[—\-–~～至]+\s*(\d{4})年?[）)]/.exec(title);
  const period = periodMatch ? { from: Number(periodMatch[1]), to: Number(periodMatch[2]) } : null;
  return { title, issuer, documentNumber, date, isoDate, district, period };
}

function headingPath(...nodes: (MutableNode | null | undefined)[]): string {
  return nodes
    .filter((node): node is MutableNode => Boolean(node))
    .map((node) => `${node.label} ${node.title}`.trim())
    .join(" › ");
}

/**
 * Parses a plan text into a typed {@link Plan}. Never throws on odd input: a text without
 * headings yields a plan whose paragraphs all sit in the preamble, with a warning.
 * @param doc document id used in every citation (the seed file name without extension)
 */
export function parsePlan(doc: string, text: string): Plan {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  // Only a plan with headings has a notice before them; a text without any is prose throughout.
  const hasHeadings = lines.some((line) => classifyLine(line).kind === "heading");
  const warnings: string[] = [];
  const headerLines: string[] = [];
  const preamble: string[] = [];
  const parts: MutablePart[] = [];
  const looseChapters: MutableChapter[] = [];
  const boxes: MutableBox[] = [];
  const tables: { title: string; lines: string[]; owner: { part: MutablePart | null; chapter: MutableChapter | null; section: MutableNode | null } }[] = [];
  let part: MutablePart | null = null;
  let chapter: MutableChapter | null = null;
  let section: MutableNode | null = null;
  let box: MutableBox | null = null;
  let seenHeading = false;
  let printDate: string | null = null;
  let buffer = "";
  let bufferLines = 0;

  const target = (): string[] => {
    if (box) return box.paragraphs;
    if (section) return section.paragraphs;
    if (chapter) return chapter.paragraphs;
    if (part) return part.paragraphs;
    return preamble;
  };
  const flush = () => {
    const paragraph = buffer.trim();
    if (paragraph.length > 0) target().push(paragraph);
    buffer = "";
    bufferLines = 0;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const rawLine = lines[index] ?? "";
    const line = classifyLine(rawLine);
    switch (line.kind) {
      case "blank":
        // A blank line ends a paragraph that ended its sentence, or a lone short title line ("会议纪要").
        if (buffer && (PARAGRAPH_END.test(buffer) || (bufferLines === 1 && buffer.length <= 20 && !/[，、；。]/.test(buffer)))) flush();
        break;
      case "heading": {
        flush();
        if (!seenHeading) {
          seenHeading = true;
        }
        box = null;
        const node = { label: line.label, ordinal: line.ordinal, title: line.title, paragraphs: [] };
        setHeading(line.level, node);
        break;
      }
      case "box":
        flush();
        box = { label: line.label, number: line.number, title: line.title, paragraphs: [] };
        boxes.push(box);
        break;
      case "table-title": {
        flush();
        const parsedTable = parseIndicatorTable(line.title, lines.slice(index + 1), placeholderLocation(doc));
        if (parsedTable.table) {
          tables.push({ title: line.title, lines: lines.slice(index + 1, index + 1 + parsedTable.linesUsed), owner: { part, chapter, section } });
          index += parsedTable.linesUsed;
        } else {
          buffer = line.title;
          flush();
        }
        warnings.push(...parsedTable.warnings);
        break;
      }
      case "print-line":
        flush();
        printDate = line.date;
        break;
      case "text":
        if (!seenHeading && boxes.length === 0) {
          headerLines.push(line.text);
        }
        buffer += line.text;
        bufferLines += 1;
        // Before the first heading every line of the notice stands alone, unless a 《title》 is broken over lines.
        if (hasHeadings && !seenHeading && boxes.length === 0 ? !hasOpenBracket(buffer) : PARAGRAPH_END.test(buffer) && !nextLineContinues(lines, index)) flush();
        break;
    }
  }
  flush();

  function setHeading(level: HeadingLevel, node: MutableNode) {
    if (level === "part") {
      part = { ...node, chapters: [] };
      parts.push(part);
      chapter = null;
      section = null;
    } else if (level === "chapter") {
      chapter = { ...node, sections: [] };
      if (part) part.chapters.push(chapter);
      else looseChapters.push(chapter);
      section = null;
    } else {
      section = node;
      if (chapter) chapter.sections.push(section);
      else warnings.push(`${node.label} ${node.title}: 节 outside any 章, kept in the preamble`);
    }
  }

  if (!seenHeading) warnings.push(`${doc}: no 篇/章/节 headings recognised; the text is indexed as flat paragraphs`);
  if (looseChapters.length > 0 && parts.length > 0) warnings.push(`${doc}: ${looseChapters.length} 章 before the first 篇`);
  // A plan without 篇 still has chapters: give them an implicit root so the outline stays uniform.
  const allParts: MutablePart[] = looseChapters.length > 0 ? [{ label: "", ordinal: 0, title: "", paragraphs: [], chapters: looseChapters }, ...parts] : parts;

  const metadata = parseMetadata(headerLines, printDate);
  const allParagraphs: Paragraph[] = [];
  let paragraphCounter = 0;
  const makeParagraphs = (texts: readonly string[], location: Location): Paragraph[] =>
    texts.map((paragraphText, paragraphIndex) => {
      const paragraph = { id: `${doc}:p${paragraphCounter++}`, text: paragraphText, location, index: paragraphIndex };
      allParagraphs.push(paragraph);
      return paragraph;
    });
  const location = (partNode: MutablePart | null, chapterNode: MutableChapter | null, sectionNode: MutableNode | null, extra: Partial<Location> = {}): Location => ({
    doc,
    part: partNode && partNode.label ? partNode.label : null,
    chapter: chapterNode?.label ?? null,
    section: sectionNode?.label ?? null,
    box: null,
    table: null,
    heading: headingPath(partNode && partNode.label ? partNode : null, chapterNode, sectionNode) || metadata.title,
    ...extra,
  });

  const preambleParagraphs = makeParagraphs(preamble, location(null, null, null));
  const builtChapters: Chapter[] = [];
  const builtParts: Part[] = allParts.map((partNode) => {
    const partLocation = location(partNode, null, null);
    const partParagraphs = makeParagraphs(partNode.paragraphs, partLocation);
    const chapters = partNode.chapters.map((chapterNode) => {
      const chapterLocation = location(partNode, chapterNode, null);
      const chapterParagraphs = makeParagraphs(chapterNode.paragraphs, chapterLocation);
      const sections: Section[] = chapterNode.sections.map((sectionNode) => {
        const sectionLocation = location(partNode, chapterNode, sectionNode);
        return { label: sectionNode.label, ordinal: sectionNode.ordinal, title: sectionNode.title, paragraphs: makeParagraphs(sectionNode.paragraphs, sectionLocation), location: sectionLocation };
      });
      const built: Chapter = { label: chapterNode.label, ordinal: chapterNode.ordinal, title: chapterNode.title, paragraphs: chapterParagraphs, sections, location: chapterLocation };
      builtChapters.push(built);
      return built;
    });
    return { label: partNode.label, ordinal: partNode.ordinal, title: partNode.title, paragraphs: partParagraphs, chapters, location: partLocation };
  });

  const builtTables: IndicatorTable[] = tables.map(({ title, lines: tableLines, owner }) => {
    const tableLocation = location(owner.part, owner.chapter, owner.section, { table: title, heading: `${headingPath(owner.part, owner.chapter, owner.section)} › ${title}`.replace(/^ › /, "") });
    const reparsed = parseIndicatorTable(title, tableLines, tableLocation);
    return reparsed.table!;
  });

  const chapterText = builtChapters.map((chapterNode) => [chapterNode.title, ...chapterNode.paragraphs.map((paragraph) => paragraph.text), ...chapterNode.sections.flatMap((sectionNode) => [sectionNode.title, ...sectionNode.paragraphs.map((paragraph) => paragraph.text)])].join("\n"));
  const links = linkBoxesToChapters(boxes.map((boxNode) => [boxNode.title ?? "", ...boxNode.paragraphs].join("\n")), chapterText);
  const builtBoxes: Box[] = boxes.map((boxNode, boxIndex) => {
    const linkIndex = links[boxIndex];
    const linked = linkIndex === null || linkIndex === undefined ? null : builtChapters[linkIndex] ?? null;
    const linkedPart = linked ? builtParts.find((partNode) => partNode.chapters.includes(linked)) ?? null : null;
    const heading = [`${boxNode.label}${boxNode.title ? ` ${boxNode.title}` : ""}`, linked ? `（${linked.label} ${linked.title}）` : ""].join("");
    const boxLocation: Location = { doc, part: linkedPart?.label || null, chapter: linked?.label ?? null, section: null, box: boxNode.label, table: null, heading };
    return { label: boxNode.label, number: boxNode.number, title: boxNode.title, paragraphs: makeParagraphs(boxNode.paragraphs, boxLocation), chapter: linked?.label ?? null, part: linkedPart?.label || null, location: boxLocation };
  });

  return {
    doc,
    metadata,
    preamble: preambleParagraphs,
    parts: builtParts,
    chapters: builtChapters,
    boxes: builtBoxes,
    tables: builtTables,
    paragraphs: allParagraphs,
    warnings,
  };
}

function hasOpenBracket(text: string): boolean {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return count(/《/g) > count(/》/g) || count(/[（(]/g) > count(/[）)]/g);
}

function placeholderLocation(doc: string): Location {
  return { doc, part: null, chapter: null, section: null, box: null, table: null, heading: "" };
}

/** A line ending in punctuation still continues when the next non-blank line is a lower-level fragment (e.g. a closing quote). */
function nextLineContinues(lines: readonly string[], index: number): boolean {
  const next = lines[index + 1];
  return next !== undefined && /^[”’」』）)]/.test(next.trim());
}
