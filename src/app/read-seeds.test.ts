import { createHash } from "node:crypto";
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { excerptDocx, excerptHtml, WORD_PARTS, writeZip } from "../../test/fixtures/formats/excerpt-documents.js";
import { excerptTableRows } from "../../test/fixtures/formats/plan-excerpt.js";
import { PlanAssistantError } from "../errors.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Plan } from "../parse/plan-types.js";
import { readSeeds } from "./read-seeds.js";
import { seedDocx, seedHtml } from "../../test/support/seed-documents.js";

const seedPath = new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url);
const secondPath = new URL("../../test/fixtures/second-plan.txt", import.meta.url);

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "read-seeds-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<PlanAssistantError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PlanAssistantError);
  return error as PlanAssistantError;
}

describe("readSeeds", () => {
  it("loads UTF-8, GBK and UTF-16 plans and skips an empty and a binary file with reasons", async () => {
    const seedText = await readFile(seedPath, "utf8");
    const gbkText = seedText.replace(/•/g, "·"); // GBK has no •
    const utf8Bytes = Buffer.from(seedText, "utf8");
    await writeFile(join(directory, "liangping.txt"), utf8Bytes);
    await writeFile(join(directory, "liangping-gbk.txt"), iconv.encode(gbkText, "gbk"));
    await writeFile(join(directory, "liangping-utf16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seedText, "utf-16le")]));
    await writeFile(join(directory, "empty.txt"), "");
    await writeFile(join(directory, "scan.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...createHash("sha512").update("png").digest(), 0, 0, 0, 0]));
    await writeFile(join(directory, "notes.log"), "not a format plans come in");

    const loaded = await readSeeds(directory);

    expect(loaded.plans.map((plan) => plan.doc)).toEqual(["liangping-gbk", "liangping-utf16", "liangping"]);
    for (const plan of loaded.plans) {
      expect(plan.metadata.documentNumber).toBe("梁平府发〔2021〕17号");
      expect(plan.chapters).toHaveLength(17);
      expect(plan.boxes.map((box) => box.chapter)).toEqual(["第六章", "第七章", "第八章", "第九章", "第十章", "第十一章", "第十二章", "第十三章", "第十四章"]);
      expect(plan.tables[0]!.rows).toHaveLength(15);
    }
    expect(loaded.plans[0]!.paragraphs.some((paragraph) => paragraph.text.includes("家校共育·立德树人"))).toBe(true);
    expect(loaded.plans[1]!.paragraphs.map((paragraph) => paragraph.text)).toEqual(loaded.plans[2]!.paragraphs.map((paragraph) => paragraph.text));

    expect(loaded.skipped).toHaveLength(2);
    expect(loaded.skipped[0]).toMatch(/^empty\.txt: SEED_EMPTY: empty\.txt is empty/);
    expect(loaded.skipped[1]).toMatch(/^scan\.txt: SEED_FORMAT_UNSUPPORTED: scan\.txt is a PNG image, not a plan file/);

    const utf8Seed = loaded.seeds.find((seed) => seed.doc === "liangping")!;
    expect(utf8Seed).toEqual({ doc: "liangping", file: "liangping.txt", sha256: createHash("sha256").update(utf8Bytes).digest("hex"), bytes: utf8Bytes.length });
    expect(loaded.seeds.map((seed) => seed.doc)).toEqual(["liangping-gbk", "liangping-utf16", "liangping"]);
  });

  it("reads plans in sub-folders and names each by its path under SEEDS_DIR", async () => {
    await mkdir(join(directory, "county"));
    await writeFile(join(directory, "county", "second-plan.txt"), await readFile(secondPath));
    const loaded = await readSeeds(directory);
    expect(loaded.plans.map((plan) => [plan.doc, plan.metadata.district])).toEqual([["county/second-plan", "云溪县"]]);
    expect(loaded.seeds[0]!.file).toBe(join("county", "second-plan.txt"));
    expect(loaded.skipped).toEqual([]);
  });

  it("fails with SEEDS_MISSING when the folder holds no usable plan file", async () => {
    await writeFile(join(directory, "plan.docx"), "PK");
    await writeFile(join(directory, "notes.log"), "ignored");
    const error = await rejection(readSeeds(directory));
    expect(error.code).toBe("SEEDS_MISSING");
    expect(error.message).toContain("plan.docx: SEED_CORRUPT: plan.docx is a damaged or truncated .docx");
    expect(error.message).toContain("Put at least one plan file (.txt, .md, .docx, .pdf, .html) there.");
  });

  it("fails with SEEDS_MISSING, giving the reasons, when every .txt file is unusable", async () => {
    await writeFile(join(directory, "empty.txt"), "");
    const error = await rejection(readSeeds(directory));
    expect(error.code).toBe("SEEDS_MISSING");
    expect(error.message).toContain("empty.txt: SEED_EMPTY");
  });

  it("fails with SEEDS_MISSING when the folder does not exist", async () => {
    const error = await rejection(readSeeds(join(directory, "missing")));
    expect(error.code).toBe("SEEDS_MISSING");
    expect(error.message).toContain("Set SEEDS_DIR to the folder holding the plan files (.txt, .md, .docx, .pdf, .html).");
  });

  it("loads plans from .docx, .pdf and .html beside the seed, and skips every hostile file with its reason", async () => {
    const fixture = (name: string) => readFile(new URL(`../../test/fixtures/formats/${name}`, import.meta.url));
    const seedBytes = await readFile(seedPath);
    const docx = await excerptDocx();
    await writeFile(join(directory, "liangping.txt"), seedBytes);
    await writeFile(join(directory, "excerpt-word.docx"), docx);
    await writeFile(join(directory, "excerpt-page.html"), excerptHtml("gb2312"));
    await writeFile(join(directory, "excerpt-print.pdf"), await fixture("plan-excerpt.pdf"));
    await writeFile(join(directory, "excerpt-renamed.pdf"), docx); // a .docx saved under a .pdf name
    // hostile files
    await writeFile(join(directory, "empty.pdf"), "");
    await writeFile(join(directory, "scan.pdf"), await fixture("scanned.pdf"));
    await writeFile(join(directory, "locked.pdf"), await fixture("encrypted.pdf"));
    await writeFile(join(directory, "bomb.docx"), writeZip([...WORD_PARTS, { name: "word/media/a.bin", data: new Uint8Array(1), rawCompressed: new Uint8Array([1]), declaredBytes: 3_000_000_000 }]));
    await writeFile(join(directory, "cut.docx"), docx.subarray(0, 3000));
    await writeFile(join(directory, "random.docx"), Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 251 % 32));
    await writeFile(join(directory, "picture.html"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    await writeFile(join(directory, "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    await writeFile(join(directory, "plan.ofd"), "PK");
    await mkdir(join(directory, "excerpt-page_files"));
    await writeFile(join(directory, "excerpt-page_files", "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47])); // a saved page's picture: not a plan, ignored
    await writeFile(join(directory, "excerpt-page_files", "site.js"), "trackVisitor()");
    await writeFile(join(directory, "excerpt-page_files", "banner.htm"), "<html><body><p>网站横幅</p></body></html>"); // a frame of the saved page, not a plan
    for (const huge of ["huge.pdf", "huge.html"]) {
      // 100 MB, sparse: rejected from its size, never read
      const handle = await open(join(directory, huge), "w");
      await handle.truncate(100 * 1024 * 1024);
      await handle.close();
    }

    const loaded = await readSeeds(directory);

    expect(loaded.plans.map((plan) => plan.doc)).toEqual(["excerpt-page", "excerpt-print", "excerpt-renamed", "excerpt-word", "liangping"]);
    for (const plan of loaded.plans) {
      expect(plan.metadata.documentNumber).toBe("梁平府发〔2021〕17号");
      expect(plan.tables[0]!.rows.length).toBe(plan.doc === "liangping" ? 15 : excerptTableRows.length);
    }
    const word = loaded.plans.find((plan) => plan.doc === "excerpt-word")!;
    expect(word.tables[0]!.rows.map((row) => [row.category, row.name, row.parent, row.values.map((value) => value.raw).join(" "), row.attribute])).toContainEqual(["义务教育", "普通小学", "在校学生数", "4.55 4.3 4.2", "预期性"]);
    expect(loaded.seeds.find((seed) => seed.doc === "excerpt-word")).toEqual({ doc: "excerpt-word", file: "excerpt-word.docx", sha256: createHash("sha256").update(docx).digest("hex"), bytes: docx.length });
    expect(loaded.warnings).toEqual(["excerpt-renamed.pdf holds a Word .docx file, not a PDF: converted by its content; rename it to excerpt-renamed.docx."]);

    const reasons = Object.fromEntries(loaded.skipped.map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]));
    expect(Object.keys(reasons).sort()).toEqual(["bomb.docx", "cut.docx", "empty.pdf", "huge.html", "huge.pdf", "locked.pdf", "old.doc", "picture.html", "plan.ofd", "random.docx", "scan.pdf"]);
    expect(reasons["old.doc"]).toBe("SEED_FORMAT_UNSUPPORTED: old.doc is a .doc file, which this assistant does not read: open it in Word or WPS and save it as .docx.");
    expect(reasons["plan.ofd"]).toMatch(/^SEED_FORMAT_UNSUPPORTED: plan\.ofd is a \.ofd file, which this assistant does not read: export the plan as PDF/);
    expect(reasons["empty.pdf"]).toBe("SEED_EMPTY: empty.pdf is empty: put the plan text in it or remove it from SEEDS_DIR.");
    expect(reasons["scan.pdf"]).toMatch(/^SEED_PDF_NO_TEXT: scan\.pdf: no text layer \(scanned\?\)/);
    expect(reasons["locked.pdf"]).toMatch(/^SEED_PDF_ENCRYPTED: locked\.pdf is encrypted/);
    expect(reasons["bomb.docx"]).toMatch(/^SEED_ZIP_LIMIT: bomb\.docx was not unpacked: its entries declare more than 200 MB uncompressed/);
    expect(reasons["cut.docx"]).toMatch(/^SEED_CORRUPT: cut\.docx is a damaged or truncated \.docx/);
    expect(reasons["random.docx"]).toMatch(/^SEED_FORMAT_UNSUPPORTED: random\.docx is not a Word \.docx file/);
    expect(reasons["picture.html"]).toMatch(/^SEED_FORMAT_UNSUPPORTED: picture\.html is a JPEG image/);
    expect(reasons["huge.pdf"]).toBe("SEED_TOO_LARGE: huge.pdf is 100 MB, over the 50 MB limit for a plan file: remove pictures or split it, or raise MAX_PLAN_FILE_BYTES.");
    expect(reasons["huge.html"]).toMatch(/^SEED_TOO_LARGE: huge\.html is 100 MB/);
  });

  it("applies the configured limits and keeps two files of one name apart", async () => {
    await writeFile(join(directory, "plan.txt"), await readFile(secondPath));
    await writeFile(join(directory, "plan.html"), excerptHtml());
    const loaded = await readSeeds(directory, { limits: { maxHtmlBytes: 1024 } });
    expect(loaded.plans.map((plan) => plan.doc)).toEqual(["plan"]);
    expect(loaded.skipped).toEqual([expect.stringMatching(/^plan\.html: SEED_TOO_LARGE: plan\.html is a [\d.]+ KB web page, over the 1 KB limit for HTML/)]);
    const both = await readSeeds(directory);
    expect(both.plans.map((plan) => plan.doc)).toEqual(["plan", "plan.txt"]);
    expect(both.warnings).toEqual(["plan.txt: another file is already plan plan; this one is plan plan.txt."]);
  });

  it("reads a Word copy and a saved web page of the whole seed plan (its indicator table a real table) as the same plan as the .txt", async () => {
    const seedText = await readFile(seedPath, "utf8");
    const fromText = parsePlan("liangping", seedText);
    await writeFile(join(directory, "liangping.docx"), await seedDocx(seedText));
    await writeFile(join(directory, "liangping-page.html"), seedHtml(seedText));

    const loaded = await readSeeds(directory);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.plans.map((plan) => plan.doc)).toEqual(["liangping-page", "liangping"]);
    const [fromPage, fromWord] = loaded.plans as [Plan, Plan];
    const outline = (plan: Plan) => ({
      metadata: plan.metadata,
      parts: plan.parts.map((part) => [part.label, part.title, part.chapters.map((chapter) => [chapter.label, chapter.title, chapter.sections.map((section) => `${section.label} ${section.title}`)])]),
      boxes: plan.boxes.map((box) => [box.label, box.title, box.chapter]),
      indicators: plan.tables.flatMap((table) => table.rows.map((row) => [table.title, row.category, row.parent, row.name, row.unit, row.values.map((value) => value.raw).join(" "), row.attribute])),
      paragraphs: plan.paragraphs.map((paragraph) => paragraph.text),
    });
    expect(outline(fromWord)).toEqual(outline({ ...fromText, doc: "liangping" }));
    // A web page collapses runs of spaces, as a browser shows it; the plan is the same otherwise.
    const collapsed = (plan: Plan) => JSON.parse(JSON.stringify(outline(plan)).replace(/ {2,}/g, " ").replace(/•/g, "·")) as unknown;
    expect(collapsed(fromPage)).toEqual(collapsed(fromText));
  });
});

describe("readSeeds: a plan's sidecar (<plan>.meta.json) states what the text does not", () => {
  const corpus = new URL("../../test/fixtures/corpus/", import.meta.url);
  const expected: readonly [string, string, string, string][] = [
    ["jinan-digital-pioneer-city-2021", "加快数字化高质量发展打造数字先锋城市推进方案", "济南市人民政府", "市"],
    ["national-bigdata-center-opinions-2020", "关于加快构建全国一体化大数据中心协同创新体系的指导意见", "国家发展改革委等", "国家"],
    ["national-drug-smart-supervision-2019", "国家药监局关于加快推进药品智慧监管的行动计划", "国家药品监督管理局", "国家"],
    ["national-earthquake-ai-plan-2023-2035", "防震减灾领域人工智能发展专项规划（2023-2035年）", "中国地震局", "国家"],
    ["national-higher-ed-ai-action-2018", "高等学校人工智能创新行动计划", "教育部", "国家"],
    ["national-smart-forestry-2013", "中国智慧林业发展指导意见", "国家林业局", "国家"],
    ["national-smart-health-elderly-2021-2025", "智慧健康养老产业发展行动计划（2021-2025年）", "工业和信息化部、民政部、国家卫生健康委", "国家"],
    ["qingdao-ai-education-2020", "青岛市人工智能教育实施意见", "青岛市教育局", "市"],
    ["shandong-digital-action-2019", "数字山东2019行动方案", "山东省人民政府办公厅", "省"],
    ["shandong-scitech-13th-2016", "山东省“十三五”科技创新规划", "山东省人民政府", "省"],
  ];

  it("gives every corpus plan its right title, issuer and level, from its text or its sidecar", async () => {
    for (const [name] of expected) {
      await writeFile(join(directory, `${name}.txt`), await readFile(new URL(`${name}.txt`, corpus)));
      await writeFile(join(directory, `${name}.meta.json`), await readFile(new URL(`${name}.meta.json`, corpus)));
    }
    const loaded = await readSeeds(directory);
    expect(loaded.plans.map((plan) => [plan.doc, plan.metadata.title, plan.metadata.issuer, plan.metadata.level])).toEqual(expected);
    expect(loaded.plans.every((plan) => plan.metadata.titleFromText)).toBe(true);
    const earthquake = loaded.plans.find((plan) => plan.doc === "national-earthquake-ai-plan-2023-2035")!;
    expect(earthquake.metadata.period).toEqual({ from: 2023, to: 2035 });
    // The 文号 its preamble cites (《…通知》（国发〔2017〕35号）) is not the plan's own.
    expect(loaded.plans.find((plan) => plan.doc === "national-higher-ed-ai-action-2018")!.metadata.documentNumber).toBeNull();
    expect(loaded.plans.find((plan) => plan.doc === "national-bigdata-center-opinions-2020")!.metadata.documentNumber).toBe("发改高技〔2020〕1922号");
  });

  it("hashes the sidecar with its plan, and reads the plan without a sidecar it cannot use", async () => {
    const text = await readFile(new URL("national-smart-forestry-2013.txt", corpus));
    await writeFile(join(directory, "forestry.txt"), text);
    const bare = await readSeeds(directory);
    expect(bare.plans[0]!.metadata).toMatchObject({ title: "forestry", titleFromText: false });
    await writeFile(join(directory, "forestry.meta.json"), JSON.stringify({ title: "中国智慧林业发展指导意见", date: "2013-08-19" }));
    const titled = await readSeeds(directory);
    expect(titled.plans[0]!.metadata).toMatchObject({ title: "中国智慧林业发展指导意见", titleFromText: true, date: "2013年8月19日", isoDate: "2013-08-19" });
    expect(titled.seeds[0]!.sha256).not.toBe(bare.seeds[0]!.sha256);
    await writeFile(join(directory, "forestry.meta.json"), JSON.stringify({ titel: "typo" }));
    const broken = await readSeeds(directory);
    expect(broken.plans[0]!.metadata.title).toBe("forestry");
    expect(broken.warnings.some((warning) => warning.startsWith("forestry.meta.json: ignored:"))).toBe(true);
  });
});
