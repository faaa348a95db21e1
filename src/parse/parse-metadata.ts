import { z } from "zod";
import { normalizeChineseYears } from "../text/chinese-numerals.js";
import type { IssuerLevel, PlanMetadata } from "./plan-types.js";

/** Words that end the name of a plan-like document. */
const DOCUMENT_KIND = /(规划|计划|方案|意见|纲要|办法|通知|要点|指南|措施|决定|细则)(（[^）]*）|\([^)]*\))?$/;
/** Bodies that issue plans, by the ending of their name. */
const ISSUER_END = /(人民政府(办公厅|办公室)?|委员会|办公厅|办公室|教育局|教育委员会|教委|[部委局厅署院办]|领导小组)$/;
/** Five-year periods by name. */
const FIVE_YEAR: Record<string, { from: number; to: number }> = {
  十一五: { from: 2006, to: 2010 },
  十二五: { from: 2011, to: 2015 },
  十三五: { from: 2016, to: 2020 },
  十四五: { from: 2021, to: 2025 },
  十五五: { from: 2026, to: 2030 },
  十六五: { from: 2031, to: 2035 },
};

/** The period a title names: "（2021—2025年）", "（2023-2035年）", "“十五五”", "2019行动方案". */
export function periodOfTitle(title: string): { from: number; to: number } | null {
  const text = normalizeChineseYears(title.normalize("NFKC"));
  const range = /(20\d{2}|19\d{2})\s*年?\s*[—\-–~～至到]+\s*(20\d{2}|19\d{2})\s*年?/.exec(text);
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  for (const [name, period] of Object.entries(FIVE_YEAR)) if (text.includes(name)) return period;
  const single = /(20\d{2})年?(?:度)?(?:行动|工作|实施)?(?:方案|计划|要点)/.exec(text);
  if (single) return { from: Number(single[1]), to: Number(single[1]) };
  return null;
}

/** The place a name starts with, and its level: 山东省 → 省, 济南市 → 市, 重庆市梁平区 → 区县. */
export function placeOf(name: string): { place: string; level: IssuerLevel } | null {
  if (/^(国务院|国家|中共中央|中央|全国|中华人民共和国|教育部|工业和信息化部|民政部|[\u4e00-\u9fa5]{1,6}部(?![门分])|国家[\u4e00-\u9fa5]{1,8}[局委]|中国[\u4e00-\u9fa5]{1,8}(?:局|委员会|会|院|署))/.test(name)) return { place: "全国", level: "国家" };
  const county = /^(?:[\u4e00-\u9fa5]{2,4}?[省市])?(?:[\u4e00-\u9fa5]{2,4}?市)?([\u4e00-\u9fa5]{1,5}?[区县旗])(?![分别域委])/.exec(name);
  if (county && !/^(自治区|特区|地区|社区|园区|景区|城区|新区)$/.test(county[1]!)) return { place: county[1]!, level: "区县" };
  const province = /^([\u4e00-\u9fa5]{2,3}?省|[\u4e00-\u9fa5]{2,6}?自治区)/.exec(name);
  const city = /^(?:[\u4e00-\u9fa5]{2,3}?省)?([\u4e00-\u9fa5]{2,4}?市)/.exec(name);
  if (city && !province) {
    // 北京市/天津市/上海市/重庆市 are provinces in rank.
    return { place: city[1]!, level: /^(北京|天津|上海|重庆)市$/.test(city[1]!) ? "省" : "市" };
  }
  if (city && province && city[0] !== province[0]) return { place: city[1]!, level: "市" };
  if (province) return { place: province[1]!, level: "省" };
  if (/^省/.test(name)) return null;
  return null;
}

export interface MetadataInput {
  /** Lines before the first heading (notice, title, preamble), trimmed, in order. */
  readonly headerLines: readonly string[];
  /** Lines after the body: 抄送 and print lines, sign-off. */
  readonly trailerLines: readonly string[];
  /** Date from a print line ("…2021年12月24日印发"), if any. */
  readonly printDate: string | null;
  /** Issuing office from a print line, if any. */
  readonly printOffice: string | null;
  /** Fallback title: the file name when the text states none. */
  readonly fallbackTitle: string;
}

/**
 * Reads the plan's own metadata: its title line (not a document its preamble cites), the issuer
 * and its level, the period, the 文号 and the date.
 */
