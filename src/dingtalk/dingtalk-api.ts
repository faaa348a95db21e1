import { z } from "zod";
import type { Clock } from "../channel/clock.js";
import { postJson } from "../channel/post-json.js";
import { PlatformRequestError } from "../errors.js";
import type { DingTalkMarkdown } from "./format-markdown.js";
import { isDirectChat, type RobotMessage } from "./robot-message.js";

const accessTokenSchema = z.object({ accessToken: z.string().min(1), expireIn: z.number() });
const webhookResultSchema = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).loose();

/** A session webhook is used only while it has at least this long left. */
const WEBHOOK_MARGIN_MS = 10_000;

export interface DingTalkApiOptions {
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clock: Clock;
  readonly timeoutMs?: number;
}

/** Sending replies to a robot message. */
export interface DingTalkApi {
  /**
   * Replies with markdown: through the message's session webhook while it is valid, else through
   * the OpenAPI (group message or 1:1 batch send) with the app's access token.
   * @throws PlatformRequestError when DingTalk refuses or fails (status set for HTTP errors).
   */
  replyMarkdown(message: RobotMessage, markdown: DingTalkMarkdown): Promise<void>;
}

export function createDingTalkApi({ apiUrl, clientId, clientSecret, clock, timeoutMs = 15_000 }: DingTalkApiOptions): DingTalkApi {
  let token: { value: string; expiresAt: number } | undefined;

  const accessToken = async (): Promise<string> => {
    if (token && token.expiresAt > clock.now()) return token.value;
    const response = accessTokenSchema.parse(await postJson(`${apiUrl}/v1.0/oauth2/accessToken`, { appKey: clientId, appSecret: clientSecret }, { timeoutMs }));
    // Renewed five minutes early, so a reply never goes out with a token about to expire.
    token = { value: response.accessToken, expiresAt: clock.now() + Math.max(0, response.expireIn - 300) * 1000 };
    return token.value;
  };

  const viaWebhook = async (message: RobotMessage, markdown: DingTalkMarkdown) => {
    const result = webhookResultSchema.parse((await postJson(message.sessionWebhook, { msgtype: "markdown", markdown }, { timeoutMs })) ?? {});
    if (result.errcode !== undefined && result.errcode !== 0) throw new PlatformRequestError(`the session webhook refused the reply: ${result.errcode} ${result.errmsg ?? ""}`.trim(), undefined);
  };

  const viaOpenApi = async (message: RobotMessage, markdown: DingTalkMarkdown) => {
    const headers = { "x-acs-dingtalk-access-token": await accessToken() };
    const common = { robotCode: message.robotCode ?? clientId, msgKey: "sampleMarkdown", msgParam: JSON.stringify(markdown) };
    if (isDirectChat(message)) {
      await postJson(`${apiUrl}/v1.0/robot/oToMessages/batchSend`, { ...common, userIds: [message.senderStaffId ?? message.senderId] }, { headers, timeoutMs });
    } else {
      await postJson(`${apiUrl}/v1.0/robot/groupMessages/send`, { ...common, openConversationId: message.conversationId }, { headers, timeoutMs });
    }
  };

  return {
    async replyMarkdown(message, markdown) {
      if (message.sessionWebhookExpiredTime - WEBHOOK_MARGIN_MS > clock.now()) await viaWebhook(message, markdown);
      else await viaOpenApi(message, markdown);
    },
  };
}
