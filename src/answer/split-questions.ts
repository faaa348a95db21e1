import { normalizeForMatch } from "../text/normalize-text.js";
import type { Segmenter } from "../segment/segmenter.js";

/** Words that make a clause a question of its own. */
const QUESTION_WORD = /多少|几[个所项名人年次万]?|什么|啥|哪|吗|怎么|怎样|如何|是否|有没有|是不是|咋/;

/** A token that ends a coordinated phrase: the shared predicate begins ("…和普高2025年分别预计多少"). */
const PREDICATE_TOKEN = /^(分别|各自|各|都|的|是|要|有|预计|计划|目标|达到|怎么|如何|怎样|咋|有没有|是否|在|从|到|，|,|？|\?|。|\s+|\d+|年|[０-９]+)$/;

/** Joins of a coordination: A和B, A、B, A与B, A及B, A以及B. */
const CONJUNCTION = /^(和|与|及|以及|跟|同|、)$/;

/** A clause that asks more of the one before it: 分别叫啥, 都有哪些, 具体是什么, 比如几秒内. */
const ELABORATION = /^\s*(分别|各自|都(有|是|包括|叫)|具体(是|有|包括|叫)|比如|例如|譬如|比方说|像是|[\u4e00-\u9fa5]{0,4}(原话|原文|原句|怎么写的|如何表述|怎么表述))/;

/** A piece that only names a year (到2025年, 2022年底): a qualifier of the question before it. */
const YEAR_ONLY = /^\s*(到|至|截至|在)?\s*\d{2,4}\s*年(底|末)?\s*[？?。!！]*$/;

/** A question that only gives an example of the one before it (…有没有具体要求？比如几秒内？) or asks for its wording (目标原话怎么写的). */
const EXAMPLE = /^\s*(比如|例如|譬如|比方说|[\u4e00-\u9fa5]{0,4}(原话|原文|原句|怎么写的|如何表述|怎么表述))/;

/** Words after a coordination that say each item is asked for on its own. */
const DISTRIBUTIVE = /分别|各自|各是|各为|各有|各要|各达|各占|各多少|各几/;

/**
 * Sub-questions of a message asking several things at once, in order; one part for the usual case.
 * Three shapes, tried in turn:
 * - separate questions: "…多少？占比多少？", or clauses joined by ，/、/；/另外 when each holds a
 *   question word ("十三五末占比多少、十四五要达到多少");
 * - a coordination asked of each item: "九年义务教育巩固率和高中阶段毛入学率，2025年目标各是多少" →
 *   one question per item, each with the shared rest ("…2025年目标是多少").
 * Later parts are answered with the earlier ones as their conversation, so a part without its own
 * topic ("现在是多少") leans on the one before.
 */
export function splitQuestions(question: string, segmenter: Segmenter): string[] {
  const sentences = splitClauses(normalizeForMatch(question));
  const parts = sentences.flatMap((sentence) => splitCoordination(sentence, segmenter));
  return parts.length >= 2 && parts.length <= 4 ? parts : [question];
}

function chineseLength(text: string): number {
  return (text.match(/[\u4e00-\u9fa5A-Za-z]/g) ?? []).length;
}

/** Splits at ？/? and at ，、；/另外 between two clauses that each ask something. */
function splitClauses(question: string): string[] {
  const bySign = question
    .split(/(?<=[？?])/)
    .map((part) => part.trim())
    .filter((part) => chineseLength(part) >= 2)
    // An example (比如几秒内) or a bare year (…多少个？到2025年) belongs to the question before it.
    .reduce<string[]>((parts, part) => ((EXAMPLE.test(part) || YEAR_ONLY.test(part)) && parts.length > 0 ? [...parts.slice(0, -1), `${parts.at(-1)!}${part}`] : [...parts, part]), []);
  return bySign.flatMap((part) => {
    const pieces = part.split(/(?<=[，,、；;])|(?=另外)/);
    const clauses: string[] = [];
    let current = "";
    for (const [index, piece] of pieces.entries()) {
      const rest = pieces.slice(index).join("");
      // Cut before this piece only when the text so far asks something and what follows asks something too.
      // "一共几个专栏，分别叫啥": a clause opening with 分别/都/具体 asks more of the same thing, not another question.
      if (current && QUESTION_WORD.test(current) && QUESTION_WORD.test(rest) && chineseLength(rest) >= 3 && chineseLength(current) >= 3 && !ELABORATION.test(rest)) {
        clauses.push(current.replace(/[，,、；;]$/, ""));
        current = piece.replace(/^另外[，,]?/, "");
      } else current += piece;
    }
    if (current) clauses.push(current);
    return clauses;
  });
}

/** "A和B…分别/各…": one question per coordinated item, sharing what precedes and follows. */
function splitCoordination(sentence: string, segmenter: Segmenter): string[] {
  const match = DISTRIBUTIVE.exec(sentence);
  if (!match) return [sentence];
  const before = sentence.slice(0, match.index);
  const after = sentence.slice(match.index).replace(/^(分别|各自)/, "").replace(/^各(?=是|为|有|要|达|占|多少|几)/, "");
  const tokens = segmenter.words(before);
  // The coordinated span ends where the shared predicate starts (a year, 的, 目标…) and starts after the last ，.
  let end = tokens.length;
  while (end > 0 && PREDICATE_TOKEN.test(tokens[end - 1]!)) end -= 1;
  let start = end;
  while (start > 0 && !/^[，,：:；;]$/.test(tokens[start - 1]!)) start -= 1;
  const span = tokens.slice(start, end);
  const items: string[][] = [[]];
  for (const token of span) {
    if (CONJUNCTION.test(token)) items.push([]);
    else items[items.length - 1]!.push(token);
  }
  const named = items.map((item) => item.join("")).filter((item) => chineseLength(item) >= 1);
  if (named.length < 2 || named.length !== items.length) return [sentence];
  // Periods or years compared ("十五五和十四五的…各是多少") are one comparison, answered from both plans together.
  if (named.every((item) => /^(十[一二三四五六七八九]五|\d{2,4}年?)(期间|时期)?$/.test(item))) return [sentence];
  // "北斗的定位精度跟授时精度": a modifier ending in 的 before the first item is shared by all of them.
  const firstItem = items[0]!;
  const modifierEnd = firstItem.lastIndexOf("的");
  if (modifierEnd > 0 && modifierEnd < firstItem.length - 1 && items.slice(1).every((item) => !item.includes("的"))) {
    const modifier = firstItem.splice(0, modifierEnd + 1).join("");
    const head = tokens.slice(0, start).join("") + modifier;
    const shared = tokens.slice(end).join("");
    return items.map((item) => `${head}${item.join("")}${shared}${after}`);
  }
  // "十五五和十四五的巩固率": what follows 的 in the last item belongs to every item.
  const lastItem = items[items.length - 1]!;
  const tailStart = lastItem.indexOf("的");
  const tail = tailStart > 0 && items.slice(0, -1).every((item) => !item.includes("的")) ? lastItem.splice(tailStart).join("") : "";
  if (tail) named[named.length - 1] = lastItem.join("");
  if (named.every((item) => /^(十[一二三四五六七八九]五|\d{2,4}年?)(期间|时期)?$/.test(item))) return [sentence];
  const head = tokens.slice(0, start).join("");
  const shared = tail + tokens.slice(end).join("");
  return named.map((item) => `${head}${item}${shared}${after}`);
}
