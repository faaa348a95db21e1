import { describe, expect, it } from "vitest";
import { Document, Packer, Paragraph } from "docx";
import { excerptDocx, WORD_PARTS, writeZip } from "../../test/fixtures/formats/excerpt-documents.js";
import { inflateZipEntry, readZipDirectory } from "./check-docx-zip.js";
import { excerptClosing, excerptOpening, excerptTableHeader, excerptTableRows, excerptTableTitle } from "../../test/fixtures/formats/plan-excerpt.js";
import { PlanAssistantError } from "../errors.js";
import { convertDocx } from "./convert-docx.js";
import { DEFAULT_CONVERT_LIMITS } from "./limits.js";

async function failure(promise: Promise<unknown>): Promise<PlanAssistantError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PlanAssistantError);
  return error as PlanAssistantError;
}

describe("convertDocx", () => {
  it("gives one line per paragraph, the table title, then one tab-separated line per table row", async () => {
    const { text, warnings } = await convertDocx(await excerptDocx(), "plan.docx", DEFAULT_CONVERT_LIMITS);
    expect(warnings).toEqual([]);
    const lines = text.split("\n");
    for (const line of [...excerptOpening, ...excerptClosing]) expect(lines).toContain(line);
    const titleIndex = lines.indexOf(excerptTableTitle);
    expect(titleIndex).toBeGreaterThan(lines.indexOf("第五章  发展目标"));
    // Merged category cells repeat on every row they span, so each row stands alone.
    expect(lines.slice(titleIndex + 1, titleIndex + 2 + excerptTableRows.length)).toEqual([excerptTableHeader.join("\t"), ...excerptTableRows.map((row) => row.join("\t"))]);
    expect(lines.indexOf("第三篇  主要任务")).toBeGreaterThan(titleIndex + excerptTableRows.length);
  });

  it("writes Word's automatic numbers (第一章, 第一节, 一、, （一）) before their paragraphs", async () => {
    const document = new Document({
      numbering: {
        config: [
          {
            reference: "outline",
            levels: [
              { level: 0, format: "chineseCounting", text: "第%1章", suffix: "space" },
              { level: 1, format: "chineseCounting", text: "第%2节", suffix: "space" },
            ],
          },
          { reference: "items", levels: [{ level: 0, format: "chineseCounting", text: "%1、", suffix: "nothing" }, { level: 1, format: "chineseCounting", text: "（%2）", suffix: "nothing" }] },
          { reference: "bullets", levels: [{ level: 0, format: "bullet", text: "•" }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: "发展环境", numbering: { reference: "outline", level: 0 } }),
            new Paragraph({ text: "发展成就", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "面临挑战", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "总体思路", numbering: { reference: "outline", level: 0 } }),
            new Paragraph({ text: "指导思想", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "加强党的领导", numbering: { reference: "items", level: 0 } }),
            new Paragraph({ text: "健全领导体制", numbering: { reference: "items", level: 1 } }),
            new Paragraph({ text: "完善工作机制", numbering: { reference: "items", level: 1 } }),
            new Paragraph({ text: "强化经费保障", numbering: { reference: "items", level: 0 } }),
            new Paragraph({ text: "要点", numbering: { reference: "bullets", level: 0 } }),
            new Paragraph("推进县管校聘改革。"),
          ],
        },
      ],
    });
    const converted = await convertDocx(new Uint8Array(await Packer.toBuffer(document)), "numbered.docx", DEFAULT_CONVERT_LIMITS);
    expect(converted.text.split("\n")).toEqual(["第一章 发展环境", "第一节 发展成就", "第二节 面临挑战", "第二章 总体思路", "第一节 指导思想", "一、加强党的领导", "（一）健全领导体制", "（二）完善工作机制", "二、强化经费保障", "要点", "推进县管校聘改革。", ""]);
    expect(converted.warnings).toEqual([]);
  });

  it("warns when it cannot work the numbers out (here: the main part is not word/document.xml)", async () => {
    const document = new Document({
      numbering: { config: [{ reference: "chapters", levels: [{ level: 0, format: "chineseCounting", text: "第%1章" }] }] },
      sections: [{ children: [new Paragraph({ text: "总则", numbering: { reference: "chapters", level: 0 } }), new Paragraph("推进县管校聘改革。")] }],
    });
    const original = new Uint8Array(await Packer.toBuffer(document));
    // Move the main part to word/main.xml, as some producers name it; mammoth follows the relationships.
    const renamed = readZipDirectory(original, "original.docx", DEFAULT_CONVERT_LIMITS).map((entry) => {
      const data = Buffer.from(inflateZipEntry(original, entry, "original.docx"));
      const name = entry.name.replace("word/document.xml", "word/main.xml").replace("word/_rels/document.xml.rels", "word/_rels/main.xml.rels");
      return { name, data: /\.(rels|xml)$/.test(name) && !name.startsWith("word/main") ? Buffer.from(data.toString("utf8").replace("/word/document.xml", "/word/main.xml").replace('Target="word/document.xml"', 'Target="word/main.xml"')) : data };
    });
    const converted = await convertDocx(writeZip(renamed), "renamed.docx", DEFAULT_CONVERT_LIMITS);
    expect(converted.text).toBe("总则\n推进县管校聘改革。\n");
    expect(converted.warnings).toEqual([expect.stringMatching(/^renamed\.docx: 1 paragraph is numbered automatically by Word; their numbers \(such as 第一章 or 一、\) are not in the text/)]);
  });

  it("rejects a zip that is not a Word document", async () => {
    const error = await failure(convertDocx(writeZip([{ name: "notes.txt", data: Buffer.from("hello") }]), "plan.docx", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_CORRUPT");
    expect(error.message).toMatch(/^plan\.docx is a zip archive but not a Word document/);
  });

  it("rejects a truncated .docx with the reason and the fix", async () => {
    const bytes = await excerptDocx();
    const error = await failure(convertDocx(bytes.subarray(0, Math.floor(bytes.length / 2)), "plan.docx", DEFAULT_CONVERT_LIMITS));
    expect(error.code).toBe("SEED_CORRUPT");
    expect(error.message).toContain("plan.docx is a damaged or truncated .docx (no zip directory at its end: the file was cut off)");
    expect(error.message).toContain("save it again as .docx");
  });

  it("rejects a Word file with no text", async () => {
    const error = await failure(convertDocx(writeZip(WORD_PARTS), "blank.docx", DEFAULT_CONVERT_LIMITS));
    expect(["SEED_EMPTY", "SEED_CORRUPT"]).toContain(error.code);
    expect(error.message).toMatch(/^blank\.docx /);
  });
});
