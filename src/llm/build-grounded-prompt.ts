import type { Citation } from "../answer/answer-schema.js";
import type { Prompts } from "./load-prompts.js";
import { renderTemplate } from "./render-template.js";

/** A retrieved passage as the answer pipeline hands it over. */
export interface SourcePassage {
  readonly id: string;
  readonly text: string;
  readonly citation: Citation;
}

/** A passage as the model saw it: its label ([P1]) and the block of text shown, possibly shortened. */
export interface PromptPassage {
  /** "P1", "P2", … in the order shown. */
  readonly label: string;
  readonly source: SourcePassage;
  /** The exact block the model saw (label line, source heading and text). */
  readonly shown: string;
}

export interface GroundedPrompt {
  readonly system: string;
  readonly user: string;
  readonly passages: readonly PromptPassage[];
}

export interface GroundedPromptInput {
  readonly question: string;
  readonly passages: readonly SourcePassage[];
  readonly lookups: readonly string[];
  /** Figures the answer must keep (indicator/fact questions), as written in the extractive answer. */
  readonly requiredFigures: readonly string[];
}

const NONE = "（无）";
const ELLIPSIS = "……";
/** Below this many characters of budget a further passage would be a fragment; stop instead. */
const MIN_PASSAGE_CHARACTERS = 40;

function sourceLabel(citation: Citation): string {
  const parts = [citation.chapter, citation.section, citation.box, citation.table].filter((part): part is string => Boolean(part));
  const heading = citation.heading.trim();
  if (heading !== "" && !parts.includes(heading)) parts.push(heading);
  return parts.length > 0 ? parts.join(" > ") : citation.doc;
}

/**
 * Numbers the passages [P1]…, keeps them within `maxPassageCharacters` of passage text in
 * total (the first passage is always shown, shortened if need be), and fills the answer template.
 */
export function buildGroundedPrompt(input: GroundedPromptInput, prompts: Prompts, maxPassageCharacters: number): GroundedPrompt {
  const passages: PromptPassage[] = [];
  const seen = new Set<string>();
  let remaining = maxPassageCharacters;
  for (const source of input.passages) {
    if (seen.has(source.id)) continue;
    const text = source.text.trim();
    if (text === "") continue;
    if (passages.length > 0 && remaining < MIN_PASSAGE_CHARACTERS) break;
    const shownText = text.length <= remaining ? text : `${text.slice(0, Math.max(remaining - ELLIPSIS.length, 1))}${ELLIPSIS}`;
    seen.add(source.id);
    const label = `P${passages.length + 1}`;
    passages.push({ label, source, shown: `[${label}]（出处：${sourceLabel(source.citation)}）\n${shownText}` });
    remaining -= shownText.length;
    if (shownText.length < text.length) break;
  }
  const lookups = input.lookups.map((lookup) => lookup.trim()).filter((lookup) => lookup !== "");
  const user = renderTemplate(prompts.answerTemplate, {
    question: input.question.trim(),
    passages: passages.length > 0 ? passages.map((passage) => passage.shown).join("\n\n") : NONE,
    lookups: lookups.length > 0 ? lookups.map((lookup) => `- ${lookup}`).join("\n") : NONE,
    required_figures: input.requiredFigures.length > 0 ? input.requiredFigures.join("、") : NONE,
  });
  return { system: prompts.system, user, passages };
}
