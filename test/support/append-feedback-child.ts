import { createJsonlFeedbackStore } from "../../src/channel/feedback-store.js";
import { crashRecord } from "./feedback-crash-records.js";

// Appends crash-test records to argv[2] (round argv[3]) one after another and prints each index
// once its append has resolved (written and fsynced). The parent kills it with SIGKILL; the loop
// is bounded in count and time so it can never run on by itself.
const [path, roundText] = process.argv.slice(2);
if (!path || !roundText) throw new Error("usage: append-feedback-child.ts <file> <round>");
const round = Number(roundText);
const store = createJsonlFeedbackStore(path);
const deadline = Date.now() + 20_000;
for (let index = 0; index < 5_000 && Date.now() < deadline; index += 1) {
  await store.append(crashRecord(round, index));
  process.stdout.write(`${index}\n`);
}
