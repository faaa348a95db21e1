import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A small DingTalk on 127.0.0.1 (random port) for tests. The real dingtalk-stream client talks to
 * it: POST /v1.0/gateway/connections/open answers with a WebSocket endpoint on the same port,
 * where the fake pushes robot-message callback frames and records what the client sends (ACKs).
 * It also serves the session webhook (/robot/sendBySession?session=…), the access-token call and
 * the robot OpenAPI sends, records every request, and can be told to fail requests with an HTTP status.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Record<string, unknown>;
  /** The HTTP status answered. */
  readonly status: number;
  /** When it arrived (ms since the epoch). */
  readonly at: number;
}

/** A frame the stream client sent (an ACK is { code: 200, headers: { messageId }, data }). */
export interface ClientFrame {
  readonly code?: number;
  readonly headers: { readonly messageId?: string; readonly [key: string]: unknown };
  readonly message?: string;
  readonly data?: string;
}

export const FAKE_DINGTALK = { clientId: "dingfakeclient0001", clientSecret: "fake-dingtalk-client-secret-9f1c2e", robotUserId: "$:LWCP_v1:$fakeRobot", accessToken: "fake-dingtalk-access-token-77aa" } as const;

export interface RobotMessageFixture {
  readonly msgId: string;
  readonly text: string;
  /** "1" 1:1, "2" group. */
  readonly conversationType?: "1" | "2";
  readonly conversationId?: string;
  readonly senderStaffId?: string;
  readonly isInAtList?: boolean;
  /** Default: valid for an hour. */
  readonly sessionWebhookExpiredTime?: number;
}

