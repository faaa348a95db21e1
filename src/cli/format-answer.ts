import type { Answer } from "../answer/answer-schema.js";
import { locationLabel } from "../answer/citation.js";

/** Readable Chinese rendering of an answer for the terminal: the answer, then its sources. */
export function formatAnswerText(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.citations.length > 0) {
    lines.push("", "出处：");
    for (const citation of answer.citations) {
      const quote = citation.quote.length > 80 ? `${citation.quote.slice(0, 80)}…` : citation.quote;
      lines.push(`  · ${citation.box || citation.table ? `${locationLabel(citation)} · ` : ""}${citation.heading}：“${quote}”`);
    }
  }
  // Notes the answer text already carries are not printed twice.
  const notes = (answer.notes ?? []).filter((note) => !answer.answer.includes(note));
  if (notes.length > 0) {
    lines.push("", "注意（规划前后表述不一致）：");
    for (const note of notes) lines.push(`  · ${note}`);
  }
  if (answer.generator === "extractive" && answer.fallback_reason) lines.push("", `（模型回答未通过校验：${answer.fallback_reason}，已使用原文摘录）`);
  return lines.join("\n");
}
