import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIndicatorTable, parseIndicatorValue } from "./parse-indicator-table.js";
import { parsePlan } from "./parse-plan.js";
import type { ComparisonOperator, Indicator, Location } from "./plan-types.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const excerptText = readFileSync(new URL("../../test/fixtures/plan-excerpt.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");

const strip = (text: string) => text.replace(/\s+/g, "");
const location = (doc: string): Location => ({ doc, path: [], part: null, chapter: null, section: null, box: null, table: "表", heading: "表" });

/** The lines after the table title, as the plan parser hands them over. */
function linesAfter(text: string, title: string): string[] {
  const lines = text.split("\n");
  return lines.slice(lines.findIndex((line) => line.trim() === title) + 1);
}

type Row = [category: string, name: string, parent: string | null, unit: string, values: [string, string, string], attribute: "预期性" | "约束性"];

// The Liangping table, cell by cell, as printed in the plan.
const LIANGPING_ROWS: readonly Row[] = [
  ["学前教育", "在园幼儿数", null, "万人", ["1.87", "1.9", "2.1"], "预期性"],
  ["学前教育", "学前三年毛入园率", null, "%", ["92", "92.8", "≥94.0"], "预期性"],
  ["学前教育", "公办幼儿园在园幼儿占比", null, "%", ["61.5", "61.8", "62.0"], "预期性"],
  ["学前教育", "普惠性幼儿园在园幼儿占比", null, "%", ["96.34", "94.3", "≥94.5"], "约束性"],
  ["义务教育", "在校学生数", null, "万人", ["7.73", "7", "6.6"], "预期性"],
  ["义务教育", "普通小学", "在校学生数", "万人", ["4.55", "4.3", "4.2"], "预期性"],
  ["义务教育", "普通初中", "在校学生数", "万人", ["3.18", "2.7", "2.4"], "预期性"],
  ["义务教育", "九年义务教育巩固率", null, "%", ["95.2", "95.7", "≥96.1"], "约束性"],
  ["高中阶段教育", "在校学生数", null, "万人", ["2.21", "2.5", "2.5"], "预期性"],
  ["高中阶段教育", "普通高中", "在校学生数", "万人", ["1.53", "1.7", "1.6"], "预期性"],
  ["高中阶段教育", "中等职业教育", "在校学生数", "万人", ["0.68", "0.8", "0.9"], "预期性"],
  ["高中阶段教育", "高中阶段毛入学率", null, "%", ["98", "98.6", "≥99.5"], "预期性"],
  ["人力资源开发", "人均受教育年限", null, "年", ["10.3", "10.8", "11.2"], "预期性"],
  ["人力资源开发", "劳动年龄人口平均受教育年限", null, "年", ["11.5", "11.9", "12.2"], "约束性"],
  ["教育投入", "财政性教育经费占一般公共预算支出的比例", null, "%", ["20", ">20", ">20"], "预期性"],
];

// The second fixture plan's table: one row per line, tab-separated, category repeated on every row.
const SECOND_ROWS: readonly Row[] = [
  ["学前教育", "学前三年毛入园率", null, "%", ["91.5", "93.0", "≥95"], "预期性"],
  ["学前教育", "普惠性幼儿园覆盖率", null, "%", ["85.2", "88.0", "≥90"], "约束性"],
  ["义务教育", "在校学生数", null, "万人", ["5.62", "5.40", "5.10"], "预期性"],
  ["义务教育", "小学", "在校学生数", "万人", ["3.71", "3.52", "3.30"], "预期性"],
  ["义务教育", "初中", "在校学生数", "万人", ["1.91", "1.88", "1.80"], "预期性"],
  ["义务教育", "九年义务教育巩固率", null, "%", ["95.8", "96.2", "≥96.5"], "约束性"],
  ["义务教育", "儿童青少年总体近视率", null, "%", ["52.3", "<50", "<48"], "预期性"],
  ["高中阶段教育", "高中阶段毛入学率", null, "%", ["93.4", "95.0", "≥96"], "预期性"],
  ["高中阶段教育", "普通高中在校学生数", null, "万人", ["1.62", "1.75", "1.80"], "预期性"],
  ["教师队伍", "专任教师本科及以上学历比例", null, "%", ["72.5", "78.0", "≥85"], "预期性"],
  ["教育投入", "财政性教育经费占一般公共预算支出比例", null, "%", ["18.6", "≥18", "≥18"], "约束性"],
];

