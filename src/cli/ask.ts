import { createInterface } from "node:readline";
import { batchQuestionSchema } from "../answer/answer-schema.js";
import { createRuntime } from "../app/create-runtime.js";
import { describeError } from "../errors.js";
import { formatAnswerText } from "./format-answer.js";
import { runCommand } from "./run-command.js";

/**
 * `npm run --silent ask -- "问题"` prints a readable answer; `--json` prints one JSON object;
 * `--explain` first prints the candidates every answerer proposed, with scores and reasons (with
 * `--batch`, an `explain` field on each JSON line);
 * `--json --batch` reads JSON lines {id, question, history?} from stdin and writes one JSON line each.
 */
async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes("--json");
  const batch = argv.includes("--batch");
  const question = argv.filter((argument) => !argument.startsWith("--")).join(" ");
  if (!batch && question.trim().length === 0) {
    process.stderr.write('Usage: npm run --silent ask -- [--json] "问题"   |   npm run --silent ask -- --json --batch < questions.jsonl\n');
    return 2;
  }
  const { assistant } = await createRuntime(process.env);
  if (batch) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim().length === 0) continue;
      let raw: unknown;
      let parsed;
      try {
        raw = JSON.parse(line);
        parsed = batchQuestionSchema.parse(raw);
      } catch (error) {
        // An invalid line still answers in its place, with its id when it has one.
        const id = typeof raw === "object" && raw !== null && "id" in raw && (typeof raw.id === "string" || typeof raw.id === "number") ? { id: raw.id } : {};
        process.stdout.write(`${JSON.stringify({ ...id, error: `invalid input line: ${describeError(error).slice(0, 200)}` })}\n`);
        continue;
      }
      const id = parsed.id === undefined ? {} : { id: parsed.id };
      try {
        if (argv.includes("--explain")) {
          const answered = await assistant.answerWithEvidence(parsed.question, parsed.history ?? []);
          process.stdout.write(`${JSON.stringify({ ...id, ...answered.answer, explain: answered.explain ?? [] })}\n`);
          continue;
        }
        const answer = await assistant.answer(parsed.question, parsed.history ?? []);
        process.stdout.write(`${JSON.stringify({ ...id, ...answer })}\n`);
      } catch (error) {
        // One failing question must not end the batch: report it on its own line, in order.
        process.stdout.write(`${JSON.stringify({ ...id, question: parsed.question, error: describeError(error) })}\n`);
      }
    }
    return 0;
  }
  if (argv.includes("--explain")) {
    // The candidates every answerer proposed, with scores and reasons, then the answer.
    const answered = await assistant.answerWithEvidence(question);
    process.stdout.write(`${(answered.explain ?? ["(no candidates: answered before ranking, e.g. a greeting or a refusal)"]).join("\n")}\n\n`);
    process.stdout.write(json ? `${JSON.stringify(answered.answer)}\n` : `${formatAnswerText(answered.answer)}\n`);
    return 0;
  }
  const answer = await assistant.answer(question);
  process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${formatAnswerText(answer)}\n`);
  return 0;
}

runCommand(main);
