import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BOX_CITATION, createFakeAssistant, DOC, TABLE_CITATION, TABLE_TITLE } from "../../test/fakes/fake-assistant.js";
import { startTestWebServer, type TestWebServer } from "../../test/support/web-server.js";
import { createWebApp } from "./create-web-app.js";
import { forwardToSlack } from "./forward-to-slack.js";
import { locationId } from "./plan-view.js";
import { startWebServer } from "./start-web-server.js";

let server: TestWebServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("web server over loopback: JSON API", () => {
  it("GET /healthz says ok with the number of plans, with security headers and a CSP without inline script", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    const response = await fetch(`${server.url}healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, plans: 1 });
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("POST /api/ask answers with the answer JSON and passes the history; an unanswered question lands in the feedback store", async () => {
    const assistant = createFakeAssistant();
    server = await startTestWebServer({ assistant });
    const first = await post(`${server.url}api/ask`, { question: "2025年学前三年毛入园率目标是多少" });
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ intent: "indicator", found: true, citations: [TABLE_CITATION, BOX_CITATION] });
    expect(answer.answer).toContain("≥94.0%");
    const followUp = await (await post(`${server.url}api/ask`, { question: "那2022年呢", history: ["2025年学前三年毛入园率目标是多少"] })).json();
    expect(followUp.answer).toContain("92.8%");
    expect(assistant.answerCalls.at(-1)).toEqual({ question: "那2022年呢", history: ["2025年学前三年毛入园率目标是多少"] });
    await post(`${server.url}api/ask`, { question: "明天天气怎么样" });
    expect(server.feedback.records).toHaveLength(1);
    expect(server.feedback.records[0]).toMatchObject({ kind: "unanswered", source: "auto", question: "明天天气怎么样", channel: "web", found: false });
  });

  it("rejects bad bodies with a JSON error naming the problem", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    const notJson = await post(`${server.url}api/ask`, "{question:");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("REQUEST_INVALID");
    const empty = await post(`${server.url}api/ask`, { question: "  " });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toEqual({ code: "REQUEST_INVALID", message: expect.stringContaining("question: question is empty") });
    const wrongHistory = await post(`${server.url}api/ask`, { question: "你好", history: "不是数组" });
    expect((await wrongHistory.json()).error.message).toContain("history");
    const unknownRoute = await fetch(`${server.url}api/nothing`);
    expect(unknownRoute.status).toBe(404);
    expect((await unknownRoute.json()).error.code).toBe("NOT_FOUND");
  });

  it("refuses a body over the limit with 413 before reading it all", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant(), limits: { bodyLimitBytes: 1024 } });
    const response = await post(`${server.url}api/ask`, { question: "问".repeat(2000) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("REQUEST_TOO_LARGE");
  });

  it("rate-limits questions per client with 429 and Retry-After", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant(), rateLimitPerMinute: 2 });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      last = await post(`${server.url}api/ask`, { question: "规划的总体目标是什么" });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await last?.json()).error.code).toBe("RATE_LIMITED");
    // Reading the plan is not limited.
    expect((await fetch(`${server.url}api/plans`)).status).toBe(200);
  });

  it("with API_KEY, /api and /v1 need the bearer key; /healthz and the page do not", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant(), apiKey: "secret-key-123" });
    const missing = await post(`${server.url}api/ask`, { question: "规划的总体目标是什么" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await missing.json()).error.code).toBe("UNAUTHORIZED");
    expect((await fetch(`${server.url}v1/models`, { headers: { authorization: "Bearer wrong-key-123" } })).status).toBe(401);
    expect((await post(`${server.url}api/ask`, { question: "规划的总体目标是什么" }, { authorization: "Bearer secret-key-123" })).status).toBe(200);
    expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it("GET /api/plans, /api/outline, /api/indicators and /api/section describe the plan; unknown plans and units are 404", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    const plans = await (await fetch(`${server.url}api/plans`)).json();
    expect(plans.plans).toEqual([expect.objectContaining({ doc: DOC, documentNumber: "梁平府发〔2021〕17号", indicatorCount: 2 })]);
    expect(plans.examples.indicator[0]).toBe("2025年学前三年毛入园率目标是多少？");

    const outline = await (await fetch(`${server.url}api/outline?doc=${DOC}`)).json();
    expect(outline.outline.map((node: { label: string }) => node.label)).toEqual(["第二篇", "第三篇", "专栏2", "指标表"]);
    expect(outline.outline[1].children[0].children.map((node: { location: string }) => node.location)).toEqual(["第三篇-第七章-第一节", "第三篇-第七章-第四节"]);

    const indicators = await (await fetch(`${server.url}api/indicators?doc=${DOC}`)).json();
    expect(indicators.indicators[0]).toMatchObject({ name: "学前三年毛入园率（%）", attribute: "预期性", location: TABLE_TITLE, values: [{ year: "2020", raw: "92" }, { year: "2022", raw: "92.8" }, { year: "2025", raw: "≥94.0", operator: "≥", value: 94 }] });

    const table = await (await fetch(`${server.url}api/section?doc=${DOC}&location=${encodeURIComponent(locationId(TABLE_CITATION))}`)).json();
    expect(table.unit).toMatchObject({ kind: "table", years: ["2020", "2022", "2025"] });
    expect(table.unit.rows.map((row: { quote: string }) => row.quote)).toContain(TABLE_CITATION.quote);
    const box = await (await fetch(`${server.url}api/section?doc=${DOC}&location=${encodeURIComponent(locationId(BOX_CITATION))}`)).json();
    expect(box.unit.paragraphs[0]).toContain(BOX_CITATION.quote);

    expect((await fetch(`${server.url}api/outline?doc=nope`)).status).toBe(404);
    expect((await fetch(`${server.url}api/section?doc=${DOC}&location=nope`)).status).toBe(404);
    const missingDoc = await fetch(`${server.url}api/outline`);
    expect(missingDoc.status).toBe(400);
    expect((await missingDoc.json()).error.message).toContain("doc is missing");
  });

  it("POST /api/feedback appends a button record to the store", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    const response = await post(`${server.url}api/feedback`, { kind: "wrong_figure", question: "2025年学前三年毛入园率目标是多少", answer: "≥94.0%", found: true, intent: "indicator", citations: ["指标表"], answer_key: "a1" });
    expect(await response.json()).toEqual({ ok: true });
    expect(server.feedback.records).toEqual([expect.objectContaining({ kind: "wrong_figure", source: "button", channel: "web", user: null, answer_key: "a1", citations: ["指标表"] })]);
    const bad = await post(`${server.url}api/feedback`, { kind: "love", question: "", answer: "" });
    expect(bad.status).toBe(400);
  });
});

describe("web server over loopback: pages", () => {
  it("serves the chat, reader and indicator pages and their assets; no inline script in any page", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    for (const path of ["", `plan/${DOC}`, `indicators/${DOC}`]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      expect(html).toMatch(/<script type="module" src="\/assets\/[a-z-]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+=/);
    }
    const script = await fetch(`${server.url}assets/chat.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await fetch(`${server.url}assets/chat.html`)).status).toBe(404);
    expect((await fetch(`${server.url}assets/nothing.js`)).status).toBe(404);
  });
});

