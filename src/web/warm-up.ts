import type { Hono } from "hono";
import type { PlanAssistant } from "../app/assistant.js";

/**
 * Runs one request of each kind the first visit makes, in process, before the server listens: the
 * first person to open the page does not pay for compiling the routes and the answer path.
 */
export async function warmUp(app: Hono, assistant: PlanAssistant): Promise<void> {
  const question = assistant.examples.indicator[0] ?? "规划的总体目标是什么？";
  for (const path of ["/", "/assets/chat.js", "/api/plans"]) await (await app.request(path)).arrayBuffer();
  await (await app.request("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) })).arrayBuffer();
}
