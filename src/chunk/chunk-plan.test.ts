import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { chunkPlan, isNoticeHeader } from "./chunk-plan.js";

const plan = parsePlan("liangping", readFileSync(SEED_FILE, "utf8"));
const chunks = chunkPlan(plan, { maxCharacters: 160 });

describe("chunkPlan", () => {
  it("cuts every paragraph into chunks that never cross a paragraph, 节 or 专栏", () => {
    const paragraphs = new Map(plan.paragraphs.map((paragraph) => [paragraph.id, paragraph]));
    for (const chunk of chunks.filter((candidate) => !candidate.location.table)) {
      const paragraph = paragraphs.get(chunk.paragraphId)!;
      expect(paragraph.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.location).toEqual(paragraph.location);
    }
  });

  it("covers every sentence of every paragraph exactly once, the notice's header lines aside", () => {
    const headers = plan.paragraphs.filter((paragraph) => isNoticeHeader(plan, paragraph));
    expect(headers.map((paragraph) => paragraph.text)).toEqual(expect.arrayContaining(["梁平府发〔2021〕17号", "各乡镇人民政府（街道办事处），区政府各部门，有关单位："]));
    expect(chunks.some((chunk) => headers.some((header) => header.id === chunk.paragraphId))).toBe(false);
    for (const paragraph of plan.paragraphs.filter((candidate) => !headers.includes(candidate))) {
      const own = chunks.filter((chunk) => chunk.paragraphId === paragraph.id).sort((left, right) => left.start - right.start);
      expect(own.map((chunk) => chunk.text).join("").replace(/\s/g, "")).toBe(paragraph.text.replace(/\s/g, ""));
    }
  });

  it("keeps chunks near the target size unless one sentence is longer", () => {
    for (const chunk of chunks.filter((candidate) => !candidate.location.table)) {
      const sentences = chunk.text.split(/(?<=[。！？；])/).filter(Boolean);
      if (sentences.length > 1) expect(chunk.text.length).toBeLessThanOrEqual(160);
    }
  });

  it("gives box chunks their 专栏 and linked chapter, and table rows the table title", () => {
    const box = chunks.find((chunk) => chunk.text.includes("都梁中学") && chunk.location.box);
    expect(box?.location.box).toBe("专栏5");
    expect(box?.location.chapter).toBe("第十章");
    const rows = chunks.filter((chunk) => chunk.location.table);
    expect(rows).toHaveLength(15);
    expect(rows[0]!.location.table).toContain("指标体系表");
  });
});
