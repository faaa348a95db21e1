import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fnv1a32 } from "../../src/embed/hashed-embeddings.js";

/**
 * A model server on 127.0.0.1 (random port) for tests of the real LangChain clients. It speaks
 * - the OpenAI-compatible API: POST …/chat/completions (JSON or SSE stream) and POST …/embeddings
 *   (float or base64 vectors), under any prefix such as /v1;
 * - the Ollama API: POST /api/chat (NDJSON stream or JSON), POST /api/embed, POST /api/embeddings,
 *   GET /api/tags.
 * Chat replies are served from a script, in order; embeddings are deterministic vectors of the text.
 * Every request is recorded.
 */

/** One scripted chat reply. */
export interface ScriptedChatReply {
  /** Text of the assistant message. */
  readonly content?: string;
  /** Milliseconds to wait before answering (the response headers are not sent before). */
  readonly delayMs?: number;
  /** HTTP status; anything but 200 answers with an error body in the API's shape. */
  readonly status?: number;
  readonly errorMessage?: string;
}

export type FakeModelApi = "openai-chat" | "openai-embeddings" | "ollama-chat" | "ollama-embed" | "ollama-embeddings" | "other";

export interface RecordedRequest {
  readonly api: FakeModelApi;
  readonly method: string;
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, or null when there was none or it did not parse. */
  readonly body: unknown;
  readonly rawBody: string;
}

export interface FakeModelServerOptions {
  readonly chatReplies?: readonly ScriptedChatReply[];
  /** Served once the script is used up; without it the server answers 500. */
  readonly defaultChatReply?: ScriptedChatReply;
  /** Length of the embedding vectors. Default 8. */
  readonly embeddingDimension?: number;
}

export interface FakeModelServer {
  /** http://127.0.0.1:<port> — the Ollama base URL. */
  readonly url: string;
  /** http://127.0.0.1:<port>/v1 — the OpenAI-compatible base URL. */
  readonly openAiBaseUrl: string;
  readonly requests: readonly RecordedRequest[];
  requestsTo(api: FakeModelApi): RecordedRequest[];
  enqueueChatReply(...replies: ScriptedChatReply[]): void;
  close(): Promise<void>;
}


/**
 * The vector the fake server returns for `text`: deterministic, with components that are
 * multiples of 1/1024 so they survive the float32 round trip of base64 encoding exactly.
 */
export function fakeEmbedding(text: string, dimension = 8): number[] {
  return Array.from({ length: dimension }, (_, index) => ((fnv1a32(`${index}:${text}`) % 2049) - 1024) / 1024);
}

/** The text of every message of a recorded chat request (OpenAI or Ollama shape), joined by newlines. */
export function chatPromptText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: Array<{ content?: unknown }> } | null)?.messages ?? [];
  return messages
    .map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "")))
    .join("\n");
}

function classify(method: string, path: string): FakeModelApi {
  if (method === "POST" && path === "/api/chat") return "ollama-chat";
  if (method === "POST" && path === "/api/embed") return "ollama-embed";
  if (method === "POST" && path === "/api/embeddings") return "ollama-embeddings";
  if (method === "POST" && path.endsWith("/chat/completions")) return "openai-chat";
  if (method === "POST" && path.endsWith("/embeddings")) return "openai-embeddings";
  return "other";
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input)) return input.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
  return [];
}

function float32Base64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** Splits a reply into two pieces so streaming clients have to join chunks. */
function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)].filter((piece) => piece !== "");
}

