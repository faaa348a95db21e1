import { readFileSync } from "node:fs";
import { createAssistant } from "../src/app/create-assistant.js";
import { buildNaivePipeline } from "./naive-pipeline.js";
import { lexicalSearch } from "./lexical-search.js";
const a = await createAssistant({ seedsDir: "seeds", indexDir: "/tmp/benchprobe/idx", rebuild: "auto" });
const text = readFileSync("seeds/liangping-education-plan-2021-2025.txt", "utf8");
const t = performance.now();
const naive = await buildNaivePipeline({ sources: [{ plan: a.plans[0]!, text }], segmenter: a.engine.segmenter });
console.log("naive build", performance.now() - t, naive.chunkCount, naive.crossingShare);
for (const q of ["2025年九年义务教育巩固率要达到多少？", "要新培养多少名市级骨干教师？", "第三篇包括哪些章？", "招生时怎么防止掐尖？"]) {
  const r = await naive.search(q, 5);
  console.log(q, r.map(p => [p.location.part, p.location.chapter, p.location.section, p.location.box, p.location.table].join("/") + " " + p.text.slice(0, 30).replace(/\n/g, "⏎")));
  console.log("  lex", lexicalSearch(a.engine, q, 5).map(p => [p.location.part, p.location.chapter, p.location.section, p.location.box, p.location.table].join("/") + " " + p.text.slice(0, 20)));
}
