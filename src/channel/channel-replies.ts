import { isPlanAssistantError } from "../errors.js";

/** The short fixed replies every channel uses, in one place. */
export const CHANNEL_REPLIES = {
  apology: "抱歉，处理这个问题时出了点问题，请稍后再试一次。如果一直不行，请联系管理员。",
  /** The shared store (DATABASE_URL) went away mid-run: the question was not answered, and asking again later works. */
  databaseUnavailable: "抱歉，数据库暂时不可用，请稍后再试。",
  actionApology: "抱歉，这个操作没有成功，请稍后再试。",
  rateLimited: (retryAfterSeconds: number) => `您提问有点频繁啦 🙏 为了让大家都能顺畅使用，请约 ${retryAfterSeconds} 秒后再问。`,
  working: "⏳ 正在整理答案，请稍候…",
  sourceNotFound: "抱歉，没有找到这处出处的原文。",
  answerExpired: "这条回答已过期，请重新提问。",
  feedbackThanks: {
    helpful: "感谢反馈！很高兴能帮上忙。👍",
    not_helpful: "感谢反馈！我们会据此改进回答。",
    wrong_figure: "感谢指正！已记录“数字有误”，我们会对照规划原文核实。",
  },
  /** A message with no question in it (only the mention). */
  emptyQuestion: (examples: readonly string[]) => `您好，我是规划助手，可以回答关于规划的问题，并给出原文出处。例如：\n${examples.map((example) => `· ${example}`).join("\n")}`,
} as const;

/** The apology for a failed turn: the database one when the shared store was unreachable, else the general one. */
export function apologyFor(error: unknown): string {
  return isPlanAssistantError(error) && error.code === "DATABASE_UNAVAILABLE" ? CHANNEL_REPLIES.databaseUnavailable : CHANNEL_REPLIES.apology;
}
