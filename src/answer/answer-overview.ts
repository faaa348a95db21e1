import type { Box, Chapter, Location, OutlineNode, Paragraph, Part, Plan, Section } from "../parse/plan-types.js";
import { chineseNumeralValue } from "../text/chinese-numerals.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { bigramCoverage, characterBigrams } from "../parse/link-boxes.js";
import { outlineNodesOf } from "../parse/outline-nodes.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { splitSentences } from "../text/split-sentences.js";
import type { AnswerDraft, Citation } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf } from "./citation.js";
import { topicWords } from "./topic-words.js";
import { askedValuePattern } from "./asked-value.js";

type Draft = AnswerDraft;

const OVERVIEW_BUDGET = 1100;
const ONBOARDING = /(是|用来)?(干嘛|干什么|做什么|做啥|干啥)(用)?的|有什么用|介绍|概述|概况|概要|总体情况|整体|框架|结构|目录|大纲|提纲|新同事|新员工|新人|入门|主要内容|讲了什么|讲的什么|讲什么|说了什么|是什么规划|总结|简介|梗概|全貌|怎么读|从哪里看起|有哪些篇|有几篇|几个部分/;
// What the plan was drawn up under: its preamble names the higher-level plans it follows.
const BASIS = /(依据|根据|按照|参照)(什么|哪些|哪个)|上位规划|制定依据|编制依据|为什么制定/;
// The plan's period is asked with 几年, which otherwise asks for a figure.
const PERIOD = /规划期|到期|起止|期限|执行期|实施期|几年的规划|哪几年|多少年的规划|管几年/;
const METADATA = /文号|发文字号|字号|哪天|日期|什么时候(印发|发布|出台|发的)|何时(印发|发布)|印发时间|发布时间|(哪个|哪家|什么)(单位|部门|机关|机构)(印发|发布|制定|出台|发)|由谁(印发|发布|制定|出台)|谁(印发|发布|制定|出台)|发文单位|发文机关|标题|全称|名称是什么|叫什么/;
// Everyday names of the outline's standard parts, mapped to the heading words plans use for them.
const OUTLINE_ALIASES: readonly [RegExp, RegExp][] = [
  [/总体目标|主要目标|规划目标|发展目标|总目标|目标是什么|目标有哪些|有什么目标|达到什么目标/, /目标/],
  [/指导思想|总体要求|总的要求/, /指导思想|总体要求/],
  [/基本原则|遵循.*原则|坚持哪些原则|原则是什么|哪些原则/, /原则/],
  [/主要任务|重点任务|要做哪些事|任务有哪些/, /任务/],
  [/保障措施|保障机制|怎么保障规划|如何保障规划/, /保障/],
  [/发展形势|形势/, /形势/],
  [/面临.*挑战|存在.*问题|短板|不足/, /挑战|问题/],
];
// "规划有哪些重大工程", "专栏有哪些": the 专栏 boxes are the plan's lists of key projects and targets.
const BOX_LIST = /重大工程|重点工程|重点项目有哪些|专栏有哪些|哪些专栏|有什么专栏|专栏都|所有专栏|专栏列表|专栏.{0,4}(分别|各自|叫|名称|是什么|是哪|讲|写)/;
/** Words asking for what a box holds (包括哪些, 几项, 建设内容), as against the idea its title names. */
const BOX_CONTENTS = /包括|包含|有哪些|哪几|几项|多少项|内容|建(设)?(些)?(什么|啥)|干(些)?(什么|啥)|做(些)?(什么|啥)/;
const STRUCTURE_COUNT = /(几|多少)(个|项)?(篇|章|节|专栏)|(篇|章|节|专栏)(有|一共|总共|共)?(几|多少)|(几|多少)(个|大)?(部分|板块|大块)|分(为|成|了)?哪?几(个|大)?(部分|板块|块|方面)/;
/** A count of the plan's tasks or measures as a whole (任务一共列了多少条, 总共有几项举措). */
const TASK_COUNT = /(任务|措施|举措|事项)[^，。？?]{0,8}(多少|几)(条|项|个)|(一共|总共|合计)[^，。？?]{0,6}(多少|几)(条|项)(任务|措施|举措)?/;
/** Pieces the dictionary may glue to a word (一共列, 具体任务): they name nothing. */
const COUNTING_FILLER = /一共|总共|合计|具体|列|了/g;
/** Words of such a question that name no topic of their own. */
const TASK_WORDS = /^(任务|具体任务|重点任务|主要任务|措施|举措|事项|方案|规划|计划|意见|行动|条|项)$/;

/** True when a word of a task-count question is only counting filler or a word for tasks. */
function namesNoTask(word: string): boolean {
  const rest = word.replace(COUNTING_FILLER, "");
  return rest === "" || TASK_WORDS.test(rest);
}
const DESCRIBE = /是什么|有哪些|有什么|讲|包括|包含|内容|主要|介绍|概括|总结|涵盖|哪几|哪些|说了|写了|要求|怎么说|如何表述|原则|目标|思想|愿景|远景/;

function headingQuote(label: string, title: string): string {
  return `${label}  ${title}`.trim();
}

function trimToBudget(texts: readonly string[], budget: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const text of texts) {
    if (used + text.length > budget) break;
    kept.push(text);
    used += text.length;
  }
  return kept.length > 0 ? kept : texts.slice(0, 1).map((text) => text.slice(0, budget));
}

function describePart(part: Part): Draft {
  const chapters = part.chapters.map((chapter) => `${chapter.label} ${chapter.title}`);
  const answer = `${part.label}“${part.title}”包括${part.chapters.length}章：${chapters.join("；")}。`;
  return {
    intent: "overview",
    found: true,
    answer,
    citations: [citationOf(part.location, headingQuote(part.label, part.title)), ...part.chapters.slice(0, 12).map((chapter) => citationOf(chapter.location, headingQuote(chapter.label, chapter.title)))],
  };
}

/**
 * Sentences of a chapter's own paragraphs (before its 节) that state a count of the kind a figure
 * question asks (askedValuePattern) and hold one of its topic words; none for a question about the
 * chapter's 节 or 章 themselves (几节), which the outline answers.
 */
function statedCounts(chapter: Chapter, analysis: QuestionAnalysis): { text: string; location: Location }[] {
  if (!analysis.aspects.quantity || /(几|多少)(个)?(节|章|部分)|(节|章)(有|一共|总共|共)?(几|多少)/.test(analysis.text)) return [];
  const pattern = askedValuePattern(analysis);
  const topic = topicWords(analysis).filter((word) => word.length >= 2 && !/^第.+章$/.test(word));
  if (!pattern || topic.length === 0) return [];
  const states = (text: string) => pattern.test(normalizeForMatch(text).replace(/(19|20)\d{2}年/g, ""));
  return chapter.paragraphs.flatMap((paragraph) =>
    splitSentences(paragraph.text)
      .filter(({ text }) => states(text) && topic.some((word) => normalizeForMatch(text).includes(word)))
      .map(({ text }) => ({ text: countSpan(text, states), location: paragraph.location })),
  );
}

