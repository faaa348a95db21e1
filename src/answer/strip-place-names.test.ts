import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { createWordListSegmenter } from "../../test/fakes/word-list-segmenter.js";
import { analyzeQuestion } from "./analyze-question.js";
import { stripPlaceNames } from "./strip-place-names.js";

const liangping = parsePlan("liangping", readFileSync(SEED_FILE, "utf8"));
const yunxi = parsePlan("yunxi", readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8"));
const segmenter = createWordListSegmenter(["梁平区", "梁平", "多少", "小学", "高中", "学前教育", "中学", "咱们", "本区"]);

function strip(question: string, plans = [liangping]) {
  const analysis = analyzeQuestion(question, segmenter);
  return { analysis, stripped: stripPlaceNames(analysis, plans, segmenter) };
}
const stripped = (question: string, plans = [liangping]) => strip(question, plans).stripped.text;

describe("stripPlaceNames", () => {
  it("removes the plan's district and re-segments what is left", () => {
    const { analysis, stripped: result } = strip("梁平区有多少所小学");
    expect(analysis.content).toContain("梁平区");
    expect(result.text).toBe("有多少所小学");
    expect(segmenter.calls.at(-1)).toBe("有多少所小学");
    expect(result.tokens).toEqual(["有", "多少", "所", "小学"]);
    expect(result.content).toEqual(["所", "小学"]);
    // Years, measure word and aspects stay those of the question.
    expect(result).toMatchObject({ raw: analysis.raw, years: analysis.years, classifier: "所", aspects: analysis.aspects });
  });

  it("removes 的 after the name, and the short name (梁平) where it stands alone", () => {
    expect(stripped("梁平区的学前教育")).toBe("学前教育");
    expect(stripped("梁平有几所高中")).toBe("有几所高中");
    expect(stripped("梁平的学前教育目标")).toBe("学前教育目标");
    expect(stripped("2025年梁平学前三年毛入园率")).toBe("2025年学前三年毛入园率");
  });

  it("keeps the short name inside a proper noun, and returns the analysis itself when nothing changes", () => {
    const { analysis, stripped: result } = strip("梁平中学在哪");
    expect(result).toBe(analysis);
    expect(stripped("梁平高新区有什么学校")).toBe("梁平高新区有什么学校");
    expect(stripped("万州区有多少所小学")).toBe("万州区有多少所小学");
  });

  it("removes the asker's word for the plan's district (咱们区, 本区), not 本区域", () => {
    expect(stripped("咱们区有多少所小学")).toBe("有多少所小学");
    expect(stripped("我们区的学前教育")).toBe("学前教育");
    expect(stripped("本区有多少所初中")).toBe("有多少所初中");
    expect(stripped("本区域的学前教育")).toBe("本区域的学前教育");
    // A 县 word needs a 县 plan.
    expect(stripped("咱们县有多少所小学")).toBe("咱们县有多少所小学");
    expect(stripped("咱们县有多少所小学", [liangping, yunxi])).toBe("有多少所小学");
  });

  it("removes the districts of every loaded plan", () => {
    expect(stripped("云溪县和梁平区的学前教育", [liangping, yunxi])).toBe("和学前教育");
    expect(stripped("云溪学前教育", [liangping, yunxi])).toBe("学前教育");
    expect(stripped("云溪县和梁平区的学前教育")).toBe("云溪县和学前教育");
  });
});
