import { readHeading } from "../../src/parse/heading-grammar.js";

/**
 * The seed plan re-laid-out the way real files arrive, without changing its content. Each variant is
 * a metamorphic test: the same questions must get the same answers.
 */
export interface SeedVariant {
  readonly name: string;
  readonly text: string;
}

const FULL_WIDTH = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
const CHINESE = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七"];

/** Page-number lines (— 5 —) every 30 lines, one inside the indicator table, and a running header after each. */
export function paginated(seed: string): string {
  const lines = seed.split("\n");
  const output: string[] = [];
  let page = 1;
  lines.forEach((line, index) => {
    output.push(line);
    if (index > 0 && index % 30 === 0) {
      output.push(`— ${page} —`, "梁平区教育事业发展“十四五”规划");
      page += 1;
    }
  });
  return output.join("\n");
}

/** Full-width digits in the table header and the 文号 (２０２５年, 梁平府发〔２０２１〕１７号). */
export function fullWidthDigits(seed: string): string {
  return seed
    .split("\n")
    .map((line) => (/^\t20\d\d年$/.test(line) || /府发〔/.test(line) ? FULL_WIDTH(line) : line))
    .join("\n");
}

/** Headings spaced out as PDF extraction leaves them: 第 一 篇. */
export function spacedHeadings(seed: string): string {
  return seed.replace(/^第([一二三四五六七八九十]+)([篇章节])/gm, (_, numeral: string, level: string) => `第 ${[...numeral].join(" ")} ${level}`);
}

/** 篇 → 一、, 章 → （一） restarting in each 篇, 节 → 1. restarting in each 章. */
export function enumeratedHeadings(seed: string): string {
  let chapter = 0;
  let section = 0;
  return seed
    .split("\n")
    .map((line) => {
      const heading = readHeading(line.trim());
      if (!heading || !["part", "chapter", "section"].includes(heading.style)) return line;
      if (heading.style === "part") {
        chapter = 0;
        return `${CHINESE[heading.ordinal]}、${heading.title}`;
      }
      if (heading.style === "chapter") {
        chapter += 1;
        section = 0;
        return `（${CHINESE[chapter]}）${heading.title}`;
      }
      section += 1;
      return `${section}.${heading.title}`;
    })
    .join("\n");
}

/** A plan with a single 章 of a single 节: the seed's notice and title, then 第十七章 第一节 only. */
export function singleSection(seed: string): string {
  const lines = seed.split("\n");
  const titleEnd = lines.findIndex((line) => line.startsWith("第一篇"));
  const chapter = lines.findIndex((line) => line.startsWith("第十七章"));
  const second = lines.findIndex((line, index) => index > chapter && line.startsWith("第二节"));
  return [...lines.slice(0, titleEnd), "第一章  构建规划落实机制", ...lines.slice(chapter + 1, second)].join("\n");
}

export function seedVariants(seed: string): SeedVariant[] {
  return [
    { name: "paginated", text: paginated(seed) },
    { name: "full-width", text: fullWidthDigits(seed) },
    { name: "spaced", text: spacedHeadings(seed) },
    { name: "enumerated", text: enumeratedHeadings(seed) },
  ];
}
