import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapedWeight } from "./format/mrkdwn.js";
import { splitText, truncateText } from "./split-text.js";

const PLAN_TEXT =
  "坚持政府主导、社会参与、公民办并举的办园体制，形成以公办幼儿园为骨干和示范的学前教育格局。积极支持探索发展普惠托育服务体系！实施第四期学前教育行动计划？进一步完善幼儿园布局规划；逐步实现就近入园入托。";

describe("splitText", () => {
  it("cuts Chinese text only after sentence ends when sentences fit", () => {
    const pieces = splitText(PLAN_TEXT, { maxLength: 60 });
    expect(pieces.join("")).toBe(PLAN_TEXT);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(60);
      expect(piece).toMatch(/[。！？；]$/);
    }
    expect(pieces[0]).toBe("坚持政府主导、社会参与、公民办并举的办园体制，形成以公办幼儿园为骨干和示范的学前教育格局。");
  });

  it("packs several sentences into one piece when they fit", () => {
    expect(splitText("甲。乙。丙。", { maxLength: 4 })).toEqual(["甲。乙。", "丙。"]);
  });

  it("keeps a closing quote with its sentence", () => {
    expect(splitText("创成“国家学前教育普及普惠县。”下一句。", { maxLength: 16 })).toEqual(["创成“国家学前教育普及普惠县。”", "下一句。"]);
  });

  it("falls back to commas, then to hard cuts, for a sentence that is too long", () => {
    const pieces = splitText("一二三四五，六七八九十，甲乙丙丁戊己庚辛壬癸。", { maxLength: 6 });
    expect(pieces.slice(0, 2)).toEqual(["一二三四五，", "六七八九十，"]);
    expect(pieces.join("")).toBe("一二三四五，六七八九十，甲乙丙丁戊己庚辛壬癸。");
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(6);
  });

  it("never cuts a surrogate pair", () => {
    const pieces = splitText("𠀀𠀁𠀂𠀃", { maxLength: 3 });
    expect(pieces).toEqual(["𠀀", "𠀁", "𠀂", "𠀃"]);
  });

  it("measures with the weight function (escaped length)", () => {
    const pieces = splitText("a&b&c", { maxLength: 6, weight: escapedWeight });
    expect(pieces).toEqual(["a&", "b&", "c"]);
  });

  it("returns no piece for empty text and rejects a limit below one character", () => {
    expect(splitText("", { maxLength: 10 })).toEqual([]);
    expect(() => splitText("&", { maxLength: 4, weight: escapedWeight })).toThrow(RangeError);
  });

  it("always gives back the text, in pieces within the limit (property)", () => {
    const alphabet = fc.constantFrom(..."教育规划学前。！？；，、“”（）\n ab&<>𠀀");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), fc.integer({ min: 5, max: 50 }), (characters, maxLength) => {
        const text = characters.join("");
        const pieces = splitText(text, { maxLength, weight: escapedWeight });
        expect(pieces.join("")).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(Array.from(piece).reduce((sum, character) => sum + escapedWeight(character), 0)).toBeLessThanOrEqual(maxLength);
        }
      }),
    );
  });
});

describe("truncateText", () => {
  it("leaves short text alone", () => {
    expect(truncateText("短句。", 10)).toBe("短句。");
  });

  it("cuts at a sentence end and marks the cut", () => {
    expect(truncateText("第一句话比较长一些。第二句。第三句。", 16)).toBe("第一句话比较长一些。第二句。…");
  });

  it("cuts inside a sentence when no sentence end is near", () => {
    const cut = truncateText("一二三四五六七八九十一二三四五六七八九十", 8);
    expect(cut).toBe("一二三四五六七…");
  });
});
