import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/**
 * A small Slack Web API on 127.0.0.1 (random port) for tests: the real @slack/web-api client talks
 * to it (clientOptions.slackApiUrl = api.apiUrl). It answers the methods the bot calls, records every
 * call with its parsed parameters, records posts to response_url paths (/response/<name>), and can
 * be told to fail a method (Slack error, HTTP 429 with Retry-After, HTTP 5xx) or to hold its answer.
 * For Socket Mode it also serves the WebSocket that apps.connections.open points to: a minimal
 * RFC 6455 server (handshake, text/ping/close frames) that says hello, sends envelopes and records acks.
 */

export interface RecordedCall {
  readonly method: string;
  /** Form parameters; values holding JSON (blocks, view…) are parsed. */
  readonly params: Record<string, unknown>;
  readonly authorization: string | undefined;
  /** The HTTP status answered. */
  readonly status: number;
}

export interface RecordedResponse {
  /** The <name> of /response/<name>. */
  readonly name: string;
  readonly body: Record<string, unknown>;
  /** The HTTP status answered. */
  readonly status: number;
}

export type ScriptedFailure =
  | { readonly status: 429; readonly retryAfterSeconds: number }
  /** An HTTP error Slack's edge answers during an outage. */
  | { readonly status: 500 | 502 | 503 }
  | { readonly error: string };

/** A held call: `arrived` resolves when the request came in; the answer waits for release(). */
export interface HeldCall {
  readonly arrived: Promise<void>;
  release(): void;
}

export type MethodHandler = (params: Record<string, unknown>) => Record<string, unknown>;

export interface ConversationMessageFixture {
  readonly type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly subtype?: string;
}