describe("Slack's HTTP requests on the web server's port", () => {
  it("forwards /slack/events to the Bolt receiver with the body bytes and signature headers unchanged", async () => {
    const received: { body: string; headers: IncomingHttpHeaders; url: string | undefined }[] = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        received.push({ body, headers: request.headers, url: request.url });
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    let receiverUrl: string | null = null;
    server = await startTestWebServer({ assistant: createFakeAssistant(), slackEvents: forwardToSlack(() => receiverUrl) });
    const body = "token=x&command=%2Fplan&text=%E8%A7%84%E5%88%92";
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": "v0=abc", "x-slack-request-timestamp": "1726180000" };
    const early = await fetch(`${server.url}slack/events`, { method: "POST", body, headers });
    expect(early.status).toBe(503);
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const response = await fetch(`${server.url}slack/events`, { method: "POST", body, headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ body, url: "/slack/events", headers: { "x-slack-signature": "v0=abc", "x-slack-request-timestamp": "1726180000", "content-type": "application/x-www-form-urlencoded" } });
    await new Promise((resolve) => receiver.close(resolve));
  });
});

describe("startWebServer", () => {
  it("names the taken port and how to pick another", async () => {
    server = await startTestWebServer({ assistant: createFakeAssistant() });
    const app = createWebApp({ assistant: createFakeAssistant(), feedbackStore: { append: async () => {} } });
    await expect(startWebServer(app, { host: "127.0.0.1", port: server.port })).rejects.toMatchObject({ code: "LISTEN_FAILED", message: expect.stringContaining(`127.0.0.1:${server.port} is already in use: stop the other server or set PORT`) });
  });
});
