import { toChineseOrdinal } from "../src/answer/analyze-question.js";
import { seedLineKind } from "./locate-offset.js";
import { parsePlan } from "../src/parse/parse-plan.js";
import { seededRandom as createRandom } from "../test/support/seeded-random.js";

/** One synthetic plan: the seed with another district, shuffled 节 and altered figures. */
export interface GeneratedDocument {
  /** Document id (the seed file name without extension). */
  readonly doc: string;
  readonly file: string;
  /** District named in the title and body, e.g. 万州区. */
  readonly district: string;
  readonly text: string;
  /** Every figure string of the seed that was altered → its value in this document ("94.0" → "91.6"). */
  readonly figures: ReadonlyMap<string, string>;
}

export interface GenerateCorpusOptions {
  /** Base of the per-document random streams; the same value gives the same corpus. */
  readonly seed?: number;
}

/** Chongqing's districts and counties other than the seed's (autonomous counties omitted: their names are too long for a title). */
export const REAL_DISTRICTS: readonly string[] = [
  "万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "綦江区", "大足区",
  "渝北区", "巴南区", "黔江区", "长寿区", "江津区", "合川区", "永川区", "南川区", "璧山区", "铜梁区", "潼南区",
  "荣昌区", "开州区", "武隆区", "梁平区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
];

// Synthetic names when the real ones run out: two characters that name no real district, plus 区.
const SYNTHETIC_FIRST = "青云翠金玉丹银碧紫雁";
const SYNTHETIC_SECOND = "溪岭湖泉原滩峰林湾屿";
// Then three characters from sets sharing no character with any name above, so that no bare name
// sits inside another (a question naming 松安庄区 names no other district): 1,000 more, for a
// 1,000-plan corpus.
const TRIPLE_FIRST = "松柏梅兰竹菊桂桐榆柳";
const TRIPLE_SECOND = "安宁康和乐泰兴盛顺嘉";
const TRIPLE_THIRD = "庄堡台亭桥店集营寨屯";

/** District names for `count` documents (at most 1,133), never the seed's own district; real names first. */
export function districtNames(count: number, seedDistrict: string | null): string[] {
  const names = REAL_DISTRICTS.filter((name) => name !== seedDistrict);
  for (const first of SYNTHETIC_FIRST) for (const second of SYNTHETIC_SECOND) names.push(`${first}${second}区`);
  for (const first of TRIPLE_FIRST) for (const second of TRIPLE_SECOND) for (const third of TRIPLE_THIRD) names.push(`${first}${second}${third}区`);
  if (count > names.length) throw new Error(`generateCorpus: at most ${names.length} documents (asked for ${count})`);
  return names.slice(0, count);
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/**
 * Shuffles the 节 inside every 章 (a 章's intro before its first 节 stays first) and relabels
 * them 第一节, 第二节 … in their new order, so the outline still reads in order.
 */
export function shuffleSections(lines: readonly string[], random: () => number): string[] {
  const kinds = lines.map((line) => seedLineKind(line));
  // A 章's 节 run up to the next 篇/章 heading, the first 专栏 or the print line (the boxes sit after the body).
  const endsChapter = (index: number) => {
    const kind = kinds[index]!;
    return (kind.kind === "heading" && kind.level !== "section") || kind.kind === "box" || kind.kind === "print-line";
  };
  const output: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const kind = kinds[index]!;
    if (!(kind.kind === "heading" && kind.level === "section")) {
      output.push(lines[index]!);
      index += 1;
      continue;
    }
    let end = index;
    while (end < lines.length && !endsChapter(end)) end += 1;
    const blocks: string[][] = [];
    for (let cursor = index; cursor < end; cursor += 1) {
      const cursorKind = kinds[cursor]!;
      if (cursorKind.kind === "heading" && cursorKind.level === "section") blocks.push([]);
      blocks[blocks.length - 1]!.push(lines[cursor]!);
    }
    shuffle(blocks, random).forEach((block, position) => {
      const [heading, ...body] = block;
      output.push(heading!.replace(/第[一二三四五六七八九十百零〇]+节/, `第${toChineseOrdinal(position + 1)}节`), ...body);
    });
    index = end;
  }
  return output;
}

