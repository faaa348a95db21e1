import type { FeedbackRecord } from "../../src/channel/feedback-store.js";

/**
 * The record a crash-test child appends as number `index` of round `round`: deterministic, so the
 * test can tell which record a torn line was. Every seventh record is large (about 600 KB), so a
 * kill can land while the kernel is still copying it.
 */
export function crashRecord(round: number, index: number): FeedbackRecord {
  const large = index % 7 === 3;
  const answer = large ? `第${index}条：${"学前三年毛入园率目标为≥94.0%。".repeat(30_000)}` : `第${index}条：2025年学前三年毛入园率目标为≥94.0%（预期性）。`;
  return {
    recorded_at: new Date(Date.UTC(2025, 2, 1, 9, 0, 0, index)).toISOString(),
    kind: index % 2 === 0 ? "helpful" : "wrong_figure",
    source: "button",
    question: `第${round}轮第${index}问：2025年学前三年毛入园率目标是多少？`,
    answer,
    found: true,
    intent: "indicator",
    citations: ["指标表 · 梁平区教育事业发展“十四五”规划指标体系表"],
    user: `W${round}`,
    channel: "C1",
    answer_key: `${round}:${index}`,
  };
}