/** Longest sentence quoted whole for a count; a longer one is quoted from its first clause stating a count to its last. */
const COUNT_SENTENCE_MAX = 120;

/** The clauses of `sentence` from the first that `states` a count to the last, verbatim; the sentence when short. */
function countSpan(sentence: string, states: (clause: string) => boolean): string {
  if (sentence.length <= COUNT_SENTENCE_MAX) return sentence;
  const clauses = sentence.split(/(?<=[，；,;])/);
  const first = clauses.findIndex(states);
  const last = clauses.length - 1 - [...clauses].reverse().findIndex(states);
  return first === -1 ? sentence : clauses.slice(first, last + 1).join("").replace(/[，；,;]$/, "");
}

/** What a chapter says: its sections, or its own text when it has none. */
function describeChapter(chapter: Chapter, analysis: QuestionAnalysis): Draft {
  // "第三章重点工程总共几项": a count the chapter's own text states answers before its outline does.
  const stated = statedCounts(chapter, analysis);
  if (stated.length > 0) {
    return { intent: "overview", found: true, answer: `${chapter.label}“${chapter.title}”：${stated.map((sentence) => (/[。！？；]$/.test(sentence.text) ? sentence.text : `${sentence.text}。`)).join("")}`, citations: stated.map((sentence) => citationOf(sentence.location, sentence.text)) };
  }
  const citations: Citation[] = [citationOf(chapter.location, headingQuote(chapter.label, chapter.title))];
  const parts: string[] = [];
  if (chapter.sections.length > 0) {
    parts.push(`${chapter.label}“${chapter.title}”分${chapter.sections.length}节：${chapter.sections.map((section) => `${section.label} ${section.title}`).join("；")}。`);
    for (const section of chapter.sections.slice(0, 8)) citations.push(citationOf(section.location, headingQuote(section.label, section.title)));
    // A chapter of a few 节 gets each 节's opening sentence too, so the answer says what, not only where.
    if (chapter.sections.length <= 3) {
      for (const section of chapter.sections) {
        const opening = section.paragraphs[0] ? splitSentences(section.paragraphs[0].text)[0]?.text : undefined;
        if (opening && parts.join("").length + opening.length <= OVERVIEW_BUDGET - 40) {
          parts.push(`${section.label}：${opening}`);
          citations.push(citationOf(section.location, opening));
        }
      }
    }
  }
  const paragraphs = chapter.paragraphs.map((paragraph) => paragraph.text);
  if (paragraphs.length > 0) {
    // Principles and goals open with a short lead sentence ("坚持党领导教育。"): list the leads when there are several.
    const leads = chapter.paragraphs.map((paragraph) => splitSentences(paragraph.text)[0]?.text ?? "");
    // Items (坚持党领导教育。/——教育体系更加合理。) may follow an intro paragraph; a closing paragraph (到2035年…) is not an item.
    const itemLeads = leads.slice(1).filter((lead) => lead.length <= 40);
    const listLike = chapter.paragraphs.length >= 4 && itemLeads.length >= 3 && (leads[0]!.length <= 40 || itemLeads.length >= leads.length - 2);
    if (listLike && !analysis.aspects.quantity) {
      const firstIsItem = leads[0]!.length <= 40;
      const intro = firstIsItem ? "" : chapter.paragraphs[0]!.text.length > 220 ? splitSentences(chapter.paragraphs[0]!.text)[0]?.text ?? "" : chapter.paragraphs[0]!.text;
      const items = (firstIsItem ? leads : itemLeads).filter((lead) => lead.length <= 40).map((lead) => lead.replace(/^——/, ""));
      parts.push(`${chapter.label}“${chapter.title}”：${intro}${intro ? "主要包括：" : ""}${items.join("")}`);
      if (intro) citations.push(citationOf(chapter.location, intro));
      for (const paragraph of chapter.paragraphs.slice(0, 9)) {
        const lead = splitSentences(paragraph.text)[0]?.text;
        if (lead && lead.length <= 40) citations.push(citationOf(paragraph.location, lead));
      }
    } else {
      const text = describeNode(chapter.location, chapter.label, chapter.title, paragraphs, OVERVIEW_BUDGET - parts.join("").length - 20);
      parts.push(text.answer);
      citations.push(...text.citations);
    }
  }
  return { intent: "overview", found: true, answer: parts.join("").slice(0, OVERVIEW_BUDGET + 80), citations };
}

/** An item of a box: its lead (the words before the paragraph's first 。/：, without its number) and paragraphs; a group's lead stands alone ("打造智慧养老场景：") and its items follow. */
interface BoxItem {
  readonly lead: string;
  readonly paragraphs: readonly Paragraph[];
  readonly items: readonly BoxItem[];
}

/** Longest lead read as an item's name. */
const ITEM_LEAD_MAX = 24;

/** The box's items in order, items under a group lead gathered into that group. */
function boxItems(box: Box): BoxItem[] {
  // Top-level entries in order: an item, or a group lead with the items under it.
  const entries: { lead: string; paragraph: Paragraph; items: BoxItem[] | null }[] = [];
  for (const paragraph of box.paragraphs) {
    const text = paragraph.text.trim();
    const header = /^([^。：:]{2,24})[：:]$/.exec(text);
    if (header) {
      entries.push({ lead: header[1]!, paragraph, items: [] });
      continue;
    }
    const lead = /^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)?\s*([^。：:；，]{2,24})[。：:]/.exec(text)?.[1];
    const item: BoxItem = { lead: lead && lead.length <= ITEM_LEAD_MAX ? lead : "", paragraphs: [paragraph], items: [] };
    const group = entries.at(-1)?.items;
    if (group) group.push(item);
    else entries.push({ lead: item.lead, paragraph, items: null });
  }
  return entries.map((entry) => (entry.items ? { lead: entry.lead, paragraphs: [entry.paragraph, ...entry.items.flatMap((item) => item.paragraphs)], items: entry.items } : { lead: entry.lead, paragraphs: [entry.paragraph], items: [] }));
}

