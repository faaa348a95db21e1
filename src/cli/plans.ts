import { buildKnowledge } from "../answer/knowledge.js";
import { formatPlanReport, planReport } from "../app/plan-report.js";
import { loadEnvFile } from "../app/load-env-file.js";
import { readSeeds } from "../app/read-seeds.js";
import { loadConfig } from "../config/load-config.js";
import { runCommand } from "./run-command.js";

/** `npm run plans`: the loaded plans with title, issuer, period and what was understood of each (`--json` too). */
async function main(argv: readonly string[]): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const { plans, skipped } = await readSeeds(config.SEEDS_DIR);
  const knowledge = buildKnowledge(plans);
  const reports = plans.map((plan) => planReport(plan, knowledge));
  if (argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ plans: reports, skipped }, null, 2)}\n`);
  } else {
    process.stdout.write(`${reports.map(formatPlanReport).join("\n\n")}\n${skipped.map((reason) => `未载入：${reason}`).join("\n")}${skipped.length ? "\n" : ""}`);
  }
  return 0;
}

runCommand(main);
