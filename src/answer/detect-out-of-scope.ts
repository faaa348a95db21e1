import type { Plan } from "../parse/plan-types.js";
import type { QuestionAnalysis } from "./analyze-question.js";

/** Why a question is outside the plan, or null when it may be answered. */
export type ScopeVerdict =
  | { readonly kind: "injection" }
  | { readonly kind: "off-topic"; readonly topic: string }
  | { readonly kind: "other-place"; readonly place: string }
  | { readonly kind: "unknown-year"; readonly year: number }
  | { readonly kind: "gibberish" };

// Attempts to change the bot's behaviour or extract its configuration; answered like any question: no.
const INJECTION = /忽略|无视|忘记(之前|以上|你的)|ignore (all|any|previous|the above|your)|disregard|system prompt|系统提示|提示词|prompt|环境变量|env(ironment)? var|api[ _-]?key|密钥|token|口令|密码|password|secret|越狱|jailbreak|扮演|假装你|你现在是|developer mode|开发者模式|输出你的|打印你的|reveal|泄露/i;

// `always`: refused even beside plan words ("梁平区的教育经费和GDP"), since no plan states such figures;
// the others only when the question has nothing else about education in it.
const OFF_TOPIC: readonly { pattern: RegExp; topic: string; always: boolean }[] = [
  { pattern: /写(一|首|篇|个)?.{0,6}(诗|词|歌|文章|小说|故事|笑话|对联|作文)|作(一)?首诗|来首诗|讲个笑话/, topic: "创作", always: false },
  { pattern: /天气|气温|下雨|下雪|温度多少|空气质量|雾霾/, topic: "天气", always: false },
  { pattern: /gdp|生产总值|经济总量|财政收入|股票|股价|房价|汇率|基金|彩票|比特币/i, topic: "经济金融", always: true },
  { pattern: /(常住|户籍|总)人口|人口(有|是)?多少|多少人口|人口数量|面积(有|是)?多少|多少平方公里/, topic: "人口与地理", always: true },
  { pattern: /电影|电视剧|明星|菜谱|怎么做菜|减肥|旅游攻略|景点推荐|球赛|比分|星座|算命/, topic: "生活娱乐", always: false },
  { pattern: /翻译成|translate|写代码|编程题|python代码|数学题|算一下\d/, topic: "其他任务", always: false },
];

// Place-like words of the plan itself that end in 区/县/市 but name no other district.
const PLAN_PLACES = /(示范区|试验区|城区|学区|校区|责任区|园区|高新区|新区|库区|地区|社区|山区|片区|主城区|毗邻地区|区县|县域|县区|城市|全市|本市|全区|我区|本区|该区|辖区|一区|景区|开发区|经济区|保护区|工业园区|市级|区级|县级|市区|市内)$/;

// "咱们区", "我们县", "本市": the asker's own district, i.e. the plan's.
const OWN_PLACE = /(咱们|我们|咱|我|本|全|这个|该|辖|各|那个|哪个|每个)[区县市]$/;

function placesIn(text: string): string[] {
  // A place name ends at a boundary (万州区的…, 北京市教育规划…); "县管校聘" is no 县.
  return [...text.matchAll(/([\u4e00-\u9fa5]{2,4}?)(区|县|市)(?=$|[的在有要是和与及、，,。？?！!\s\d]|教育|规划|学前|义务|高中|普通|中职|职业|今年|去年|明年|十[三四]五)/g)]
    .map((match) => match[0])
    .filter((place) => !PLAN_PLACES.test(place) && !OWN_PLACE.test(place));
}

interface PlanFacts {
  readonly known: ReadonlySet<string>;
  readonly fullText: string;
  readonly mentionedYears: ReadonlySet<number>;
}

// Districts, text and years of the loaded plans: computed once per set of plans, not per question.
const planFactsCache = new WeakMap<readonly Plan[], PlanFacts>();
function planFacts(plans: readonly Plan[]): PlanFacts {
  const cached = planFactsCache.get(plans);
  if (cached) return cached;
  const known = new Set(plans.flatMap((plan) => [plan.metadata.district, plan.metadata.district?.replace(/[区县]$/, "")].filter((value): value is string => Boolean(value))));
  const fullText = plans.map((plan) => plan.paragraphs.map((paragraph) => paragraph.text).join("")).join("");
  const mentionedYears = new Set([...fullText.matchAll(/(19|20)\d{2}/g)].map((match) => Number(match[0])));
  for (const plan of plans) for (const table of plan.tables) for (const year of table.years) mentionedYears.add(Number(year));
  const facts = { known, fullText, mentionedYears };
  planFactsCache.set(plans, facts);
  return facts;
}

/**
 * Decides whether a question falls outside the loaded plans: injection attempts, topics no plan
 * covers, another district, a year the plans never mention, or text with no words at all.
 */
export function detectOutOfScope(analysis: QuestionAnalysis, plans: readonly Plan[]): ScopeVerdict | null {
  const text = analysis.text;
  if (INJECTION.test(text) || INJECTION.test(analysis.raw)) return { kind: "injection" };
  for (const { pattern, topic, always } of OFF_TOPIC) {
    if (pattern.test(text) && (always || !/规划|教育|学校|教师|学生/.test(text.replace(pattern, "")))) return { kind: "off-topic", topic };
  }
  if (!/[\u4e00-\u9fa5]/.test(text) && !/[a-z]{3,}/.test(text)) return { kind: "gibberish" };
  const { known, fullText, mentionedYears } = planFacts(plans);
  for (const place of placesIn(text)) {
    const bare = place.replace(/[区县市]$/, "");
    if (known.has(place) || known.has(bare)) continue;
    if (/^(重庆|重庆市)$/.test(place)) continue;
    if (!fullText.includes(place)) return { kind: "other-place", place };
  }
  for (const year of analysis.years) if (!mentionedYears.has(year)) return { kind: "unknown-year", year };
  return null;
}
