import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { decodeFrame, encodeFrame } from "./feishu-frame.js";

/**
 * A small Feishu open platform on 127.0.0.1 (random port) for tests. The real
 * @larksuiteoapi/node-sdk clients talk to it (domain = fake.domain): POST /callback/ws/endpoint
 * answers with a WebSocket URL on the same port, where the fake pushes events as protobuf data
 * frames and records the client's response frames (the ACKs, with what the handler returned).
 * It serves the tenant token, bot info, message reply and message update (PATCH) calls, records
 * every request, and can be told to fail requests with an HTTP status.
 */

export const FAKE_FEISHU = { appId: "cli_a1b2c3d4e5f60718", appSecret: "fake-feishu-app-secret-3c9d8e", tenantToken: "t-fakeTenantAccessToken0123456789abcdef", botOpenId: "ou_fakebot0001", serviceId: 7, wsAccessKey: "fake-ws-access-key-5566aa", wsTicket: "fake-ws-ticket-7788bb" } as const;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
  readonly status: number;
  /** When it arrived (ms since the epoch). */
  readonly at: number;
}

/** The client's response to a pushed event frame: its code and what the handler returned (a card action's toast). */
export interface EventResponse {
  readonly frameId: string;
  readonly code: number;
  readonly data: unknown;
}

export interface TextMessageFixture {
  readonly eventId: string;
  readonly messageId: string;
  readonly text: string;
  readonly chatType?: "p2p" | "group";
  readonly chatId?: string;
  readonly rootId?: string;
  readonly senderOpenId?: string;
  /** Open ids mentioned, in order, as @_user_1, @_user_2…; the text should contain those keys. */
  readonly mentions?: readonly string[];
}

