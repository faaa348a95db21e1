import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/app/create-assistant.js";
import { createJsonlFeedbackStore, readFeedbackFile } from "../../src/channel/feedback-store.js";
import { createWebApp } from "../../src/web/create-web-app.js";
import { type StartedWebServer, startWebServer } from "../../src/web/start-web-server.js";
import { loadStaticAssets } from "../../src/web/static-assets.js";
import { createFakeAssistant, TABLE_CITATION } from "../fakes/fake-assistant.js";
import { launchBrowser } from "../support/browser.js";
import { REPO_ROOT } from "../support/bot-process.js";
import { SEED_FILE } from "../support/real-assistant.js";

/**
 * The web page in a real browser against the real server and the real assistant: ask, follow up,
 * open a citation in the reader, the indicator view, feedback into the store, plan text that looks
 * like HTML. Saves a screenshot of each view to docs/screenshots/ (shown in the README).
 */
const DOC = "liangping-education-plan-2021-2025";
const XSS_DOC = "hostile-plan";
/** A real plan headed 一、/（一）/1. (test/fixtures/corpus). */
const LAYOUT_DOC = "national-smart-health-elderly-2021-2025";
const SCREENSHOTS = join(REPO_ROOT, "docs", "screenshots");

let browser: Browser;
/** The real plan alone (the chat flow), and the real plan with the hostile one (switcher, escaping). */
let server: StartedWebServer;
let twoPlans: StartedWebServer;
let feedbackFile: string;
const pageErrors: string[] = [];

/** A second plan whose heading, sentence and indicator name carry markup: it must show as text. */
function writeHostilePlan(path: string): void {
  const text = readFileSync(join(REPO_ROOT, "test", "fixtures", "second-plan.txt"), "utf8")
    .replace("第一节  办学条件持续改善", "第一节  办学条件<script>window.__xss=1</script>持续改善")
    .replace("“十三五”期间，全县累计投入教育资金21.6亿元", "“十三五”期间<img src=x onerror=\"window.__xss=2\">，全县累计投入教育资金21.6亿元")
    .replace("学前教育	学前三年毛入园率", "学前教育	学前三年<b onmouseover=\"window.__xss=3\">毛入园率</b>");
  writeFileSync(path, text);
}

async function openPage(path: string, viewport = { width: 1280, height: 900 }, on: StartedWebServer = server): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`${path}: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    pageErrors.push(`${path}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(new URL(path, on.url).href);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

async function ask(page: Page, question: string): Promise<string> {
  const before = await page.locator("article.answer").count();
  await page.fill("#question", question);
  await page.press("#question", "Enter");
  await page.locator("article.answer").nth(before).waitFor();
  return (await page.locator("article.answer .answer-text").nth(before).textContent()) ?? "";
}

async function serve(seedFiles: Record<string, (path: string) => void>, scratch: string): Promise<StartedWebServer> {
  const seeds = join(scratch, "seeds");
  mkdirSync(seeds, { recursive: true });
  for (const [name, write] of Object.entries(seedFiles)) write(join(seeds, `${name}.txt`));
  const assistant = await createAssistant({ seedsDir: seeds, indexDir: join(scratch, "index") });
  const app = createWebApp({ assistant, feedbackStore: createJsonlFeedbackStore(join(scratch, "data", "feedback.jsonl")), assets: loadStaticAssets(), rateLimitPerMinute: 1000 });
  return startWebServer(app, { host: "127.0.0.1", port: 0 });
}

beforeAll(async () => {
  const copySeed = (path: string) => copyFileSync(SEED_FILE, path);
  const scratch = mkdtempSync(join(tmpdir(), "plan-browser-"));
  feedbackFile = join(scratch, "data", "feedback.jsonl");
  server = await serve({ [DOC]: copySeed }, scratch);
  const copyLayoutPlan = (path: string) => copyFileSync(join(REPO_ROOT, "test", "fixtures", "corpus", `${LAYOUT_DOC}.txt`), path);
  twoPlans = await serve({ [DOC]: copySeed, [XSS_DOC]: writeHostilePlan, [LAYOUT_DOC]: copyLayoutPlan }, mkdtempSync(join(tmpdir(), "plan-browser-")));
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await twoPlans?.stop();
});

