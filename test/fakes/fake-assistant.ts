import type { Answer, Citation } from "../../src/answer/answer-schema.js";
import type { CrossCheckFinding, ExampleQuestions, PlanAssistant } from "../../src/app/assistant.js";
import type { Box, Chapter, Indicator, IndicatorTable, Location, Paragraph, Part, Plan, Section } from "../../src/parse/plan-types.js";

/**
 * A hand-built excerpt of the 梁平区 education plan (2 篇, 3 章, 专栏2 and two rows of the
 * indicator table, verbatim figures), and a PlanAssistant over it that answers a few questions
 * the way the real one does and records every call.
 */
export const DOC = "liangping-education-plan-2021-2025";
export const TABLE_TITLE = "梁平区教育事业发展“十四五”规划指标体系表";

const PART_2 = { label: "第二篇", title: "总体思路" };
const PART_3 = { label: "第三篇", title: "主要任务" };

function location(fields: Partial<Omit<Location, "doc" | "heading">> & { heading: string }): Location {
  return { doc: DOC, path: [], part: null, chapter: null, section: null, box: null, table: null, ...fields };
}

function paragraphs(at: Location, idPrefix: string, texts: readonly string[]): Paragraph[] {
  return texts.map((text, index) => ({ id: `${idPrefix}-${index}`, text, location: at, index }));
}

const goalsLocation = location({ part: "第二篇", chapter: "第五章", heading: "第二篇 总体思路 › 第五章 发展目标" });
const goalsChapter: Chapter = {
  label: "第五章",
  ordinal: 5,
  title: "发展目标",
  paragraphs: paragraphs(goalsLocation, "c5", [
    "到2025年，基本形成“结构优化、布局合理、发展规范、水平一流”的高质量教育体系，学生素质教育和全民受教育程度显著提升，教育治理体系进一步健全和治理能力现代化水平有新提高，基本实现教育现代化，建设渝东北三峡库区城镇群现代化教育强区，建成重庆市基础教育强区。",
  ]),
  sections: [],
  location: goalsLocation,
};

const preschoolLocation = location({ part: "第三篇", chapter: "第七章", section: "第一节", heading: "第三篇 主要任务 › 第七章 提高基础教育水平 › 第一节 普惠优质安全发展学前教育" });
const specialLocation = location({ part: "第三篇", chapter: "第七章", section: "第四节", heading: "第三篇 主要任务 › 第七章 提高基础教育水平 › 第四节 融合发展特殊教育" });
const preschoolSection: Section = {
  label: "第一节",
  ordinal: 1,
  title: "普惠优质安全发展学前教育",
  paragraphs: paragraphs(preschoolLocation, "c7s1", [
    "坚持政府主导、社会参与、公民办并举的办园体制，形成以公办幼儿园为骨干和示范，以公办园为主体，民办园为补充，公办与民办相结合的学前教育格局。积极支持探索发展普惠托育服务体系。",
  ]),
  location: preschoolLocation,
};
const specialSection: Section = {
  label: "第四节",
  ordinal: 4,
  title: "融合发展特殊教育",
  paragraphs: paragraphs(specialLocation, "c7s4", [
    "实施第三期特殊教育提升计划，把学前段特殊教育发展纳入学前教育发展计划，普通幼儿园接收残疾儿童入园，特教学校开设残疾儿童学前班或附设幼儿园。",
    "加强普特结合，推进融合教育发展，建立以普通学校随班就读为主体、以特殊教育学校为骨干、以送教上门和远程教育等为补充的特殊教育体系，全面普及残疾儿童少年接受义务教育。",
  ]),
  location: specialLocation,
};
const basicLocation = location({ part: "第三篇", chapter: "第七章", heading: "第三篇 主要任务 › 第七章 提高基础教育水平" });
const basicChapter: Chapter = { label: "第七章", ordinal: 7, title: "提高基础教育水平", paragraphs: [], sections: [preschoolSection, specialSection], location: basicLocation };

const vocationalLocation = location({ part: "第三篇", chapter: "第八章", heading: "第三篇 主要任务 › 第八章 高质量发展职业教育" });
const vocationalChapter: Chapter = {
  label: "第八章",
  ordinal: 8,
  title: "高质量发展职业教育",
  paragraphs: paragraphs(vocationalLocation, "c8", ["深化产教融合、校企合作，推动中职学校与高职院校贯通培养。"]),
  sections: [],
  location: vocationalLocation,
};

