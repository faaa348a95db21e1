import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { excerptHtml, PAGE_NOISE } from "../../test/fixtures/formats/excerpt-documents.js";
import { excerptClosing, excerptOpening, excerptTableHeader, excerptTableRows, excerptTableTitle } from "../../test/fixtures/formats/plan-excerpt.js";
import { PlanAssistantError } from "../errors.js";
import { convertHtml } from "./convert-html.js";
import { DEFAULT_CONVERT_LIMITS, resolveLimits } from "./limits.js";

const collapse = (line: string) => line.replace(/\s+/g, " ").trim();

function expectExcerpt(text: string): void {
  const lines = text.split("\n");
  // HTML collapses runs of spaces: "第二篇  总体思路" reads "第二篇 总体思路", as a browser shows it.
  for (const line of [...excerptOpening, ...excerptClosing]) expect(lines).toContain(collapse(line));
  const titleIndex = lines.indexOf(excerptTableTitle);
  expect(titleIndex).toBeGreaterThan(0);
  expect(lines.slice(titleIndex + 1, titleIndex + 2 + excerptTableRows.length)).toEqual([excerptTableHeader.join("\t"), ...excerptTableRows.map((row) => row.join("\t"))]);
  for (const noise of Object.values(PAGE_NOISE)) expect(text).not.toContain(noise);
  expect(text).not.toContain("脚本文字");
  expect(text).not.toContain("分享到");
}

describe("convertHtml", () => {
  it("keeps the article body of a saved government page: the title, paragraphs and the table as tab rows", () => {
    const converted = convertHtml(excerptHtml("utf-8"), "plan.html", DEFAULT_CONVERT_LIMITS);
    expect(converted.charset).toBe("utf-8");
    expectExcerpt(converted.text);
    expect(converted.text.split("\n")[0]).toBe(excerptOpening[2]); // the <h1> outside #zoom comes first
  });

  it("decodes a GB2312 page by its <meta> charset", () => {
    const bytes = excerptHtml("gb2312");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const converted = convertHtml(bytes, "plan-gb2312.htm", DEFAULT_CONVERT_LIMITS);
    expect(converted.charset).toBe("gb18030");
    expectExcerpt(converted.text);
  });

  it("decodes a page without a declared charset as UTF-8, else as GBK", () => {
    const page = "<html><body><p>第一章  总则</p><p>推进县管校聘改革。</p></body></html>";
    expect(convertHtml(Buffer.from(page, "utf8"), "a.html", DEFAULT_CONVERT_LIMITS)).toMatchObject({ text: "第一章 总则\n推进县管校聘改革。\n", charset: "utf-8" });
    expect(convertHtml(iconv.encode(page, "gbk"), "b.html", DEFAULT_CONVERT_LIMITS)).toMatchObject({ text: "第一章 总则\n推进县管校聘改革。\n", charset: "gb18030" });
  });

  it("warns when a page declares UTF-8 but is GBK", () => {
    const page = '<html><head><meta charset="utf-8"></head><body><p>推进县管校聘改革。</p></body></html>';
    const converted = convertHtml(iconv.encode(page, "gbk"), "c.html", DEFAULT_CONVERT_LIMITS);
    expect(converted.text).toBe("推进县管校聘改革。\n");
    expect(converted.warnings).toEqual(["c.html declares UTF-8 but is not valid UTF-8: decoded as GB18030 (GBK)."]);
  });

  it("reads a layout table as blocks and <br> as line breaks, and never runs scripts", () => {
    const page = `<html><body><table><tr><td><div>第一章  总则</div><table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>
      <p>第一行<br>第二行</p><script>globalThis.ran = true</script><img src="x" onerror="globalThis.ran = true"></body></html>`;
    const { text } = convertHtml(Buffer.from(page), "layout.html", DEFAULT_CONVERT_LIMITS);
    expect(text).toBe("第一章 总则\n甲\t乙\n\n第一行\n第二行\n");
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });

  it("drops the page's header and footer but keeps an article's own header (its title)", () => {
    const page = `<html><body><header>网站首页横幅</header><article><header><h1>第一章  总则</h1></header><p>推进县管校聘改革。</p></article><footer>版权所有</footer></body></html>`;
    expect(convertHtml(Buffer.from(page), "article.html", DEFAULT_CONVERT_LIMITS).text).toBe("第一章 总则\n推进县管校聘改革。\n");
  });

  it("rejects a page over the HTML limit and a page with nothing but noise", () => {
    const big = Buffer.from(`<html><body><p>${"规划".repeat(600)}</p></body></html>`);
    let error = (() => {
      try {
        convertHtml(big, "big.html", resolveLimits({ maxHtmlBytes: 1000 }));
      } catch (caught) {
        return caught as PlanAssistantError;
      }
    })();
    expect(error?.code).toBe("SEED_TOO_LARGE");
    expect(error?.message).toMatch(/^big\.html is a 3\.\d KB web page, over the 1000 bytes limit for HTML: .*MAX_HTML_BYTES/);
    error = (() => {
      try {
        convertHtml(Buffer.from("<html><body><nav>首页</nav><script>x()</script></body></html>"), "menu.html", DEFAULT_CONVERT_LIMITS);
      } catch (caught) {
        return caught as PlanAssistantError;
      }
    })();
    expect(error?.code).toBe("SEED_EMPTY");
  });
});
