import { CHANNEL_REPLIES } from "../../channel/channel-replies.js";

/** The Slack bot's short fixed replies: the channels' shared ones plus Slack's own. */
export const REPLIES = {
  apology: CHANNEL_REPLIES.apology,
  actionApology: CHANNEL_REPLIES.actionApology,
  rateLimited: CHANNEL_REPLIES.rateLimited,
  searching: (question: string) => `🔎 正在查找：${question}`,
  working: CHANNEL_REPLIES.working,
  shared: "✅ 已分享到频道。",
  shareNeedsInvite: "还不能分享到这个频道：请先把我邀请进来（在频道里输入 /invite @规划助手），再点一次“分享到频道”。",
  answerExpired: CHANNEL_REPLIES.answerExpired,
  sourceNotFound: CHANNEL_REPLIES.sourceNotFound,
  feedbackThanks: CHANNEL_REPLIES.feedbackThanks,
} as const;
