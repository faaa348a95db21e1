import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { describeAssignment, extractAssignments, readUnitList } from "./extract-assignments.js";

const read = (file: string) => readFileSync(new URL(`../../test/fixtures/corpus/${file}.txt`, import.meta.url), "utf8");

describe("readUnitList", () => {
  it("reads leads, doers and co-operating bodies in their roles", () => {
    expect(readUnitList("发展改革委、工业和信息化部、中央网信办牵头，各地区、各部门负责")).toEqual([
      { name: "发展改革委", role: "lead" },
      { name: "工业和信息化部", role: "lead" },
      { name: "中央网信办", role: "lead" },
      { name: "各地区", role: "responsible" },
      { name: "各部门", role: "responsible" },
    ]);
    expect(readUnitList("省大数据局、省政府办公厅牵头，各有关部门、各市政府配合")?.map((body) => body.role)).toEqual(["lead", "lead", "cooperate", "cooperate"]);
    // How the bodies share the work (按职能分工) is no part of a body's name.
    expect(readUnitList("中央网信办、发展改革委牵头，各地区、各部门按职能分工负责")?.map((body) => `${body.name}:${body.role}`)).toEqual(["中央网信办:lead", "发展改革委:lead", "各地区:responsible", "各部门:responsible"]);
  });

  it("marks the first body as lead when the list says so", () => {
    expect(readUnitList("省教育厅、省财政厅负责，列第一位者为牵头部门")).toEqual([
      { name: "省教育厅", role: "lead" },
      { name: "省财政厅", role: "responsible" },
    ]);
  });

  it("is not fooled by bracketed notes or abbreviations", () => {
    expect(readUnitList("R&D")).toBeNull();
    expect(readUnitList("含附属幼儿园和学校分校区")).toBeNull();
  });
});

describe("extractAssignments on real plans", () => {
  it("finds the unit lists of a national guideline and the task each one closes", () => {
    const plan = parsePlan("bigdata", read("national-bigdata-center-opinions-2020"));
    const assignments = extractAssignments(plan);
    expect(assignments.length).toBeGreaterThanOrEqual(15);
    const supply = assignments.find((assignment) => describeAssignment(assignment) === "发展改革委、工业和信息化部、中央网信办牵头，各地区、各部门负责")!;
    expect(supply.location).toMatchObject({ chapter: "三、", section: null });
    const paragraph = plan.paragraphs.find((candidate) => candidate.id === supply.paragraphId)!;
    expect(paragraph.text.slice(supply.taskStart, supply.taskEnd)).toContain("数据中心集群");
  });

  it("reads a provincial action plan's lists, mid-paragraph and before the full stop", () => {
    const plan = parsePlan("shandong", read("shandong-digital-action-2019"));
    const assignments = extractAssignments(plan);
    expect(assignments.length).toBeGreaterThanOrEqual(60);
    expect(assignments.every((assignment) => assignment.bodies.length > 0)).toBe(true);
    expect(assignments.some((assignment) => assignment.bodies.some((body) => body.name === "省大数据局" && body.role === "lead"))).toBe(true);
  });

  it("reads a list standing alone after a sentence's end, and a labelled list closed by its bracket", () => {
    const qingdao = extractAssignments(parsePlan("qingdao", read("qingdao-ai-education-2020")));
    // "…职业技能竞赛。（职教处、高教处、教科院）2020年，…": the list closes the task before it.
    expect(qingdao.some((assignment) => assignment.text === "（职教处、高教处、教科院）" && describeAssignment(assignment) === "职教处、高教处、教科院负责")).toBe(true);
    const jinan = extractAssignments(parsePlan("jinan", read("jinan-digital-pioneer-city-2021")));
    const building = jinan.find((assignment) => assignment.bodies.some((body) => body.name === "市住房城乡建设局"))!;
    expect(building.bodies.map((body) => body.name)).toContain("市大数据局");
  });
});
