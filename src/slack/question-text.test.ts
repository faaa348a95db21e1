import { describe, expect, it } from "vitest";
import { mentionsUser, questionFromMessageText } from "./question-text.js";

describe("questionFromMessageText", () => {
  it("strips the bot mention, in both forms, and collapses spaces", () => {
    expect(questionFromMessageText("<@U111> 2025年学前三年毛入园率目标是多少？", "U111")).toBe("2025年学前三年毛入园率目标是多少？");
    expect(questionFromMessageText("请问 <@U111|规划助手>  特殊教育呢？", "U111")).toBe("请问 特殊教育呢？");
  });

  it("keeps other people's mentions and decodes Slack's escapes and links", () => {
    expect(questionFromMessageText("<@U111> <@W222> 说 a &lt; b &amp;&amp; c &gt; d", "U111")).toBe("<@W222> 说 a < b && c > d");
    expect(questionFromMessageText("看 <https://example.com/plan|规划全文> 和 <https://example.com>", undefined)).toBe("看 规划全文 和 https://example.com");
  });

  it("gives an empty question for a bare mention", () => {
    expect(questionFromMessageText("<@U111>", "U111")).toBe("");
  });
});

describe("mentionsUser", () => {
  it("finds the mention, and nothing without a user id", () => {
    expect(mentionsUser("hi <@U111>", "U111")).toBe(true);
    expect(mentionsUser("hi <@U1112>", "U111")).toBe(false);
    expect(mentionsUser("hi <@U111>", undefined)).toBe(false);
  });
});
