/** The bot's short fixed replies, in one place. */
export const REPLIES = {
  apology: "抱歉，处理这个问题时出了点问题，请稍后再试一次。如果一直不行，请联系管理员。",
  actionApology: "抱歉，这个操作没有成功，请稍后再试。",
  rateLimited: (retryAfterSeconds: number) => `您提问有点频繁啦 🙏 为了让大家都能顺畅使用，请约 ${retryAfterSeconds} 秒后再问。`,
  searching: (question: string) => `🔎 正在查找：${question}`,
  working: "⏳ 正在整理答案，请稍候…",
  shared: "✅ 已分享到频道。",
  shareNeedsInvite: "还不能分享到这个频道：请先把我邀请进来（在频道里输入 /invite @规划助手），再点一次“分享到频道”。",
  answerExpired: "这条回答已过期，请重新提问。",
  sourceNotFound: "抱歉，没有找到这处出处的原文。",
  feedbackThanks: {
    helpful: "感谢反馈！很高兴能帮上忙。👍",
    not_helpful: "感谢反馈！我们会据此改进回答。",
    wrong_figure: "感谢指正！已记录“数字有误”，我们会对照规划原文核实。",
  },
} as const;
