import { describe, expect, it } from "vitest";
import { MAX_ANSWER_CHARACTERS, parseModelReply } from "./parse-model-reply.js";

describe("parseModelReply", () => {
  it("reads a plain JSON object", () => {
    expect(parseModelReply('{"answer": "累计投入84.03亿元。", "passages": ["P1", "P2"]}')).toEqual({ answer: "累计投入84.03亿元。", passageLabels: ["P1", "P2"] });
  });

  it("reads an object wrapped in ```json fences or preceded by a reasoning block", () => {
    expect(parseModelReply('好的：\n```json\n{"answer": "回答", "passages": ["P1"]}\n```')).toEqual({ answer: "回答", passageLabels: ["P1"] });
    expect(parseModelReply('<think>先看P1，数字是{84.03}</think>\n{"answer": "回答", "passages": ["P1"]}')).toEqual({ answer: "回答", passageLabels: ["P1"] });
  });

  it("normalises passage labels and removes markers from the text", () => {
    expect(parseModelReply('{"answer": "投入增长[P1]。【P2】", "passages": ["[P1]", "p2", 3, "P1"]}')).toEqual({ answer: "投入增长。", passageLabels: ["P1", "P2", "P3"] });
  });

  it("keeps labels it cannot read as written, for the passage check to reject", () => {
    expect(parseModelReply('{"answer": "回答", "passages": ["第三章"]}')?.passageLabels).toEqual(["第三章"]);
  });

  it.each([
    ["prose", "全区教育投入累计84.03亿元。"],
    ["broken JSON", '{"answer": "回答", "passages": ["P1"]'],
    ["missing passages", '{"answer": "回答"}'],
    ["empty answer", '{"answer": "  ", "passages": []}'],
    ["answer of markers only", '{"answer": "[P1]", "passages": ["P1"]}'],
    ["wrong types", '{"answer": 42, "passages": "P1"}'],
    ["two objects", '{"answer": "回答", "passages": []} {"answer": "另一个", "passages": []}'],
    ["an over-long answer", JSON.stringify({ answer: "很".repeat(MAX_ANSWER_CHARACTERS + 1), passages: [] })],
  ])("rejects %s", (_name, text) => {
    expect(parseModelReply(text)).toBeNull();
  });
});