describe("the web page in Chromium", () => {
  it("asks, follows up, shows the indicator chart beside the answer, records feedback, and opens the cited table row in the reader", async () => {
    const page = await openPage("/");
    expect(await page.locator(".welcome .example").count()).toBeGreaterThan(3);
    const first = await ask(page, "2025年学前三年毛入园率目标是多少");
    expect(first).toContain("94.0");
    const second = await ask(page, "那2022年呢");
    expect(second).toContain("92.8");

    const chart = page.locator("article.answer").first().locator("svg.indicator-chart");
    await chart.waitFor();
    expect(await chart.locator("g.value[data-year='2025']").getAttribute("data-raw")).toBe("≥94.0");
    expect(await chart.locator("g.value[data-year='2025'] line.bound").count()).toBe(1);
    expect(await chart.locator("g.value[data-year='2022'] circle.point").count()).toBe(1);
    // Each chart marks the year its answer is about.
    expect(await chart.locator("g.value.asked").getAttribute("data-year")).toBe("2025");
    expect(await page.locator("article.answer").nth(1).locator("svg.indicator-chart g.value.asked").getAttribute("data-year")).toBe("2022");
    expect(await page.locator("article.answer").first().locator(".badge").textContent()).toBe("预期性");
    // The viewport, not the full page: the question box is fixed at the bottom of the window.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: join(SCREENSHOTS, "chat.png") });

    await page.locator("article.answer").first().locator("button.feedback[data-kind=helpful]").click();
    await page.locator("article.answer").first().locator(".feedback-status", { hasText: "已记录" }).waitFor();
    await page.locator("article.answer").nth(1).locator("button.feedback[data-kind=wrong_figure]").click();
    await page.locator("article.answer").nth(1).locator(".feedback-status", { hasText: "已记录" }).waitFor();
    const { records } = await readFeedbackFile(feedbackFile);
    expect(records.filter((record) => record.source === "button").map((record) => [record.kind, record.question, record.channel])).toEqual([
      ["helpful", "2025年学前三年毛入园率目标是多少", "web"],
      ["wrong_figure", "那2022年呢", "web"],
    ]);

    await page.locator("article.answer").first().locator("a.citation-chip", { hasText: "指标表" }).first().click();
    await page.waitForURL(/\/plan\//);
    await page.waitForSelector("body[data-ready=true]");
    const row = page.locator("tr.cited");
    await row.waitFor();
    expect(await row.getAttribute("data-quote")).toContain("学前三年毛入园率");
    expect(await row.textContent()).toContain("≥94.0");
    await expect.poll(() => row.isVisible()).toBe(true);
    const box = await row.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 900).toBe(true);
    await page.close();
  });

  it("opens a cited sentence in the reader highlighted and scrolled into view; deep links and the outline work", async () => {
    const page = await openPage("/");
    const answer = await ask(page, "要新培养多少名市级骨干教师？");
    expect(answer).toContain("50");
    const chip = page.locator("article.answer").first().locator("a.citation-chip").first();
    const href = (await chip.getAttribute("href")) ?? "";
    await chip.click();
    await page.waitForURL(/\/plan\//);
    await page.waitForSelector("body[data-ready=true]");
    const mark = page.locator("mark.quote").first();
    await mark.waitFor();
    const quote = new URL(href, server.url).searchParams.get("quote") ?? "";
    expect(quote).toContain(await mark.textContent());
    const box = await mark.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 900).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "reader.png") });

    // A deep link straight to a section, and an outline click.
    await page.goto(new URL(`/plan/${DOC}#${encodeURIComponent("第三篇-第七章-第一节")}`, server.url).href);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator(".unit.current h4, .unit.current h3").first().textContent()).toContain("第一节");
    await page.locator(".outline a", { hasText: "专栏2" }).first().click();
    await expect.poll(() => page.locator(".unit.current").getAttribute("id")).toBe("专栏2");
    await page.close();
  });

  it("shows every indicator with its values, bounds and 约束性/预期性 mark; the plan switcher changes plan", async () => {
    const page = await openPage(`/indicators/${DOC}`, undefined, twoPlans);
    const row = page.locator("tr[data-indicator]", { hasText: "学前三年毛入园率" }).first();
    expect(await row.locator("td.number").allTextContents()).toEqual(["92", "92.8", "≥94.0"]);
    expect(await row.locator(".badge").textContent()).toBe("预期性");
    expect(await row.locator("g.value[data-year='2025'] rect.bound-band").count()).toBe(1);
    const binding = page.locator("tr[data-indicator]", { hasText: "普惠性幼儿园在园幼儿占比" }).first();
    expect(await binding.locator(".badge").textContent()).toBe("约束性");
    expect(await page.locator("tr[data-indicator]").count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(SCREENSHOTS, "indicators.png"), fullPage: true });

    await page.selectOption("select.plan-switcher", XSS_DOC);
    await page.waitForURL(new RegExp(`/indicators/${XSS_DOC}$`));
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("tr[data-indicator]").first().textContent()).toContain("学前三年");
    await page.close();
  });

  it("reads a plan headed 一、/（一） with its own labels: outline at every depth, a deep link highlights the quote", async () => {
    const { outline } = await (await fetch(new URL(`/api/outline?doc=${LAYOUT_DOC}`, twoPlans.url))).json();
    const parent = outline.find((node: { children: unknown[] }) => node.children.length > 0);
    const child = parent.children[0];
    const { unit } = await (await fetch(new URL(`/api/section?doc=${LAYOUT_DOC}&location=${encodeURIComponent(child.location)}`, twoPlans.url))).json();
    const sentence = (unit.paragraphs.join("").match(/[^。；]+[。；]/) ?? [unit.paragraphs[0] ?? ""])[0];
    const page = await openPage(`/plan/${LAYOUT_DOC}?quote=${encodeURIComponent(sentence)}#${encodeURIComponent(child.location)}`, undefined, twoPlans);
    expect(await page.locator(".outline a", { hasText: parent.label }).first().textContent()).toContain(parent.title);
    expect(await page.locator(".unit.current").getAttribute("id")).toBe(child.location);
    if (sentence) {
      const mark = page.locator(".unit.current mark.quote").first();
      await mark.waitFor();
      expect(sentence).toContain(await mark.textContent());
    }
    await page.close();
  });

  it("is readable on a phone", async () => {
    const page = await openPage("/", { width: 390, height: 844 });
    await ask(page, "2025年学前三年毛入园率目标是多少");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, "chat-phone.png") });
    await page.close();
  });

  it("renders plan text that looks like HTML as text (reader, indicators, chat)", async () => {
    const reader = await openPage(`/plan/${XSS_DOC}`, undefined, twoPlans);
    const text = (await reader.locator(".plan-text").textContent()) ?? "";
    expect(text).toContain("办学条件<script>window.__xss=1</script>持续改善");
    expect(text).toContain('<img src=x onerror="window.__xss=2">');
    expect(await reader.locator(".plan-text img, .plan-text script, .plan-text b").count()).toBe(0);
    await reader.locator(".plan-text").hover();
    const indicators = await openPage(`/indicators/${XSS_DOC}`, undefined, twoPlans);
    expect(await indicators.locator("table b, table script").count()).toBe(0);
    expect(await indicators.locator("tbody").textContent()).toContain("<b onmouseover=");
    const chat = await openPage("/", undefined, twoPlans);
    await ask(chat, "云溪县十三五期间投入教育资金多少？");
    expect(await chat.locator("article.answer img, article.answer script").count()).toBe(0);
    for (const page of [reader, indicators, chat]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("the chat page with a fake assistant", () => {
  it("marks a low-confidence answer, shows cross-check notes as such, and asks for the API key once when the server has one", async () => {
    const assistant = createFakeAssistant();
    assistant.answerWith((question) => ({ question, intent: "indicator", found: true, answer: "2025年学前三年毛入园率目标为≥94.0%。", citations: [TABLE_CITATION], confidence: "low", notes: ["专栏2写作“达94﹪以上”，指标表写作“≥94.0”。"] }) as never);
    const keyed = await startWebServer(createWebApp({ assistant, feedbackStore: createJsonlFeedbackStore(join(mkdtempSync(join(tmpdir(), "plan-browser-")), "feedback.jsonl")), assets: loadStaticAssets(), apiKey: "browser-key-123" }), { host: "127.0.0.1", port: 0 });
    const page = await browser.newPage();
    const prompts: string[] = [];
    page.on("dialog", (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept("browser-key-123");
    });
    try {
      await page.goto(keyed.url);
      await page.waitForSelector("body[data-ready=true]");
      await page.fill("#question", "2025年学前三年毛入园率目标是多少");
      await page.press("#question", "Enter");
      await page.locator("article.answer").waitFor();
      expect(await page.locator("article.answer .low-confidence").textContent()).toContain("把握不大");
      expect(await page.locator("article.answer .notes").textContent()).toContain("核对提示");
      expect(await page.locator("article.answer .notes li").textContent()).toBe("专栏2写作“达94﹪以上”，指标表写作“≥94.0”。");
      expect(prompts).toEqual(["此服务需要访问密钥（API_KEY）："]);
      await page.locator("article.answer button.feedback[data-kind=helpful]").click();
      await page.locator(".feedback-status", { hasText: "已记录" }).waitFor();
      expect(prompts).toHaveLength(1);
    } finally {
      await page.close();
      await keyed.stop();
    }
  });
});
