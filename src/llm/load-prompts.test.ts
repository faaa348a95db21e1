import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PlanAssistantError } from "../errors.js";
import { loadPrompts, parsePrompts, PROMPT_FILES } from "./load-prompts.js";
import { renderTemplate, templatePlaceholders } from "./render-template.js";

const PROMPTS_DIRECTORY = new URL("../../prompts/", import.meta.url).pathname;
const GOOD_TEMPLATE = "问题：{{question}}\n段落：{{passages}}\n查询：{{lookups}}\n数字：{{required_figures}}";

const temporaryDirectories: string[] = [];
afterEach(async () => {
  await Promise.all(temporaryDirectories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function promptsDirectory(files: Partial<Record<keyof typeof PROMPT_FILES, string>>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "prompts-"));
  temporaryDirectories.push(directory);
  for (const [key, text] of Object.entries(files)) await writeFile(join(directory, PROMPT_FILES[key as keyof typeof PROMPT_FILES]), text, "utf8");
  return directory;
}

function promptError(run: () => unknown): PlanAssistantError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanAssistantError);
    expect((error as PlanAssistantError).code).toBe("PROMPT_INVALID");
    return error as PlanAssistantError;
  }
  throw new Error("expected PROMPT_INVALID");
}

describe("loadPrompts", () => {
  it("loads the shipped Chinese prompts, without the maintainers' comments", async () => {
    const prompts = await loadPrompts(PROMPTS_DIRECTORY);
    expect(prompts.system).toContain("规划助手");
    expect(prompts.system).not.toContain("<!--");
    expect(prompts.answerTemplate).not.toContain("<!--");
    expect(templatePlaceholders(prompts.answerTemplate).sort()).toEqual(["lookups", "passages", "question", "required_figures"]);
    expect(Object.isFrozen(prompts)).toBe(true);
  });

  it("reads from the directory it is given", async () => {
    const directory = await promptsDirectory({ system: "只依据材料回答。", answerTemplate: GOOD_TEMPLATE });
    await expect(loadPrompts(directory)).resolves.toEqual({ system: "只依据材料回答。", answerTemplate: GOOD_TEMPLATE });
  });

  it("reports a missing file with the path and a fix", async () => {
    const directory = await promptsDirectory({ system: "只依据材料回答。" });
    await expect(loadPrompts(directory)).rejects.toMatchObject({ code: "PROMPT_INVALID", message: expect.stringContaining(PROMPT_FILES.answerTemplate) });
  });

  it("rejects an empty system prompt (comments alone count as empty)", () => {
    const error = promptError(() => parsePrompts({ system: "<!-- 说明 -->\n  ", answerTemplate: GOOD_TEMPLATE }));
    expect(error.message).toContain("system.zh.md is empty");
  });

  it("names missing and misspelt placeholders", () => {
    const error = promptError(() => parsePrompts({ system: "规则", answerTemplate: "{{qestion}} {{passages}} {{lookups}}" }));
    expect(error.message).toContain("lacks {{question}}, {{required_figures}}");
    expect(error.message).toContain("unknown placeholders {{qestion}}");
  });

  it("rejects placeholders in the system prompt", () => {
    const error = promptError(() => parsePrompts({ system: "问题是 {{question}}", answerTemplate: GOOD_TEMPLATE }));
    expect(error.message).toContain("placeholders");
  });
});

describe("renderTemplate", () => {
  it("fills every placeholder once, without expanding inserted text", () => {
    const text = renderTemplate(GOOD_TEMPLATE, { question: "问{{lookups}}", passages: "[P1] 段落", lookups: "查询", required_figures: "（无）" });
    expect(text).toBe("问题：问{{lookups}}\n段落：[P1] 段落\n查询：查询\n数字：（无）");
  });
});
