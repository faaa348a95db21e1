import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { SEED_FILE } from "../support/real-assistant.js";

const SECOND_PLAN = join(import.meta.dirname, "..", "fixtures", "second-plan.txt");
let assistant: LoadedAssistant;

beforeAll(async () => {
  const seedsDir = mkdtempSync(join(tmpdir(), "plan-seeds-"));
  copyFileSync(SEED_FILE, join(seedsDir, "liangping.txt"));
  copyFileSync(SECOND_PLAN, join(seedsDir, "yunxi.txt"));
  assistant = await createAssistant({ seedsDir, indexDir: mkdtempSync(join(tmpdir(), "plan-index-")) });
});

describe("several plans loaded", () => {
  it("answers from the plan whose district the question names", async () => {
    const yunxi = await assistant.answer("云溪县2025年学前三年毛入园率目标是多少？");
    expect(yunxi.answer).toContain("≥95");
    expect(yunxi.citations.every((citation) => citation.doc === "yunxi")).toBe(true);
    const liangping = await assistant.answer("梁平区2025年学前三年毛入园率目标是多少？");
    expect(liangping.answer).toContain("≥94.0");
    expect(liangping.citations.every((citation) => citation.doc === "liangping")).toBe(true);
  });

  it("gives each plan's figure when the question names none", async () => {
    const answer = await assistant.answer("2025年学前三年毛入园率目标是多少？");
    expect(answer.answer).toContain("梁平区");
    expect(answer.answer).toContain("云溪县");
    expect(answer.answer).toContain("≥94.0");
    expect(answer.answer).toContain("≥95");
    expect(new Set(answer.citations.map((citation) => citation.doc))).toEqual(new Set(["liangping", "yunxi"]));
  });

  it("says which plan a passage comes from when the question names none", async () => {
    const answer = await assistant.answer("集成电路产业学院是怎么回事？");
    expect(answer.found).toBe(true);
    expect(answer.answer).toMatch(/已在2份规划中查找/);
    expect(answer.citations[0]!.doc).toBe("liangping");
  });

  it("uses the named plan's projects, facts and outline", async () => {
    expect((await assistant.answer("云溪县的城北小学是新建还是改扩建？")).answer).toContain("新建");
    const teachers = await assistant.answer("云溪县每年公开招聘教师多少名？");
    expect(teachers.answer).toContain("120");
    expect(teachers.citations[0]!.doc).toBe("yunxi");
    const outline = await assistant.answer("云溪县的规划第二篇包括哪些章？");
    expect(outline.answer).toContain("第三章");
    expect(outline.citations[0]!.doc).toBe("yunxi");
  });
});
