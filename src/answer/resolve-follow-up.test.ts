import { describe, expect, it } from "vitest";
import { replaceSibling } from "./resolve-follow-up.js";

const postings = { 烟台高新区: [], 双桂初中: [], 高新区: [] };

describe("replaceSibling", () => {
  it("puts the follow-up's name in the place of the previous question's thing of the same kind", () => {
    expect(replaceSibling("济南高新区在自创区里的定位是什么？", "那烟台高新区呢", postings)).toBe("烟台高新区在自创区里的定位是什么？");
    expect(replaceSibling("梁山初中是新建还是改扩建", "双桂初中呢？", postings)).toBe("双桂初中是新建还是改扩建");
  });

  it("leaves the previous question alone when the follow-up is not a name of the plans, or shares no ending", () => {
    expect(replaceSibling("济南高新区在自创区里的定位是什么？", "那青岛大学呢", postings)).toBe("济南高新区在自创区里的定位是什么？");
    expect(replaceSibling("学前三年毛入园率是多少", "那烟台高新区呢", postings)).toBe("学前三年毛入园率是多少");
    expect(replaceSibling("济南高新区在自创区里的定位是什么？", "那2022年呢", postings)).toBe("济南高新区在自创区里的定位是什么？");
  });

  it("puts a sibling the plans list side by side in the place of the whole coordination it replaces", () => {
    const planText = "建立科研机构、高校、企业、行业部门等协同创新机制";
    expect(replaceSibling("规划里说要跟哪些高校和科研机构合作？", "企业呢？", postings, planText)).toBe("规划里说要跟哪些企业合作？");
    expect(replaceSibling("高校要做哪些工作", "企业呢？", postings, planText)).toBe("企业要做哪些工作");
  });
});
