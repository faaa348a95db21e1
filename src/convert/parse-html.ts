import { type CheerioAPI, load } from "cheerio/slim";
import { parse } from "parse5";
import { adapter } from "parse5-htmlparser2-tree-adapter";

/**
 * Parses HTML as a browser would (parse5, the WHATWG algorithm: implied tbody, unclosed <p> and <td>)
 * into a cheerio document. Nothing in it runs. Goes through `cheerio/slim` because cheerio's main entry
 * imports undici, and importing undici replaces the process's global fetch dispatcher.
 */
export function parseHtml(html: string): CheerioAPI {
  return load(parse(html, { treeAdapter: adapter }) as unknown as Parameters<typeof load>[0]);
}
