import type { ComparisonOperator, Indicator, IndicatorAttribute, IndicatorTable, IndicatorValue, Location } from "./plan-types.js";

/** Result of reading a table region: the table and how many raw lines it used. */
export interface TableParse {
  readonly table: IndicatorTable | null;
  readonly linesUsed: number;
  readonly warnings: readonly string[];
}

// A continuation line of a cell split over lines ("学前" + "教育", "指标" + "属性") is short and has no punctuation.
const CONTINUATION = /^[\u4e00-\u9fa5A-Za-z（）()%]{1,8}$/;
const ROW_SEPARATOR = /\t+|\s*[|｜]\s*|[ \u3000]{2,}/;
const YEAR_HEADER = /^(\d{4})\s*年?(?:目标|基数|预期)?$/;

function isCellLine(rawLine: string): boolean {
  return rawLine.startsWith("\t");
}

/** Cells laid out one per line, each line starting with a tab; short untabbed lines continue the previous cell. */
function readCellPerLine(lines: readonly string[]): { cells: string[]; used: number } {
  const cells: string[] = [];
  let used = 0;
  for (const rawLine of lines) {
    const trimmed = rawLine.trim();
    if (isCellLine(rawLine)) {
      cells.push(trimmed);
    } else if (trimmed.length === 0) {
      // blank lines between cells
    } else if (cells.length > 0 && CONTINUATION.test(trimmed)) {
      cells[cells.length - 1] += trimmed;
    } else {
      break;
    }
    used += 1;
  }
  return { cells, used };
}

/** Rows laid out one per line, cells separated by tabs, pipes or runs of spaces; `sources` keeps each row's line. */
function readRowPerLine(lines: readonly string[]): { rows: string[][]; sources: string[]; used: number } {
  const rows: string[][] = [];
  const sources: string[] = [];
  let used = 0;
  for (const rawLine of lines) {
    const trimmed = rawLine.trim();
    if (trimmed.length === 0) {
      used += 1;
      if (rows.length > 0 && lines[used]?.trim().length === 0) break;
      continue;
    }
    if (/^[|｜\-:\s]+$/.test(trimmed) && trimmed.includes("-")) {
      used += 1; // markdown separator row
      continue;
    }
    const cells = trimmed.replace(/^[|｜]|[|｜]$/g, "").split(ROW_SEPARATOR).map((cell) => cell.trim());
    if (cells.length < 3) break;
    rows.push(cells);
    sources.push(trimmed);
    used += 1;
  }
  return { rows, sources, used };
}

interface ColumnMap {
  readonly category: number | null;
  readonly name: number;
  readonly unit: number | null;
  readonly years: readonly { readonly index: number; readonly year: string }[];
  readonly attribute: number | null;
}

function mapColumns(header: readonly string[]): ColumnMap | null {
  let category: number | null = null;
  let name: number | null = null;
  let unit: number | null = null;
  let attribute: number | null = null;
  const years: { index: number; year: string }[] = [];
  header.forEach((rawCell, index) => {
    // Full-width digits (２０２５年) and spaces left by extraction do not change a header.
    const cell = rawCell.normalize("NFKC").replace(/\s+/g, "");
    const yearMatch = YEAR_HEADER.exec(cell);
    if (yearMatch) years.push({ index, year: yearMatch[1] ?? cell });
    else if (/属性|性质/.test(cell)) attribute = index;
    else if (/^(分类|类别|领域|类型|方面)$/.test(cell)) category = index;
    else if (/^单位$/.test(cell)) unit = index;
    else if (/指标|名称|项目/.test(cell) && name === null) name = index;
  });
  if (name === null || years.length === 0) return null;
  return { category, name, unit, years, attribute };
}

const OPERATORS: readonly [RegExp, ComparisonOperator][] = [
  [/^(≥|>=|＞=|不低于)/, "≥"],
  [/^(≤|<=|＜=|不高于|不超过)/, "≤"],
  [/^(>|＞|高于|超过)/, ">"],
  [/^(<|＜|低于)/, "<"],
];

