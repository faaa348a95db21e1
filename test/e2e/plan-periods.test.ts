import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { SEED_FILE } from "../support/real-assistant.js";

const NEXT_PLAN = new URL("../fixtures/periods/liangping-education-plan-2026-2030.txt", import.meta.url).pathname;
const CURRENT = "liangping-education-plan-2021-2025";
const NEXT = "liangping-education-plan-2026-2030";

// The 十四五 seed and a 十五五 plan of the same district, loaded together in late 2026.
let assistant: LoadedAssistant;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "periods-"));
  mkdirSync(join(root, "seeds"));
  copyFileSync(SEED_FILE, join(root, "seeds", `${CURRENT}.txt`));
  copyFileSync(NEXT_PLAN, join(root, "seeds", `${NEXT}.txt`));
  assistant = await createAssistant({ seedsDir: join(root, "seeds"), indexDir: join(root, "index"), now: () => new Date("2026-11-30T00:00:00Z") });
}, 60_000);

describe("two plans of one district for two periods", () => {
  it("tells the plans apart by period", () => {
    expect(assistant.plans.map((plan) => plan.metadata.period)).toEqual([{ from: 2021, to: 2025 }, { from: 2026, to: 2030 }]);
  });

  it("answers a question naming a period (十四五, 十五五) or a year inside one from that plan", async () => {
    const fourteenth = await assistant.answer("十四五学前三年毛入园率目标是多少？");
    expect(fourteenth.answer).toContain("94.0");
    expect(fourteenth.citations.map((citation) => citation.doc)).toEqual([CURRENT]);
    const fifteenth = await assistant.answer("十五五学前三年毛入园率目标是多少？");
    expect(fifteenth.answer).toContain("96.0");
    expect(fifteenth.citations.map((citation) => citation.doc)).toEqual([NEXT]);
    const year2030 = await assistant.answer("2030年九年义务教育巩固率要达到多少？");
    expect(year2030.answer).toContain("97.0");
    expect(year2030.citations[0]).toMatchObject({ doc: NEXT, table: "梁平区教育事业发展“十五五”规划指标体系表" });
    const year2022 = await assistant.answer("2022年高中阶段毛入学率目标");
    expect(year2022.answer).toContain("98.6");
    expect(year2022.citations[0]!.doc).toBe(CURRENT);
  });

  it("answers a question naming no period from the current period's plan, and says which plan it used", async () => {
    const answer = await assistant.answer("学前三年毛入园率目标是多少？");
    expect(answer.answer).toContain("≥96.0%");
    expect(answer.answer).toContain("依据当前规划期的《重庆市梁平区教育事业发展“十五五”规划（2026—2030年）》");
    expect(answer.citations.every((citation) => citation.doc === NEXT)).toBe(true);
  });

  it("compares the periods' targets from both plans, with both citations and the computed change", async () => {
    const answer = await assistant.answer("十五五的学前三年毛入园率目标比十四五提高了多少？");
    expect(answer.answer).toContain("≥94.0%");
    expect(answer.answer).toContain("≥96.0%");
    expect(answer.answer).toContain("提高2个百分点（按两份规划所列目标值计算）");
    expect(answer.citations.map((citation) => citation.doc)).toEqual([CURRENT, NEXT]);
    for (const citation of answer.citations) expect(citation.table).toContain("指标体系表");
    const consolidation = await assistant.answer("十五五和十四五的九年义务教育巩固率目标各是多少");
    expect(consolidation.answer).toContain("96.1");
    expect(consolidation.answer).toContain("97.0");
    expect(consolidation.answer).toContain("提高0.9个百分点");
  });

  it("compares stated figures of both periods when no indicator fits", async () => {
    const answer = await assistant.answer("十五五和十四五分别要补充多少新教师？");
    expect(answer.answer).toContain("1000名");
    expect(answer.answer).toContain("600名");
    expect(new Set(answer.citations.map((citation) => citation.doc))).toEqual(new Set([CURRENT, NEXT]));
  });
});
