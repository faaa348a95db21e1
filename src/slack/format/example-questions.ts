import type { ExampleQuestions } from "../../app/assistant.js";

/** The kinds of example questions, in the order they are shown, with their Chinese names. */
export const EXAMPLE_KINDS: readonly { readonly kind: keyof ExampleQuestions; readonly label: string }[] = [
  { kind: "indicator", label: "指标数值" },
  { kind: "fact", label: "事实" },
  { kind: "responsibility", label: "职责分工" },
  { kind: "project", label: "重点项目" },
  { kind: "overview", label: "总体概览" },
  { kind: "general", label: "综合" },
];

/** Up to `count` example questions, taking one of each kind in turn so every kind is represented. */
export function pickExamples(examples: ExampleQuestions, count: number): string[] {
  const picked: string[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    let tookAny = false;
    for (const { kind } of EXAMPLE_KINDS) {
      const question = examples[kind][round];
      if (question === undefined) continue;
      tookAny = true;
      if (!picked.includes(question)) picked.push(question);
      if (picked.length === count) break;
    }
    if (!tookAny) break;
  }
  return picked;
}