/** Expected operator and number of a cell, read by hand: a leading ≥ or > is the operator, the rest the number. */
function expectedValue(raw: string): { operator: ComparisonOperator; value: number } {
  const operator = raw.startsWith("≥") ? "≥" : raw.startsWith(">") ? ">" : raw.startsWith("<") ? "<" : "=";
  return { operator, value: Number(operator === "=" ? raw : raw.slice(1)) };
}

function expectRows(rows: readonly Indicator[], expected: readonly Row[], years: readonly string[]) {
  expect(rows.map((row) => [row.category, row.name, row.parent, row.unit, row.values.map((value) => value.raw), row.attribute])).toEqual(expected);
  rows.forEach((row, index) => {
    const [, , , , raws] = expected[index]!;
    expect(row.values).toEqual(raws.map((raw, column) => ({ year: years[column], raw, ...expectedValue(raw) })));
  });
}

describe("the Liangping indicator table (one cell per tab-led line)", () => {
  const plan = parsePlan("liangping", seedText);
  const table = plan.tables[0]!;

  it("has the title and the three year columns", () => {
    expect(table.title).toBe("梁平区教育事业发展“十四五”规划指标体系表");
    expect(table.years).toEqual(["2020", "2022", "2025"]);
  });

  it("reads all 15 rows × 3 years exactly: category, name, parent, unit, raw cell, operator, value, attribute", () => {
    expect(table.rows).toHaveLength(15);
    expectRows(table.rows, LIANGPING_ROWS, ["2020", "2022", "2025"]);
  });

  it("keeps the comparison operators of the targets", () => {
    const cell = (name: string, year: string) => table.rows.find((row) => row.name === name)!.values.find((value) => value.year === year)!;
    expect(cell("学前三年毛入园率", "2025")).toEqual({ year: "2025", raw: "≥94.0", operator: "≥", value: 94 });
    expect(cell("财政性教育经费占一般公共预算支出的比例", "2022")).toEqual({ year: "2022", raw: ">20", operator: ">", value: 20 });
    expect(cell("财政性教育经费占一般公共预算支出的比例", "2020")).toEqual({ year: "2020", raw: "20", operator: "=", value: 20 });
  });

  it("gives the two 在校学生数 rows distinct ids by category", () => {
    const ids = table.rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(15);
    expect(ids.filter((id) => id.endsWith("/在校学生数"))).toEqual(["liangping#义务教育/在校学生数", "liangping#高中阶段教育/在校学生数"]);
    expect(ids).toContain("liangping#高中阶段教育/在校学生数/普通高中");
  });

  it("quotes each row verbatim from the plan", () => {
    const source = strip(seedText);
    for (const row of table.rows) expect(source.includes(strip(row.quote)), row.quote).toBe(true);
    expect(table.rows[5]!.quote).toBe("其中：普通小学 4.55 4.3 4.2 预期性");
  });

  it("reads the same table from the excerpt and stops before the prose after it", () => {
    const title = "梁平区教育事业发展“十四五”规划指标体系表";
    const lines = linesAfter(excerptText, title);
    const parsed = parseIndicatorTable(title, lines, location("excerpt"));
    expect(parsed.warnings).toEqual([]);
    expectRows(parsed.table!.rows, LIANGPING_ROWS, ["2020", "2022", "2025"]);
    expect(lines.slice(parsed.linesUsed).find((line) => line.trim().length > 0)!.startsWith("到2035年")).toBe(true);
  });
});

