import type { ExampleQuestions } from "../app/assistant.js";
import type { Engine } from "./engine.js";

/** Example questions generated from the plans' own content (indicators, projects, outline). */
export function buildExamples(engine: Engine): ExampleQuestions {
  const plan = engine.knowledge.plans[0]!;
  const table = plan.tables[0];
  const lastYear = table?.years[table.years.length - 1] ?? "";
  const indicatorExamples = (table?.rows ?? []).filter((row) => !row.parent).slice(0, 3).map((row, index) => (index === 1 ? `${row.name}是约束性指标吗？` : `${lastYear}年${row.name}的目标是多少？`));
  if (table) indicatorExamples.push("哪些指标是约束性的？");
  const verbOrder = ["补充", "新培养", "新建", "建成", "培养"];
  const targetFacts = engine.knowledge.facts
    .filter((fact) => fact.doc === plan.doc && fact.period === "target" && fact.location.box && verbOrder.some((verb) => fact.subject.startsWith(verb)))
    .sort((left, right) => verbOrder.findIndex((verb) => left.subject.startsWith(verb)) - verbOrder.findIndex((verb) => right.subject.startsWith(verb)))
    .slice(0, 2);
  // Buildings make the clearest project examples (新建/续建/迁建/改扩建), not titles to earn (创建).
  const projectNames = [...new Set(engine.knowledge.projects.filter((project) => project.location.doc === plan.doc && /新建|续建|迁建|改扩建/.test(project.action)).map((project) => project.name))].slice(0, 2);
  const actor = engine.knowledge.responsibilities
    .filter((responsibility) => responsibility.location.doc === plan.doc && /领导小组/.test(responsibility.actor))
    .sort((left, right) => right.actor.length - left.actor.length)[0];
  const part = plan.parts.find((candidate) => /任务/.test(candidate.title)) ?? plan.parts.find((candidate) => candidate.label);
  const sections = plan.chapters.flatMap((chapter) => chapter.sections).filter((section) => section.title.length <= 12).slice(8, 10);
  return {
    indicator: indicatorExamples,
    fact: targetFacts.map((fact) => `规划要${fact.subject}多少${fact.unit === "%" ? "" : fact.unit}？`),
    responsibility: [actor ? `${actor.actor}负责什么？` : "规划实施由谁统筹？", "谁负责规划的中期评估？"],
    project: projectNames.map((name) => `${name}是新建还是改扩建？`),
    overview: ["给新同事介绍一下这个规划", ...(part ? [`${part.label}包括哪些章？`] : []), ...(plan.boxes[0] ? [`${plan.boxes[0].label}讲的是什么？`] : [])],
    general: sections.map((section) => `${section.title.replace(/^(全面|大力|持续|深入)/, "")}有哪些举措？`),
  };
}
