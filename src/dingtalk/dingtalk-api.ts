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
  /**
   * Creates an interactive card from the template in the message's chat (the group, or the 1:1
   * chat with the robot), with button callbacks over the stream.
   * @throws PlatformRequestError when DingTalk refuses or fails.
   */
  createCard(message: RobotMessage, card: { readonly templateId: string; readonly outTrackId: string; readonly params: Readonly<Record<string, string>> }): Promise<void>;
  /** Replaces the card's variables (the answer replacing the placeholder). @throws PlatformRequestError */
  updateCard(outTrackId: string, params: Readonly<Record<string, string>>): Promise<void>;
}

const cardResultSchema = z.object({ success: z.boolean().optional() }).loose();

/** Replies through DingTalk (session webhook, robot OpenAPI, card instances); the access token is fetched once and renewed before it expires. */
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

  const cardRequest = async (method: "POST" | "PUT", path: string, body: unknown, what: string) => {
    const result = cardResultSchema.parse((await postJson(`${apiUrl}${path}`, body, { method, headers: { "x-acs-dingtalk-access-token": await accessToken() }, timeoutMs })) ?? {});
    if (result.success === false) throw new PlatformRequestError(`DingTalk refused ${what}`, 400);
  };

  return {
    async replyMarkdown(message, markdown) {
      if (message.sessionWebhookExpiredTime - WEBHOOK_MARGIN_MS > clock.now()) await viaWebhook(message, markdown);
      else await viaOpenApi(message, markdown);
    },
    async createCard(message, { templateId, outTrackId, params }) {
      const robotCode = message.robotCode ?? clientId;
      const where = isDirectChat(message)
        ? { openSpaceId: `dtv1.card//IM_ROBOT.${message.senderStaffId ?? message.senderId}`, imRobotOpenSpaceModel: { supportForward: true }, imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode } }
        : { openSpaceId: `dtv1.card//IM_GROUP.${message.conversationId}`, imGroupOpenSpaceModel: { supportForward: true }, imGroupOpenDeliverModel: { robotCode } };
      await cardRequest("POST", "/v1.0/card/instances/createAndDeliver", { cardTemplateId: templateId, outTrackId, callbackType: "STREAM", cardData: { cardParamMap: params }, ...where }, "the card");
    },
    async updateCard(outTrackId, params) {
      await cardRequest("PUT", "/v1.0/card/instances", { outTrackId, cardData: { cardParamMap: params }, cardUpdateOptions: { updateCardDataByKey: true } }, "the card update");
    },
  };
}
