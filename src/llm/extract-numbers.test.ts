import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractNumbers, numberKey, numberKeys } from "./extract-numbers.js";

const CHINESE_DIGITS = "零一二三四五六七八九";

/** Reference formatter: the standard written form of an integer below 1亿 (一千零一十, 十二万三千). */
function toChineseNumeral(value: number): string {
  if (value === 0) return "零";
  const section = (part: number, leading: boolean): string => {
    const units = ["千", "百", "十", ""];
    const digits = String(part).padStart(4, "0").split("").map(Number);
    let text = "";
    let zeroPending = false;
    digits.forEach((digit, position) => {
      if (digit === 0) {
        if (text !== "") zeroPending = true;
        return;
      }
      if (zeroPending) text += "零";
      zeroPending = false;
      text += CHINESE_DIGITS[digit]! + units[position]!;
    });
    // 一十二 → 十二 at the very start of a number.
    return leading && text.startsWith("一十") ? text.slice(1) : text;
  };
  const high = Math.floor(value / 10_000);
  const low = value % 10_000;
  if (high === 0) return section(low, true);
  let text = `${section(high, true)}万`;
  if (low === 0) return text;
  if (low < 1000) text += "零";
  return text + section(low, false);
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

const keysOf = (text: string) => [...numberKeys(text)];

describe("extractNumbers", () => {
  it.each([
    ["共84.03亿元", ["8403000000"]],
    ["约1.2万人", ["12000"]],
    ["一百二十所学校", ["120"]],
    ["两千名教师", ["2000"]],
    ["达到55%", ["55"]],
    ["达到百分之五十五", ["55"]],
    ["达到５５％", ["55"]],
    ["１２３所", ["123"]],
    ["12,000人", ["12000"]],
    ["1,234,567.5元", ["1234567.5"]],
    ["到2025年", ["2025"]],
    ["到二〇二五年", ["2025"]],
    ["到二○三五年", ["2035"]],
    ["新建两所学校", ["2"]],
    ["新建一所学校", ["1"]],
    ["三年行动计划", ["3"]],
    ["五十%", ["50"]],
    ["1.5万亿", ["1500000000000"]],
    ["3千名", ["3000"]],
    ["5千米", ["5"]],
    ["提高5个百分点", ["5"]],
    ["85，100", ["85", "100"]],
    ["从90%提高到95%", ["90", "95"]],
    ["2025—2035年", ["2025", "2035"]],
  ])("%s → %j", (text, keys) => {
    expect(keysOf(text)).toEqual(keys);
  });

  it.each([
    "进一步统一思想，建设一流学校",
    "第三章第二节",
    "第3章",
    "“十四五”时期",
    "千万不要",
    "一个机制，一批项目，一项任务",
    "有一点变化",
    "十分重要",
    "五育并举，三好学生",
    "依据[P1]和[P12]",
    "① 全面推进 ⑵ 深化改革",
    "1. 全面推进\n2、深化改革\n（一）总体要求",
    "一二年级",
  ])("finds no numbers in %s", (text) => {
    expect(keysOf(text)).toEqual([]);
  });

  it("marks percentages and keeps the matched text", () => {
    expect(extractNumbers("百分之五十五和84.03亿元")).toEqual([
      { text: "百分之五十五", value: 55, key: "55", percent: true },
      { text: "84.03亿", value: 8_403_000_000, key: "8403000000", percent: false },
    ]);
  });

  it("keeps a decimal at the start of a line (not an enumerator)", () => {
    expect(keysOf("1.5万人\n2. 其他")).toEqual(["15000"]);
  });
});

describe("extractNumbers properties", () => {
  it("reads any integer written in Arabic digits", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (value) => {
      expect(keysOf(`共${value}元`)).toEqual([String(value)]);
    }));
  });

  it("reads thousands separators and full-width digits as the same number", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (value) => {
      const key = String(value);
      expect(keysOf(`共${value.toLocaleString("en-US")}元`)).toEqual([key]);
      expect(keysOf(`共${toFullWidth(String(value))}元`)).toEqual([key]);
    }));
  });

  it("reads Chinese numerals as the same number as Arabic digits", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999 }), (value) => {
      expect(keysOf(`新建${toChineseNumeral(value)}所`)).toEqual([String(value)]);
    }));
  });

  it("reads 万 and 亿 multipliers with decimals", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 99 }), (whole, hundredths) => {
      const decimal = `${whole}.${String(hundredths).padStart(2, "0")}`;
      expect(keysOf(`${decimal}万人`)).toEqual([numberKey(Number(decimal) * 1e4)]);
      expect(keysOf(`${decimal}亿元`)).toEqual([numberKey(Number(decimal) * 1e8)]);
    }));
    expect(keysOf("1.2万")).toEqual(keysOf("12000"));
    expect(keysOf("84.03亿元")).toEqual(keysOf("8403000000元"));
  });

  it("reads 百分之 with Chinese or Arabic numerals as the same percentage", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (value) => {
      const expected = [{ key: String(value), percent: true }];
      const pick = (text: string) => extractNumbers(text).map(({ key, percent }) => ({ key, percent }));
      expect(pick(`${value}%`)).toEqual(expected);
      expect(pick(`${value}％`)).toEqual(expected);
      expect(pick(`百分之${toChineseNumeral(value)}`)).toEqual(expected);
      expect(pick(`百分之${value}`)).toEqual(expected);
    }));
  });

  it("never throws and returns finite values on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
      for (const number of extractNumbers(text)) expect(Number.isFinite(number.value)).toBe(true);
    }));
    const numeralSoup = fc.string({ unit: fc.constantFrom(..."零〇一二两三四五六七八九十百千万亿点%第所年0123456789.,，、 \n"), maxLength: 30 });
    fc.assert(fc.property(numeralSoup, (text) => {
      for (const number of extractNumbers(text)) expect(Number.isFinite(number.value)).toBe(true);
    }));
  });

  it("finds nothing in text without digits or numeral characters", () => {
    const plainText = fc.string({ unit: fc.constantFrom(..."教育发展学校课程质量的和，。、建设推进ab "), maxLength: 40 });
    fc.assert(fc.property(plainText, (text) => {
      expect(extractNumbers(text)).toEqual([]);
    }));
  });
});
