import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { z } from "zod";
import type { Answer } from "../answer/answer-schema.js";
import type { PlanAssistant } from "../app/assistant.js";
import type { StoreHealth } from "../store/plan-store.js";
import { type Logger, silentLogger } from "../app/logger.js";
import { describeError } from "../errors.js";
import { type Clock, systemClock } from "../channel/clock.js";
import type { FeedbackStore } from "../channel/feedback-store.js";
import { recordUnanswered as recordUnansweredQuestion } from "../channel/record-feedback.js";
import { createLoadShedder } from "../channel/load-shedder.js";
import { createRateLimiter } from "../channel/rate-limiter.js";
import { ASSISTANT_MODEL_ID, chatCompletion, chatCompletionChunks, conversationOf, serverSentEvents } from "./chat-completion.js";
import { jsonError } from "./http-error.js";
import { findPlan, indicatorRows, planDocument, planOutline, planSummaries, planUnit } from "./plan-view.js";
import { askRequestSchema, chatCompletionRequestSchema, describeIssues, docQuerySchema, feedbackRequestSchema, sectionQuerySchema } from "./request-schemas.js";
import type { StaticAssets } from "./static-assets.js";
import { DEFAULT_WEB_LIMITS, type WebLimits } from "./web-limits.js";

export interface WebAppOptions {
  readonly assistant: PlanAssistant;
  /** Reports the plan store (index files or PostgreSQL) on /healthz; none: the store is not reported. */
  readonly storeHealth?: () => Promise<StoreHealth>;
  /** Where 👍/👎/数字有误 and unanswered questions go: the same store Slack uses. */
  readonly feedbackStore: FeedbackStore;
  /** The page's files (see loadStaticAssets); none means an API-only server. */
  readonly assets?: StaticAssets;
  /** When set, /api and /v1 require `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Questions and feedback per client address per minute; default 30. */
  readonly rateLimitPerMinute?: number;
  /** Requests in progress at once and body sizes; defaults in DEFAULT_WEB_LIMITS. */
  readonly limits?: Partial<Pick<WebLimits, "maxInProgress" | "bodyLimitBytes" | "chatBodyLimitBytes">>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Who is asking, for the rate limit; default the client's address. */
  readonly clientKey?: (context: Context) => string;
  /** Slack's HTTP events, served at POST /slack/events when set (Slack checks its own signatures). */
  readonly slackEvents?: (request: Request) => Promise<Response>;
}

/**
 * Content-Security-Policy of every response: only this origin's scripts, styles and requests, no
 * inline script or style, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const PAGES = { chat: "chat.html", reader: "reader.html", indicators: "indicators.html" } as const;

function sameSecret(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given);
  const expectedBytes = Buffer.from(expected);
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

/** `application/json`, or a JSON subtype (`application/merge-patch+json`), with any parameters. */
function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function defaultClientKey(context: Context): string {
  try {
    return getConnInfo(context).remote.address ?? "unknown";
  } catch {
    return "unknown"; // not served by @hono/node-server (app.request in a test)
  }
}

/**
 * The HTTP adapter: the chat page, the plan reader and indicator view, the JSON API (/api), the
 * OpenAI-compatible API (/v1) and /healthz, on Hono. Every /api and /v1 error is JSON
 * `{ error: { code, message } }`. See docs/web.md for the routes and their JSON.
 *
 * Under load and abuse: a POST must be JSON (415 otherwise, which also keeps cross-site form posts
 * out); bodies are bounded (413); questions, feedback and completions are limited per client (429
 * RATE_LIMITED) and, over all clients, in progress at once (429 SERVER_BUSY, see load-shedder.ts);
 * both 429s carry Retry-After.
 */
