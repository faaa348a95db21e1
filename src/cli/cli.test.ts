import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerSchema } from "../answer/answer-schema.js";

// The commands as users run them: `node scripts/run.mjs src/cli/<name>.ts`, in a clean environment
// (no .env, no settings from the developer's shell) over the real seed, with the index in a temp dir.
const ROOT = join(import.meta.dirname, "..", "..");
const temporary = mkdtempSync(join(tmpdir(), "plan-cli-"));
const BASE_ENV = { PATH: process.env.PATH ?? "", SEEDS_DIR: join(ROOT, "seeds"), INDEX_DIR: join(temporary, "index"), ENV_FILE: join(temporary, "missing.env") };

afterAll(() => {
  rmSync(temporary, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; `env` adds to BASE_ENV, and an undefined value removes a variable. */
function run(command: string, args: readonly string[] = [], options: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const env = Object.fromEntries(Object.entries({ ...BASE_ENV, ...options.env }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", `src/cli/${command}.ts`, ...args], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

const jsonLines = (text: string) => text.split("\n").filter((line) => line.trim().length > 0).map((line) => JSON.parse(line) as Record<string, unknown>);

describe("ask", () => {
  it("--json --batch answers every line in order, echoes ids as given and reports bad lines without stopping", async () => {
    const input = [
      JSON.stringify({ id: "q1", question: "2025年九年义务教育巩固率要达到多少？" }),
      "this is not json",
      JSON.stringify({ id: 7, question: "那2022年呢？", history: ["学前三年毛入园率2025年目标是多少？"] }),
      "",
      JSON.stringify({ question: "梁平区的人口是多少？" }),
      JSON.stringify({ id: "q5" }),
      JSON.stringify({ id: "q6", question: "校外培训机构怎么管？" }),
    ].join("\n");
    const result = await run("ask", ["--json", "--batch"], { input: `${input}\n` });
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(6);

    const [first, invalidJson, followUp, noId, noQuestion, general] = lines;
    expect(answerSchema.parse(first)).toMatchObject({ id: "q1", intent: "indicator", found: true });
    expect(first!.answer).toContain("≥96.1%");
    expect(Object.keys(invalidJson!)).toEqual(["error"]);
    expect(invalidJson!.error).toMatch(/invalid input line/);
    // A numeric id comes back as the same number: the scorer matches ids by value.
    expect(followUp!.id).toBe(7);
    expect(answerSchema.parse(followUp).answer).toContain("92.8");
    expect(noId).not.toHaveProperty("id");
    expect(answerSchema.parse(noId)).toMatchObject({ found: false, citations: [] });
    expect(noQuestion).toHaveProperty("error");
    expect(answerSchema.parse(general)).toMatchObject({ id: "q6", intent: "general", found: true });
    expect(general!.citations).toEqual(expect.arrayContaining([expect.objectContaining({ chapter: "第十四章", section: "第二节" })]));
  });

  it("prints a readable answer with its sources, or one JSON object with --json", async () => {
    const [text, json] = await Promise.all([run("ask", ["都梁中学是新建还是改扩建？"]), run("ask", ["--json", "十三五期间补充了多少名新教师？"])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("新建");
    expect(text.stdout).toMatch(/\n出处：\n {2}· .+：“.+”/);
    expect(() => JSON.parse(text.stdout)).toThrow();
    expect(json.code).toBe(0);
    expect(answerSchema.parse(JSON.parse(json.stdout))).toMatchObject({ intent: "fact", found: true });
    expect(json.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 with usage when there is no question", async () => {
    const result = await run("ask");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Usage: .*ask/);
  });

  it("exits 1 naming the variable when the configuration is invalid", async () => {
    const result = await run("ask", ["问题"], { env: { PORT: "abc" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("CONFIG_INVALID");
    expect(result.stderr).toContain("PORT");
  });
});

describe("outline", () => {
  it("--json gives the structure: 4 篇, 17 章, 52 节, the 专栏 with their chapters and the table", async () => {
    const result = await run("outline", ["--json"]);
    expect(result.code).toBe(0);
    const outline = JSON.parse(result.stdout) as { title: string; counts: Record<string, number>; boxes: { label: string; chapter: string | null }[]; tables: { rows: number; years: string[] }[] };
    expect(outline.title).toContain("梁平区");
    expect(outline.counts).toEqual({ parts: 4, chapters: 17, sections: 52, boxes: 9, tables: 1, indicators: 15, byDepth: [4, 17, 52] });
    expect(outline.boxes.map((box) => box.label)).toEqual(["专栏1", "专栏2", "专栏3", "专栏4", "专栏5", "专栏6", "专栏7", "专栏8", "专栏9"]);
    expect(outline.boxes.every((box) => /^第.+章$/.test(box.chapter ?? ""))).toBe(true);
    expect(outline.boxes.find((box) => box.label === "专栏3")!.chapter).toBe("第八章");
    expect(outline.tables).toEqual([expect.objectContaining({ rows: 15, years: ["2020", "2022", "2025"] })]);
  });

  it("reads SEEDS_DIR from the env file, unless the environment sets it", async () => {
    const seeds = join(temporary, "second-seeds");
    mkdirSync(seeds, { recursive: true });
    copyFileSync(join(ROOT, "test", "fixtures", "second-plan.txt"), join(seeds, "yunxi.txt"));
    const envFile = join(temporary, "second.env");
    writeFileSync(envFile, `SEEDS_DIR=${seeds}\n`);
    const [fromFile, fromEnvironment] = await Promise.all([
      run("outline", ["--json"], { env: { SEEDS_DIR: undefined, ENV_FILE: envFile } }),
      run("outline", ["--json"], { env: { ENV_FILE: envFile } }),
    ]);
    expect(fromFile.stderr).toBe("");
    expect((JSON.parse(fromFile.stdout) as { district: string }).district).toBe("云溪县");
    expect((JSON.parse(fromEnvironment.stdout) as { district: string }).district).toBe("梁平区");
  });
});

describe("check", () => {
  it("lists the 3 findings, with --json as valid JSON", async () => {
    const [text, json] = await Promise.all([run("check"), run("check", ["--json"])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("发现3处前后表述不一致的数字");
    expect(text.stdout.match(/^\d\. \[/gm)).toHaveLength(3);
    expect(text.stdout).toContain("专栏2");
    expect(json.code).toBe(0);
    const findings = JSON.parse(json.stdout) as { subject: string; message: string; citations: unknown[] }[];
    expect(findings).toHaveLength(3);
    for (const finding of findings) expect(finding.citations.length).toBeGreaterThanOrEqual(2);
  });
});

describe("ingest", () => {
  it("builds the index, then with --if-stale finds it up to date", async () => {
    const env = { INDEX_DIR: join(temporary, "ingest-index") };
    const built = await run("ingest", [], { env });
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^Built: \d+ chunks from 1 plan\(s\) \(liangping-education-plan-2021-2025\.txt\)/m);
    // What was understood of the plan comes first: structure, table rows, counts.
    expect(built.stdout).toContain("结构：第一篇级4、第一章级17、第一节级52；专栏9个；表格：梁平区教育事业发展“十四五”规划指标体系表（15行）");
    const again = await run("ingest", ["--if-stale"], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Up to date: /m);
  });

  it("reports each hostile file beside the seed with its reason, and the seed answers exactly as before", async () => {
    // Made here, never downloaded: empty, not a zip, a truncated zip, a picture named .html, a .doc.
    const seeds = join(temporary, "hostile-seeds");
    mkdirSync(seeds);
    copyFileSync(join(ROOT, "seeds", "liangping-education-plan-2021-2025.txt"), join(seeds, "liangping-education-plan-2021-2025.txt"));
    writeFileSync(join(seeds, "empty.pdf"), "");
    writeFileSync(join(seeds, "random.docx"), Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 251));
    writeFileSync(join(seeds, "cut.docx"), Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 1)]));
    writeFileSync(join(seeds, "picture.html"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    writeFileSync(join(seeds, "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const env = { SEEDS_DIR: seeds, INDEX_DIR: join(temporary, "hostile-index") };
    const ingest = await run("ingest", [], { env });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain("Skipped 5 file(s):");
    for (const reason of [/- cut\.docx: SEED_CORRUPT: /, /- empty\.pdf: SEED_EMPTY: /, /- old\.doc: SEED_FORMAT_UNSUPPORTED: /, /- picture\.html: SEED_FORMAT_UNSUPPORTED: /, /- random\.docx: SEED_FORMAT_UNSUPPORTED: /]) expect(ingest.stdout).toMatch(reason);
    expect(ingest.stderr).toContain("seed skipped: empty.pdf");
    expect(ingest.stdout).toMatch(/^Built: \d+ chunks from 1 plan\(s\) \(liangping-education-plan-2021-2025\.txt\)/m);
    const questions = ["2025年学前三年毛入园率目标是多少", "谁负责规划的中期评估", "智慧校园建设有哪些项目", "规划里说不能忽略哪些学生群体？", "明天天气怎么样"].map((question, index) => JSON.stringify({ id: String(index), question })).join("\n");
    const clean = await run("ask", ["--json", "--batch"], { input: `${questions}\n` });
    const hostile = await run("ask", ["--json", "--batch"], { input: `${questions}\n`, env });
    expect(jsonLines(hostile.stdout)).toEqual(jsonLines(clean.stdout));
    expect(jsonLines(clean.stdout)).toHaveLength(5);
  });
});
