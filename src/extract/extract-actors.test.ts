import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { extractActors, type Responsibility } from "./extract-actors.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");
const plan = parsePlan("liangping", seedText);
const responsibilities = extractActors(plan);

const of = (actor: string, source: readonly Responsibility[] = responsibilities) => source.filter((responsibility) => responsibility.actor === actor);
const place = (responsibility: Responsibility) => responsibility.location.box ?? `${responsibility.location.chapter}${responsibility.location.section ?? ""}`;

describe("extractActors on the Liangping plan", () => {
  it("finds the leading group with the sentences that give it work", () => {
    const group = of("区委教育工作领导小组");
    expect(group.map(place)).toEqual(["第十五章第一节", "第十七章第一节"]);
    expect(group[0]!.sentence).toBe("健全区委教育工作领导小组运行机制，强化领导小组议事、统筹、协调、督导作用。");
    expect(group[1]!.sentence.startsWith("区委教育工作领导小组每年至少开展1次专题会议")).toBe(true);
  });

  it("reads a list of departments as one actor: 财政、审计及教育主管部门", () => {
    const departments = of("财政、审计及教育主管部门");
    expect(departments).toHaveLength(1);
    expect(departments[0]!.sentence).toBe("建立教育经费监督管理机制，完善教育经费监管职能，财政、审计及教育主管部门要加大财政监督和审计力度，确保教育经费专款专用。");
    expect(departments[0]!.location).toMatchObject({ part: "第四篇", chapter: "第十六章", section: "第三节" });
  });

  it("finds 乡镇（街道） and its variants in the sentences assigning them duties", () => {
    // 专栏2 also names 乡镇（街道） as a place (在人口超过3万人的乡镇（街道）至少建成2所中心幼儿园); only the duty is asserted here.
    const towns = of("乡镇（街道）");
    expect(towns.map(place)).toContain("第十四章第四节");
    expect(towns.find((responsibility) => place(responsibility) === "第十四章第四节")!.sentence).toBe("推动区级相关部门和乡镇（街道）履行教育职责。");
    expect(of("乡镇（街道办事处）").map(place)).toEqual(["第十七章第二节"]);
    expect(of("镇乡（街道）").map(place)).toEqual(["第十五章第三节"]);
  });

  it("names 区委, 区政府 and 区教委 separately from the leading group", () => {
    expect(of("区委").length).toBeGreaterThan(0);
    expect(of("区政府").map(place)).toContain("第一章");
    expect(of("区教委").map(place)).toEqual(["第十七章第三节"]);
    // The sentence naming 区委教育工作领导小组 does not also count as one for 区委.
    expect(of("区委").some((responsibility) => responsibility.sentence.startsWith("区委教育工作领导小组每年"))).toBe(false);
  });

  it("reads only the body and the boxes, never the notice (各乡镇人民政府（街道办事处）)", () => {
    expect(responsibilities.every((responsibility) => responsibility.location.part !== null || responsibility.location.box !== null)).toBe(true);
  });

  it("quotes each sentence verbatim from its paragraph", () => {
    const paragraphs = plan.paragraphs.map((paragraph) => paragraph.text);
    for (const responsibility of responsibilities) {
      expect(responsibility.sentence.includes(responsibility.actor)).toBe(true);
      expect(paragraphs.some((text) => text.includes(responsibility.sentence))).toBe(true);
    }
  });
});

describe("extractActors on a county plan", () => {
  it("finds 县委 and 县政府 bodies as it finds 区委 and 区政府 ones", () => {
    const county = extractActors(parsePlan("second-plan", secondText));
    expect(county.map((responsibility) => [responsibility.actor, place(responsibility)])).toEqual([
      ["县委教育工作领导小组", "第七章"],
      ["财政、教育主管部门", "第七章"],
      ["县政府", "第七章"],
    ]);
  });
});
