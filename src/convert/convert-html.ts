import iconv from "iconv-lite";
import { PlanAssistantError } from "../errors.js";
import layout from "./html-layout.json" with { type: "json" };
import { type ConvertLimits, formatBytes } from "./limits.js";
import { parseHtml } from "./parse-html.js";
import { type HtmlNode, renderHtmlLines } from "./render-html-lines.js";

/** Plan text from a web page, and what was noticed on the way. */
export interface ConvertedHtml {
  readonly text: string;
  /** The charset the page was decoded from, as iconv-lite names it ("utf-8", "gb18030"…). */
  readonly charset: string;
  readonly warnings: readonly string[];
}

// GB2312 and GBK pages are decoded as GB18030, their superset: a character outside GB2312 is common in names.
const CHARSET_ALIASES: Readonly<Record<string, string>> = { gb2312: "gb18030", gbk: "gb18030", "x-gbk": "gb18030", gb_2312: "gb18030", "gb_2312-80": "gb18030", "iso-8859-1": "windows-1252", "us-ascii": "utf-8", ascii: "utf-8" };

/** The charset a page declares in a <meta> within its first 4 KB, lower case, or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function decodeHtml(bytes: Uint8Array, fileName: string, warnings: string[]): { html: string; charset: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { html: buffer.subarray(3).toString("utf8"), charset: "utf-8" };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { html: iconv.decode(buffer.subarray(2), "utf-16le"), charset: "utf-16le" };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { html: iconv.decode(buffer.subarray(2), "utf-16be"), charset: "utf-16be" };
  const declared = declaredCharset(bytes);
  let strictUtf8: string | null = null;
  try {
    strictUtf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8
  }
  const charset = declared === null ? null : (CHARSET_ALIASES[declared] ?? declared);
  if (charset === "utf-8" || charset === "utf8") {
    if (strictUtf8 !== null) return { html: strictUtf8, charset: "utf-8" };
    warnings.push(`${fileName} declares UTF-8 but is not valid UTF-8: decoded as GB18030 (GBK).`);
    return { html: iconv.decode(buffer, "gb18030"), charset: "gb18030" };
  }
  if (charset !== null && iconv.encodingExists(charset)) return { html: iconv.decode(buffer, charset), charset };
  if (charset !== null) warnings.push(`${fileName} declares the unknown charset ${declared}: decoded as ${strictUtf8 === null ? "GB18030 (GBK)" : "UTF-8"}.`);
  return strictUtf8 !== null ? { html: strictUtf8, charset: "utf-8" } : { html: iconv.decode(buffer, "gb18030"), charset: "gb18030" };
}

// An article container must hold this much of the page's text to be taken for the article.
const ARTICLE_SHARE = 0.3;

/**
 * Converts a saved web page to plan text: decodes its charset (BOM, `<meta charset>`, else UTF-8 or
 * GB18030), parses it without running anything, drops menus, banners, footers, scripts, styles and frames
 * (selectors in `html-layout.json`), keeps the article body, and renders blocks as lines and tables as
 * tab-separated rows (see `renderHtmlLines`). A page title (`<h1>`) outside the article body comes first.
 * @throws PlanAssistantError SEED_TOO_LARGE over `limits.maxHtmlBytes`, SEED_EMPTY when no text is left.
 */
export function convertHtml(bytes: Uint8Array, fileName: string, limits: ConvertLimits): ConvertedHtml {
  if (bytes.byteLength > limits.maxHtmlBytes) {
    throw new PlanAssistantError("SEED_TOO_LARGE", `${fileName} is a ${formatBytes(bytes.byteLength)} web page, over the ${formatBytes(limits.maxHtmlBytes)} limit for HTML: save the plan's page alone (not the whole site), or raise MAX_HTML_BYTES.`);
  }
  const warnings: string[] = [];
  const { html, charset } = decodeHtml(bytes, fileName, warnings);
  const $ = parseHtml(html);
  $(layout.noiseSelectors.join(",")).remove();
  $(layout.chromeSelectors.join(","))
    .filter((_, element) => $(element).closest("article").length === 0)
    .remove();
  const body = $("body").first();
  const bodyLength = body.text().replace(/\s+/g, "").length;
  let article: ReturnType<typeof $> = body;
  for (const selector of layout.articleSelectors) {
    const candidate = $(selector)
      .toArray()
      .find((element) => $(element).text().replace(/\s+/g, "").length >= Math.max(1, bodyLength * ARTICLE_SHARE));
    if (candidate) {
      article = $(candidate);
      break;
    }
  }
  const roots: HtmlNode[] = [];
  const title = $("h1").first();
  if (article !== body && title.length > 0 && article.find("h1").length === 0 && !article.is("h1")) roots.push(title.get(0) as unknown as HtmlNode);
  roots.push(...(article.toArray() as unknown as HtmlNode[]));
  const text = renderHtmlLines(roots).join("\n");
  if (text.trim().length === 0) throw new PlanAssistantError("SEED_EMPTY", `${fileName} holds no text outside menus, scripts and footers: save the page that shows the plan itself.`);
  return { text: `${text}\n`, charset, warnings };
}
