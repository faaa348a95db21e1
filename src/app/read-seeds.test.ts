import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlanAssistantError } from "../errors.js";
import { readSeeds } from "./read-seeds.js";

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
    await writeFile(join(directory, "notes.md"), "# not a plan");

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
    expect(loaded.skipped[1]).toMatch(/^scan\.txt: SEED_BINARY: scan\.txt does not look like text/);

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

  it("fails with SEEDS_MISSING when the folder holds no .txt file", async () => {
    await writeFile(join(directory, "plan.docx"), "PK");
    const error = await rejection(readSeeds(directory));
    expect(error.code).toBe("SEEDS_MISSING");
    expect(error.message).toContain("Put at least one plan .txt file there.");
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
    expect(error.message).toContain("Set SEEDS_DIR to the folder holding the plan .txt files.");
  });
});
