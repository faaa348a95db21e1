import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer-schema.js";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { realAssistant, SEED_FILE } from "../support/real-assistant.js";
import { seedVariants, singleSection } from "../support/seed-variants.js";

interface EvalItem {
  readonly id: string;
  readonly question: string;
  readonly history?: readonly string[];
  readonly must?: readonly string[];
  readonly found?: boolean;
}

const seed = readFileSync(SEED_FILE, "utf8");
const items: EvalItem[] = readFileSync(new URL("../fixtures/eval/public.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalItem);

async function assistantOver(name: string, text: string): Promise<LoadedAssistant> {
  const root = mkdtempSync(join(tmpdir(), `variant-${name}-`));
  mkdirSync(join(root, "seeds"));
  writeFileSync(join(root, "seeds", "liangping-education-plan-2021-2025.txt"), text);
  return createAssistant({ seedsDir: join(root, "seeds"), indexDir: join(root, "index") });
}

/** What must not change with the layout: the scope, the figures and key words asked for, and where (by title) it is cited. */
function invariant(answer: Answer, item: EvalItem) {
  return {
    found: answer.found,
    must: (item.must ?? []).filter((word) => answer.answer.includes(word)),
    citedTitle: answer.citations[0]?.path?.at(-1)?.title ?? null,
  };
}

describe("the seed re-laid-out as real files arrive answers as the clean seed does", () => {
  for (const variant of seedVariants(seed)) {
    it(`${variant.name}: every public question gets the same scope, figures and cited unit`, async () => {
      const clean = await realAssistant();
      const changed = await assistantOver(variant.name, variant.text);
      // Labels change with the layout: a question naming 第X章 or expecting one is asked of the seed's layout only.
      const asked = variant.name === "enumerated" ? items.filter((item) => !/第[一二三四五六七八九十]+[篇章节]/.test([item.question, ...(item.must ?? [])].join(""))) : items;
      for (const item of asked) {
        const expected = invariant(await clean.answer(item.question, item.history ?? []), item);
        const actual = invariant(await changed.answer(item.question, item.history ?? []), item);
        expect(actual, `${variant.name} ${item.id} ${item.question}`).toEqual(expected);
        expect(actual.must, item.id).toEqual(item.must ?? []);
      }
    }, 60_000);
  }

  it("paginated: the indicator table keeps its 15 rows and its 3 约束性 indicators; 2025 targets stay targets", async () => {
    const paginated = await assistantOver("paginated-rows", seedVariants(seed).find((variant) => variant.name === "paginated")!.text);
    expect(paginated.plans[0]!.tables[0]!.rows).toHaveLength(15);
    const constrained = await paginated.answer("哪些指标是约束性的");
    expect(constrained.answer).toContain("共3项");
    const target = await paginated.answer("2025年九年义务教育巩固率要达到多少？");
    expect(target.answer).toContain("96.1");
    expect(target.citations[0]?.table).toContain("指标体系表");
  }, 60_000);

  it("full-width digits: the 2025 column and the 文号 are read", async () => {
    const fullWidth = await assistantOver("full-width-meta", seedVariants(seed).find((variant) => variant.name === "full-width")!.text);
    expect((await fullWidth.answer("2025年学前三年毛入园率目标是多少？")).answer).toContain("94.0");
    expect((await fullWidth.answer("文号是什么？")).answer).toContain("梁平府发〔2021〕17号");
  }, 60_000);

  it("enumerated headings: quotes hold no heading text and cite the document's own labels", async () => {
    const enumerated = await assistantOver("enumerated-labels", seedVariants(seed).find((variant) => variant.name === "enumerated")!.text);
    const answer = await enumerated.answer("规划实施由谁统筹研究部署？");
    expect(answer.answer).toContain("领导小组");
    expect(answer.citations[0]).toMatchObject({ part: null, chapter: "四、", section: "（三）" });
    expect(answer.citations[0]!.path?.map((step) => step.title)).toEqual(["保障措施", "构建规划落实机制", "构建完善规划落实保障机制"]);
    for (const citation of answer.citations) expect(citation.quote).not.toMatch(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+\./);
  }, 60_000);

  it("a plan with a single 节 answers a question its only 节 answers", async () => {
    const single = await assistantOver("single", singleSection(seed));
    const answer = await single.answer("规划实施由谁统筹研究部署？");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("领导小组");
    expect(answer.citations[0]).toMatchObject({ chapter: "第一章", section: "第一节" });
  }, 60_000);
});
