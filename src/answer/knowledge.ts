import type { CrossCheckFinding } from "../app/assistant.js";
import { crossCheck } from "../extract/cross-check.js";
import { extractActors, type Responsibility } from "../extract/extract-actors.js";
import { extractAssignments, type Assignment } from "../extract/extract-assignments.js";
import { extractFacts, type Fact } from "../extract/extract-facts.js";
import { extractProjects, type ProjectMention } from "../extract/extract-projects.js";
import type { Indicator, Plan } from "../parse/plan-types.js";
import { SYNONYMS } from "../retrieve/synonyms.js";

/** Everything the deterministic lookups use, derived from the parsed plans at start-up. */
export interface Knowledge {
  readonly plans: readonly Plan[];
  readonly indicators: readonly Indicator[];
  readonly facts: readonly Fact[];
  readonly projects: readonly ProjectMention[];
  readonly responsibilities: readonly Responsibility[];
  /** Unit lists attached to tasks ("（A、B牵头，C配合）"), by paragraph id. */
  readonly assignments: ReadonlyMap<string, readonly Assignment[]>;
  readonly findings: readonly CrossCheckFinding[];
}

export function buildKnowledge(plans: readonly Plan[]): Knowledge {
  const facts = plans.flatMap(extractFacts);
  return {
    plans,
    indicators: plans.flatMap((plan) => plan.tables.flatMap((table) => table.rows)),
    facts,
    projects: plans.flatMap(extractProjects),
    responsibilities: plans.flatMap(extractActors),
    assignments: groupByParagraph(plans.flatMap(extractAssignments)),
    findings: plans.flatMap((plan) => crossCheck(plan, facts.filter((fact) => fact.doc === plan.doc))),
  };
}

function groupByParagraph(assignments: readonly Assignment[]): Map<string, Assignment[]> {
  const byParagraph = new Map<string, Assignment[]>();
  for (const assignment of assignments) byParagraph.set(assignment.paragraphId, [...(byParagraph.get(assignment.paragraphId) ?? []), assignment]);
  return byParagraph;
}

/**
 * Domain words the segmenter keeps whole: indicator, project and organisation names, terms the
 * plan puts in quotes (县管校聘, 双减, 领雁工程) and the plan-side terms of the synonym map.
 */
export function userDictionaryWords(knowledge: Knowledge): string[] {
  // Start-up asks twice (the segmenter's dictionary, the typo index): computed once per knowledge.
  const cached = dictionaryWordsCache.get(knowledge);
  if (cached) return [...cached];
  const words = new Set<string>();
  for (const indicator of knowledge.indicators) {
    words.add(indicator.name);
    words.add(indicator.category);
  }
  for (const project of knowledge.projects) {
    words.add(project.name);
    // The proper name inside (都梁 of 都梁幼儿园, 双桂 of 双桂初中) is how people say it: "都梁那边要建哪几所".
    const stem = INSTITUTION_SUFFIX.exec(project.name);
    if (stem && stem.index >= 2 && stem.index <= 4) words.add(project.name.slice(0, stem.index));
  }
  for (const list of knowledge.assignments.values()) for (const assignment of list) for (const body of assignment.bodies) if (!/^各/.test(body.name)) words.add(body.name);
  for (const responsibility of knowledge.responsibilities) if (!/[、（]/.test(responsibility.actor)) words.add(responsibility.actor);
  for (const plan of knowledge.plans) {
    if (plan.metadata.district) words.add(plan.metadata.district);
    for (const paragraph of plan.paragraphs) {
      for (const match of paragraph.text.matchAll(/[“"]([\u4e00-\u9fa5]{2,8})[”"]/g)) words.add(match[1]!);
    }
  }
  // Plan terms of the synonym map stay whole; the everyday words are left to jieba's dictionary.
  for (const terms of Object.values(SYNONYMS)) for (const term of terms) words.add(term);
  // Long names (财政性教育经费占一般公共预算支出的比例) would become one opaque token: keep terms short.
  const result = [...words].filter((word) => word.length >= 2 && word.length <= 8).sort();
  dictionaryWordsCache.set(knowledge, result);
  return [...result];
}

/** The generic kind at the end of a project's name (幼儿园, 小学, 实训基地…), after its proper name. */
const INSTITUTION_SUFFIX = /(幼儿园|小学|中学|初中|高中|学校|学院|大学|职教中心|中心|基地|新区|园区)$/;

const dictionaryWordsCache = new WeakMap<Knowledge, readonly string[]>();