/** Parses a value cell keeping its comparison operator: "≥94.0" → { operator: "≥", value: 94 }. */
export function parseIndicatorValue(year: string, raw: string): IndicatorValue {
  let operator: ComparisonOperator = "=";
  let rest = raw.trim();
  for (const [pattern, symbol] of OPERATORS) {
    const match = pattern.exec(rest);
    if (match) {
      operator = symbol;
      rest = rest.slice(match[0].length);
      break;
    }
  }
  if (/以上$/.test(rest)) operator = operator === "=" ? "≥" : operator;
  if (/以下$/.test(rest)) operator = operator === "=" ? "≤" : operator;
  const numberMatch = /-?\d+(?:\.\d+)?/.exec(rest.replace(/[０-９．]/g, (char) => (char === "．" ? "." : String.fromCharCode(char.charCodeAt(0) - 0xfee0))));
  return { year, raw: raw.trim(), operator, value: numberMatch ? Number(numberMatch[0]) : null };
}

/** "在园幼儿数（万人）" → name and unit; "其中：普通小学" → sub-row marker. */
function splitNameAndUnit(cell: string): { name: string; unit: string | null; isSubRow: boolean } {
  let text = cell.trim();
  let isSubRow = false;
  const subRow = /^其中[：:]\s*/.exec(text);
  if (subRow) {
    isSubRow = true;
    text = text.slice(subRow[0].length);
  }
  const unitMatch = /[（(]([^（）()]{1,6})[）)]$/.exec(text);
  if (unitMatch) return { name: text.slice(0, unitMatch.index).trim(), unit: unitMatch[1] ?? null, isSubRow };
  return { name: text, unit: null, isSubRow };
}

// Names of indicators in their own right; a row named like this is not a sub-row even when its unit matches.
const INDICATOR_NAME_END = /(率|数|比|例|年限|经费)$/;

/** The row's own text from the name cell to the last cell used, so the quote is verbatim (pipes included). */
function verbatimSpan(source: string, first: string, last: string): string | null {
  const start = source.indexOf(first);
  const lastStart = source.lastIndexOf(last);
  if (start < 0 || lastStart < start) return null;
  return source.slice(start, lastStart + last.length);
}

function parseAttribute(cell: string | undefined): IndicatorAttribute | null {
  if (!cell) return null;
  if (cell.includes("约束")) return "约束性";
  if (cell.includes("预期")) return "预期性";
  return null;
}

function buildRows(
  title: string,
  rowsOfCells: readonly (readonly string[])[],
  columns: ColumnMap,
  location: Location,
  warnings: string[],
  sources: readonly string[] = [],
): Indicator[] {
  const indicators: Indicator[] = [];
  let category = "";
  let parent: Indicator | null = null;
  let previousWasSubRow = false;
  for (const [rowIndex, cells] of rowsOfCells.entries()) {
    const nameCell = cells[columns.name] ?? "";
    if (nameCell.length === 0) {
      warnings.push(`${title}: row without an indicator name skipped (${cells.join(" | ")})`);
      continue;
    }
    const categoryCell = columns.category === null ? "" : (cells[columns.category] ?? "").trim();
    // Tables that repeat the category on every row must not lose the parent of a "其中：" sub-row.
    if (categoryCell.length > 0 && categoryCell !== category) {
      category = categoryCell;
      parent = null;
      previousWasSubRow = false;
    }
    const { name, unit: unitFromName, isSubRow: marked } = splitNameAndUnit(nameCell);
    const unitCell = columns.unit === null ? null : (cells[columns.unit] ?? "").trim() || null;
    // A row after a "其中：" row without its own unit (or, in a 单位 column, with the parent's unit and no
    // indicator-like name) is another sub-row of the same parent.
    const continuesSubRows = unitCell === null || (unitCell === parent?.unit && !INDICATOR_NAME_END.test(name));
    const isSubRow: boolean = parent !== null && (marked || (previousWasSubRow && unitFromName === null && continuesSubRows));
    const unit = unitCell ?? unitFromName ?? (isSubRow ? parent?.unit ?? null : null);
    const values = columns.years.map(({ index, year }) => parseIndicatorValue(year, cells[index] ?? ""));
    const attributeCell = columns.attribute === null ? undefined : cells[columns.attribute];
    const lastIndex = Math.max(columns.name, columns.attribute ?? 0, ...columns.years.map((column) => column.index));
    const source = sources[rowIndex];
    const spaced = cells.slice(columns.name, lastIndex + 1).join(" ");
    const quote = (source === undefined ? null : verbatimSpan(source, nameCell, cells[lastIndex] ?? "")) ?? spaced;
    const indicator: Indicator = {
      id: `${location.doc}#${category}/${isSubRow && parent ? `${parent.name}/` : ""}${name}`,
      doc: location.doc,
      category,
      name,
      parent: isSubRow && parent ? parent.name : null,
      unit,
      values,
      attribute: parseAttribute(attributeCell),
      quote,
      location,
    };
    indicators.push(indicator);
    if (!isSubRow) parent = indicator;
    previousWasSubRow = isSubRow;
  }
  return indicators;
}

