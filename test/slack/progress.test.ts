import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT } from "../fakes/fake-slack-api.js";
import { type Harness, startHarness, textOf } from "./slack-harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function mention(text: string, ts: string) {
  return { type: "app_mention", text: `<@${FAKE_BOT.userId}> ${text}`, user: "W222", ts, team: FAKE_BOT.teamId, channel: "C111", event_ts: ts };
}

describe("a slow answer (a language model phrasing it)", () => {
  it("shows a placeholder in the thread, then replaces it with the answer", async () => {
    harness = await startHarness({ overrides: { progressAfterMs: 50 } });
    const release = harness.assistant.holdNext();
    const ts = "1726133900.000001";
    expect((await harness.postEvent(mention("2025年学前三年毛入园率目标是多少？", ts))).status).toBe(200);
    const placeholder = await harness.api.waitFor("the placeholder", (api) => api.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts));
    expect(String(placeholder.params.text)).toContain("正在整理答案");
    release();
    const update = await harness.api.waitFor("the answer replacing it", (api) => api.callsTo("chat.update")[0]);
    expect(update.params.channel).toBe("C111");
    expect(typeof update.params.ts).toBe("string");
    expect(textOf(update.params.blocks)).toContain("≥94.0");
    expect(String(update.params.text)).toContain("≥94.0");
    // The answer replaced the placeholder: no second message in the thread.
    expect(harness.api.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === ts)).toHaveLength(1);
  });

  it("posts a quick answer directly, without a placeholder", async () => {
    harness = await startHarness({ overrides: { progressAfterMs: 5_000 } });
    const ts = "1726133900.000002";
    await harness.postEvent(mention("2025年学前三年毛入园率目标是多少？", ts));
    const answer = await harness.api.waitFor("the answer", (api) => api.callsTo("chat.postMessage").find((call) => call.params.thread_ts === ts));
    expect(textOf(answer.params.blocks)).toContain("≥94.0");
    expect(harness.api.callsTo("chat.update")).toHaveLength(0);
  });
});
