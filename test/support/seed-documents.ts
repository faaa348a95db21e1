import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import iconv from "iconv-lite";
import { parsePlan } from "../../src/parse/parse-plan.js";

/**
 * The whole seed plan as the files staff really get: a Word document whose indicator table is a real
 * table, and a government web page (GBK, menus and footer around the article, the table as <table>).
 * Built in memory from the seed text; nothing is downloaded.
 */
function seedParts(seedText: string) {
  const fromText = parsePlan("seed", seedText);
  const lines = seedText.split("\n");
  const table = fromText.tables[0]!;
  const tableStart = lines.indexOf(table.title);
  const tableEnd = lines.findIndex((line, index) => index > tableStart && line.startsWith("到2035年"));
  // The seed lays the table out one cell per line; the documents carry the table itself, each row's cells as the plan writes them.
  const header = ["分类", "指标", ...table.years.map((year) => `${year}年`), "指标属性"];
  const rows = [header, ...table.rows.map((row) => [row.category, ...row.quote.split(" ")])];
  const nonBlank = (part: readonly string[]) => part.filter((line) => line.trim().length > 0);
  return { before: nonBlank(lines.slice(0, tableStart + 1)), rows, after: nonBlank(lines.slice(tableEnd)) };
}

/** The seed as a .docx (plain paragraphs, as official files are written, and a real table). */
export async function seedDocx(seedText: string): Promise<Buffer> {
  const { before, rows, after } = seedParts(seedText);
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const paragraphs = (part: readonly string[]) => part.map((line) => new Paragraph(line));
  const document = new Document({
    sections: [{ children: [...paragraphs(before), new Table({ rows: rows.map((cells) => new TableRow({ children: cells.map(cell) })) }), ...paragraphs(after)] }],
  });
  return Packer.toBuffer(document);
}

/** The seed as a saved GBK government web page. */
export function seedHtml(seedText: string): Buffer {
  const { before, rows, after } = seedParts(seedText);
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const htmlParagraphs = (part: readonly string[]) => part.map((line) => `<p>${escape(line)}</p>`).join("\n");
  const page = `<html><head><meta charset="gbk"><script>var 第一章 = 1;</script></head><body><div class="nav">首页 | 政务公开</div><div class="TRS_Editor">
${htmlParagraphs(before)}
<table>${rows.map((cells) => `<tr>${cells.map((text) => `<td>${escape(text)}</td>`).join("")}</tr>`).join("\n")}</table>
${htmlParagraphs(after)}
</div><div class="footer">网站标识码 5002280000</div></body></html>`;
  // GBK has no •: the page writes ·, as a GBK site would.
  return iconv.encode(page.replace(/•/g, "·"), "gbk");
}
