import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeAssistant } from "../fakes/fake-assistant.js";
import { waitFor } from "../support/wait-for.js";
import { consoleLines, expectNoSecret, type Harness, outcomeOf, postsTo, startHarness, textOf } from "./feishu-harness.js";

/**
 * The long connection drops and the endpoint call answers 5xx for a while: the SDK's WSClient
 * reconnects at the pace of the fake's ClientConfig (1 s between attempts), and an event Feishu
 * redelivers after the reconnect is answered once.
 */
describe("Feishu reconnects", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(createFakeAssistant(), { reconnect: true });
  });
  afterAll(async () => {
    await harness?.bot.stop();
    await harness?.feishu.stop();
  });

  it("reopens a dropped long connection through endpoint 5xx answers, and answers a redelivered event once", async () => {
    const { feishu } = harness;
    feishu.pushTextMessage({ eventId: "ev-before-drop", messageId: "om_before_drop", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "om_before_drop"));

    feishu.failNext(/^\/callback\/ws\/endpoint$/, 503, 2);
    const droppedAt = Date.now();
    feishu.dropConnections();
    await waitFor("the reconnect", () => feishu.requests.some((request) => request.path === "/callback/ws/endpoint" && request.at >= droppedAt && request.status === 200) && feishu.connectionCount === 1, 15_000);
    const attempts = feishu.requests.filter((request) => request.path === "/callback/ws/endpoint" && request.at >= droppedAt);
    expect(attempts.map((request) => request.status)).toEqual([503, 503, 200]);
    // Feishu's ClientConfig (ReconnectInterval: 1 s) paces the attempts.
    expect((attempts[2] as { at: number }).at - (attempts[0] as { at: number }).at).toBeGreaterThanOrEqual(1_900);
    await waitFor("the reconnected log line", () => harness.logs.some((line) => line.includes("feishu: reconnected")));
    await new Promise((resolve) => setTimeout(resolve, 100));

    feishu.pushTextMessage({ eventId: "ev-before-drop", messageId: "om_before_drop", text: "2025年学前三年毛入园率目标是多少" });
    feishu.pushTextMessage({ eventId: "ev-after-drop", messageId: "om_after_drop", text: "那2022年呢" });
    await waitFor("the new answer", outcomeOf(harness, "om_after_drop"));
    await waitFor("the redelivery's outcome", () => harness.outcomes.filter((entry) => entry.messageId === "om_before_drop").length === 2);
    expect(harness.outcomes.filter((entry) => entry.messageId === "om_before_drop").map((entry) => entry.outcome)).toEqual(["answered", "duplicate"]);
    expect(postsTo(harness, "om_before_drop")).toHaveLength(1);
    expect(textOf(postsTo(harness, "om_after_drop")[0]?.content)).toContain("92.8");
    expect(harness.logs.some((line) => line.includes("reconnecting"))).toBe(true);
    expectNoSecret([...harness.logs, ...consoleLines]);
  });

  it("stops for good: no reconnect after stop()", async () => {
    await harness.bot.stop();
    const attempts = harness.feishu.requests.filter((request) => request.path === "/callback/ws/endpoint").length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(harness.feishu.requests.filter((request) => request.path === "/callback/ws/endpoint")).toHaveLength(attempts);
    expect(harness.feishu.connectionCount).toBe(0);
  });
});