const parts: Part[] = [
  { ...PART_2, ordinal: 2, paragraphs: [], chapters: [goalsChapter], location: location({ part: "第二篇", heading: "第二篇 总体思路" }) },
  { ...PART_3, ordinal: 3, paragraphs: [], chapters: [basicChapter, vocationalChapter], location: location({ part: "第三篇", heading: "第三篇 主要任务" }) },
];

const boxLocation = location({ part: "第三篇", chapter: "第七章", box: "专栏2", heading: "专栏2 基础教育提质工程" });
const box: Box = {
  label: "专栏2",
  heading: "专栏2",
  number: 2,
  title: "基础教育提质工程",
  paragraphs: paragraphs(boxLocation, "box2", [
    "1.实施学前教育普惠优质安全发展计划，学前三年毛入园率达94﹪以上，公办幼儿园在园幼儿达60%以上，普惠性幼儿园在园幼儿占比达94.5%以上。",
  ]),
  chapter: "第七章",
  part: "第三篇",
  location: boxLocation,
};

const tableLocation = location({ part: "第二篇", chapter: "第五章", table: TABLE_TITLE, heading: `第二篇 总体思路 › 第五章 发展目标 › ${TABLE_TITLE}` });
const row = (id: string, name: string, raws: readonly [string, string, string], attribute: "预期性" | "约束性"): Indicator => ({
  id,
  doc: DOC,
  category: "学前教育",
  name,
  parent: null,
  unit: "%",
  values: (["2020", "2022", "2025"] as const).map((year, index) => {
    const raw = raws[index] as string;
    const operator = raw.startsWith("≥") ? ("≥" as const) : ("=" as const);
    return { year, raw, operator, value: Number(raw.replace("≥", "")) };
  }),
  attribute,
  quote: `${name} ${raws.join(" ")} ${attribute}`,
  location: tableLocation,
});
const table: IndicatorTable = {
  title: TABLE_TITLE,
  years: ["2020", "2022", "2025"],
  rows: [row("gross-enrolment", "学前三年毛入园率（%）", ["92", "92.8", "≥94.0"], "预期性"), row("inclusive-share", "普惠性幼儿园在园幼儿占比（%）", ["96.34", "94.3", "≥94.5"], "约束性")],
  location: tableLocation,
};

export const PLAN: Plan = {
  doc: DOC,
  metadata: {
    title: "重庆市梁平区教育事业发展“十四五”规划（2021—2025年）",
    issuer: "重庆市梁平区人民政府",
    documentNumber: "梁平府发〔2021〕17号",
    date: "2021年12月24日",
    isoDate: "2021-12-24",
    titleFromText: true,
    level: "区县",
    place: "梁平区",
    district: "梁平区",
    period: { from: 2021, to: 2025 },
  },
  preamble: [],
  outline: [],
  parts,
  chapters: [goalsChapter, basicChapter, vocationalChapter],
  boxes: [box],
  tables: [table],
  paragraphs: [...goalsChapter.paragraphs, ...preschoolSection.paragraphs, ...specialSection.paragraphs, ...vocationalChapter.paragraphs, ...box.paragraphs],
  warnings: [],
};

export const EXAMPLES: ExampleQuestions = {
  indicator: ["2025年学前三年毛入园率目标是多少？", "普惠性幼儿园在园幼儿占比的目标是多少？"],
  fact: ["“十三五”期间学前三年毛入园率达到多少？"],
  responsibility: ["特殊教育由谁负责推进？"],
  project: ["专栏2有哪些重点工程？"],
  overview: ["规划的总体目标是什么？"],
  general: ["学前教育有哪些主要任务？"],
};

export const TABLE_CITATION: Citation = {
  doc: DOC,
  part: "第二篇",
  chapter: "第五章",
  section: null,
  box: null,
  table: TABLE_TITLE,
  heading: tableLocation.heading,
  quote: "学前三年毛入园率（%） 92 92.8 ≥94.0 预期性",
};
export const BOX_CITATION: Citation = { doc: DOC, part: "第三篇", chapter: "第七章", section: null, box: "专栏2", table: null, heading: boxLocation.heading, quote: "学前三年毛入园率达94﹪以上" };
export const SPECIAL_EDUCATION_CITATION: Citation = {
  doc: DOC,
  part: "第三篇",
  chapter: "第七章",
  section: "第四节",
  box: null,
  table: null,
  heading: specialLocation.heading,
  quote: "实施第三期特殊教育提升计划，把学前段特殊教育发展纳入学前教育发展计划",
};
const GOALS_CITATION: Citation = { doc: DOC, part: "第二篇", chapter: "第五章", section: null, box: null, table: null, heading: goalsLocation.heading, quote: "到2025年，基本形成“结构优化、布局合理、发展规范、水平一流”的高质量教育体系" };