export function createWebApp(options: WebAppOptions): Hono {
  const { assistant, feedbackStore } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const clientKey = options.clientKey ?? defaultClientKey;
  const limiter = createRateLimiter({ limit: options.rateLimitPerMinute ?? 30, clock });
  const limits = { ...DEFAULT_WEB_LIMITS, ...Object.fromEntries(Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined)) };
  const shedder = createLoadShedder(limits.maxInProgress);
  const app = new Hono();

  app.use("*", secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false }));

  app.onError((error, context) => {
    logger.error(`web: ${context.req.method} ${context.req.path} failed: ${describeError(error)}`);
    return jsonError(context, "INTERNAL", "内部错误，请稍后再试（详情见服务器日志）。");
  });
  app.notFound((context) => jsonError(context, "NOT_FOUND", `No route for ${context.req.method} ${context.req.path}: see docs/web.md for the API.`));

  const requireKey: MiddlewareHandler = async (context, next) => {
    if (!options.apiKey) return next();
    const header = context.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameSecret(match[1]!.trim(), options.apiKey)) {
      return jsonError(context, "UNAUTHORIZED", "Missing or wrong API key: send the header Authorization: Bearer <API_KEY>.", { "WWW-Authenticate": 'Bearer realm="plan-assistant"' });
    }
    return next();
  };
  const requireJson: MiddlewareHandler = async (context, next) => {
    if (context.req.method !== "POST" || isJsonContentType(context.req.header("content-type"))) return next();
    return jsonError(context, "UNSUPPORTED_MEDIA_TYPE", `The body must be JSON: send Content-Type: application/json (got ${JSON.stringify(context.req.header("content-type") ?? "none")}).`);
  };
  const limitBody = (maxSize: number, advice: string) =>
    bodyLimit({ maxSize, onError: (context) => jsonError(context, "REQUEST_TOO_LARGE", `The request body is larger than ${maxSize} bytes: ${advice}.`) });
  // The per-client limit first: a client over its limit must not take a slot from the others.
  const limitRate: MiddlewareHandler = async (context, next) => {
    const decision = limiter.check(clientKey(context));
    if (!decision.allowed) return jsonError(context, "RATE_LIMITED", `Too many requests: try again in ${decision.retryAfterSeconds} s.`, { "Retry-After": String(decision.retryAfterSeconds) });
    const admitted = shedder.tryRun(next);
    if (!admitted) return jsonError(context, "SERVER_BUSY", `The server is answering ${shedder.capacity} requests already: try again in 1 s.`, { "Retry-After": "1" });
    await admitted;
  };
  for (const prefix of ["/api/*", "/v1/*"]) {
    app.use(prefix, requireKey);
    app.use(prefix, requireJson);
  }
  app.use("/api/*", limitBody(limits.bodyLimitBytes, "send one question with a short history"));
  app.use("/v1/*", limitBody(limits.chatBodyLimitBytes, "send fewer or shorter messages (the assistant reads the last user messages only)"));

  /** Parses a JSON body with `schema`; a Response is the error to return. */
  const readBody = async <Schema extends z.ZodType>(context: Context, schema: Schema): Promise<z.infer<Schema> | Response> => {
    let body: unknown;
    try {
      body = await context.req.json();
    } catch {
      return jsonError(context, "REQUEST_INVALID", "The body is not JSON: send Content-Type: application/json with a JSON object.");
    }
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : jsonError(context, "REQUEST_INVALID", `Invalid request: ${describeIssues(parsed.error)}.`);
  };
  const readQuery = <Schema extends z.ZodType>(context: Context, schema: Schema): z.infer<Schema> | Response => {
    const parsed = schema.safeParse(context.req.query());
    return parsed.success ? parsed.data : jsonError(context, "REQUEST_INVALID", `Invalid query: ${describeIssues(parsed.error)}.`);
  };
  const planOr404 = (context: Context, doc: string) => findPlan(assistant, doc) ?? jsonError(context, "NOT_FOUND", `No plan "${doc}": GET /api/plans lists the loaded plans.`);

  // Questions the plans do not answer go to the feedback file, as every channel's do.
  const recordUnanswered = (answer: Answer, channel: string) => recordUnansweredQuestion({ feedbackStore, clock, logger }, answer, { user: null, channel, answerKey: null });

  // With a database, /healthz answers 503 while it is unreachable, so a load balancer sends users to a replica that works.
  app.get("/healthz", async (context) => {
    if (!options.storeHealth) return context.json({ ok: true, plans: assistant.plans.length });
    const store = await options.storeHealth();
    return context.json({ ok: store.ok, plans: assistant.plans.length, store }, store.ok ? 200 : 503);
  });

  app.get("/api/plans", (context) => context.json({ plans: planSummaries(assistant.plans), examples: assistant.examples }));
  app.get("/api/outline", (context) => {
    const query = readQuery(context, docQuerySchema);
    if (query instanceof Response) return query;
    const plan = planOr404(context, query.doc);
    if (plan instanceof Response) return plan;
    return context.json({ doc: plan.doc, outline: planOutline(plan) });
  });
  app.get("/api/document", (context) => {
    const query = readQuery(context, docQuerySchema);
    if (query instanceof Response) return query;
    const plan = planOr404(context, query.doc);
    if (plan instanceof Response) return plan;
    return context.json({ ...planDocument(plan), outline: planOutline(plan) });
  });
  app.get("/api/indicators", (context) => {
    const query = readQuery(context, docQuerySchema);
    if (query instanceof Response) return query;
    const plan = planOr404(context, query.doc);
    if (plan instanceof Response) return plan;
    return context.json({ doc: plan.doc, indicators: indicatorRows(plan) });
  });
  app.get("/api/section", (context) => {
    const query = readQuery(context, sectionQuerySchema);
    if (query instanceof Response) return query;
    const plan = planOr404(context, query.doc);
    if (plan instanceof Response) return plan;
    const unit = planUnit(plan, query.location);
    return unit ? context.json({ doc: plan.doc, unit }) : jsonError(context, "NOT_FOUND", `No unit "${query.location}" in ${plan.doc}: GET /api/outline?doc=${plan.doc} lists the locations.`);
  });

  app.post("/api/ask", limitRate, async (context) => {
    const body = await readBody(context, askRequestSchema);
    if (body instanceof Response) return body;
    const answer = await assistant.answer(body.question, body.history ?? []);
    await recordUnanswered(answer, "web");
    return context.json(answer);
  });
  app.post("/api/feedback", limitRate, async (context) => {
    const body = await readBody(context, feedbackRequestSchema);
    if (body instanceof Response) return body;
    await feedbackStore.append({
      recorded_at: new Date(clock.now()).toISOString(),
      kind: body.kind,
      source: "button",
      question: body.question,
      answer: body.answer,
      found: body.found ?? null,
      intent: body.intent ?? null,
      citations: body.citations ?? [],
      user: null,
      channel: "web",
      answer_key: body.answer_key ?? null,
    });
    return context.json({ ok: true });
  });

  app.get("/v1/models", (context) => context.json({ object: "list", data: [{ id: ASSISTANT_MODEL_ID, object: "model", created: 0, owned_by: "plan-assistant" }] }));
  app.post("/v1/chat/completions", limitRate, async (context) => {
    const body = await readBody(context, chatCompletionRequestSchema);
    if (body instanceof Response) return body;
    const conversation = conversationOf(body.messages);
    if (!conversation) return jsonError(context, "REQUEST_INVALID", "Invalid request: messages has no user message with text; the last user message is the question.");
    const answer = await assistant.answer(conversation.question, conversation.history);
    await recordUnanswered(answer, "openai-api");
    const identity = { id: `chatcmpl-${clock.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`, created: Math.floor(clock.now() / 1000), model: ASSISTANT_MODEL_ID };
    if (!body.stream) return context.json(chatCompletion(answer, identity));
    return context.body(serverSentEvents(chatCompletionChunks(answer, identity)), 200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
  });

  if (options.slackEvents) {
    const slackEvents = options.slackEvents;
    // Slack's payloads are small; a megabyte is far above any event, command or interaction.
    const limitSlackBody = bodyLimit({ maxSize: 1024 * 1024, onError: (context) => context.text("payload too large", 413) });
    app.post("/slack/events", limitSlackBody, (context) => slackEvents(context.req.raw));
  }

  const assets = options.assets ?? new Map();
  const page = (name: string) => (context: Context) => {
    const asset = assets.get(name);
    if (!asset) return jsonError(context, "NOT_FOUND", "This server runs without the web page (API only).");
    return context.body(asset.body as Uint8Array<ArrayBuffer>, 200, { "Content-Type": asset.contentType, "Cache-Control": "no-cache" });
  };
  app.get("/", page(PAGES.chat));
  app.get("/plan", page(PAGES.reader));
  app.get("/plan/:doc", page(PAGES.reader));
  app.get("/indicators", page(PAGES.indicators));
  app.get("/indicators/:doc", page(PAGES.indicators));
  app.get("/assets/:name", (context) => {
    const asset = assets.get(context.req.param("name"));
    if (!asset || asset.contentType.startsWith("text/html")) return jsonError(context, "NOT_FOUND", `No asset ${context.req.param("name")}.`);
    return context.body(asset.body as Uint8Array<ArrayBuffer>, 200, { "Content-Type": asset.contentType, "Cache-Control": "no-cache" });
  });
  return app;
}
