import { describe, expect, it } from "vitest";
import { createNumberer, formatNumber, readParagraphNumberings, readWordNumbering, wordNumberLabels } from "./number-word-paragraphs.js";

const level = (ilvl: number, format: string, text: string, extra = "") =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;

const NUMBERING = `<?xml version="1.0"?><w:numbering xmlns:w="w">
  <w:abstractNum w:abstractNumId="0">${level(0, "chineseCounting", "第%1章", '<w:suff w:val="space"/><w:pStyle w:val="Heading1"/>')}${level(1, "decimal", "%1.%2", "<w:isLgl/>")}</w:abstractNum>
  <w:abstractNum w:abstractNumId="1">${level(0, "ideographTraditional", "%1.", '<w:suff w:val="nothing"/>')}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

const paragraph = (properties: string, text: string) => `<w:p><w:pPr>${properties}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
const numbered = (numId: number, ilvl: number, text: string) => paragraph(`<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`, text);

describe("formatNumber", () => {
  it.each([
    [1, "chineseCounting", "一"],
    [10, "chineseCounting", "十"],
    [12, "chineseCounting", "十二"],
    [20, "chineseCounting", "二十"],
    [105, "chineseCountingThousand", "一百零五"],
    [3, "ideographTraditional", "丙"],
    [2, "decimalEnclosedCircleChinese", "②"],
    [7, "decimalFullWidth", "７"],
    [28, "upperLetter", "BB"],
    [14, "lowerRoman", "xiv"],
    [3, "decimalZero", "03"],
    [3, "bullet", ""],
    [3, "someFutureFormat", "3"],
  ])("%i in %s is %j", (value, format, text) => {
    expect(formatNumber(value, format)).toBe(text);
  });
});

describe("wordNumberLabels", () => {
  it("numbers chapters, legal sub-numbers and lists as Word does, following styles and restarts", () => {
    const document = `<w:document><w:body>
      ${paragraph('<w:pStyle w:val="Heading1"/>', "发展环境")}
      ${numbered(1, 1, "发展成就")}
      ${numbered(1, 1, "面临挑战")}
      ${paragraph("", "正文段落")}
      ${paragraph('<w:pStyle w:val="Heading1"/>', "总体思路")}
      ${numbered(1, 1, "指导思想")}
      ${numbered(2, 0, "甲项")}
      ${numbered(2, 0, "乙项")}
      ${numbered(3, 0, "重新编号")}
      ${paragraph('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>', "编号已关闭")}
      <w:p/>
    </w:body></w:document>`;
    expect(wordNumberLabels(document, NUMBERING)).toEqual(["第一章 ", "1.1 ", "1.2 ", "第二章 ", "2.1 ", "甲.", "乙.", "甲."]);
  });

  it("reads only the paragraph's own properties: not a tracked change's old ones, not mc:Choice copies", () => {
    const document = `<w:body>
      ${paragraph('<w:pPrChange><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>', "改过的段落")}
      <mc:AlternateContent><mc:Choice Requires="wps">${numbered(1, 0, "副本")}</mc:Choice><mc:Fallback>${numbered(1, 0, "正本")}</mc:Fallback></mc:AlternateContent>
    </w:body>`;
    expect(readParagraphNumberings(document)).toEqual([{}, { numId: "1", level: "0" }]);
    expect(wordNumberLabels(document, NUMBERING)).toEqual(["第一章 "]);
  });

  it("gives up on numbering styles it does not follow", () => {
    const linked = NUMBERING.replace("</w:numbering>", '<w:abstractNum w:abstractNumId="9"><w:numStyleLink w:val="Outline"/></w:abstractNum></w:numbering>');
    expect(readWordNumbering(linked).hasStyleLinks).toBe(true);
    expect(wordNumberLabels(numbered(1, 0, "x"), linked)).toBeNull();
  });

  it("counts a level from its start and restarts deeper levels when a shallower one moves", () => {
    const numberer = createNumberer(readWordNumbering(NUMBERING));
    expect(numberer({ numId: "1", level: "1" }).label).toBe("1.1 "); // a sub-level before any chapter reads the chapter as its start
    expect(numberer({ numId: "1", level: "0" }).label).toBe("第一章 ");
    expect(numberer({ numId: "1", level: "1" }).label).toBe("1.1 ");
    expect(numberer({ numId: "9", level: "0" })).toEqual({ numbered: false, label: "" });
    expect(numberer({ styleId: "Normal" })).toEqual({ numbered: false, label: "" });
  });
});
