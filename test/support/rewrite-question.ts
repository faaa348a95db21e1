import * as OpenCC from "opencc-js";

/** The meaning-preserving rewrites a metamorphic test applies to a question (issue 11). */
export const REWRITE_KINDS = [
  "frame-请问",
  "frame-帮我查一下",
  "frame-我想知道",
  "particle-呢",
  "particle-吗",
  "particle-啊",
  "traditional",
  "full-width-digits",
  "short-year",
  "place-咱们区",
  "place-梁平区",
  "synonym",
] as const;
export type RewriteKind = (typeof REWRITE_KINDS)[number];

/** One rewrite of a question: its kind, the rewritten text and, for synonyms, which swap. */
export interface Rewrite {
  readonly kind: RewriteKind;
  readonly question: string;
  readonly detail?: string;
}

export interface RewriteOptions {
  /** The question continues a conversation: place prefixes would change what it refers to. */
  readonly followUp?: boolean;
}

/**
 * An everyday word a user types for a plan term, with the contexts where the swap keeps the meaning.
 * `pattern` matches the plan term only where it fits; `everyday` replaces each match.
 */
interface EverydaySynonym {
  readonly planTerm: string;
  readonly everyday: string;
  readonly pattern: RegExp;
}

// Titles and indicator names are terms of art: 特级老师 or 在校孩子数 is not what the user means.
const EVERYDAY_SYNONYMS: readonly EverydaySynonym[] = [
  { planTerm: "教师", everyday: "老师", pattern: /(?<!特级|正高级|双师型|校长)教师/g },
  { planTerm: "学生", everyday: "孩子", pattern: /(?<!在校|高中|阶段|中小)学生(?!数)/g },
  { planTerm: "儿童", everyday: "孩子", pattern: /儿童/g },
  { planTerm: "幼儿", everyday: "娃娃", pattern: /(?<!在园)幼儿(?![园数])/g },
  // 教育经费 → 教育的钱; not the indicator 财政性教育经费, not 计提教育经费, not before 的/占/总 (教育的钱的监督).
  { planTerm: "经费", everyday: "的钱", pattern: /(?<!财政性教育|计提教育)(?<=[\u4e00-\u9fff])经费(?![的占总])/g },
];

const CHINESE = /[\u3400-\u9fff]/;
const LATIN_LETTER = /[A-Za-z]/g;
const TRAILING_PUNCTUATION = /[？?。！!…~～\s]*$/;
// Starts that are requests rather than questions: 请问给我讲个笑话 is not Chinese.
const REQUEST_START = /^(给|帮我|请|忽略|介绍|你能|麻烦|Please)/i;
// Starts that point back at the previous turn: 帮我查一下那区级呢 or 咱们区它是… lose the reference.
const ANAPHORIC_START = /^(那|其中|它|这些|这个(?!规划))/;
const ALREADY_FRAMED = /^(请问|帮我查|我想知道|想问)/;
// Wh-words and A-not-A / alternative forms: a question that takes 呢 or 啊 at its end.
const QUESTION_WORD = /多少|几|什么|啥|哪|谁|怎么|怎样|如何|为什么|为何|多大|是不是|有没有|还是/;
// 么 only as a particle: 什么/怎么 end a wh-question.
const FINAL_PARTICLE = /(?:[吗呢吧啊呀嘛]|(?<![什怎这那多])么)$/;
// A place named in the question: a 咱们区/梁平区 prefix would clash with it or repeat it.
// 社区 and 责任区 are not places.
const PLACE = /梁平|咱们|全区|本区|[\u4e00-\u9fff]{2}(?:省|市|县)(?!级)|[\u4e00-\u9fff]{2}(?<!社|任)区(?!级)/;
// Questions about the document's own units: 梁平区第一章写了什么 is not a question about the district.
const DOCUMENT_UNIT = /专栏|第[一二三四五六七八九十\d]+[篇章节]|哪一?[篇章节]|这份|这个规划/;

let simplifiedToTraditional: ((text: string) => string) | null = null;