const FIGURE = /\d+(?:\.\d+)?/g;

/** True when the digits at `start` are a figure to alter, not a year, date, 文号, label or list number. */
function isFigure(text: string, start: number, match: string): boolean {
  const before = text[start - 1] ?? "";
  const after = text[start + match.length] ?? "";
  if (/^\d{4}$/.test(match) && Number(match) >= 1900 && Number(match) <= 2099) return false; // a year
  if (/[A-Za-z+]/.test(before) || /[A-Za-z+]/.test(after)) return false; // IPV6, m2, “1+5”
  if (/[月日号〕]/.test(after) || before === "〔") return false; // dates and 文号
  if (/[.．、]/.test(after)) return false; // list numbers "1.实施…"
  if (text.slice(Math.max(0, start - 2), start) === "专栏") return false;
  return true;
}

/**
 * Alters every figure by a per-value factor (3–15 % up or down), keeping the number of decimals.
 * The same value gets the same factor everywhere in the document (the table and the text agree);
 * a share that was at most 100 stays at most 100.
 */
export function alterFigures(text: string, random: () => number): { text: string; figures: Map<string, string> } {
  const factors = new Map<number, number>();
  const figures = new Map<string, string>();
  const altered = text.replace(FIGURE, (match: string, offset: number) => {
    if (!isFigure(text, offset, match)) return match;
    const known = figures.get(match);
    if (known !== undefined) return known;
    const value = Number(match);
    let factor = factors.get(value);
    if (factor === undefined) {
      const magnitude = 0.03 + random() * 0.12;
      const up = random() < 0.5 && !(value <= 100 && value * (1 + magnitude) > 100);
      factor = up ? 1 + magnitude : 1 - magnitude;
      factors.set(value, factor);
    }
    const decimals = match.split(".")[1]?.length ?? 0;
    const step = 10 ** -decimals;
    let next = Math.round(value * factor * 10 ** decimals) / 10 ** decimals;
    if (next.toFixed(decimals) === match) next = factor > 1 ? next + step : next - step;
    if (next <= 0) next = value + step;
    const replacement = next.toFixed(decimals);
    figures.set(match, replacement);
    return replacement;
  });
  return { text: altered, figures };
}

/**
 * Makes `count` distinct plan documents from one seed plan text, deterministically: document i
 * depends only on (seed, i), so the first 10 documents of a 100-document corpus are the 10 of a
 * 10-document corpus. Each document names another district, has its 节 shuffled inside each 章,
 * its figures altered and its 文号 renumbered; it parses to the same outline counts as the seed.
 */
export function generateCorpus(seedText: string, count: number, options: GenerateCorpusOptions = {}): GeneratedDocument[] {
  const normalized = seedText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const seedDistrict = parsePlan("seed", normalized).metadata.district;
  if (!seedDistrict) throw new Error("generateCorpus: the seed plan's title names no district (…区/县) to replace");
  const seedBare = seedDistrict.replace(/[区县]$/, "");
  const base = options.seed ?? 2021;
  return districtNames(count, seedDistrict).map((district, index) => {
    const random = createRandom(Math.imul(base, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
    const bare = district.replace(/[区县]$/, "");
    const renamed = normalized.split(seedDistrict).join(district).split(seedBare).join(bare);
    const shuffled = shuffleSections(renamed.split("\n"), random).join("\n");
    const { text: alteredText, figures } = alterFigures(shuffled, random);
    const documentNumber = 1 + Math.floor(random() * 60);
    const text = alteredText.replace(/〔(\d{4})〕\d+号/g, `〔$1〕${documentNumber}号`);
    // Three digits up to 999 (the ids of existing corpora stay as they were), four beyond.
    const doc = `district-plan-${String(index + 1).padStart(index + 1 > 999 ? 4 : 3, "0")}`;
    return { doc, file: `${doc}.txt`, district, text, figures };
  });
}
