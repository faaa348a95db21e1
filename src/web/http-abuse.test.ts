import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeAssistant } from "../../test/fakes/fake-assistant.js";
import { rawExchange } from "../../test/support/raw-http.js";
import { startTestWebServer, type TestWebServer } from "../../test/support/web-server.js";

/**
 * Hostile and broken requests over a real loopback socket: random and oversized bodies, wrong
 * content types, malformed HTTP, slow clients. Each gets a 4xx JSON error; none gets a 5xx or takes
 * the server down, and the server answers normally afterwards.
 */

let server: TestWebServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const QUESTION = "2025年学前三年毛入园率目标是多少";

/** A POST with node:http (no connection pool), answering status, headers and body text. */
function post(port: number, path: string, body: string | Uint8Array, headers: Record<string, string>): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

const postJson = (port: number, path: string, body: string, headers: Record<string, string> = {}) => post(port, path, body, { "content-type": "application/json", ...headers });

function errorCodeOf(response: { contentType: string; body: string }): string {
  expect(response.contentType).toContain("application/json");
  return (JSON.parse(response.body) as { error: { code: string } }).error.code;
}

async function expectStillAnswering(active: TestWebServer) {
  const response = await postJson(active.port, "/api/ask", JSON.stringify({ question: QUESTION }));
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body).answer).toContain("94");
}

describe("random and oversized JSON bodies", () => {
  it("any JSON value, on every POST route, is answered or refused with a 400 JSON error naming the problem", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant(), rateLimitPerMinute: 1_000_000 }));
    const bodies = fc.oneof(
      fc.json(),
      fc.record({ question: fc.oneof(fc.string(), fc.jsonValue()), history: fc.oneof(fc.array(fc.string(), { maxLength: 30 }), fc.jsonValue()) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.record({ messages: fc.oneof(fc.array(fc.record({ role: fc.constantFrom("user", "system", "assistant", "tool"), content: fc.oneof(fc.string(), fc.jsonValue()) })), fc.jsonValue()), stream: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/ask", "/api/feedback", "/v1/chat/completions"), bodies, async (path, body) => {
        const response = await postJson(active.port, path, body);
        expect([200, 400, 413]).toContain(response.status);
        if (response.status !== 200) expect(["REQUEST_INVALID", "REQUEST_TOO_LARGE"]).toContain(errorCodeOf(response));
      }),
      { numRuns: 300 },
    );
    await expectStillAnswering(active);
  });

  it("bytes that are not JSON, truncated JSON and JSON nested thousands deep get 400 REQUEST_INVALID", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant(), rateLimitPerMinute: 1_000_000 }));
    const nested = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const bodies: (string | Uint8Array)[] = [Uint8Array.from({ length: 2_000 }, (_, index) => (index * 131) % 256), '{"question": "规划', "", "null", nested, `{"question":${nested}}`, "\uFEFF{}"];
    for (const body of bodies) {
      const response = await post(active.port, "/api/ask", body, { "content-type": "application/json" });
      expect(response.status, String(body).slice(0, 40)).toBe(400);
      expect(errorCodeOf(response)).toBe("REQUEST_INVALID");
    }
    // A lone surrogate is valid JSON: the question is answered like any other text.
    expect((await postJson(active.port, "/api/ask", '{"question":"\\uD800"}')).status).toBe(200);
    await expectStillAnswering(active);
  });

  it("a body over the limit gets 413 whether its length is declared or it is sent in chunks, without reading it whole", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant() }));
    const declared = await post(active.port, "/api/ask", Buffer.alloc(4 * 1024 * 1024, 0x20), { "content-type": "application/json", "content-length": String(4 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    expect(errorCodeOf(declared)).toBe("REQUEST_TOO_LARGE");
    // Chunked: the length is only known while reading; the limit stops it there.
    const chunked = await post(active.port, "/api/ask", `{"question":"${"问".repeat(20_000)}"}`, { "content-type": "application/json", "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(413);
    // Completions take a whole conversation (512 KiB by default), not more.
    const conversation = JSON.stringify({ messages: [{ role: "user", content: "问".repeat(200_000) }] });
    const completion = await postJson(active.port, "/v1/chat/completions", conversation);
    expect(completion.status).toBe(413);
    expect(JSON.parse(completion.body).error.message).toContain("524288 bytes");
    await expectStillAnswering(active);
  });
});

describe("wrong content types", () => {
  it("a POST without a JSON content type gets 415 UNSUPPORTED_MEDIA_TYPE, even with a JSON body (no cross-site form posts)", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant() }));
    const body = JSON.stringify({ question: QUESTION });
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", "text/json", "application/xml", ""]) {
      for (const path of ["/api/ask", "/api/feedback", "/v1/chat/completions"]) {
        const response = await post(active.port, path, body, contentType ? { "content-type": contentType } : {});
        expect(response.status, `${path} ${contentType}`).toBe(415);
        expect(errorCodeOf(response)).toBe("UNSUPPORTED_MEDIA_TYPE");
      }
    }
    // JSON with parameters or a +json subtype is JSON.
    expect((await post(active.port, "/api/ask", body, { "content-type": "Application/JSON; charset=utf-8" })).status).toBe(200);
    expect((await post(active.port, "/api/ask", body, { "content-type": "application/vnd.api+json" })).status).toBe(200);
    // Nothing was answered for the refused requests.
    expect(active.feedback.records).toHaveLength(0);
  });
});

