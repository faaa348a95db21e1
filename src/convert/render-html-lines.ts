/**
 * The DOM nodes the renderer walks, typed structurally (cheerio's nodes from domhandler have this shape),
 * so no transitive package is imported for its types.
 */
export interface HtmlNode {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly attribs?: Readonly<Record<string, string>>;
  readonly children?: readonly HtmlNode[];
}

// Elements whose start and end break the line (HTML block-level and table-ish elements).
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing",
  "main", "nav", "ol", "p", "pre", "section", "summary", "ul", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "table",
]);
const SKIPPED_ELEMENTS = new Set(["script", "style", "noscript", "template", "iframe", "object", "embed", "head", "title", "svg", "canvas"]);
// Collapsible white space of HTML (not U+3000, the full-width space Chinese indents with; it is trimmed at line ends).
const HTML_WHITESPACE = /[ \t\n\r\f\u00a0]+/g;

function isElement(node: HtmlNode): boolean {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

function childElements(node: HtmlNode, names: readonly string[]): HtmlNode[] {
  return (node.children ?? []).filter((child) => isElement(child) && names.includes(child.name ?? ""));
}

/** The rows of a table, through thead/tbody/tfoot, without descending into nested tables. */
function tableRows(table: HtmlNode): HtmlNode[] {
  const rows: HtmlNode[] = [];
  for (const child of table.children ?? []) {
    if (!isElement(child)) continue;
    if (child.name === "tr") rows.push(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") rows.push(...childElements(child, ["tr"]));
  }
  return rows;
}

function containsTable(node: HtmlNode): boolean {
  return (node.children ?? []).some((child) => isElement(child) && (child.name === "table" || containsTable(child)));
}

/**
 * A data table has a row of two or more cells and no table inside; anything else (one cell per row, or
 * tables in cells) lays out a page, and its cells read as ordinary blocks. Old government sites do that.
 */
function isDataTable(table: HtmlNode): boolean {
  const rows = tableRows(table);
  return rows.some((row) => childElements(row, ["td", "th"]).length >= 2) && !rows.some((row) => containsTable(row));
}

function spanOf(cell: HtmlNode, attribute: "rowspan" | "colspan"): number {
  const value = Number.parseInt(cell.attribs?.[attribute] ?? "1", 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 1000) : 1;
}

/** "collapse": HTML's rule (runs of white space are one space). "keep": the document's own spaces and tabs (Word). */
export type WhitespaceRule = "collapse" | "keep";

class LineWriter {
  readonly lines: string[] = [];
  private current = "";

  constructor(readonly whitespace: WhitespaceRule) {}

  write(text: string): void {
    this.current += text;
  }

  /** Ends the current line (if it holds text). */
  breakLine(): void {
    const line = (this.whitespace === "collapse" ? this.current.replace(HTML_WHITESPACE, " ") : this.current.replace(/[\r\n]+/g, " ")).trim();
    if (line.length > 0) this.lines.push(line);
    this.current = "";
  }

  /** A line as is (table rows keep their tabs). */
  pushLine(line: string): void {
    this.breakLine();
    this.lines.push(line);
  }

  blankLine(): void {
    this.breakLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }
}

/** The text of a cell on one line: its blocks joined by a space, tabs and breaks flattened. */
function cellText(cell: HtmlNode): string {
  const writer = new LineWriter("collapse");
  walk(cell, writer);
  writer.breakLine();
  return writer.lines.filter((line) => line.length > 0).join(" ").replace(/\s+/g, " ").trim();
}

/**
 * A data table: the caption on its own line, then one line per row with the cells' texts separated by tabs.
 * A cell spanning rows repeats its text in each row it spans (so every row has its category, as a table
 * parser reading rows one by one needs); a cell spanning columns is followed by empty cells.
 */
function writeTable(table: HtmlNode, writer: LineWriter): void {
  // No blank line before: the table's title (caption, or the paragraph before it) leads straight into its rows.
  writer.breakLine();
  for (const caption of childElements(table, ["caption"])) {
    const text = cellText(caption);
    if (text) writer.pushLine(text);
  }
  // carried[column] = text and rows left of a cell spanning down from an earlier row
  const carried: ({ text: string; rowsLeft: number } | undefined)[] = [];
  for (const row of tableRows(table)) {
    const cells: string[] = [];
    const queue = childElements(row, ["td", "th"]);
    let column = 0;
    const takeCarried = () => {
      while (carried[column] && carried[column]!.rowsLeft > 0) {
        cells.push(carried[column]!.text);
        carried[column]!.rowsLeft -= 1;
        column += 1;
      }
    };
    for (const cell of queue) {
      takeCarried();
      const text = cellText(cell);
      const rowSpan = spanOf(cell, "rowspan");
      const columnSpan = spanOf(cell, "colspan");
      for (let offset = 0; offset < columnSpan; offset += 1) {
        cells.push(offset === 0 ? text : "");
        carried[column] = rowSpan > 1 ? { text: offset === 0 ? text : "", rowsLeft: rowSpan - 1 } : undefined;
        column += 1;
      }
    }
    takeCarried();
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.some((cell) => cell.length > 0)) writer.pushLine(cells.join("\t"));
  }
  writer.blankLine();
}

function walk(node: HtmlNode, writer: LineWriter): void {
  for (const child of node.children ?? []) {
    if (child.type === "text") {
      writer.write(child.data ?? "");
      continue;
    }
    if (!isElement(child) && child.type !== "root") continue;
    const name = child.name ?? "";
    if (SKIPPED_ELEMENTS.has(name)) continue;
    if (name === "br") {
      writer.breakLine();
      continue;
    }
    if (name === "table" && isDataTable(child)) {
      writeTable(child, writer);
      continue;
    }
    const block = BLOCK_ELEMENTS.has(name);
    if (block) writer.breakLine();
    walk(child, writer);
    if (block) writer.breakLine();
  }
}

/**
 * Renders HTML nodes as plan text lines: each block element (paragraph, heading, list item, div) on its own
 * line with white space collapsed; each data-table row as ONE line of tab-separated cell texts, the caption
 * right before the rows and a blank line after the table; `<br>` breaks the line. Scripts, styles and frames give nothing.
 * @param whitespace "collapse" for web pages; "keep" for Word's HTML, whose spaces are the document's
 *   ("第二篇  总体思路"); cells always collapse theirs, tabs included, so a row's tabs stay its separators.
 * @returns the lines, without line ends; at most one blank line in a row, none at either end.
 */
export function renderHtmlLines(roots: readonly HtmlNode[], whitespace: WhitespaceRule = "collapse"): string[] {
  const writer = new LineWriter(whitespace);
  for (const root of roots) {
    writer.breakLine();
    walk({ type: "root", children: [root] }, writer);
  }
  writer.breakLine();
  const lines = writer.lines;
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  while (lines.length > 0 && lines[0] === "") lines.shift();
  return lines;
}
