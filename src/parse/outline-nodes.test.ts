import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outlineNodesOf } from "./outline-nodes.js";
import { parsePlan } from "./parse-plan.js";

describe("outlineNodesOf", () => {
  it("lists every unit in document order, each before its sub-units, for one plan or several", () => {
    const forestry = parsePlan("forestry", readFileSync(new URL("../../test/fixtures/corpus/national-smart-forestry-2013.txt", import.meta.url), "utf8"));
    const nodes = outlineNodesOf(forestry);
    expect(nodes).toHaveLength(4 + 17 + 72);
    expect(nodes.slice(0, 3).map((node) => `${node.label}${node.title}`)).toEqual(["第一章智慧林业内涵与重要意义", "一、智慧林业内涵及特征", "（一）基本内涵"]);
    const qingdao = parsePlan("qingdao", readFileSync(new URL("../../test/fixtures/corpus/qingdao-ai-education-2020.txt", import.meta.url), "utf8"));
    expect(outlineNodesOf([forestry, qingdao])).toHaveLength(nodes.length + outlineNodesOf(qingdao).length);
  });
});