describe("a table with one row per line", () => {
  it("reads the second plan's tab-separated table with a 单位 column and the category on every row", () => {
    const table = parsePlan("second-plan", secondText).tables[0]!;
    expect(table.years).toEqual(["2020", "2023", "2025"]);
    expectRows(table.rows, SECOND_ROWS, ["2020", "2023", "2025"]);
    const source = strip(secondText);
    for (const row of table.rows) expect(source.includes(strip(row.quote)), row.quote).toBe(true);
  });

  it("reads pipes, a markdown rule, the category only on a group's first row and two sub-rows", () => {
    const lines = [
      "| 类别 | 指标 | 单位 | 2020年 | 2023年 | 2025年 | 属性 |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      "| 义务教育 | 在校学生数 | 万人 | 5.62 | 5.40 | 5.10 | 预期性 |",
      "|  | 其中：小学 | 万人 | 3.71 | 3.52 | 3.30 | 预期性 |",
      "|  | 初中 | 万人 | 1.91 | 1.88 | 1.80 | 预期性 |",
      "|  | 大班额比例 | % | 4.6 | <2 | 0 | 约束性 |",
      "| 教育投入 | 生均公用经费增长率 | % | 3.5 | ≥4 | ≥5 | 预期性 |",
      "",
      "到2035年，全县基本实现教育现代化。",
    ];
    const parsed = parseIndicatorTable("主要指标表", lines, location("pipes"));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.linesUsed).toBe(8);
    expectRows(
      parsed.table!.rows,
      [
        ["义务教育", "在校学生数", null, "万人", ["5.62", "5.40", "5.10"], "预期性"],
        ["义务教育", "小学", "在校学生数", "万人", ["3.71", "3.52", "3.30"], "预期性"],
        ["义务教育", "初中", "在校学生数", "万人", ["1.91", "1.88", "1.80"], "预期性"],
        ["义务教育", "大班额比例", null, "%", ["4.6", "<2", "0"], "约束性"],
        ["教育投入", "生均公用经费增长率", null, "%", ["3.5", "≥4", "≥5"], "预期性"],
      ],
      ["2020", "2023", "2025"],
    );
    // Quotes are cited as verbatim plan text, pipes included.
    expect(parsed.table!.rows[1]!.quote).toBe("其中：小学 | 万人 | 3.71 | 3.52 | 3.30 | 预期性");
    const source = strip(lines.join("\n"));
    for (const row of parsed.table!.rows) expect(source.includes(strip(row.quote)), row.quote).toBe(true);
  });

  it("reads cells separated by runs of spaces, the category cell left out on later rows", () => {
    const lines = ["分类    指标名称    2020年    2025年    指标属性", "学前教育    在园幼儿数（万人）    1.87    2.1    预期性", "学前三年毛入园率（%）    92    ≥94.0    预期性"];
    const parsed = parseIndicatorTable("主要指标", lines, location("spaces"));
    expect(parsed.table!.rows.map((row) => [row.category, row.name, row.unit, row.values.map((value) => value.raw), row.attribute])).toEqual([
      ["学前教育", "在园幼儿数", "万人", ["1.87", "2.1"], "预期性"],
      ["学前教育", "学前三年毛入园率", "%", ["92", "≥94.0"], "预期性"],
    ]);
  });

  it("returns no table and a warning when no header names the indicator and year columns", () => {
    const parsed = parseIndicatorTable("主要指标", ["甲\t乙\t丙", "1\t2\t3"], location("bad"));
    expect(parsed.table).toBeNull();
    expect(parsed.warnings).toEqual(["主要指标: table header not recognised"]);
  });
});

describe("parseIndicatorValue", () => {
  it.each([
    ["≥94.0", "≥", 94],
    [">=5", "≥", 5],
    ["不低于20", "≥", 20],
    [">20", ">", 20],
    ["＞20", ">", 20],
    ["<48", "<", 48],
    ["≤3", "≤", 3],
    ["不超过15", "≤", 15],
    ["90以上", "≥", 90],
    ["５０．５", "=", 50.5],
    ["96.34", "=", 96.34],
    ["—", "=", null],
    ["", "=", null],
  ] as const)("%s → %s %s", (raw, operator, value) => {
    expect(parseIndicatorValue("2025", raw)).toEqual({ year: "2025", raw, operator, value });
  });
});