/**
 * The rewrites that apply to a question, each meaning-preserving by construction: a rewrite is
 * produced only where it is grammatical and keeps what is asked (吗 never turns 是多少 into a yes/no).
 * Returns an empty list for text with no Chinese question in it.
 */
export function rewriteQuestion(question: string, options: RewriteOptions = {}): readonly Rewrite[] {
  const rewrites: Rewrite[] = [];
  const add = (kind: RewriteKind, rewritten: string | null, detail?: string) => {
    if (rewritten !== null && rewritten !== question) rewrites.push(detail === undefined ? { kind, question: rewritten } : { kind, question: rewritten, detail });
  };
  const chinese = isChineseQuestion(question);
  const body = question.replace(TRAILING_PUNCTUATION, "");
  const punctuation = question.slice(body.length);
  const lastClause = body.split(/[？?。！!，,；;]/).at(-1) ?? "";
  const endsWithParticle = FINAL_PARTICLE.test(body);
  const isRequest = REQUEST_START.test(question);
  const isAnaphoric = ANAPHORIC_START.test(question);

  if (chinese && !isRequest && !ALREADY_FRAMED.test(question)) {
    add("frame-请问", `请问${question}`);
    // 帮我查一下/我想知道 embed the question as one clause: not a 吗/呢 question, not two questions.
    if (!endsWithParticle && !isAnaphoric && !/[？?]/.test(body)) {
      add("frame-帮我查一下", `帮我查一下${body}`);
      add("frame-我想知道", `我想知道${body}`);
    }
  }

  if (chinese && !endsWithParticle && QUESTION_WORD.test(lastClause)) {
    add("particle-呢", `${body}呢${punctuation || "？"}`);
    add("particle-啊", `${body}啊${punctuation || "？"}`);
  }
  if (chinese && !endsWithParticle) add("particle-吗", yesNoWithMa(body, lastClause, punctuation));

  add("traditional", toTraditional(question));
  add("full-width-digits", question.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)));
  // 2022年 → 22年 (full-width as typed). The sets hold no short years, so the reverse has no inputs.
  add("short-year", question.replace(/(?<![0-9０-９])[2２][0０]([0-9０-９]{2})年/g, "$1年"));

  if (chinese && !options.followUp && !isRequest && !isAnaphoric && !PLACE.test(question) && !DOCUMENT_UNIT.test(question)) {
    add("place-咱们区", `咱们区${question}`);
    add("place-梁平区", `梁平区${question}`);
  }

  if (chinese) {
    for (const synonym of EVERYDAY_SYNONYMS) {
      add("synonym", question.replace(synonym.pattern, synonym.everyday), `${synonym.planTerm}→${synonym.everyday.replace(/^的/, "")}`);
    }
  }
  return rewrites;
}

/**
 * The 吗 form of a question where it asks the same thing: X是不是Y → X是Y吗, X有没有Y → X有Y吗,
 * 有什么Y → 有什么Y吗 (are there any Y: answered by listing them). Null otherwise.
 */
function yesNoWithMa(body: string, lastClause: string, punctuation: string): string | null {
  const ending = punctuation || "？";
  const prefix = body.slice(0, body.length - lastClause.length);
  const notA = /^(.*)是不是(.+)$/.exec(lastClause);
  if (notA) return `${prefix}${notA[1]}是${notA[2]}吗${ending}`;
  const haveNot = /^(.*)有没有(.+)$/.exec(lastClause);
  if (haveNot) return `${prefix}${haveNot[1]}有${haveNot[2]}吗${ending}`;
  if (/有什么[\u4e00-\u9fff]+$/.test(lastClause)) return `${body}吗${ending}`;
  return null;
}

/** Simplified → traditional: the inverse of the direction src/text/normalize-text.ts reads. */
function toTraditional(text: string): string {
  const convert = (simplifiedToTraditional ??= OpenCC.Converter({ from: "cn", to: "t" }));
  return convert(text);
}

/** True when the text is a question in Chinese, not English with a Chinese term or noise. */
function isChineseQuestion(text: string): boolean {
  const chineseCount = [...text].filter((character) => CHINESE.test(character)).length;
  const latinLetters = text.match(LATIN_LETTER)?.length ?? 0;
  return chineseCount > latinLetters;
}
