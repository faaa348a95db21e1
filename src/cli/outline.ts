import { loadEnvFile } from "../app/load-env-file.js";
import { loadConfig } from "../config/load-config.js";
import { readSeeds } from "../app/read-seeds.js";
import type { OutlineNode, Plan } from "../parse/plan-types.js";
import { outlineOf } from "./outline-of.js";
import { runCommand } from "./run-command.js";

function outlineText(plan: Plan): string {
  const lines = [`《${plan.metadata.title}》 ${plan.metadata.documentNumber ?? ""} ${plan.metadata.date ?? ""}`.trim()];
  const visit = (node: OutlineNode) => {
    lines.push(`${"  ".repeat(node.depth - 1)}${node.label} ${node.title}`);
    node.children.forEach(visit);
  };
  plan.outline.forEach(visit);
  for (const box of plan.boxes) lines.push(`${box.label} → ${box.chapter ?? "（未关联）"}`);
  for (const table of plan.tables) lines.push(`${table.title}：${table.rows.length}项指标（${table.years.join("、")}年）`);
  return lines.join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const { plans } = await readSeeds(config.SEEDS_DIR);
  if (argv.includes("--json")) {
    const outlines = plans.map(outlineOf);
    process.stdout.write(`${JSON.stringify(outlines.length === 1 ? outlines[0] : outlines, null, 2)}\n`);
  } else {
    process.stdout.write(`${plans.map(outlineText).join("\n\n")}\n`);
  }
  return 0;
}

runCommand(main);
