import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRuntime } from "../app/create-runtime.js";
import { evalItemSchema, scoreAnswer, type EvalItem } from "../eval/score-answer.js";
import { convertLimitsOf } from "../config/load-config.js";
import { convertFile } from "../convert/convert-file.js";
import { formatOfExtension } from "../convert/detect-format.js";
import { runCommand } from "./run-command.js";

async function readItems(files: readonly string[]): Promise<EvalItem[]> {
  const items: EvalItem[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    for (const line of text.split("\n")) if (line.trim()) items.push(evalItemSchema.parse(JSON.parse(line)));
  }
  return items;
}

/** `npm run eval [-- files…]`: per-kind answer accuracy, citation hit@1/hit@5/MRR and quote fidelity. */
async function main(argv: readonly string[]): Promise<number> {
  const files = argv.filter((argument) => !argument.startsWith("--"));
  if (files.length === 0) {
    for (const name of (await readdir("test/eval")).filter((file) => file.endsWith(".jsonl")).sort()) files.push(join("test/eval", name));
    if (existsSync("../shared/eval/public.jsonl")) files.unshift("../shared/eval/public.jsonl");
  }
  const items = await readItems(files);
  const { assistant, config } = await createRuntime(process.env);
  const seedFiles = (await readdir(config.SEEDS_DIR, { recursive: true })).map(String).filter((file) => formatOfExtension(file) !== null);
  // Converted like the bot converts them, so Word, PDF, web-page, UTF-16 and GBK seeds are compared as text;
  // a file the bot skips adds nothing.
  const convertSeed = async (file: string) => convertFile(await readFile(join(config.SEEDS_DIR, file)), file, convertLimitsOf(config)).then((converted) => converted.text, () => "");
  const planText = (await Promise.all(seedFiles.map(convertSeed))).join("");
  const byKind = new Map<string, { n: number; answer: number; hit1: number; hit5: number; mrr: number }>();
  let quotes = 0;
  let verbatim = 0;
  const failures: string[] = [];
  const started = performance.now();
  for (const item of items) {
    const answer = await assistant.answer(item.question, item.history ?? []);
    const score = scoreAnswer(item, answer, planText);
    const row = byKind.get(item.kind) ?? { n: 0, answer: 0, hit1: 0, hit5: 0, mrr: 0 };
    row.n += 1;
    row.answer += Number(score.answerOk);
    row.hit1 += Number(score.citationRank === 1);
    row.hit5 += Number(score.citationRank !== null && score.citationRank <= 5);
    row.mrr += score.citationRank ? 1 / score.citationRank : 0;
    byKind.set(item.kind, row);
    quotes += score.quotes;
    verbatim += score.verbatimQuotes;
    if (!score.answerOk || score.citationRank === null) failures.push(`${item.id} [${item.kind}] ${item.question} → ${answer.answer.slice(0, 100)}`);
  }
  const elapsed = performance.now() - started;
  const percent = (value: number, total: number) => `${((100 * value) / Math.max(1, total)).toFixed(0)}%`;
  const lines = ["| kind | n | answer | hit@1 | hit@5 | MRR |", "| --- | ---: | ---: | ---: | ---: | ---: |"];
  const total = { n: 0, answer: 0, hit1: 0, hit5: 0, mrr: 0 };
  for (const [kind, row] of byKind) {
    lines.push(`| ${kind} | ${row.n} | ${percent(row.answer, row.n)} | ${percent(row.hit1, row.n)} | ${percent(row.hit5, row.n)} | ${(row.mrr / row.n).toFixed(2)} |`);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
  }
  lines.push(`| **all** | ${total.n} | ${percent(total.answer, total.n)} | ${percent(total.hit1, total.n)} | ${percent(total.hit5, total.n)} | ${(total.mrr / Math.max(1, total.n)).toFixed(2)} |`);
  process.stdout.write(`${lines.join("\n")}\n\nquote fidelity: ${verbatim}/${quotes} verbatim (${percent(verbatim, quotes)}); ${items.length} questions in ${elapsed.toFixed(0)} ms (${files.join(", ")})\n`);
  if (failures.length > 0) process.stdout.write(`\nfailures:\n${failures.map((failure) => `  ${failure}`).join("\n")}\n`);
  return 0;
}

runCommand(main);
