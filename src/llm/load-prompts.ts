import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { PlanAssistantError } from "../errors.js";
import { ANSWER_TEMPLATE_PLACEHOLDERS, templatePlaceholders } from "./render-template.js";

/** The prompt files, by name inside the prompts directory. */
export const PROMPT_FILES = { system: "system.zh.md", answerTemplate: "answer-template.zh.md" } as const;

/** Validated prompt texts, with maintainers' HTML comments removed. */
export interface Prompts {
  /** The system message. */
  readonly system: string;
  /** The user message template with `{{question}}`, `{{passages}}`, `{{lookups}}`, `{{required_figures}}`. */
  readonly answerTemplate: string;
}

const required = ANSWER_TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(", ");

const promptsSchema = z.object({
  system: z
    .string()
    .min(1, `${PROMPT_FILES.system} is empty: write the system prompt in it`)
    .refine((text) => templatePlaceholders(text).length === 0, `${PROMPT_FILES.system} contains {{...}} placeholders: they are only filled in ${PROMPT_FILES.answerTemplate}; remove them`),
  answerTemplate: z
    .string()
    .min(1, `${PROMPT_FILES.answerTemplate} is empty: write the answer template with ${required}`)
    .superRefine((text, context) => {
      const used = templatePlaceholders(text);
      const missing = ANSWER_TEMPLATE_PLACEHOLDERS.filter((name) => !used.includes(name));
      const unknown = used.filter((name) => !(ANSWER_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
      if (missing.length > 0) context.addIssue({ code: "custom", message: `${PROMPT_FILES.answerTemplate} lacks ${missing.map((name) => `{{${name}}}`).join(", ")}: add it where the model should see it` });
      if (unknown.length > 0) context.addIssue({ code: "custom", message: `${PROMPT_FILES.answerTemplate} has unknown placeholders ${unknown.map((name) => `{{${name}}}`).join(", ")}: use only ${required}` });
    }),
});

/** Drops `<!-- ... -->` notes for maintainers and trims. */
function stripComments(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/<!--[\s\S]*?-->/g, "").trim();
}

/**
 * Validates prompt texts as read from the files (comments are removed first).
 * @throws PlanAssistantError PROMPT_INVALID naming each problem and how to fix it.
 */
export function parsePrompts(files: { readonly system: string; readonly answerTemplate: string }, directory = "prompts"): Prompts {
  const parsed = promptsSchema.safeParse({ system: stripComments(files.system), answerTemplate: stripComments(files.answerTemplate) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join("; ");
    throw new PlanAssistantError("PROMPT_INVALID", `Invalid prompts in ${directory}/: ${problems}.`);
  }
  return Object.freeze(parsed.data);
}

/**
 * Reads and validates `system.zh.md` and `answer-template.zh.md` from `directory`.
 * @throws PlanAssistantError PROMPT_INVALID when a file is missing, unreadable or invalid.
 */
export async function loadPrompts(directory: string, readText: (path: string) => Promise<string> = (path) => readFile(path, "utf8")): Promise<Prompts> {
  const read = async (name: string) => {
    const path = join(directory, name);
    try {
      return await readText(path);
    } catch (error) {
      throw new PlanAssistantError("PROMPT_INVALID", `Cannot read prompt file ${path}: restore it from git or point the prompts directory at a folder holding ${PROMPT_FILES.system} and ${PROMPT_FILES.answerTemplate}.`, { cause: error });
    }
  };
  const [system, answerTemplate] = await Promise.all([read(PROMPT_FILES.system), read(PROMPT_FILES.answerTemplate)]);
  return parsePrompts({ system, answerTemplate }, directory);
}
