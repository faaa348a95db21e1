import { buildKnowledge } from "../answer/knowledge.js";
import { locationLabel } from "../answer/citation.js";
import { readSeeds } from "../app/read-seeds.js";
import { loadEnvFile } from "../app/load-env-file.js";
import { convertLimitsOf, loadConfig } from "../config/load-config.js";
import { runCommand } from "./run-command.js";

/** `npm run --silent check`: figures the plan states twice, differently. `--json` for machines. */
async function main(argv: readonly string[]): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const { plans } = await readSeeds(config.SEEDS_DIR, { limits: convertLimitsOf(config) });
  const { findings } = buildKnowledge(plans);
  if (argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
    return 0;
  }
  if (findings.length === 0) {
    process.stdout.write("未发现前后不一致的数字。\n");
    return 0;
  }
  process.stdout.write(`发现${findings.length}处前后表述不一致的数字：\n`);
  findings.forEach((finding, index) => {
    process.stdout.write(`${index + 1}. [${finding.doc}] ${finding.message}\n`);
    for (const citation of finding.citations) process.stdout.write(`   · ${locationLabel(citation)}：“${citation.quote.length > 90 ? `${citation.quote.slice(0, 90)}…` : citation.quote}”\n`);
  });
  return 0;
}

runCommand(main);
