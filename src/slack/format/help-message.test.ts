import { expect, it } from "vitest";
import { EXAMPLES } from "../../../test/fakes/fake-assistant.js";
import { pickExamples } from "./example-questions.js";
import { buildHelpMessage } from "./help-message.js";

it("explains the three ways to ask, with the configured command and examples of each kind", () => {
  const help = buildHelpMessage(EXAMPLES, "/guihua");
  const text = JSON.stringify(help.blocks);
  expect(help.text).toContain("/guihua");
  expect(text).toContain("`/guihua 你的问题`");
  expect(text).toContain("@规划助手");
  expect(text).toContain("• 专栏2有哪些重点工程？　_重点项目_");
  expect(text).toContain("• 普惠性幼儿园在园幼儿占比的目标是多少？　_指标数值_");
});

it("picks examples one kind at a time, without repeats", () => {
  expect(pickExamples(EXAMPLES, 3)).toEqual(["2025年学前三年毛入园率目标是多少？", "“十三五”期间学前三年毛入园率达到多少？", "特殊教育由谁负责推进？"]);
  expect(pickExamples(EXAMPLES, 100)).toHaveLength(7);
  expect(pickExamples({ ...EXAMPLES, fact: ["2025年学前三年毛入园率目标是多少？"] }, 100)).toHaveLength(6);
});