export function parseMetadata(input: MetadataInput): PlanMetadata {
  const header = input.headerLines.map((line) => line.trim()).filter((line) => line.length > 0);
  // A 文号 inside 《…》 or in the brackets after it belongs to a document the preamble cites
  // (《国务院关于印发新一代人工智能发展规划的通知》（国发〔2017〕35号）), not to this one; so does one inside a sentence.
  const joined = header.filter((line) => !/[。；]/.test(line)).join("").replace(/《[^》]*》(\s*[（(][^）)]*[）)])?/g, "");
  const documentNumber = /([\u4e00-\u9fa5]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号)/.exec(joined.normalize("NFKC").replace(/\[/g, "〔").replace(/\]/g, "〕"))?.[1] ?? /([\u4e00-\u9fa5]{1,12}〔\d{4}〕\d+号)/.exec(joined)?.[1] ?? null;
  const title = findTitle(header) ?? null;
  const issuerLine =
    header.find((line) => line.length <= 40 && !/[。，：；]/.test(line) && ISSUER_END.test(line) && !DOCUMENT_KIND.test(line) && !/[《》]/.test(line)) ??
    [...input.trailerLines].reverse().find((line) => line.length <= 40 && ISSUER_END.test(line) && !/[。，：；]/.test(line)) ??
    input.printOffice ??
    null;
  // A title that begins with its issuer ("国家药监局关于…的行动计划") names it.
  const issuerFromTitle = title ? /^(.{2,20}?)关于/.exec(title)?.[1] ?? null : null;
  const issuer = issuerLine ?? issuerFromTitle;
  const dateLine =
    header.find((line) => /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(line.normalize("NFKC"))) ??
    [...input.trailerLines].reverse().find((line) => /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(line.normalize("NFKC"))) ??
    input.printDate;
  const date = dateLine ? dateLine.normalize("NFKC").replace(/\s+/g, "") : null;
  const dateParts = date ? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(date) : null;
  const isoDate = dateParts ? `${dateParts[1]}-${dateParts[2]!.padStart(2, "0")}-${dateParts[3]!.padStart(2, "0")}` : null;
  const located = (title ? placeOf(title) : null) ?? (issuer ? placeOf(issuer) : null);
  const titleText = title ?? input.fallbackTitle;
  const district = located?.level === "区县" ? located.place : null;
  const issuerLevel = issuer ? placeOf(issuer)?.level ?? null : null;
  return {
    title: titleText,
    titleFromText: title !== null,
    issuer,
    level: issuerLevel ?? located?.level ?? null,
    place: located?.place ?? null,
    documentNumber,
    date,
    isoDate,
    district,
    period: periodOfTitle(titleText),
  };
}

/**
 * The plan's own title: a standalone line naming a plan-like document (规划/计划/方案/意见…),
 * possibly continued by a period line "（2021-2025 年）"; else the document a notice issues
 * ("关于印发《X》的通知" → X). A 《纲要》 the preamble cites in a sentence is never the title.
 */
function findTitle(header: readonly string[]): string | null {
  for (const [index, line] of header.entries()) {
    if (line.length > 60 || /[。，；：:！？]/.test(line) || /^关于印发|的通知$/.test(line) || /^[《“"]/.test(line)) continue;
    const next = header[index + 1] ?? "";
    const withPeriod = /^[（(]\s*\d{4}\s*[—\-–~～至]+\s*\d{4}\s*年?\s*[）)]$/.test(next) ? `${line}${next.replace(/\s+/g, "")}` : line;
    if (DOCUMENT_KIND.test(withPeriod) || (/规划|计划|方案|意见/.test(line) && line.length >= 6)) return withPeriod;
  }
  const notice = /关于印发《([^》]+)》/.exec(header.join(""))?.[1];
  return notice ?? null;
}

/** What a plan's sidecar file (`<plan>.meta.json`) may state that its text does not: a file copied from a database often has no title line. */
export const planSidecarSchema = z
  .object({
    title: z.string().trim().min(2).max(200).optional(),
    issuer: z.string().trim().min(2).max(200).optional(),
    documentNumber: z.string().trim().min(2).max(60).optional(),
    /** 2021年12月24日 or 2021-12-24. */
    date: z.string().trim().regex(/^\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2})$/).optional(),
    period: z.object({ from: z.number().int().min(1949).max(2100), to: z.number().int().min(1949).max(2100) }).refine((period) => period.from <= period.to, "period.from after period.to").optional(),
  })
  .strict();
export type PlanSidecar = z.infer<typeof planSidecarSchema>;

/**
 * The plan's metadata with what its sidecar states: the sidecar wins for the fields it gives, and
 * place, level, district and period are read again from the new title and issuer where the text
 * gave none. A title from the sidecar counts as the plan's own (`titleFromText`).
 */
export function applyPlanSidecar(metadata: PlanMetadata, sidecar: PlanSidecar): PlanMetadata {
  const title = sidecar.title ?? metadata.title;
  const issuer = sidecar.issuer ?? metadata.issuer;
  const iso = sidecar.date ? /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|-(\d{2})-(\d{2}))$/.exec(sidecar.date) : null;
  const isoDate = iso ? `${iso[1]}-${(iso[2] ?? iso[4])!.padStart(2, "0")}-${(iso[3] ?? iso[5])!.padStart(2, "0")}` : metadata.isoDate;
  const date = iso ? `${iso[1]}年${Number(iso[2] ?? iso[4])}月${Number(iso[3] ?? iso[5])}日` : metadata.date;
  const located = placeOf(title) ?? (issuer ? placeOf(issuer) : null);
  return {
    ...metadata,
    title,
    titleFromText: metadata.titleFromText || sidecar.title !== undefined,
    issuer,
    level: (issuer ? placeOf(issuer)?.level : null) ?? metadata.level ?? located?.level ?? null,
    place: metadata.place ?? located?.place ?? null,
    documentNumber: sidecar.documentNumber ?? metadata.documentNumber,
    date,
    isoDate,
    district: metadata.district ?? (located?.level === "区县" ? located.place : null),
    period: sidecar.period ?? metadata.period ?? periodOfTitle(title),
  };
}