/** Share of a text's words (2+ characters) that the question holds. */
function wordCoverage(text: string, analysis: QuestionAnalysis, segmenter: Segmenter): number {
  const words = [...new Set(contentTokens(segmenter.cut(normalizeForMatch(text))).filter((word) => word.length >= 2))];
  return words.length === 0 ? 0 : words.filter((word) => analysis.text.includes(word)).length / words.length;
}

/**
 * The item or group of a box that the question names: at least 3/4 of the words of its lead in the
 * question, more than of the box's own title (a question naming the box by its title asks for all
 * of it), and better than any other item, the words the asker typed (not a follow-up's earlier
 * question) counting extra. Null otherwise.
 */
function namedBoxItem(box: Box, analysis: QuestionAnalysis, segmenter: Segmenter): BoxItem | null {
  const candidates = boxItems(box).flatMap((item) => [item, ...item.items]).filter((item) => item.lead.length >= 2);
  const titleCoverage = wordCoverage(box.title ?? "", analysis, segmenter);
  // A follow-up's own words (analysis.raw) break a tie that the earlier question's words make.
  const own = { ...analysis, text: normalizeForMatch(analysis.raw) };
  const coverage = (item: BoxItem, of: QuestionAnalysis) => (of.text.includes(normalizeForMatch(item.lead)) ? 1 : wordCoverage(item.lead, of, segmenter));
  const scored = candidates
    .map((item) => {
      const asked = coverage(item, analysis);
      return { item, coverage: asked, rank: asked + 0.5 * coverage(item, own) };
    })
    .sort((left, right) => right.rank - left.rank);
  const best = scored[0];
  if (!best || best.coverage < 0.75 || best.coverage <= titleCoverage || (scored[1] && scored[1].rank === best.rank)) return null;
  return best.item;
}

/** One item of a box quoted, or a group of items listed by their leads. */
function describeBoxItem(box: Box, item: BoxItem): Draft {
  if (item.items.length >= 2) {
    const leads = item.items.map((child) => child.lead || splitSentences(child.paragraphs[0]!.text)[0]?.text || "");
    return {
      intent: "overview",
      found: true,
      answer: `${box.label}中“${item.lead}”包括${item.items.length}项：${leads.join("；")}。`,
      citations: [citationOf(item.paragraphs[0]!.location, item.paragraphs[0]!.text), ...item.items.map((child) => citationOf(child.paragraphs[0]!.location, child.paragraphs[0]!.text))],
    };
  }
  const kept = trimToBudget(item.paragraphs.map((paragraph) => paragraph.text), 280);
  return { intent: "overview", found: true, answer: `${box.label}${box.title ? `“${box.title}”` : ""}中写道：${kept.join("")}`, citations: kept.map((text) => citationOf(item.paragraphs[0]!.location, text)) };
}

/**
 * A unit's own text: the opening sentences of the items it lists in its text (一是…, 二是…), or its
 * paragraphs up to `budget` characters.
 */
function describeNode(location: Location, label: string, title: string, paragraphs: readonly string[], budget = OVERVIEW_BUDGET): Draft {
  const items = enumeratedItems(paragraphs);
  if (items.length >= 2) {
    const answer = `${label}${title ? `“${title}”` : ""}提出${items.length}个方面：${items.map((item) => item.replace(/[。；;]$/, "")).join("；")}。`;
    return { intent: "overview", found: true, answer: answer.slice(0, 1150), citations: items.map((item) => citationOf(location, item)) };
  }
  const kept = trimToBudget(paragraphs, budget);
  return {
    intent: "overview",
    found: true,
    answer: `${label}${title ? `“${title}”` : ""}：${kept.join("")}`,
    citations: kept.map((text) => citationOf(location, text)),
  };
}

/** Onboarding summary: what the plan is, its outline, its targets at a glance. */
/** True when the plan is written in 第X篇/章/节 (the seed's layout); else its own labels are used. */
function usesChapterWords(plan: Plan): boolean {
  return plan.outline.some((node) => node.style === "part" || node.style === "chapter");
}

/** "全文分9个部分（一、至九、），下设21个小标题，另有3个专栏": the outline in the document's own labels. */
function genericStructure(plan: Plan): { sentence: string; list: string } {
  const counts: number[] = [];
  const visit = (node: OutlineNode) => {
    counts[node.depth - 1] = (counts[node.depth - 1] ?? 0) + 1;
    node.children.forEach(visit);
  };
  plan.outline.forEach(visit);
  const top = plan.outline;
  const first = top[0]?.label ?? "";
  const last = top[top.length - 1]?.label ?? "";
  const second = counts[1] ? `，下设${counts[1]}个小标题` : "";
  const third = counts[2] ? `、${counts[2]}个条目` : "";
  const boxes = plan.boxes.length ? `，另有${plan.boxes.length}个专栏` : "";
  const tables = plan.tables.length ? `和${plan.tables.length}张指标表` : "";
  return {
    sentence: `全文分${top.length}个部分（${first}至${last}）${second}${third}${boxes}${tables}。`,
    list: top.map((node) => `${node.label}${node.title}`).join("；"),
  };
}

/** The plan by its own title, or by its file name when the text states none. */
function planName(metadata: Plan["metadata"]): string {
  return metadata.titleFromText ? `《${metadata.title}》` : `正文未写明标题的文件（${metadata.title}）`;
}

/**
 * The plan's units counted in its own words, leaving out levels it does not have: "4篇、17章、52节",
 * or "4章（下设17个小标题）" when the level under 章 is headed 一、 rather than 第X节.
 */
function unitCounts(plan: Plan): string {
  const parts = plan.parts.filter((part) => part.label).length;
  const sections = plan.chapters.flatMap((chapter) => chapter.sections);
  const sectionWords = sections.length === 0 ? "" : sections.every((section) => /^第.+节$/.test(section.label)) ? `、${sections.length}节` : `（下设${sections.length}个小标题）`;
  return `${parts > 0 ? `${parts}篇、` : ""}${plan.chapters.length}章${sectionWords}`;
}

