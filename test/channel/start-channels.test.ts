import { describe, expect, it } from "vitest";
import { startChannels } from "../../src/app/start-channels.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createFakeAssistant } from "../fakes/fake-assistant.js";
import { FAKE_DINGTALK, FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { FAKE_FEISHU, FakeFeishu } from "../fakes/fake-feishu.js";
import { waitFor } from "../support/wait-for.js";

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("startChannels", () => {
  it("starts nothing without channel variables (the terminal chat opens instead)", async () => {
    expect(await startChannels(loadConfig({}), createFakeAssistant(), silent)).toEqual([]);
  });

  it("starts DingTalk and Feishu together, and stops both", async () => {
    const dingtalk = await new FakeDingTalk().start();
    const feishu = await new FakeFeishu().start();
    try {
      const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId, DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret, DINGTALK_API_URL: dingtalk.apiUrl, FEISHU_APP_ID: FAKE_FEISHU.appId, FEISHU_APP_SECRET: FAKE_FEISHU.appSecret, FEISHU_DOMAIN: feishu.domain });
      const channels = await startChannels(config, createFakeAssistant(), silent);
      expect(channels.map((channel) => channel.name).sort()).toEqual(["dingtalk", "feishu"]);
      await Promise.all(channels.map((channel) => channel.stop()));
      await waitFor("both connections closed", () => dingtalk.connectionCount === 0 && feishu.connectionCount === 0);
    } finally {
      await dingtalk.stop();
      await feishu.stop();
    }
  });

  it("fails when one channel refuses its credentials, after stopping the one that started", async () => {
    const dingtalk = await new FakeDingTalk().start();
    const feishu = await new FakeFeishu().start();
    try {
      dingtalk.refuseCredentials();
      const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId, DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret, DINGTALK_API_URL: dingtalk.apiUrl, FEISHU_APP_ID: FAKE_FEISHU.appId, FEISHU_APP_SECRET: FAKE_FEISHU.appSecret, FEISHU_DOMAIN: feishu.domain });
      await expect(startChannels(config, createFakeAssistant(), silent)).rejects.toMatchObject({ code: "DINGTALK_CONFIG" });
      await waitFor("the Feishu connection closed", () => feishu.connectionCount === 0);
    } finally {
      await dingtalk.stop();
      await feishu.stop();
    }
  });
});