/**
 * Parses the indicator table that follows a table-title line. Two layouts are understood:
 * one cell per tab-led line (the layout of text copied out of a word processor, with
 * category cells split over lines) and one row per line (tabs, pipes or runs of spaces).
 */
export function parseIndicatorTable(title: string, lines: readonly string[], location: Location): TableParse {
  const warnings: string[] = [];
  const firstContent = lines.find((line) => line.trim().length > 0) ?? "";
  if (isCellLine(firstContent)) {
    const { cells, used } = readCellPerLine(lines);
    const attributeIndex = cells.findIndex((cell) => /属性|性质/.test(cell));
    const headerLength = attributeIndex >= 0 ? attributeIndex + 1 : cells.findIndex((cell) => /^\d+(\.\d+)?$/.test(cell)) - 1;
    const header = cells.slice(0, Math.max(headerLength, 0));
    const columns = mapColumns(header);
    if (!columns || header.length < 3) {
      return { table: null, linesUsed: used, warnings: [`${title}: table header not recognised`] };
    }
    const body = cells.slice(header.length);
    const rows: string[][] = [];
    for (let start = 0; start + header.length <= body.length; start += header.length) rows.push(body.slice(start, start + header.length));
    if (body.length % header.length !== 0) warnings.push(`${title}: ${body.length % header.length} trailing cells ignored`);
    const indicators = buildRows(title, rows, columns, location, warnings);
    return { table: { title, years: columns.years.map((column) => column.year), rows: indicators, location }, linesUsed: used, warnings };
  }
  const { rows, sources, used } = readRowPerLine(lines);
  const [header, ...body] = rows;
  const columns = header ? mapColumns(header) : null;
  if (!header || !columns) return { table: null, linesUsed: used, warnings: [`${title}: table header not recognised`] };
  const width = header.length;
  const aligned = body.map((cells) => {
    // a row whose category cell was left empty in a space-separated layout has one cell fewer
    if (cells.length === width - 1 && columns.category === 0) return ["", ...cells];
    return cells;
  });
  const indicators = buildRows(title, aligned, columns, location, warnings, sources.slice(1));
  return { table: { title, years: columns.years.map((column) => column.year), rows: indicators, location }, linesUsed: used, warnings };
}

/**
 * True when a line opens a table without a title line: a row of tab- or pipe-separated cells whose
 * header names at least one year (docx/HTML tables arrive as tab-separated rows, Markdown as pipes).
 */
export function isTableStart(lines: readonly string[], index: number): boolean {
  const line = lines[index]!.trim();
  if (!/\t|[|｜]/.test(line)) return false;
  const cells = line.replace(/^[|｜]|[|｜]$/g, "").split(/\t+|\s*[|｜]\s*/).map((cell) => cell.normalize("NFKC").replace(/\s+/g, ""));
  return cells.length >= 3 && cells.some((cell) => YEAR_HEADER.test(cell)) && cells.some((cell) => /指标|名称|项目|内容/.test(cell));
}

/** A line that names an indicator table (for example 梁平区教育事业发展“十四五”规划指标体系表). */
export function isTableTitle(line: string): boolean {
  return line.length <= 60 && !/[。；，]/.test(line) && /(指标体系表|主要指标表|指标表|发展指标|主要指标|目标表|指标一览表)$/.test(line.normalize("NFKC").replace(/\s+/g, ""));
}
