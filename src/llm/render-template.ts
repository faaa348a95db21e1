/** Placeholders the answer template must contain, each exactly as `{{name}}`. */
export const ANSWER_TEMPLATE_PLACEHOLDERS = ["question", "passages", "lookups", "required_figures"] as const;
export type AnswerTemplatePlaceholder = (typeof ANSWER_TEMPLATE_PLACEHOLDERS)[number];

/** Matches `{{name}}` with optional inner spaces. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Names of the placeholders used in a template, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]!))];
}

/**
 * Fills `{{name}}` placeholders in one pass, so text inserted for one placeholder (a passage
 * that happens to contain "{{question}}") is never expanded again.
 */
export function renderTemplate(template: string, values: Readonly<Record<AnswerTemplatePlaceholder, string>>): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as AnswerTemplatePlaceholder] : whole));
}
