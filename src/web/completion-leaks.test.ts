import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoadedAssistant } from "../app/create-assistant.js";
import { formatAnswerText } from "../cli/format-answer.js";
import { createFakeAssistant, type FakeAssistant } from "../../test/fakes/fake-assistant.js";
import { realAssistant } from "../../test/support/real-assistant.js";
import { waitFor, waitForAsync } from "../../test/support/wait-for.js";
import { startTestWebServer, type TestWebServer } from "../../test/support/web-server.js";
import { MAX_HISTORY } from "./request-schemas.js";

/**
 * /v1/chat/completions with hundreds of messages, and clients that disconnect midway (while
 * uploading, while their answer is being written, in the middle of a stream): afterwards the
 * servers hold no connection, and this process holds exactly the handles (sockets, timers) it held
 * before. Requests use node:http without an agent, so no client pool keeps sockets of its own.
 */

const FIRST = "2025年学前三年毛入园率目标是多少";

// What a request can leave behind: sockets, servers, timers. (Short-lived requests such as a file
// read or a socket shutdown in progress come and go with the test runner's own work.)
const LASTING_KINDS = new Set(["TCPSocketWrap", "TCPServerWrap", "Timeout", "Immediate"]);

/** Lasting handles of this process by kind ("TCPSocketWrap": 2, "Timeout": 1…). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo().filter((candidate) => LASTING_KINDS.has(candidate)).sort()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Waits until the active resources are `expected` again; fails showing the difference if they never are. */
async function expectResourcesBackTo(expected: Record<string, number>) {
  await waitFor("the handles to be released", () => JSON.stringify(activeResources()) === JSON.stringify(expected), 5_000).catch(() => undefined);
  expect(activeResources()).toEqual(expected);
}

interface Exchange {
  readonly status: number;
  readonly body: string;
}

/**
 * A POST that may hang up early: after `abortAfterBytes` of the request body, at the first chunk of
 * the response, or when `hangUp` aborts.
 */
function completionRequest(port: number, body: string, options: { readonly abortAfterBytes?: number; readonly abortAtFirstChunk?: boolean; readonly hangUp?: AbortSignal } = {}): Promise<Exchange | "aborted"> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path: "/v1/chat/completions", method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        if (options.abortAtFirstChunk) {
          request.destroy();
          resolve("aborted");
        }
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", () => resolve("aborted"));
    });
    request.on("error", (error) => (request.destroyed ? resolve("aborted") : reject(error)));
    options.hangUp?.addEventListener("abort", () => {
      request.destroy();
      resolve("aborted");
    });
    if (options.abortAfterBytes !== undefined) {
      request.write(Buffer.from(body).subarray(0, options.abortAfterBytes), () => {
        request.destroy();
        resolve("aborted");
      });
    } else {
      request.end(body);
    }
  });
}

/** 2n messages: n user questions (the last is `last`), each followed by an assistant reply. */
function longConversation(count: number, last: string) {
  const messages: { role: string; content: string }[] = [{ role: "system", content: "你是规划助手" }];
  for (let index = 0; index < count - 1; index += 1) messages.push({ role: "user", content: `第${index}个问题：规划的总体目标是什么` }, { role: "assistant", content: "……" });
  messages.push({ role: "user", content: last });
  return messages;
}

let assistant: LoadedAssistant;
let fake: FakeAssistant;
let real: TestWebServer;
let held: TestWebServer;
let beforeServers: Record<string, number>;
let baseline: Record<string, number>;

beforeAll(async () => {
  assistant = await realAssistant();
  fake = createFakeAssistant();
  beforeServers = activeResources();
  real = await startTestWebServer({ assistant, rateLimitPerMinute: 1_000_000 });
  // Ten requests in progress at most: a slot kept by a client that left would show as a 429 later.
  held = await startTestWebServer({ assistant: fake, rateLimitPerMinute: 1_000_000, limits: { maxInProgress: 10 } });
  // One complete exchange first, so lazily created handles are part of the baseline.
  await completionRequest(real.port, JSON.stringify({ messages: [{ role: "user", content: FIRST }] }));
  await waitForAsync("the warm-up connection to close", async () => (await real.connections()) === 0);
  await waitFor("the warm-up socket to be gone", () => !activeResources().TCPSocketWrap);
  baseline = activeResources();
});
afterAll(async () => {
  await real?.stop();
  await held?.stop();
});