export function describePlan(plan: Plan): Draft {
  if (!usesChapterWords(plan)) {
    const { metadata } = plan;
    const structure = genericStructure(plan);
    const preambleQuote = plan.preamble.find((paragraph) => /制定本|特制定|现提出|印发/.test(paragraph.text)) ?? plan.preamble[0];
    const answer = [
      `${planName(metadata)}${metadata.documentNumber ? `（${metadata.documentNumber}）` : ""}${metadata.issuer ? `由${metadata.issuer}` : ""}${metadata.date ? `于${metadata.date}印发` : ""}。`,
      structure.sentence,
      `结构：${structure.list}。`,
      "可以问我：某项任务由谁牵头、某个部分讲什么、规划提出的目标数字。",
    ].join("");
    const citations = [...(preambleQuote ? [citationOf(preambleQuote.location, preambleQuote.text)] : []), ...plan.outline.slice(0, 12).map((node) => citationOf(node.location, headingQuote(node.label, node.title)))];
    return { intent: "overview", found: true, answer: answer.slice(0, 1150), citations };
  }
  const { metadata } = plan;
  const parts = plan.parts.filter((part) => part.label).map((part) => `${part.label}“${part.title}”（${part.chapters.map((chapter) => chapter.label).join("、")}）`);
  const table = plan.tables[0];
  const lines = [
    `${planName(metadata)}${metadata.documentNumber ? `（${metadata.documentNumber}）` : ""}${metadata.issuer ? `由${metadata.issuer}` : ""}${metadata.date ? `于${metadata.date}印发` : ""}。`,
    `全文${unitCounts(plan)}${plan.boxes.length > 0 ? `，另有${plan.boxes.length}个专栏` : ""}${table ? `${plan.boxes.length > 0 ? "和" : "，另有"}一张指标体系表（${table.rows.length}项指标，${table.years.join("、")}年）` : ""}。`,
    parts.length ? `结构：${parts.join("；")}。` : `结构：${plan.chapters.map((chapter) => `${chapter.label}“${chapter.title}”`).join("；")}。`,
    table ? `重点指标如：${table.rows.slice(0, 3).map((row) => `${row.name}${row.values[row.values.length - 1]?.year ?? ""}年${row.values[row.values.length - 1]?.raw ?? ""}${row.unit ?? ""}`).join("，")}。` : "",
    "可以问我：某项指标的目标值、某个项目是新建还是改扩建、某项工作由谁负责、某章或某个专栏讲什么。",
  ];
  const preambleQuote = plan.preamble.find((paragraph) => paragraph.text.includes("制定本规划"))?.text ?? plan.preamble[0]?.text;
  const citations: Citation[] = [];
  if (preambleQuote) citations.push(citationOf(plan.preamble[0]!.location, preambleQuote));
  for (const part of plan.parts.filter((node) => node.label)) citations.push(citationOf(part.location, headingQuote(part.label, part.title)));
  return { intent: "overview", found: true, answer: lines.filter(Boolean).join("").slice(0, 1150), citations };
}

/** The 专栏 boxes, each with its chapter and its opening words. */
function describeBoxes(plan: Plan): Draft {
  const perBox = Math.max(20, Math.floor((OVERVIEW_BUDGET - 40) / plan.boxes.length) - 16);
  const items = plan.boxes.map((box) => {
    const chapter = plan.chapters.find((candidate) => candidate.label === box.chapter);
    const opening = (box.paragraphs[0]?.text ?? "").replace(/^\d+\./, "");
    return `${box.label}${box.title ? `“${box.title}”` : ""}（${chapter ? `${chapter.label} ${chapter.title}` : "未关联"}）：${opening.length > perBox ? `${opening.slice(0, perBox)}…` : opening}`;
  });
  return {
    intent: "overview",
    found: true,
    answer: `规划共有${plan.boxes.length}个专栏，列出各章的重点工程和目标：${items.join("；")}`.slice(0, OVERVIEW_BUDGET + 80),
    citations: plan.boxes.map((box) => citationOf(box.location, box.paragraphs[0] ? splitSentences(box.paragraphs[0].text)[0]?.text ?? box.heading : box.heading)),
  };
}

/** How the plan is divided: counts of 篇, 章, 节, 专栏 and indicators. */
/** A unit of any layout: its sub-headings, or its opening text when it has none. */
function describeOutlineNode(node: OutlineNode): Draft {
  const citations: Citation[] = [citationOf(node.location, headingQuote(node.label, node.title))];
  // 第二节 reads as 第二章第二节: a 节 is numbered within its chapter.
  const label = /^第.+节$/.test(node.label) && node.location.chapter ? `${node.location.chapter}${node.label}` : node.label;
  if (node.children.length > 0) {
    for (const child of node.children.slice(0, 10)) citations.push(citationOf(child.location, headingQuote(child.label, child.title)));
    // A short opening sentence introduces the items; a long one would bury them.
    const opening = node.paragraphs[0] ? splitSentences(node.paragraphs[0].text)[0]?.text ?? "" : "";
    const intro = opening.length <= 60 ? opening : "";
    if (intro) citations.push(citationOf(node.location, intro));
    return { intent: "overview", found: true, answer: `${label}“${node.title}”${intro ? `：${intro}` : ""}包括${node.children.length}项：${node.children.map((child) => `${child.label}${child.title}`).join("；")}。`.slice(0, 1150), citations };
  }
  const text = describeNode(node.location, label, node.title, node.paragraphs.map((paragraph) => paragraph.text), OVERVIEW_BUDGET - 60);
  return { ...text, citations: [...citations, ...text.citations] };
}

/** A sentence opening an item of a list written in the text: 一是…, 二是…; 第一，…; 其一，…. */
const ITEM_OPENING = /^(?:(?:其|第)?([一二三四五六七八九十]{1,3})(?:是|、|，|,)|(?:其|第)([一二三四五六七八九十]{1,3})[，,])/;

/**
 * The opening sentences of the items a unit's paragraphs list in their text (一是…, 二是…), when
 * they run 一, 二, 三… in order; empty when there are fewer than two such items.
 */
function enumeratedItems(paragraphs: readonly string[]): string[] {
  const items: string[] = [];
  for (const paragraph of paragraphs) {
    for (const sentence of splitSentences(paragraph)) {
      const match = ITEM_OPENING.exec(sentence.text);
      if (!match) continue;
      const ordinal = chineseNumeralValue(match[1] ?? match[2]!);
      if (ordinal === items.length + 1) items.push(sentence.text);
    }
  }
  return items.length >= 2 ? items : [];
}

function describeStructure(plan: Plan): Draft {
  if (!usesChapterWords(plan)) {
    const structure = genericStructure(plan);
    return { intent: "overview", found: true, answer: `${structure.sentence}各部分：${structure.list}。`.slice(0, 1150), citations: plan.outline.slice(0, 12).map((node) => citationOf(node.location, headingQuote(node.label, node.title))) };
  }
  const parts = plan.parts.filter((part) => part.label);
  const table = plan.tables[0];
  const partList = parts.map((part) => `${part.label}“${part.title}”（${part.chapters[0]?.label ?? ""}${part.chapters.length > 1 ? `至${part.chapters[part.chapters.length - 1]!.label}` : ""}）`).join("、");
  const chapterList = partList ? "" : plan.chapters.map((chapter) => `${chapter.label}“${chapter.title}”`).join("、");
  const boxes = plan.boxes.length > 0 ? `；另有${plan.boxes.length}个专栏（${plan.boxes.map((box) => `${box.label}属${box.chapter ?? "未关联"}`).join("，")}）` : "";
  const answer = `规划共${unitCounts(plan)}：${partList || chapterList}${boxes}${table ? `，指标体系表列${table.rows.length}项指标` : ""}。`;
  return { intent: "overview", found: true, answer, citations: [...parts.map((part) => citationOf(part.location, headingQuote(part.label, part.title))), ...plan.boxes.slice(0, 3).map((box) => citationOf(box.location, box.heading))] };
}