export class FakeDingTalk {
  readonly requests: RecordedRequest[] = [];
  readonly clientFrames: ClientFrame[] = [];
  /** Connection-open calls that were answered with an endpoint. */
  connectionsOpened = 0;
  private readonly failures: { path: string; status: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private server: Server | undefined;
  private webSockets: WebSocketServer | undefined;
  private port = 0;
  private frameCount = 0;
  private rejectCredentials = false;

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.webSockets = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.webSockets.on("connection", (socket: WebSocket) => {
      this.sockets.add(socket);
      socket.on("message", (data) => this.clientFrames.push(JSON.parse(String(data)) as ClientFrame));
      socket.on("close", () => this.sockets.delete(socket));
      socket.send(JSON.stringify({ specVersion: "1.0", type: "SYSTEM", headers: { topic: "CONNECTED", messageId: "system-connected", contentType: "application/json", time: String(Date.now()) }, data: "{}" }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** DINGTALK_API_URL for the bot. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open WebSocket connections from stream clients. */
  get connectionCount(): number {
    return this.sockets.size;
  }

  /** The next `count` requests to `path` fail with `status`. */
  failNext(path: string, status: number, count = 1): void {
    for (let index = 0; index < count; index += 1) this.failures.push({ path, status });
  }

  /** The gateway answers 401 to connection-open calls. */
  refuseCredentials(): void {
    this.rejectCredentials = true;
  }

  /** Pushes a robot-message callback frame to every connected client; returns the frame's messageId. */
  pushRobotMessage(fixture: RobotMessageFixture): string {
    this.frameCount += 1;
    const messageId = `frame-${this.frameCount}`;
    const conversationType = fixture.conversationType ?? "1";
    const data = {
      msgId: fixture.msgId,
      msgtype: "text",
      text: { content: fixture.text },
      conversationId: fixture.conversationId ?? (conversationType === "1" ? "cid-direct-1" : "cid-group-1"),
      conversationType,
      senderId: `$:LWCP_v1:$${fixture.senderStaffId ?? "staff001"}`,
      senderStaffId: fixture.senderStaffId ?? "staff001",
      senderNick: "张老师",
      sessionWebhook: `${this.apiUrl}/robot/sendBySession?session=session-${fixture.msgId}`,
      sessionWebhookExpiredTime: fixture.sessionWebhookExpiredTime ?? Date.now() + 3_600_000,
      robotCode: FAKE_DINGTALK.clientId,
      chatbotUserId: FAKE_DINGTALK.robotUserId,
      isInAtList: fixture.isInAtList ?? conversationType === "2",
      createAt: Date.now(),
    };
    const frame = { specVersion: "1.0", type: "CALLBACK", headers: { appId: "fake-app", connectionId: "connection-1", contentType: "application/json", messageId, time: String(Date.now()), topic: "/v1.0/im/bot/messages/get" }, data: JSON.stringify(data) };
    for (const socket of this.sockets) socket.send(JSON.stringify(frame));
    return messageId;
  }

  /** Pushes a card-button callback frame (topic /v1.0/card/instances/callback) for the card `outTrackId`; returns the frame's messageId. */
  pushCardCallback(outTrackId: string, params: Record<string, string>, userId = "staff001"): string {
    this.frameCount += 1;
    const messageId = `frame-${this.frameCount}`;
    const data = { outTrackId, userId, corpId: "corp-1", spaceType: "IM", content: JSON.stringify({ cardPrivateData: { actionIds: [`${params.action}_${params.kind}`], params } }) };
    const frame = { specVersion: "1.0", type: "CALLBACK", headers: { appId: "fake-app", connectionId: "connection-1", contentType: "application/json", messageId, time: String(Date.now()), topic: "/v1.0/card/instances/callback" }, data: JSON.stringify(data) };
    for (const socket of this.sockets) socket.send(JSON.stringify(frame));
    return messageId;
  }

  /** Card calls the bot made, in order: created (POST createAndDeliver) or updated (PUT), with their variables. */
  cards(): { readonly kind: "create" | "update"; readonly outTrackId: string; readonly params: Record<string, string>; readonly body: Record<string, unknown>; readonly status: number }[] {
    return this.requests
      .filter((request) => request.path.startsWith("/v1.0/card/instances"))
      .map((request) => ({
        kind: request.path.endsWith("createAndDeliver") ? ("create" as const) : ("update" as const),
        outTrackId: String(request.body.outTrackId),
        params: ((request.body.cardData as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap ?? {}) as Record<string, string>,
        body: request.body,
        status: request.status,
      }));
  }

  /** Drops every WebSocket connection, as a gateway restart would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Replies the bot posted (through the session webhook or the OpenAPI), as their markdown text, in order. */
  replies(): { readonly via: "webhook" | "group" | "direct"; readonly session: string | undefined; readonly text: string; readonly status: number }[] {
    return this.requests
      .filter((request) => request.path === "/robot/sendBySession" || request.path.startsWith("/v1.0/robot/"))
      .map((request) => {
        const via = request.path === "/robot/sendBySession" ? "webhook" : request.path.endsWith("groupMessages/send") ? "group" : "direct";
        const markdown = via === "webhook" ? (request.body.markdown as { text?: string } | undefined) : (JSON.parse(String(request.body.msgParam ?? "{}")) as { text?: string });
        return { via, session: request.query.session, text: markdown?.text ?? "", status: request.status };
      });
  }

  /** ACKs the client sent, by frame messageId. */
  acks(): string[] {
    return this.clientFrames.filter((frame) => frame.code === 200 && typeof frame.headers.messageId === "string").map((frame) => frame.headers.messageId as string);
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
    const url = new URL(request.url ?? "/", this.apiUrl);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const record = (status: number, payload: unknown) => {
      this.requests.push({ method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body, status, at: Date.now() });
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    const failure = this.failures.findIndex((candidate) => candidate.path === url.pathname);
    if (failure >= 0) {
      const [{ status }] = this.failures.splice(failure, 1) as [{ path: string; status: number }];
      record(status, { code: "ServiceUnavailable", message: "fake failure" });
      return;
    }
    switch (url.pathname) {
      case "/v1.0/gateway/connections/open":
        if (this.rejectCredentials || body.clientId !== FAKE_DINGTALK.clientId || body.clientSecret !== FAKE_DINGTALK.clientSecret) {
          record(401, { code: "InvalidAuthentication", message: "clientId or clientSecret is wrong" });
          return;
        }
        this.connectionsOpened += 1;
        record(200, { endpoint: `ws://127.0.0.1:${this.port}/gateway`, ticket: `ticket-${this.connectionsOpened}` });
        return;
      case "/v1.0/oauth2/accessToken":
        record(200, { accessToken: FAKE_DINGTALK.accessToken, expireIn: 7200 });
        return;
      case "/robot/sendBySession":
        record(200, { errcode: 0, errmsg: "ok" });
        return;
      case "/v1.0/card/instances/createAndDeliver":
      case "/v1.0/card/instances":
        if (request.headers["x-acs-dingtalk-access-token"] !== FAKE_DINGTALK.accessToken) {
          record(401, { code: "InvalidAuthentication" });
          return;
        }
        record(200, { success: true, result: url.pathname.endsWith("createAndDeliver") ? { outTrackId: body.outTrackId } : true });
        return;
      case "/v1.0/robot/groupMessages/send":
      case "/v1.0/robot/oToMessages/batchSend":
        if (request.headers["x-acs-dingtalk-access-token"] !== FAKE_DINGTALK.accessToken) {
          record(401, { code: "InvalidAuthentication" });
          return;
        }
        record(200, { processQueryKey: "query-key" });
        return;
      default:
        record(404, { code: "NotFound" });
    }
  }
}