export class FakeFeishu {
  readonly requests: RecordedRequest[] = [];
  readonly responses: EventResponse[] = [];
  private readonly failures: { path: RegExp; status: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private server: Server | undefined;
  private webSockets: WebSocketServer | undefined;
  private port = 0;
  private frames = 0;
  private replies = 0;
  private rejectApp = false;

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.webSockets = new WebSocketServer({ server: this.server, path: "/ws" });
    this.webSockets.on("connection", (socket: WebSocket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data: Buffer) => {
        const frame = decodeFrame(new Uint8Array(data));
        if (frame.method !== 1) return;
        const payload = JSON.parse(Buffer.from(frame.payload).toString("utf8")) as { code: number; data?: string };
        this.responses.push({ frameId: frame.headers.message_id ?? "", code: payload.code, data: payload.data ? JSON.parse(Buffer.from(payload.data, "base64").toString("utf8")) : undefined });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** FEISHU_DOMAIN for the bot. */
  get domain(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** The next `count` requests whose path matches fail with `status`. */
  failNext(path: RegExp, status: number, count = 1): void {
    for (let index = 0; index < count; index += 1) this.failures.push({ path, status });
  }

  /** The endpoint call answers with an authentication error. */
  refuseApp(): void {
    this.rejectApp = true;
  }

  /** Pushes an event (schema 2.0) as a data frame to every connected client; returns the frame's message_id. */
  pushEvent(eventType: string, eventId: string, event: Record<string, unknown>): string {
    this.frames += 1;
    const frameId = `frame-${this.frames}`;
    const body = { schema: "2.0", header: { event_id: eventId, event_type: eventType, create_time: String(Date.now()), token: "", app_id: FAKE_FEISHU.appId, tenant_key: "tenant-1" }, event };
    const frame = encodeFrame({ seqId: this.frames, logId: this.frames, service: FAKE_FEISHU.serviceId, method: 1, headers: { type: "event", message_id: frameId, sum: "1", seq: "0", trace_id: `trace-${this.frames}` }, payload: new Uint8Array(Buffer.from(JSON.stringify(body), "utf8")) });
    for (const socket of this.sockets) socket.send(frame);
    return frameId;
  }

  /** An im.message.receive_v1 event for a text message. */
  pushTextMessage(fixture: TextMessageFixture): string {
    const chatType = fixture.chatType ?? "p2p";
    return this.pushEvent("im.message.receive_v1", fixture.eventId, {
      sender: { sender_id: { open_id: fixture.senderOpenId ?? "ou_user0001", user_id: "user0001", union_id: "on_user0001" }, sender_type: "user", tenant_key: "tenant-1" },
      message: {
        message_id: fixture.messageId,
        ...(fixture.rootId ? { root_id: fixture.rootId, parent_id: fixture.rootId } : {}),
        create_time: String(Date.now()),
        chat_id: fixture.chatId ?? (chatType === "p2p" ? "oc_direct0001" : "oc_group0001"),
        chat_type: chatType,
        message_type: "text",
        content: JSON.stringify({ text: fixture.text }),
        mentions: (fixture.mentions ?? []).map((openId, index) => ({ key: `@_user_${index + 1}`, id: { open_id: openId, user_id: "", union_id: "" }, name: openId === FAKE_FEISHU.botOpenId ? "规划助手" : "同事", tenant_key: "tenant-1" })),
      },
    });
  }

  /** A card.action.trigger callback for a button click on `messageId`. */
  pushCardAction(eventId: string, messageId: string, value: unknown): string {
    return this.pushEvent("card.action.trigger", eventId, { operator: { open_id: "ou_user0001", user_id: "user0001" }, token: "card-token", action: { value, tag: "button" }, host: "im_message", context: { open_message_id: messageId, open_chat_id: "oc_direct0001" } });
  }

  /** Replies and card updates the bot made, in order: the message replied to (or updated), the message type, and the parsed content. */
  posts(): { readonly kind: "reply" | "update"; readonly messageId: string; readonly msgType: string; readonly content: Record<string, unknown>; readonly replyInThread: boolean; readonly status: number }[] {
    return this.requests
      .filter((request) => request.path.startsWith("/open-apis/im/v1/messages/"))
      .map((request) => {
        const [, , , , , messageId = "", action] = request.path.split("/");
        return {
          kind: action === "reply" ? ("reply" as const) : ("update" as const),
          messageId,
          msgType: String(request.body.msg_type ?? "interactive"),
          content: JSON.parse(String(request.body.content ?? "{}")) as Record<string, unknown>,
          replyInThread: request.body.reply_in_thread === true,
          status: request.status,
        };
      });
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.webSockets?.close(() => resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", this.domain);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const record = (status: number, payload: unknown) => {
      this.requests.push({ method: request.method ?? "GET", path: url.pathname, authorization: request.headers.authorization, body, status, at: Date.now() });
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    const failure = this.failures.findIndex((candidate) => candidate.path.test(url.pathname));
    if (failure >= 0) {
      const [{ status }] = this.failures.splice(failure, 1) as [{ path: RegExp; status: number }];
      record(status, { code: 99991400, msg: "fake failure" });
      return;
    }
    const authorized = request.headers.authorization === `Bearer ${FAKE_FEISHU.tenantToken}`;
    if (url.pathname === "/callback/ws/endpoint") {
      if (this.rejectApp || body.AppID !== FAKE_FEISHU.appId || body.AppSecret !== FAKE_FEISHU.appSecret) {
        record(200, { code: 514, msg: "auth failed", data: {} });
        return;
      }
      record(200, { code: 0, msg: "ok", data: { URL: `ws://127.0.0.1:${this.port}/ws?device_id=device-1&access_key=${FAKE_FEISHU.wsAccessKey}&service_id=${FAKE_FEISHU.serviceId}&ticket=${FAKE_FEISHU.wsTicket}`, ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 } } });
      return;
    }
    if (url.pathname === "/open-apis/auth/v3/tenant_access_token/internal") {
      if (body.app_id !== FAKE_FEISHU.appId || body.app_secret !== FAKE_FEISHU.appSecret) record(200, { code: 10014, msg: "app secret invalid" });
      else record(200, { code: 0, msg: "ok", tenant_access_token: FAKE_FEISHU.tenantToken, expire: 7200 });
      return;
    }
    if (!authorized) {
      record(401, { code: 99991663, msg: "invalid tenant access token" });
      return;
    }
    if (url.pathname === "/open-apis/bot/v3/info") {
      record(200, { code: 0, msg: "ok", bot: { open_id: FAKE_FEISHU.botOpenId, app_name: "规划助手", activate_status: 2 } });
      return;
    }
    if (/^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(url.pathname) && request.method === "POST") {
      this.replies += 1;
      record(200, { code: 0, msg: "success", data: { message_id: `om_reply${this.replies}` } });
      return;
    }
    if (/^\/open-apis\/im\/v1\/messages\/[^/]+$/.test(url.pathname) && request.method === "PATCH") {
      record(200, { code: 0, msg: "success", data: {} });
      return;
    }
    record(404, { code: 404, msg: "not found" });
  }
}