/** The canned answers of the fake, by what the question (with its history) is about. */
function cannedAnswer(question: string, history: readonly string[]): Answer {
  const context = [...history, question].join(" ");
  if (/2022/.test(question) && /毛入园率/.test(context)) {
    return { question, intent: "indicator", found: true, answer: "2022年学前三年毛入园率为92.8%（预期性）。", citations: [{ ...TABLE_CITATION }], generator: "extractive" };
  }
  if (/毛入园率/.test(question)) {
    return {
      question,
      intent: "indicator",
      found: true,
      answer: "2025年学前三年毛入园率目标为≥94.0%（预期性）。2020年为92%，2022年为92.8%。专栏2提出学前三年毛入园率达94﹪以上。",
      citations: [{ ...TABLE_CITATION }, { ...BOX_CITATION }],
      generator: "extractive",
    };
  }
  if (/特殊教育|特教/.test(question)) {
    return { question, intent: "fact", found: true, answer: "规划提出实施第三期特殊教育提升计划，推进融合教育发展，全面普及残疾儿童少年接受义务教育。", citations: [{ ...SPECIAL_EDUCATION_CITATION }], generator: "extractive" };
  }
  if (/天气|股票|电影/.test(question)) {
    return { question, intent: "out_of_scope", found: false, answer: "抱歉，这个问题不在《重庆市梁平区教育事业发展“十四五”规划（2021—2025年）》的范围内。", citations: [], generator: "extractive" };
  }
  return { question, intent: "overview", found: true, answer: "到2025年，基本形成高质量教育体系，建成重庆市基础教育强区。", citations: [{ ...GOALS_CITATION }], generator: "extractive" };
}

export interface AnswerCall {
  readonly question: string;
  readonly history: readonly string[];
}

/** A PlanAssistant that records calls, can be told to fail or to wait, and can be given other answers. */
export class FakeAssistant implements PlanAssistant {
  readonly plans: readonly Plan[] = [PLAN];
  readonly findings: readonly CrossCheckFinding[] = [];
  readonly examples: ExampleQuestions = EXAMPLES;
  readonly answerCalls: AnswerCall[] = [];
  readonly sectionTextCalls: Citation[] = [];
  private failures: Error[] = [];
  private holds: Promise<void>[] = [];
  private answerOverride: ((question: string, history: readonly string[]) => Answer) | undefined;

  /** The next answer() call throws `error`. */
  failNext(error: Error = new Error("fake assistant failure")): void {
    this.failures.push(error);
  }

  /** The next answer() call waits until the returned function is called. */
  holdNext(): () => void {
    let release = () => {};
    this.holds.push(new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  answerWith(override: (question: string, history: readonly string[]) => Answer): void {
    this.answerOverride = override;
  }

  async answer(question: string, history: readonly string[] = []): Promise<Answer> {
    this.answerCalls.push({ question, history: [...history] });
    const hold = this.holds.shift();
    if (hold) await hold;
    const failure = this.failures.shift();
    if (failure) throw failure;
    return (this.answerOverride ?? cannedAnswer)(question, history);
  }

  sectionText(citation: Citation): string | null {
    this.sectionTextCalls.push(citation);
    if (citation.doc !== DOC) return null;
    if (citation.table === TABLE_TITLE) return [TABLE_TITLE, ...table.rows.map((indicator) => indicator.quote)].join("\n");
    if (citation.box === box.label) return box.paragraphs.map((paragraph) => paragraph.text).join("\n");
    const chapter = PLAN.chapters.find((candidate) => candidate.label === citation.chapter);
    if (!chapter) return null;
    const section = chapter.sections.find((candidate) => candidate.label === citation.section);
    return (section ?? chapter).paragraphs.map((paragraph) => paragraph.text).join("\n") || null;
  }
}

export function createFakeAssistant(): FakeAssistant {
  return new FakeAssistant();
}
