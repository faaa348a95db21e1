import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeAssistant } from "../fakes/fake-assistant.js";
import { waitFor } from "../support/wait-for.js";
import { consoleLines, expectNoSecret, type Harness, outcomeOf, startHarness } from "./dingtalk-harness.js";

/**
 * The stream drops and the gateway answers 5xx for a while: the robot reconnects with backoff
 * (50 ms, 50 ms, 100 ms… in this test), and a message DingTalk redelivers after the reconnect is
 * acknowledged and answered once.
 */
describe("DingTalk reconnects", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(createFakeAssistant(), { reconnect: true });
  });
  afterAll(async () => {
    await harness?.bot.stop();
    await harness?.dingtalk.stop();
  });

  it("reopens a dropped stream through gateway 5xx answers with growing waits, and answers a redelivered message once", async () => {
    const { dingtalk } = harness;
    dingtalk.pushRobotMessage({ msgId: "m-before-drop", text: "2025年学前三年毛入园率目标是多少" });
    await waitFor("the answer", outcomeOf(harness, "m-before-drop"));

    dingtalk.failNext("/v1.0/gateway/connections/open", 503, 3);
    const droppedAt = Date.now();
    const openedBefore = dingtalk.connectionsOpened;
    dingtalk.dropConnections();
    await waitFor("the reconnect", () => dingtalk.connectionsOpened === openedBefore + 1 && dingtalk.connectionCount === 1, 10_000);
    const opens = dingtalk.requests.filter((request) => request.path === "/v1.0/gateway/connections/open" && request.at >= droppedAt);
    expect(opens.map((request) => request.status)).toEqual([503, 503, 503, 200]);
    const waits = opens.slice(1).map((request, index) => request.at - (opens[index] as { at: number }).at);
    // 50 ms after the first failure, 100 ms after the second, 200 ms after the third.
    expect(waits[0]).toBeGreaterThanOrEqual(45);
    expect(waits[1]).toBeGreaterThanOrEqual(95);
    expect(waits[2]).toBeGreaterThanOrEqual(195);
    expect(harness.logs.filter((line) => line.includes("trying again in"))).toHaveLength(3);

    const redelivered = dingtalk.pushRobotMessage({ msgId: "m-before-drop", text: "2025年学前三年毛入园率目标是多少" });
    dingtalk.pushRobotMessage({ msgId: "m-after-drop", text: "那2022年呢" });
    await waitFor("the new answer", outcomeOf(harness, "m-after-drop"));
    await waitFor("the redelivery's outcome", () => harness.outcomes.filter((entry) => entry.msgId === "m-before-drop").length === 2);
    expect(harness.outcomes.filter((entry) => entry.msgId === "m-before-drop").map((entry) => entry.outcome)).toEqual(["answered", "duplicate"]);
    expect(dingtalk.acks()).toContain(redelivered);
    expect(dingtalk.replies().filter((reply) => reply.session === "session-m-before-drop")).toHaveLength(1);
    expect(dingtalk.replies().find((reply) => reply.session === "session-m-after-drop")?.text).toContain("92.8");
    expectNoSecret([...harness.logs, ...consoleLines]);
  });

  it("stops for good: no reconnect after stop()", async () => {
    await harness.bot.stop();
    const opened = harness.dingtalk.connectionsOpened;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.dingtalk.connectionsOpened).toBe(opened);
    expect(harness.dingtalk.connectionCount).toBe(0);
  });
});
