import type { ProjectMention } from "../extract/extract-projects.js";
import type { AnswerDraft } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf, locationLabel, uniqueCitations } from "./citation.js";
import type { Knowledge } from "./knowledge.js";

type Draft = AnswerDraft;

/** Project names the question mentions, longest first (都梁中学 before 中学). */
export function mentionedProjects(analysis: QuestionAnalysis, knowledge: Knowledge, docs: ReadonlySet<string>): string[] {
  const names = [...new Set(knowledge.projects.filter((project) => docs.has(project.location.doc)).map((project) => project.name))];
  return names.filter((name) => analysis.text.includes(name)).sort((left, right) => right.length - left.length).filter((name, index, all) => !all.slice(0, index).some((longer) => longer.includes(name)));
}

/** Kinds of building work a project list is sorted by. */
export const ACTION_WORDS = ["改扩建", "新建", "续建", "迁建", "建成", "创建", "升级改造", "扩建", "改建"] as const;

function describeMentions(name: string, mentions: readonly ProjectMention[]): string {
  const byPlace = mentions.map((mention) => `${locationLabel(mention.location)}${mention.area ? `（${mention.area}）` : ""}列为“${mention.action}”`);
  return `${name}：${byPlace.join("；")}。`;
}

/**
 * Answers what the plan does with a named project (新建/续建/迁建/改扩建/建成/创建), citing every
 * place that names it, or lists the projects of an action (要新建哪些学校).
 */
export function answerProject(analysis: QuestionAnalysis, knowledge: Knowledge, docs: ReadonlySet<string>): Draft | null {
  const projects = knowledge.projects.filter((project) => docs.has(project.location.doc));
  const names = mentionedProjects(analysis, knowledge, docs);
  if (names.length > 0) {
    const parts: string[] = [];
    const citations = [];
    for (const name of names.slice(0, 3)) {
      // The 专栏 is the plan's project list: cite it first, the chapters' mentions after.
      const mentions = projects.filter((project) => project.name === name).sort((left, right) => Number(Boolean(right.location.box)) - Number(Boolean(left.location.box)));
      parts.push(describeMentions(name, mentions));
      for (const mention of mentions) citations.push(citationOf(mention.location, mention.sentence));
    }
    const asked = ACTION_WORDS.filter((action) => analysis.text.includes(action));
    const first = projects.filter((project) => project.name === names[0]).sort((left, right) => Number(Boolean(right.location.box)) - Number(Boolean(left.location.box)))[0];
    const verdict = asked.length >= 2 && first ? `是${first.action}项目。` : "";
    const sentence = citations[0]?.quote ?? "";
    const excerpt = sentence.length <= 160 ? `原文：“${sentence}”` : "";
    return { intent: "project", found: true, answer: `${verdict}${parts.join("")}${excerpt}`.slice(0, 480), citations: uniqueCitations(citations) };
  }
  const action = ACTION_WORDS.find((word) => analysis.text.includes(word));
  if (action && analysis.aspects.list) {
    const selected = projects
      .filter((project) => project.action === action && !/^(市级|区级|全国)/.test(project.name))
      .sort((left, right) => Number(Boolean(right.location.box)) - Number(Boolean(left.location.box)));
    if (selected.length === 0) return null;
    const unique = [...new Set(selected.map((project) => project.name))];
    return {
      intent: "project",
      found: true,
      answer: `规划列出的${action}项目有：${unique.join("、")}。`.slice(0, 480),
      citations: uniqueCitations(selected.map((project) => citationOf(project.location, project.sentence))).slice(0, 6),
    };
  }
  return null;
}
