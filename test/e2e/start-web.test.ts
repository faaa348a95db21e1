import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type BotProcess, freePort, startBotProcess } from "../support/bot-process.js";
import { SEEDS_DIR } from "../support/real-assistant.js";

let bot: BotProcess | null = null;
afterEach(() => {
  bot?.kill();
  bot = null;
});

describe("npm start without Slack variables", () => {
  it("serves the page and the API on 127.0.0.1:PORT, prints the URL, and stops on SIGTERM", { timeout: 90_000 }, async () => {
    const scratch = mkdtempSync(join(tmpdir(), "plan-web-"));
    const port = await freePort();
    bot = startBotProcess({ SEEDS_DIR, INDEX_DIR: join(scratch, "index"), DATA_DIR: join(scratch, "data"), PORT: String(port) });
    await bot.waitForOutput(`规划助手已启动：http://127.0.0.1:${port}/`, 60_000);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, plans: 1, store: { kind: "embedded", ok: true, detail: `index files in ${join(scratch, "index")}` } });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain("/assets/chat.js");
    const answer = await (await fetch(`http://127.0.0.1:${port}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "2025年学前三年毛入园率目标是多少" }) })).json();
    expect(answer.answer).toContain("94.0");
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
  });
});
