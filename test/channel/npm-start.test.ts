import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_DINGTALK, FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { FAKE_FEISHU, FakeFeishu } from "../fakes/fake-feishu.js";
import { type BotProcess, freePort, REPO_ROOT, startBotProcess } from "../support/bot-process.js";
import { waitFor } from "../support/wait-for.js";

/**
 * `npm start` as a real process with only one channel's variables set (then with both): it
 * connects to that platform (a fake on loopback), answers, and exits 0 on SIGTERM, without
 * printing a secret.
 */
describe("npm start with DingTalk or Feishu configured", () => {
  let dingtalk: FakeDingTalk | undefined;
  let feishu: FakeFeishu | undefined;
  let bot: BotProcess | undefined;
  let scratch: string | undefined;
  afterEach(async () => {
    bot?.kill();
    await dingtalk?.stop();
    await feishu?.stop();
    dingtalk = undefined;
    feishu = undefined;
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const startBot = async (env: Record<string, string>) => {
    scratch = await mkdtemp(join(tmpdir(), "bot-channels-"));
    // The web server always runs too: each process gets a free port of its own.
    return startBotProcess({ SEEDS_DIR: join(REPO_ROOT, "seeds"), INDEX_DIR: join(scratch, "index"), DATA_DIR: join(scratch, "data"), PORT: String(await freePort()), ...env });
  };
  const expectCleanExit = async (process: BotProcess, secrets: readonly string[]) => {
    process.child.kill("SIGTERM");
    expect((await process.exited).code).toBe(0);
    for (const secret of secrets) expect(`${process.stdout()}${process.stderr()}`).not.toContain(secret);
  };

  it("connects to DingTalk alone and answers", { timeout: 90_000 }, async () => {
    dingtalk = await new FakeDingTalk().start();
    bot = await startBot({ DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId, DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret, DINGTALK_API_URL: dingtalk.apiUrl });
    await bot.waitForOutput("dingtalk: connected in Stream mode", 60_000);
    const fake = dingtalk;
    fake.pushRobotMessage({ msgId: "start-1", text: "2025年学前三年毛入园率目标是多少" });
    const reply = await waitFor("the answer", () => fake.replies().find((candidate) => candidate.session === "session-start-1"));
    expect(reply.text).toContain("94");
    expect(bot.stderr()).not.toContain("slack:");
    await expectCleanExit(bot, [FAKE_DINGTALK.clientSecret]);
  });

  it("connects to Feishu alone and answers", { timeout: 90_000 }, async () => {
    feishu = await new FakeFeishu().start();
    bot = await startBot({ FEISHU_APP_ID: FAKE_FEISHU.appId, FEISHU_APP_SECRET: FAKE_FEISHU.appSecret, FEISHU_DOMAIN: feishu.domain });
    await bot.waitForOutput("feishu: connected over the long connection", 60_000);
    const fake = feishu;
    await new Promise((resolve) => setTimeout(resolve, 100));
    fake.pushTextMessage({ eventId: "ev-start-1", messageId: "om_start_1", text: "2025年学前三年毛入园率目标是多少" });
    const reply = await waitFor("the answer", () => fake.posts().find((post) => post.messageId === "om_start_1"));
    expect(JSON.stringify(reply.content)).toContain("94");
    await expectCleanExit(bot, [FAKE_FEISHU.appSecret, FAKE_FEISHU.tenantToken, FAKE_FEISHU.wsAccessKey, FAKE_FEISHU.wsTicket]);
  });

  it("runs DingTalk and Feishu at once", { timeout: 90_000 }, async () => {
    dingtalk = await new FakeDingTalk().start();
    feishu = await new FakeFeishu().start();
    bot = await startBot({
      DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId,
      DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret,
      DINGTALK_API_URL: dingtalk.apiUrl,
      FEISHU_APP_ID: FAKE_FEISHU.appId,
      FEISHU_APP_SECRET: FAKE_FEISHU.appSecret,
      FEISHU_DOMAIN: feishu.domain,
    });
    await bot.waitForOutput("dingtalk: connected in Stream mode", 60_000);
    await bot.waitForOutput("feishu: connected over the long connection", 60_000);
    await expectCleanExit(bot, [FAKE_DINGTALK.clientSecret, FAKE_FEISHU.appSecret, FAKE_FEISHU.tenantToken]);
  });
});
