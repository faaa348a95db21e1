import { readFile } from "node:fs/promises";
import { evalItemSchema, type EvalItem } from "../src/eval/score-answer.js";

/** Reads JSONL eval sets in order; throws with the file and line of a malformed item. */
export async function readEvalItems(files: readonly string[]): Promise<EvalItem[]> {
  const items: EvalItem[] = [];
  for (const file of files) {
    const lines = (await readFile(file, "utf8")).split("\n");
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      const parsed = evalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: not an eval item (${parsed.error.issues[0]?.message ?? "invalid"})`);
      items.push(parsed.data);
    });
  }
  return items;
}
