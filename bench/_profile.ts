import { readFileSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { generateCorpus } from "./generate-corpus.js";
import { createAssistant } from "../src/app/create-assistant.js";
import { readEvalItems } from "./eval-questions.js";
const n = Number(process.argv[2] ?? 100);
const dir = `/tmp/benchprobe/seeds${n}`;
if (!existsSync(dir)) { mkdirSync(dir, {recursive:true}); for (const d of generateCorpus(readFileSync("seeds/liangping-education-plan-2021-2025.txt","utf8"), n)) writeFileSync(`${dir}/${d.file}`, d.text); }
const a = await createAssistant({ seedsDir: dir, indexDir: `/tmp/benchprobe/idx${n}`, rebuild: "auto" });
const items = await readEvalItems(["/work/shared/eval/public.jsonl", "test/eval/own-questions.jsonl"]);
for (const it of items) await a.answer(it.question, it.history ?? []);
import { Session } from "node:inspector/promises";
const session = new Session(); session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.start");
const per: [number, string][] = [];
for (const it of items) { const s = performance.now(); await a.answer(it.question, it.history ?? []); per.push([performance.now() - s, it.id + " " + it.question]); }
per.sort((x, y) => y[0] - x[0]);
console.log(per.slice(0, 15).map(([t, q]) => t.toFixed(1) + " " + q).join("\n"));
console.log("median", per[per.length >> 1]![0].toFixed(1));
const { profile } = await session.post("Profiler.stop");
mkdirSync("/tmp/benchprobe/prof2", { recursive: true }); rmSync("/tmp/benchprobe/prof2", { recursive: true }); mkdirSync("/tmp/benchprobe/prof2");
writeFileSync("/tmp/benchprobe/prof2/p.cpuprofile", JSON.stringify(profile));
