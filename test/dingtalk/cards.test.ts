import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeAssistant, type FakeAssistant } from "../fakes/fake-assistant.js";
import { waitFor } from "../support/wait-for.js";
import { consoleLines, expectNoSecret, type Harness, outcomeOf, startHarness } from "./dingtalk-harness.js";

/**
 * With DINGTALK_CARD_TEMPLATE_ID the robot answers with interactive cards: a placeholder card the
 * answer replaces (PUT /v1.0/card/instances), and feedback buttons whose callbacks arrive over the
 * stream and are recorded to the feedback store.
 */
describe("DingTalk robot with a card template", () => {
  let harness: Harness;
  let assistant: FakeAssistant;
  beforeAll(async () => {
    assistant = createFakeAssistant();
    harness = await startHarness(assistant, { progressAfterMs: 30, env: { DINGTALK_CARD_TEMPLATE_ID: "template-1.schema" } });
  });
  afterAll(async () => {
    await harness?.bot.stop();
    await harness?.dingtalk.stop();
  });

  it("posts a placeholder card in a group, replaces it with the answer, and records a feedback click", async () => {
    const release = assistant.holdNext();
    harness.dingtalk.pushRobotMessage({ msgId: "m-card", text: "2025年学前三年毛入园率目标是多少", conversationType: "2" });
    const created = await waitFor("the placeholder card", () => harness.dingtalk.cards()[0]);
    expect(created).toMatchObject({ kind: "create", params: { status: "working", question: "2025年学前三年毛入园率目标是多少" } });
    expect(created.body).toMatchObject({ cardTemplateId: "template-1.schema", callbackType: "STREAM", openSpaceId: "dtv1.card//IM_GROUP.cid-group-1", imGroupOpenDeliverModel: { robotCode: expect.any(String) } });
    release();
    await waitFor("the answer", outcomeOf(harness, "m-card"));
    const updated = harness.dingtalk.cards()[1];
    expect(updated).toMatchObject({ kind: "update", outTrackId: created.outTrackId, params: { status: "done" } });
    expect(updated?.params.content).toContain("≥94.0%");
    expect(updated?.params.content).toMatch(/指标表 · .*：“学前三年毛入园率/);
    expect(harness.dingtalk.replies()).toEqual([]);

    const click = harness.dingtalk.pushCardCallback(created.outTrackId, { action: "feedback", kind: "wrong_figure" });
    const response = await waitFor("the callback response", () => harness.dingtalk.clientFrames.find((frame) => frame.headers.messageId === click));
    expect(JSON.parse(response.data ?? "{}")).toEqual({ response: { cardUpdateOptions: { updatePrivateDataByKey: true }, userPrivateData: { cardParamMap: { feedback: expect.stringContaining("数字有误") } } } });
    expect(harness.records.map((record) => [record.kind, record.source, record.question, record.channel, record.user])).toEqual([["wrong_figure", "button", "2025年学前三年毛入园率目标是多少", "dingtalk:cid-group-1", "staff001"]]);
    expect(harness.records[0]?.answer).toContain("94");
  });

  it("creates the answer card at once in a 1:1 chat when the answer is quick", async () => {
    harness.dingtalk.pushRobotMessage({ msgId: "m-card-direct", text: "2025年学前三年毛入园率目标是多少", conversationType: "1" });
    await waitFor("the answer", outcomeOf(harness, "m-card-direct"));
    const card = harness.dingtalk.cards().at(-1);
    expect(card).toMatchObject({ kind: "create", params: { status: "done" } });
    expect(card?.body).toMatchObject({ openSpaceId: "dtv1.card//IM_ROBOT.staff001", imRobotOpenDeliverModel: { spaceType: "IM_ROBOT" } });
    expectNoSecret([...harness.logs, ...consoleLines]);
  });
});