describe("malformed HTTP and slow clients", () => {
  it("garbage instead of HTTP gets a JSON 400, oversized headers a JSON 431", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant() }));
    const garbage = await rawExchange(active.port, ["\u0000\u0001 NOT HTTP AT ALL\r\n\r\n"]);
    expect(garbage.status).toBe(400);
    expect(garbage.json).toMatchObject({ error: { code: "REQUEST_INVALID" } });
    const badHeader = await rawExchange(active.port, ["POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello"]);
    expect(badHeader.status).toBe(400);
    const huge = await rawExchange(active.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${"a".repeat(64 * 1024)}\r\n\r\n`]);
    expect(huge.status).toBe(431);
    expect(huge.json).toMatchObject({ error: { code: "HEADERS_TOO_LARGE" } });
    await expectStillAnswering(active);
  });

  it("a client trickling its headers or its body gets a JSON 408 and is disconnected; others are answered meanwhile", async () => {
    const active = (server = await startTestWebServer({ assistant: createFakeAssistant(), rateLimitPerMinute: 1_000_000, timeouts: { headersTimeoutMs: 300, requestTimeoutMs: 600 } }));
    // Slowloris: one header line every 100 ms, never the blank line; 20 such connections.
    const headerLines = ["POST /api/ask HTTP/1.1\r\nHost: x\r\n", ...Array.from({ length: 50 }, (_, index) => `X-Slow-${index}: 1\r\n`)];
    const slowHeaders = Array.from({ length: 20 }, () => rawExchange(active.port, headerLines, { gapMs: 100 }));
    // A slow body: the headers promise 100 bytes, 5 come every 100 ms.
    const body = JSON.stringify({ question: QUESTION }).padEnd(100, " ");
    const slowBody = rawExchange(active.port, [`POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`, ...Array.from({ length: 40 }, (_, index) => body.slice(index * 5, index * 5 + 5))], { gapMs: 100 });
    await expectStillAnswering(active);
    for (const exchange of [...(await Promise.all(slowHeaders)), await slowBody]) {
      expect(exchange.status).toBe(408);
      expect(exchange.json).toMatchObject({ error: { code: "REQUEST_TIMEOUT", message: expect.stringContaining("within 300 ms") } });
    }
    expect(await active.connections()).toBe(0);
    await expectStillAnswering(active);
  });
});