describe("/v1/chat/completions leaks nothing", () => {
  it("answers a conversation of 601 messages from its last user message, plain and streamed", async () => {
    const messages = longConversation(300, FIRST);
    expect(messages).toHaveLength(600);
    const history = messages.filter((message) => message.role === "user").map((message) => message.content).slice(0, -1).slice(-MAX_HISTORY);
    const expected = await assistant.answer(FIRST, history);
    expect(expected.answer).toContain("94");
    const plain = await completionRequest(real.port, JSON.stringify({ model: "plan-assistant", messages }));
    if (plain === "aborted") throw new Error("the plain request was cut");
    expect(plain.status).toBe(200);
    const completion = JSON.parse(plain.body);
    expect(completion.plan_answer).toEqual(expected);
    expect(completion.choices[0].message.content).toBe(formatAnswerText(expected));
    const streamed = await completionRequest(real.port, JSON.stringify({ messages, stream: true }));
    if (streamed === "aborted") throw new Error("the streamed request was cut");
    expect(streamed.status).toBe(200);
    expect(streamed.body).toMatch(/data: \[DONE\]\n\n$/);
    await expectResourcesBackTo(baseline);
  });

  it("refuses more than 1,000 messages with a 400 naming the limit", async () => {
    const response = await completionRequest(real.port, JSON.stringify({ messages: longConversation(501, FIRST) }));
    if (response === "aborted") throw new Error("the request was cut");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toContain("more than 1000 entries");
  });

  it("keeps no socket or timer of clients that hang up while uploading, while their answer is written, or in the middle of a stream", async () => {
    const question = JSON.stringify({ messages: longConversation(150, FIRST), stream: true });
    for (let round = 0; round < 20; round += 1) {
      expect(await completionRequest(real.port, question, { abortAtFirstChunk: true })).toBe("aborted");
      expect(await completionRequest(real.port, question, { abortAfterBytes: 1_000 + round * 97 })).toBe("aborted");
    }
    // Hang up while the answer is still being written (a model call in progress, say): the clients
    // leave while their answers are held, and the answers are written to closed connections.
    const releases = Array.from({ length: 10 }, () => fake.holdNext());
    const hangUp = new AbortController();
    const hangUps = Array.from({ length: 10 }, (_, index) => completionRequest(held.port, JSON.stringify({ messages: [{ role: "user", content: FIRST }], stream: index % 2 === 0 }), { hangUp: hangUp.signal }));
    await waitFor("the ten held answers", () => fake.answerCalls.length === 10);
    hangUp.abort();
    expect(await Promise.all(hangUps)).toEqual(Array(10).fill("aborted"));
    await waitForAsync("the held server to see the clients leave", async () => (await held.connections()) === 0);
    for (const release of releases) release();

    await waitForAsync("the servers to drop every connection", async () => (await real.connections()) + (await held.connections()) === 0);
    await expectResourcesBackTo(baseline);
    // And both servers still answer.
    const after = await completionRequest(real.port, JSON.stringify({ messages: [{ role: "user", content: FIRST }] }));
    expect(after).toMatchObject({ status: 200 });
    // Its ten slots are free again once the held answers are written.
    await waitForAsync("a slot of the held server", async () => ((await completionRequest(held.port, JSON.stringify({ messages: [{ role: "user", content: FIRST }] }))) as Exchange).status === 200, 2_000);
  });

  it("once stopped, the servers leave nothing behind: not even Node's timeout checks", async () => {
    await real.stop();
    await held.stop();
    await expectResourcesBackTo(beforeServers);
  });
});
