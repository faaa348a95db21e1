import type { GeneratedDocument } from "./generate-corpus.js";

/** A question that names a district; the answer must cite that district's document and state its figure. */
export interface DistrictQuestion {
  readonly id: string;
  readonly doc: string;
  readonly district: string;
  readonly question: string;
  /** The figure as it reads in that document (the seed's figure, altered). */
  readonly expected: string;
}

// Question templates over figures of the seed: the indicator table, 专栏6/专栏7 and 第一章's school counts.
const TEMPLATES: readonly { readonly key: string; readonly question: (district: string) => string; readonly seedFigure: string }[] = [
  { key: "preschool", question: (district) => `${district}2025年学前三年毛入园率目标是多少？`, seedFigure: "94.0" },
  { key: "retention", question: (district) => `${district}九年义务教育巩固率2025年要达到多少？`, seedFigure: "96.1" },
  { key: "teachers", question: (district) => `${district}十四五要补充多少新教师？`, seedFigure: "600" },
  { key: "smart-campus", question: (district) => `${district}要建成几所智慧校园建设示范学校？`, seedFigure: "16" },
  { key: "primary-schools", question: (district) => `${district}有多少所小学？`, seedFigure: "71" },
];

/** Questions naming each document's district, with the figure each document states. */
export function districtQuestions(documents: readonly GeneratedDocument[]): DistrictQuestion[] {
  return documents.flatMap((document) =>
    TEMPLATES.map((template) => {
      const expected = document.figures.get(template.seedFigure);
      if (expected === undefined) throw new Error(`${document.doc}: figure ${template.seedFigure} not found in the seed`);
      return { id: `${document.doc}:${template.key}`, doc: document.doc, district: document.district, question: template.question(document.district), expected };
    }),
  );
}

/** The answer cites the question's document first and states that document's figure. */
export function citesRightDocument(question: DistrictQuestion, answer: { readonly answer: string; readonly citations: readonly { readonly doc: string }[] }): boolean {
  return answer.citations[0]?.doc === question.doc && answer.answer.includes(question.expected);
}