/** The metadata fields a question asks for, each with whether the plan states it. */
function askedMetadata(text: string, metadata: Plan["metadata"]): { readonly field: string; readonly known: boolean }[] {
  return [
    { asked: /文号|字号/, field: "文号", known: Boolean(metadata.documentNumber) },
    { asked: /哪天|日期|什么时候|啥时候|何时|哪年|印发时间|发布时间|出台时间/, field: "印发日期", known: Boolean(metadata.date) },
    { asked: /单位|部门|机关|机构|谁/, field: "发文单位", known: Boolean(metadata.issuer) },
  ].filter((entry) => entry.asked.test(text)).map(({ field, known }) => ({ field, known }));
}

/**
 * The plan's title, 文号, issuer, date and period, as far as known. When every field the question
 * asks for (`text`) is one the plan does not state, the answer says so and is not found: an
 * official asking for the 文号 must not read "未注明" as an answer.
 */
function describeMetadata(plan: Plan, text = ""): Draft {
  const { metadata } = plan;
  const asked = askedMetadata(text, metadata);
  if (asked.length > 0 && asked.every((entry) => !entry.known)) {
    return { intent: "overview", found: false, answer: `规划文本没有写明${asked.map((entry) => entry.field).join("和")}。这份规划是${planName(metadata)}${metadata.period ? `，规划期为${metadata.period.from}—${metadata.period.to}年` : ""}。`, citations: [] };
  }
  const name = planName(metadata);
  const issued = [metadata.issuer ? `由${metadata.issuer}` : "", metadata.date ? `于${metadata.date}` : ""].join("");
  const clauses = [
    `这份规划是${name}`,
    `文号${metadata.documentNumber ?? "未注明"}`,
    issued ? `${issued}印发` : "",
    metadata.period ? `规划期为${metadata.period.from}—${metadata.period.to}年` : "",
  ].filter((clause) => clause.length > 0);
  const answer = `${clauses.join("，")}。`;
  const quotes = plan.preamble.filter((paragraph) => [metadata.documentNumber, metadata.date, metadata.issuer].some((value) => value && paragraph.text.includes(value))).slice(0, 3);
  return { intent: "overview", found: true, answer, citations: quotes.map((paragraph) => citationOf(paragraph.location, paragraph.text)) };
}

