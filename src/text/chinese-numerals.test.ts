import { describe, expect, it } from "vitest";
import { chineseCardinalToDigits, chineseNumeralValue, normalizeChineseYears } from "./chinese-numerals.js";

const DIGITS = "零一二三四五六七八九";

/** Reference: the way chapter ordinals are written (十七, 二十三, 一百零五). */
function ordinal(value: number): string {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let text = hundreds > 0 ? `${DIGITS[hundreds]}百` : "";
  if (tens > 0) text += tens === 1 && hundreds === 0 ? "十" : `${DIGITS[tens]}十`;
  else if (hundreds > 0 && ones > 0) text += "零";
  if (ones > 0) text += DIGITS[ones];
  return text;
}

describe("chineseNumeralValue", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十七", 17],
    ["二十三", 23],
    ["一百零五", 105],
    ["两", 2],
  ])("%s → %d", (numeral, value) => {
    expect(chineseNumeralValue(numeral)).toBe(value);
  });

  it("returns null for text that is not a numeral", () => {
    expect(chineseNumeralValue("")).toBeNull();
    expect(chineseNumeralValue("第五")).toBeNull();
    expect(chineseNumeralValue("17")).toBeNull();
  });

  it("reads every ordinal from 1 to 999", () => {
    const values = Array.from({ length: 999 }, (_, index) => index + 1);
    expect(values.map((value) => chineseNumeralValue(ordinal(value)))).toEqual(values);
    expect(ordinal(17)).toBe("十七");
    expect(ordinal(105)).toBe("一百零五");
  });
});

describe("normalizeChineseYears", () => {
  it("rewrites years written in Chinese digits, 〇 or ○", () => {
    expect(normalizeChineseYears("二〇二五年学前三年毛入园率")).toBe("2025年学前三年毛入园率");
    expect(normalizeChineseYears("二○三五年远景目标")).toBe("2035年远景目标");
    expect(normalizeChineseYears("二零二二年和二〇二三年")).toBe("2022年和2023年");
  });

  it("leaves numbers that are not followed by 年 alone", () => {
    expect(normalizeChineseYears("二〇二五规划")).toBe("二〇二五规划");
    expect(normalizeChineseYears("十四五")).toBe("十四五");
  });
});

describe("chineseCardinalToDigits", () => {
  it("turns small counts before a measure word into digits", () => {
    expect(chineseCardinalToDigits("新建两所幼儿园和三个基地")).toBe("新建2所幼儿园和3个基地");
    expect(chineseCardinalToDigits("提高十个百分点")).toBe("提高10个百分点");
  });

  it("leaves ordinals and words without a measure word alone", () => {
    expect(chineseCardinalToDigits("第十四章")).toBe("第十四章");
  });
});
