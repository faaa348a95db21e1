import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanUserText, normalizeForMatch, stripWhitespace } from "./normalize-text.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");

describe("normalizeForMatch", () => {
  it.each([
    ["full-width digits and punctuation", "２０２５年学前三年毛入园率达到９４．０％", "2025年学前三年毛入园率达到94.0%"],
    ["full-width letters, lower-cased", "ＳＴＥＡＭ教育和IPV6", "steam教育和ipv6"],
    ["a year in Chinese digits with 〇", "二〇二五年学前三年毛入园率", "2025年学前三年毛入园率"],
    ["a year in Chinese digits with ○, as the plan writes it", "二○三五年远景目标纲要", "2035年远景目标纲要"],
    ["traditional characters", "學前三年毛入園率", "学前三年毛入园率"],
    ["traditional characters and full-width digits together", "九年義務教育鞏固率達到９５．７％", "九年义务教育巩固率达到95.7%"],
    ["the small-form percent sign of 专栏2", "毛入园率达94﹪以上", "毛入园率达94%以上"],
    ["curly quotes", "“双师型”教师", '"双师型"教师'],
    ["control and zero-width characters", "学前\u0007三年\u200b毛入园率\ufeff", "学前三年毛入园率"],
  ])("%s", (_, input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });

  it("leaves numerals that are not years alone", () => {
    expect(normalizeForMatch("第十四章 二十个")).toBe("第十四章 二十个");
    expect(normalizeForMatch("二〇二五")).toBe("二〇二五");
  });

  it("keeps every Chinese character of the simplified plan text (only years change)", () => {
    const chinese = (text: string) => (text.match(/[\u4e00-\u9fff]/g) ?? []).join("");
    const lines = seedText.split("\n").filter((line) => /[\u4e00-\u9fff]/.test(line));
    expect(lines.length).toBeGreaterThan(200);
    for (const line of lines) {
      const withoutChineseYears = line.replace(/[一二][○〇零一二三四五六七八九]{3}(?=年)/g, "");
      expect(chinese(normalizeForMatch(line)), line).toBe(chinese(withoutChineseYears));
    }
  });

  it("is idempotent on plan-like text", () => {
    const planCharacters = [...new Set(seedText.replace(/\s/g, ""))];
    const unit = fc.constantFrom(...planCharacters, "學", "園", "義", "鞏", "達", "２", "０", "Ａ", "〇", "\u200b", " ");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        const once = normalizeForMatch(text);
        expect(normalizeForMatch(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cleanUserText", () => {
  it("strips control characters and collapses whitespace but keeps what the user typed", () => {
    expect(cleanUserText("  學前三年\t毛入園率\n\u0000是多少？  ")).toBe("學前三年 毛入園率 是多少？");
    expect(cleanUserText("２０２５年")).toBe("２０２５年");
  });
});

describe("stripWhitespace", () => {
  it("removes all whitespace, full-width spaces included", () => {
    expect(stripWhitespace("第一篇  发展环境\n\t专栏\u30001")).toBe("第一篇发展环境专栏1");
  });
});