/** Starts the server on 127.0.0.1 with a random free port. */
export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const script: ScriptedChatReply[] = [...(options.chatReplies ?? [])];
  const dimension = options.embeddingDimension ?? 8;
  const requests: RecordedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let sequence = 0;

  const later = (response: ServerResponse, delayMs: number, action: () => void) => {
    if (delayMs <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) action();
    }, delayMs);
    timers.add(timer);
    // A client that gives up (timeout, abort) closes the socket: drop the pending reply.
    response.on("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const nextChatReply = (): ScriptedChatReply => script.shift() ?? options.defaultChatReply ?? { status: 500, errorMessage: "fake model server: no scripted reply left" };

  const answerOpenAiChat = (body: Record<string, unknown>, response: ServerResponse) => {
    const reply = nextChatReply();
    later(response, reply.delayMs ?? 0, () => {
      const status = reply.status ?? 200;
      if (status !== 200) return sendJson(response, status, { error: { message: reply.errorMessage ?? "scripted error", type: "server_error", code: null } });
      const content = reply.content ?? "";
      const id = `chatcmpl-fake-${(sequence += 1)}`;
      const created = Math.floor(Date.now() / 1000);
      const model = String(body.model ?? "fake-model");
      if (body.stream === true) {
        response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
          `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] })}\n\n`;
        response.write(chunk({ role: "assistant", content: "" }, null));
        for (const piece of halves(content)) response.write(chunk({ content: piece }, null));
        response.write(chunk({}, "stop"));
        response.end("data: [DONE]\n\n");
        return;
      }
      sendJson(response, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 100, completion_tokens: content.length, total_tokens: 100 + content.length },
      });
    });
  };

  const answerOllamaChat = (body: Record<string, unknown>, response: ServerResponse) => {
    const reply = nextChatReply();
    later(response, reply.delayMs ?? 0, () => {
      const status = reply.status ?? 200;
      if (status !== 200) return sendJson(response, status, { error: reply.errorMessage ?? "scripted error" });
      const content = reply.content ?? "";
      const model = String(body.model ?? "fake-model");
      const createdAt = new Date().toISOString();
      const final = { model, created_at: createdAt, message: { role: "assistant", content: "" }, done: true, done_reason: "stop", total_duration: 1_000_000, load_duration: 1000, prompt_eval_count: 100, prompt_eval_duration: 1000, eval_count: content.length, eval_duration: 1000 };
      if (body.stream === false) return sendJson(response, 200, { ...final, message: { role: "assistant", content } });
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      for (const piece of halves(content)) response.write(`${JSON.stringify({ model, created_at: createdAt, message: { role: "assistant", content: piece }, done: false })}\n`);
      response.end(`${JSON.stringify(final)}\n`);
    });
  };

  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string) => {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const api = classify(method, path);
    let body: unknown = null;
    try {
      body = rawBody === "" ? null : JSON.parse(rawBody);
    } catch {
      body = null;
    }
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(", ") : (value ?? "")]));
    requests.push({ api, method, path, headers, body, rawBody });
    const fields = (body ?? {}) as Record<string, unknown>;
    const model = String(fields.model ?? "fake-model");

    switch (api) {
      case "openai-chat":
        return answerOpenAiChat(fields, response);
      case "ollama-chat":
        return answerOllamaChat(fields, response);
      case "openai-embeddings": {
        const base64 = fields.encoding_format === "base64";
        const data = inputTexts(fields.input).map((text, index) => {
          const vector = fakeEmbedding(text, dimension);
          return { object: "embedding", index, embedding: base64 ? float32Base64(vector) : vector };
        });
        return sendJson(response, 200, { object: "list", data, model, usage: { prompt_tokens: data.length, total_tokens: data.length } });
      }
      case "ollama-embed":
        return sendJson(response, 200, { model, embeddings: inputTexts(fields.input).map((text) => fakeEmbedding(text, dimension)), total_duration: 1000, load_duration: 100, prompt_eval_count: 1 });
      case "ollama-embeddings":
        return sendJson(response, 200, { embedding: fakeEmbedding(String(fields.prompt ?? ""), dimension) });
      default:
        if (method === "GET" && path === "/api/tags") return sendJson(response, 200, { models: [] });
        if (method === "GET" && path.endsWith("/models")) return sendJson(response, 200, { object: "list", data: [] });
        return sendJson(response, 404, { error: `fake model server: no route for ${method} ${path}` });
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, response, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    requests,
    requestsTo: (api) => requests.filter((request) => request.api === api),
    enqueueChatReply: (...replies) => {
      script.push(...replies);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