function titleCoverage(title: string, questionBigrams: ReadonlyMap<string, number>): number {
  return bigramCoverage(title.replace(/[“”"]/g, ""), questionBigrams);
}

// Words every chapter title uses; they do not say which chapter a question is about.
const GENERIC_TITLE_WORDS = new Set(["教育", "发展", "提升", "提高", "加强", "推进", "推动", "构建", "深化", "强化", "完善", "水平", "建设", "体系", "能力", "全面", "高质量", "质量"]);

/** The chapter whose title shares a distinctive word with the question, once the asked-for words are set aside. */
function topicChapter(plan: Plan, analysis: QuestionAnalysis, segmenter: Segmenter, asked: RegExp): Chapter | null {
  const phrase = asked.exec(analysis.text)?.[0] ?? "";
  const words = new Set(analysis.content.filter((token) => token.length >= 2 && !GENERIC_TITLE_WORDS.has(token) && !phrase.includes(token) && !/^(规划|有哪些|哪些|什么)$/.test(token)));
  if (words.size === 0) return null;
  let best: { chapter: Chapter; shared: number } | null = null;
  for (const chapter of plan.chapters) {
    const shared = contentTokens(segmenter.cut(chapter.title)).filter((token) => words.has(token)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { chapter, shared };
  }
  return best?.chapter ?? null;
}

/** Share of a title's words the question uses ("面临哪些挑战" uses both words of 面临挑战); 0 for one-word titles. */
function titleTokenCoverage(title: string, analysis: QuestionAnalysis, segmenter: Segmenter): number {
  const titleTokens = [...new Set(contentTokens(segmenter.cut(title)))].filter((token) => token.length >= 2);
  if (titleTokens.length < 2) return 0;
  const questionTokens = new Set(analysis.tokens);
  return titleTokens.filter((token) => questionTokens.has(token)).length / titleTokens.length;
}

/**
 * Answers questions about the plan's structure: a 篇/章/节/专栏 by number or by title, the
 * guiding ideology, principles, goals, the 2035 vision, document number and date, and an
 * onboarding summary. Returns null when the question is not about the outline.
 */
/**
 * The 专栏 a question names by its title rather than its number ("前瞻性技术专栏里列了哪些方向"): the
 * question says 专栏 and holds at least 80 % of one box's title bigrams, more than any other box's.
 */
function boxNamedByTitle(plan: Plan, text: string, asksContents = true): Plan["boxes"][number] | undefined {
  // Without the word 专栏, only a title said whole and long enough to be a name (智慧健康创新应用工程).
  const saysBox = /专栏/.test(text);
  if (!saysBox && !asksContents) return undefined;
  const bigrams = characterBigrams(text);
  const scored = plan.boxes
    .filter((box) => (box.title ?? "").length >= (saysBox ? 2 : 6))
    .map((box) => ({ box, coverage: bigramCoverage(normalizeForMatch(box.title!), bigrams) }))
    .sort((left, right) => right.coverage - left.coverage);
  const [best, next] = scored;
  return best && best.coverage >= (saysBox ? 0.8 : 0.95) && (!next || next.coverage < best.coverage) ? best.box : undefined;
}

export function answerOverview(analysis: QuestionAnalysis, plan: Plan, segmenter: Segmenter): Draft | null {
  const { references } = analysis;
  // "前瞻性技术专栏里列了哪些": a box named by its title.
  // Without the word 专栏 the title names the box only when its contents are asked (包括哪些), not the idea it names.
  const titled = references.box ? undefined : boxNamedByTitle(plan, analysis.text, analysis.aspects.list || BOX_CONTENTS.test(analysis.text));
  if (references.box || titled) {
    // "专栏10" names 任务专栏10 too: a box is found by its number when the words differ.
    const box = titled ?? plan.boxes.find((candidate) => candidate.label === references.box) ?? plan.boxes.find((candidate) => `专栏${candidate.number}` === references.box);
    if (!box) return { intent: "overview", found: false, answer: `规划中没有${references.box}：共有${plan.boxes.length}个专栏（${plan.boxes.map((candidate) => candidate.label).join("、")}）。`, citations: [] };
    const linked = box.chapter ? plan.chapters.find((chapter) => chapter.label === box.chapter) : undefined;
    // "专栏16里淄博高新区是什么定位", "创新养老服务那几项": the item or group of items the question names.
    const item = namedBoxItem(box, analysis, segmenter);
    if (item) return describeBoxItem(box, item);
    // "…工程包括哪些": a box of named items is listed by their names.
    const items = boxItems(box);
    if (analysis.aspects.list && items.length >= 3 && items.every((entry) => entry.lead)) {
      const answer = `${linked ? `${box.label}属于${linked.label}“${linked.title}”。` : ""}${box.label}${box.title ? `“${box.title}”` : ""}包括${items.length}项：${items.map((entry) => entry.lead).join("；")}。`;
      return { intent: "overview", found: true, answer, citations: items.map((entry) => citationOf(entry.paragraphs[0]!.location, entry.paragraphs[0]!.text)) };
    }
    const draft = describeNode(box.location, box.label, box.title ?? "", box.paragraphs.map((paragraph) => paragraph.text));
    return { ...draft, answer: `${linked ? `${box.label}属于${linked.label}“${linked.title}”。` : ""}${draft.answer}`.slice(0, 1150) };
  }
  // "第二部分讲什么" of a plan numbered 一、二、…: the Nth top-level unit (also 第N篇 when the plan has no 篇).
  const nth = /第([一二三四五六七八九十\d]+)(大)?(部分|块|篇)/.exec(analysis.text);
  if (nth && !usesChapterWords(plan) && !plan.outline.some((node) => node.style === "part")) {
    const ordinal = /^\d+$/.test(nth[1]!) ? Number(nth[1]) : chineseNumeralValue(nth[1]!);
    const node = ordinal ? plan.outline[ordinal - 1] : undefined;
    if (!node) return { intent: "overview", found: false, answer: `规划正文只分${plan.outline.length}个部分（${plan.outline.map((candidate) => candidate.label).join("")}）。`, citations: [] };
    return describeOutlineNode(node);
  }
  const named = unitNamedByTopic(plan, analysis);
  if (named) return named;
  const chapter = references.chapter ? plan.chapters.find((candidate) => candidate.label === references.chapter) : undefined;
  if (references.chapter && !chapter) return { intent: "overview", found: false, answer: `规划中没有${references.chapter}：全文共${plan.chapters.length}章（第一章至${plan.chapters[plan.chapters.length - 1]?.label ?? ""}）。`, citations: [] };
  if (chapter && references.section) {
    const section = chapter.sections.find((candidate) => candidate.label === references.section);
    if (!section) return { intent: "overview", found: false, answer: `${chapter.label}没有${references.section}：该章共${chapter.sections.length}节。`, citations: [citationOf(chapter.location, headingQuote(chapter.label, chapter.title))] };
    return describeNode(section.location, `${chapter.label}${section.label}`, section.title, section.paragraphs.map((paragraph) => paragraph.text));
  }
  if (chapter) return describeChapter(chapter, analysis);
  if (references.part && !references.section) {
    const part = plan.parts.find((candidate) => candidate.label === references.part);
    if (!part) return { intent: "overview", found: false, answer: `规划中没有${references.part}：全文共${plan.parts.filter((candidate) => candidate.label).length}篇。`, citations: [] };
    return describePart(part);
  }
  // "文号是多少" asks for the number of the document, not a figure of the plan.
  // "规划期是哪几年" asks about the plan; "德国…打算在哪几年推进" asks about something in it.
  const aboutThePlan = /规划|计划|方案|意见|文件|这份|本/.test(analysis.text) || analysis.text.length <= 10;
  if ((PERIOD.test(analysis.text) && aboutThePlan) || (METADATA.test(analysis.text) && (!analysis.aspects.quantity || /文号|发文字号|字号|日期|哪天|印发时间|发布时间/.test(analysis.text)))) return describeMetadata(plan, analysis.text);
  if (BOX_LIST.test(analysis.text) && plan.boxes.length > 0) return describeBoxes(plan);
  // "重点任务分成哪几个部分": the parts of the unit the question names, in plans numbered 一、/（一）.
  if (STRUCTURE_COUNT.test(analysis.text) && !usesChapterWords(plan)) {
    const named = outlineNodesOf(plan).filter((node) => node.title.length >= 4 && node.children.length > 0 && analysis.text.includes(normalizeForMatch(node.title)));
    if (named[0]) return describeOutlineNode(named[0]);
  }
  if (STRUCTURE_COUNT.test(analysis.text)) return describeStructure(plan);
  // "具体任务一共列了多少条" of the whole plan: the unit titled for tasks, else the outline's counts.
  if (TASK_COUNT.test(analysis.text) && topicWords(analysis).every(namesNoTask)) {
    const tasks = outlineNodesOf(plan).filter((node) => node.depth === 1 && /任务|举措|措施/.test(node.title) && node.children.length > 0);
    return tasks.length === 1 ? describeOutlineNode(tasks[0]!) : describeStructure(plan);
  }
  // "规划是依据什么文件制定的": about the plan itself, not "考核依据" or a project's basis.
  if (BASIS.test(analysis.text) && /规划|制定|编制|出台/.test(analysis.text) && !analysis.aspects.quantity) {
    const basis = plan.preamble.find((paragraph) => /依据|按照/.test(paragraph.text) && /制定|编制/.test(paragraph.text));
    if (basis) return { intent: "overview", found: true, answer: `规划开篇写明：${basis.text}`, citations: [citationOf(basis.location, basis.text)] };
  }
  // The 2035 vision sits in the goals chapter as a paragraph of its own.
  if (/2035|远景|远期|长远/.test(analysis.text)) {
    const vision = plan.paragraphs.find((paragraph) => /^到2035年/.test(paragraph.text));
    if (vision) return describeNode(vision.location, vision.location.chapter ?? "", "2035年远景目标", [vision.text]);
  }
  const questionBigrams = characterBigrams(analysis.text);
  // A year asked (到2019年底…要达到什么目标) is answered by that year's sentences, not the whole unit.
  if (!analysis.aspects.quantity && !analysis.aspects.who && analysis.years.length === 0) {
    for (const [asked, heading] of OUTLINE_ALIASES) {
      if (!asked.test(analysis.text)) continue;
      // A unit below the top whose whole title the question says ("面临的主要挑战" → 第二节 面临挑战) is what is asked.
      const named = outlineNodesOf(plan)
        .filter((node) => node.depth > 1 && node.title.length >= 4 && Math.max(titleCoverage(node.title, questionBigrams), titleTokenCoverage(node.title, analysis, segmenter)) >= 0.99)
        .sort((left, right) => right.title.length - left.title.length)[0];
      if (named) return describeOutlineNode(named);
      // "职业教育有哪些重点任务": the tasks of a topic are that topic's chapter, not the whole 篇.
      const topical = topicChapter(plan, analysis, segmenter, asked);
      if (topical) return describeChapter(topical, analysis);
      // The heading the question names best wins; on a tie the wider node (篇 before 章).
      const candidates = [
        ...plan.parts.filter((part) => part.label && heading.test(part.title)).map((node) => ({ node: node as Part | Chapter, isPart: true })),
        ...plan.chapters.filter((chapter) => heading.test(chapter.title)).map((node) => ({ node: node as Part | Chapter, isPart: false })),
      ].sort((left, right) => titleCoverage(right.node.title, questionBigrams) - titleCoverage(left.node.title, questionBigrams) || Number(right.isPart) - Number(left.isPart));
      const best = candidates[0];
      // Plans numbered 一、/（一） put 指导思想 and 基本原则 one level down: a unit at any depth named as asked,
      // when it names the question better than the wider unit found above.
      const deeper = outlineNodesOf(plan)
        .filter((node) => node.depth > 1 && heading.test(node.title))
        .sort((left, right) => titleCoverage(right.title, questionBigrams) - titleCoverage(left.title, questionBigrams))[0];
      if (deeper && (!best || titleCoverage(deeper.title, questionBigrams) > titleCoverage(best.node.title, questionBigrams))) return describeOutlineNode(deeper);
      if (best) return best.isPart ? describePart(best.node as Part) : describeChapter(best.node as Chapter, analysis);
    }
  }
  if (DESCRIBE.test(analysis.text) || analysis.text.length <= 12) {
    const titled = [
      ...plan.parts.filter((part) => part.label).map((part) => ({ kind: "part" as const, node: part as Part | Chapter | Section, title: part.title })),
      ...plan.chapters.map((node) => ({ kind: "chapter" as const, node: node as Part | Chapter | Section, title: node.title })),
      ...plan.chapters.flatMap((chapter) => chapter.sections.map((node) => ({ kind: "section" as const, node: node as Part | Chapter | Section, title: node.title }))),
    ]
      .map((entry) => ({ ...entry, score: Math.max(titleCoverage(entry.title, questionBigrams), titleTokenCoverage(entry.title, analysis, segmenter)) }))
      .filter((entry) => entry.title.length >= 4 && entry.score >= 0.99)
      .sort((left, right) => right.title.length - left.title.length);
    const best = titled[0];
    if (best?.kind === "part") return describePart(best.node as Part);
    if (best?.kind === "chapter") return describeChapter(best.node as Chapter, analysis);
    if (best?.kind === "section") {
      const section = best.node as Section;
      // A unit with items of its own (1.坚持育人为本。…) is answered with the items' titles.
      const unit = outlineNodesOf(plan).find((node) => node.location === section.location);
      if (unit && unit.children.length > 0) return describeOutlineNode(unit);
      const chapterLabel = section.location.chapter ?? "";
      // A section quoted whole stays within the length of a general answer.
      const draft = describeNode(section.location, `${chapterLabel}${section.label}`, section.title, section.paragraphs.map((paragraph) => paragraph.text));
      return { ...draft, answer: draft.answer.length > 650 ? `${draft.answer.slice(0, 640)}…` : draft.answer, citations: draft.citations.length > 0 ? draft.citations : [] };
    }
  }
  if (READING_PATH.test(analysis.text) && !analysis.aspects.quantity) return describeReadingPath(plan);
  // "教育信息化有哪些举措": a topic that a chapter is titled after is answered with that chapter's outline.
  if (MEASURES.test(analysis.text)) {
    const chapter = chapterTitledAfter(plan, analysis);
    if (chapter) return describeChapter(chapter, analysis);
  }
  if (ONBOARDING.test(analysis.text) && !analysis.aspects.quantity) return describePlan(plan);
  return null;
}

/** A newcomer asking where to start: 我是新来的，应该先看哪部分 / 从哪里看起 / 怎么读. */
const READING_PATH = /先看|从哪(里|儿)?(开始|看起|读起|看)|怎么读|阅读顺序|看哪(部分|几块|一块|些|几章)|哪(部分|几块|几章)先看/;

/** How/what-to-do questions about a topic: 有哪些举措, 怎么做, 如何推进. */
const MEASURES = /举措|措施|做法|怎么(做|办|抓|搞|推进|落实)|如何(做|推进|落实|开展|提升|加强)|有哪些安排|有什么安排/;

/** Words of a measures question that name no topic. */
const MEASURE_FRAME = /^(举措|措施|做法|怎么|如何|安排|哪些|什么|规划|有|做|办|抓|搞|推进|落实|开展|提升|加强|具体|主要|方面|工作)$/;

/**
 * The chapter whose title holds the whole topic of a measures question ("教育信息化" in
 * 第十二章 提升教育信息化水平): the topic's bigrams all in one title, and that title the only one.
 */
function chapterTitledAfter(plan: Plan, analysis: QuestionAnalysis): Chapter | null {
  // Search-mode tokens overlap (信息, 信息化): keep those no longer token contains.
  const words = analysis.content.filter((token) => !MEASURE_FRAME.test(token));
  const topic = words.filter((token) => !words.some((other) => other !== token && other.includes(token))).join("");
  if (topic.length < 2) return null;
  const fitting = plan.chapters.filter((chapter) => bigramCoverage(topic, characterBigrams(normalizeForMatch(chapter.title))) >= 0.9);
  return fitting.length === 1 ? fitting[0]! : null;
}

/**
 * A reading path for a newcomer, from the plan's own outline: what the plan is, its goals, the
 * indicator table, the main tasks, the 专栏 boxes and the safeguards, each where the plan has it,
 * cited by its heading. Units are found by their titles (目标, 任务, 保障), so any layout works.
 */
function describeReadingPath(plan: Plan): Draft {
  const nodes = outlineNodesOf(plan);
  const find = (pattern: RegExp) => nodes.find((node) => pattern.test(node.title));
  const goals = find(/发展目标|主要目标|总体目标|目标任务|^目标/);
  const tasks = find(/主要任务|重点任务|重点工作|主要举措/);
  const safeguards = find(/保障措施|保障机制|组织实施|实施保障/);
  const table = plan.tables[0];
  const { metadata } = plan;
  const steps: string[] = [];
  const citations: Citation[] = [];
  const cite = (node: OutlineNode) => citations.push(citationOf(node.location, headingQuote(node.label, node.title)));
  if (goals) {
    // The goals sit in a 篇 of their own (第二篇“总体思路”: 指导思想, 原则, 目标): name it, the goals first.
    const container = nodes.find((node) => node.children.includes(goals) && node.children.length <= 6);
    steps.push(`先看${container ? `${container.label}“${container.title}”，尤其是` : ""}${goals.label}“${goals.title}”，了解到${metadata.period?.to ?? "规划期末"}年要达到什么`);
    if (container) cite(container);
    cite(goals);
  }
  if (table) steps.push(`再看“${table.title}”，共${table.rows.length}项指标（${table.years.join("、")}年），其中约束性指标${table.rows.filter((row) => row.attribute === "约束性").length}项`);
  if (tasks) {
    steps.push(`然后读${tasks.label}“${tasks.title}”${tasks.children.length > 0 ? `（${tasks.children.length}个部分：${tasks.children.slice(0, 9).map((child) => `${child.label}${child.title}`).join("、")}）` : ""}，按自己负责的领域挑着看`);
    cite(tasks);
  }
  if (plan.boxes.length > 0) steps.push(`${plan.boxes.length}个专栏（${plan.boxes.map((box) => box.label).join("、")}）列出重点工程和项目，适合查具体数字和学校名单`);
  if (safeguards) {
    steps.push(`最后看${safeguards.label}“${safeguards.title}”，了解谁牵头、钱从哪来、怎么考核`);
    cite(safeguards);
  }
  if (steps.length === 0) return describePlan(plan);
  const intro = `这份规划是《${metadata.title}》${metadata.period && !metadata.title.includes(String(metadata.period.from)) ? `（${metadata.period.from}—${metadata.period.to}年）` : ""}。建议按这个顺序读：`;
  const answer = `${intro}${steps.map((step, index) => `${index + 1}. ${step}；`).join("")}遇到具体问题，可以直接问我，例如“某项指标2025年的目标是多少”“某项工作由谁牵头”“某个主题在哪一章”。`;
  return { intent: "overview", found: true, answer: answer.slice(0, 1150), citations };
}

/** "X那一章/这章/的那篇", "最后一章", "第一篇": a unit named by its topic or its place rather than by its label. */
// "职业教育那一章", "组织实施部分有哪些要求": a unit named by its topic.
const UNIT_BY_TOPIC = /^(.*?)(?:(?:的|这|那)一?(篇|章|节|部分)|(?:这|那)一(块)|(?<=[\u4e00-\u9fa5]{2})(部分|篇)(?![\u4e00-\u9fa5]*(学生|学校|教师|地区|企业)))/;
const UNIT_BY_PLACE = /(最后|末尾|最末|倒数第一)(一)?(篇|章|节|部分)/;
/** "智慧林业推进路线图分成几个阶段": the parts of a unit named by its title, counted (any outline level). */
const PARTS_OF_UNIT = /^(.{2,}?)(?:一共|总共|共)?(?:分成|分为|分了|分|包括|包含)(?:哪)?几(?:个|大|项|条)?(?:阶段|方面|部分|步|块|类|项|条)/;

/**
 * The unit a question names by its topic ("教育信息化那一章主要讲哪几个方面", "保障措施那一篇分了哪几章")
 * or by its place ("最后一章讲的是什么"), described like a unit named by its label: a 篇 with its
 * chapters, a 章 with its sections. The topic must be covered by the unit's title (bigram share ≥ 0.6),
 * best match first; null when no title fits.
 */
function unitNamedByTopic(plan: Plan, analysis: QuestionAnalysis): Draft | null {
  const place = UNIT_BY_PLACE.exec(analysis.text);
  if (place) {
    const level = place[3];
    if (level === "篇" && plan.parts.some((part) => part.label)) return describePart(plan.parts.filter((part) => part.label).at(-1)!);
    if (level === "章" && plan.chapters.length > 0) return describeChapter(plan.chapters.at(-1)!, analysis);
    if (level === "部分" && plan.outline.length > 0) return describeOutlineNode(plan.outline.at(-1)!);
    return null;
  }
  const match = UNIT_BY_TOPIC.exec(analysis.text) ?? PARTS_OF_UNIT.exec(analysis.text);
  if (!match) return null;
  const whole = match[1]!.replace(/^(请问|帮我|我想知道|规划里|规划中|规划的|关于|讲|说|写)+/, "").replace(/[，,。？?]/g, "");
  // "主要任务里城市数字化转型那部分": the unit is the one named last, inside the one named first.
  const inner = /(?:里面的|里的|里|中的|下面的|下的)([^里中下]{2,})$/.exec(whole)?.[1];
  const topics = inner ? [whole, inner] : [whole];
  if (whole.length < 2) return null;
  const fit = (title: string) => Math.max(...topics.map((topic) => bigramCoverage(topic, characterBigrams(normalizeForMatch(title)))));
  // "数字经济那一块" names a part of the plan as 部分 does.
  const level = match[3] ? "部分" : match[2] ?? match[4];
  if (level === "篇") {
    const best = plan.parts.filter((part) => part.label).map((part) => ({ part, score: fit(part.title) })).sort((left, right) => right.score - left.score)[0];
    return best && best.score >= 0.6 ? describePart(best.part) : null;
  }
  if (level === "章" || (level === "部分" && usesChapterWords(plan))) {
    const best = plan.chapters.map((chapter) => ({ chapter, score: fit(chapter.title) })).sort((left, right) => right.score - left.score)[0];
    return best && best.score >= 0.6 ? describeChapter(best.chapter, { ...analysis, aspects: { ...analysis.aspects, quantity: false } }) : null;
  }
  const best = outlineNodesOf(plan).map((node) => ({ node, score: fit(node.title) })).sort((left, right) => right.score - left.score || left.node.depth - right.node.depth)[0];
  return best && best.score >= 0.6 ? describeOutlineNode(best.node) : null;
}

/** True when the question names a unit of the plan (第三章, 专栏5, 最后一章, 职业教育那一章): the outline answers it. */
export function namesUnit(analysis: QuestionAnalysis): boolean {
  const { references } = analysis;
  return Boolean(references.part || references.chapter || references.section || references.box) || UNIT_BY_PLACE.test(analysis.text) || /^.{2,}?(?:的|这|那)一?(篇|章|节)/.test(analysis.text);
}
