import { readFile } from "node:fs/promises";
import { z } from "zod";

/** A citation spec: every key given must equal the citation's (`table` by substring). */
const citeSpecSchema = z.object({
  part: z.string().optional(),
  chapter: z.string().optional(),
  section: z.string().optional(),
  box: z.string().optional(),
  table: z.string().optional(),
});
export type CiteSpec = z.infer<typeof citeSpecSchema>;

/** One line of an eval set (shared/eval/public.jsonl, test/eval/own-questions.jsonl); see score.py. */
const evalItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  question: z.string(),
  history: z.array(z.string()).optional(),
  cite: z.array(citeSpecSchema).optional(),
  must: z.array(z.string()).optional(),
  must_re: z.array(z.string()).optional(),
  found: z.boolean().optional(),
  max_len: z.number().optional(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

/** Reads JSONL eval sets, in order; throws with the file and line of a malformed item. */
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