export const FAKE_BOT = { userId: "UBOT0001", botId: "BBOT0001", teamId: "T111", user: "plan-assistant" } as const;

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly responseFailures = new Map<string, number[]>();
  private readonly holds = new Map<string, { arrive(): void; released: Promise<void> }[]>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly threads = new Map<string, ConversationMessageFixture[]>();
  private readonly histories = new Map<string, ConversationMessageFixture[]>();
  /** Messages the Socket Mode client sent (acks: { envelope_id, payload }). */
  readonly socketMessages: Record<string, unknown>[] = [];
  private readonly sockets = new Set<Duplex>();
  private server: Server | undefined;
  private port = 0;
  private nextTs = 1_700_000_000_000_100;

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => this.acceptWebSocket(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The SLACK_API_URL to configure. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url whose posts are recorded under `name`. */
  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${name}`;
  }

  /** The next call(s) of `method` fail as given, in order. */
  failNext(method: string, ...failures: ScriptedFailure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** The next post(s) to response_url `name` are answered with these HTTP statuses, in order. */
  failNextResponse(name: string, ...statuses: number[]): void {
    this.responseFailures.set(name, [...(this.responseFailures.get(name) ?? []), ...statuses]);
  }

  /** The next call of `method` is answered (and recorded) only once the returned hold is released. */
  holdNext(method: string): HeldCall {
    let arrive = () => {};
    let release = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, [...(this.holds.get(method) ?? []), { arrive, released }]);
    return { arrived, release };
  }

  /** Replaces the default answer of a method. */
  setHandler(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  /** Number of open Socket Mode connections. */
  get socketConnections(): number {
    return this.sockets.size;
  }

  /** Sends a Socket Mode envelope (events_api, slash_commands, interactive) to every connected client. */
  sendSocketEnvelope(envelope: Record<string, unknown>): void {
    for (const socket of this.sockets) sendFrame(socket, 0x1, JSON.stringify(envelope));
  }

  /** What conversations.replies returns for a thread. */
  setThread(channel: string, threadTs: string, messages: readonly ConversationMessageFixture[]): void {
    this.threads.set(`${channel}:${threadTs}`, [...messages]);
  }

  /** What conversations.history returns for a channel. */
  setHistory(channel: string, messages: readonly ConversationMessageFixture[]): void {
    this.histories.set(channel, [...messages]);
  }

  /** Successful calls of `method`, oldest first. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.status === 200);
  }

  /** Successful posts to response_url `name`, oldest first. */
  responsesTo(name: string): RecordedResponse[] {
    return this.responses.filter((response) => response.name === name && response.status === 200);
  }

  /**
   * Waits (bounded) until `find` returns something for the recorded calls, and returns it.
   * Throws with the calls seen so far when it never does.
   */
  async waitFor<T>(description: string, find: (api: this) => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this);
      // A promise is always truthy: it would end the wait before anything happened.
      if (found instanceof Promise) throw new TypeError("waitFor needs a synchronous finder");
      if (found !== undefined && found !== false) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.map((call) => `${call.method}(${call.status})`).join(", ");
        throw new Error(`timed out waiting for ${description}; calls so far: ${seen || "none"}; responses: ${this.responses.map((response) => response.name).join(", ") || "none"}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const params = parseParams(raw, String(request.headers["content-type"] ?? ""));

    const responseMatch = /^\/response\/(.+)$/.exec(path);
    if (responseMatch) {
      const name = decodeURIComponent(responseMatch[1] as string);
      const status = this.responseFailures.get(name)?.shift() ?? 200;
      this.responses.push({ name, body: params, status });
      sendJson(response, status, status === 200 ? { ok: true } : { ok: false, error: "internal_error" });
      return;
    }
    const methodMatch = /^\/api\/(.+)$/.exec(path);
    if (!methodMatch) {
      sendJson(response, 404, { ok: false, error: "unknown_path" });
      return;
    }
    const method = methodMatch[1] as string;
    const authorization = typeof request.headers.authorization === "string" ? request.headers.authorization : undefined;
    const hold = this.holds.get(method)?.shift();
    if (hold) {
      hold.arrive();
      await hold.released;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure && "status" in failure) {
      this.calls.push({ method, params, authorization, status: failure.status });
      if (failure.status === 429) {
        response.writeHead(429, { "content-type": "application/json", "retry-after": String(failure.retryAfterSeconds) });
        response.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      } else {
        response.writeHead(failure.status, { "content-type": "text/html" });
        response.end("<html><body>upstream error</body></html>");
      }
      return;
    }
    this.calls.push({ method, params, authorization, status: 200 });
    if (!authorization?.startsWith("Bearer x")) {
      sendJson(response, 200, { ok: false, error: "not_authed" });
      return;
    }
    if (failure) {
      sendJson(response, 200, { ok: false, error: failure.error });
      return;
    }
    sendJson(response, 200, { ok: true, ...(this.handlers.get(method) ?? ((given) => this.defaultAnswer(method, given)))(params) });
  }

  private defaultAnswer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { url: "https://example.slack.com/", team: "Example", user: FAKE_BOT.user, team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
      case "chat.postMessage": {
        const ts = this.newTs();
        return { channel: params.channel, ts, message: { type: "message", text: params.text, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, ts, ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}) } };
      }
      case "chat.update":
        return { channel: params.channel, ts: params.ts, text: params.text };
      case "chat.postEphemeral":
        return { message_ts: this.newTs() };
      case "views.publish":
      case "views.open":
        return { view: { id: `V${this.newTs().replace(".", "")}`, ...(params.view as object) } };
      case "conversations.replies":
        return { messages: this.threads.get(`${String(params.channel)}:${String(params.ts)}`) ?? [], has_more: false };
      case "conversations.history":
        return { messages: [...(this.histories.get(String(params.channel)) ?? [])].reverse(), has_more: false };
      case "apps.connections.open":
        return { url: `ws://127.0.0.1:${this.port}/socket-mode` };
      case "users.info":
        return { user: { id: params.user, name: "someone", is_bot: false } };
      default:
        return {};
    }
  }

  private acceptWebSocket(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const key = request.headers["sec-websocket-key"];
    if (request.url !== "/socket-mode" || typeof key !== "string") {
      socket.destroy();
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Accept: ${accept}`, "", ""].join("\r\n"));
    this.sockets.add(socket);
    let pending: Buffer = Buffer.from(head);
    socket.on("data", (chunk: Buffer) => {
      pending = this.readFrames(socket, Buffer.concat([pending, chunk]));
    });
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => this.sockets.delete(socket));
    sendFrame(socket, 0x1, JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack-api" }, connection_info: { app_id: "A111" } }));
  }

  /** Handles the complete frames in `buffer` (client frames are masked) and returns what is left. */
  private readFrames(socket: Duplex, buffer: Buffer): Buffer {
    let rest: Buffer = buffer;
    while (rest.length >= 2) {
      const opcode = (rest[0] as number) & 0x0f;
      const masked = ((rest[1] as number) & 0x80) !== 0;
      let length = (rest[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (rest.length < 4) break;
        length = rest.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (rest.length < 10) break;
        length = Number(rest.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLength = masked ? 4 : 0;
      if (rest.length < offset + maskLength + length) break;
      const mask = rest.subarray(offset, offset + maskLength);
      const payload = Buffer.from(rest.subarray(offset + maskLength, offset + maskLength + length));
      if (masked) for (let index = 0; index < payload.length; index += 1) payload[index] = (payload[index] as number) ^ (mask[index % 4] as number);
      rest = rest.subarray(offset + maskLength + length);
      if (opcode === 0x1) this.socketMessages.push(JSON.parse(payload.toString("utf8")) as Record<string, unknown>);
      else if (opcode === 0x9) sendFrame(socket, 0xa, payload);
      else if (opcode === 0x8) {
        sendFrame(socket, 0x8, payload.subarray(0, 2));
        socket.end();
      }
    }
    return rest;
  }

  private newTs(): string {
    this.nextTs += 100;
    const digits = String(this.nextTs);
    return `${digits.slice(0, 10)}.${digits.slice(10)}`;
  }
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  return new FakeSlackApi().start();
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (contentType.startsWith("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  return params;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Writes one unmasked, unfragmented WebSocket frame (servers do not mask). */
function sendFrame(socket: Duplex, opcode: number, payload: Buffer | string): void {
  const data = Buffer.from(payload);
  let header: Buffer;
  if (data.length < 126) {
    header = Buffer.from([0x80 | opcode, data.length]);
  } else if (data.length < 65_536) {
    header = Buffer.alloc(4);
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(126, 1);
    header.writeUInt16BE(data.length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(127, 1);
    header.writeBigUInt64BE(BigInt(data.length), 2);
  }
  if (!socket.destroyed) socket.write(Buffer.concat([header, data]));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
