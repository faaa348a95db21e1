import { z } from "zod";
import type { ExampleQuestions } from "../app/assistant.js";
import { splitSentences } from "../text/split-sentences.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import { answerFact } from "./answer-fact.js";
import { bestSentences, composeGeneral, LOW_COVERAGE, MIN_COVERAGE, retrieve } from "./answer-general.js";
import { answerIndicator } from "./answer-indicator.js";
import { answerOverview, namesUnit } from "./answer-overview.js";
import { answerProject } from "./answer-project.js";
import { answerActorDuties, answerResponsibility } from "./answer-responsibility.js";
import type { AnswerDraft as Draft, Citation } from "./answer-schema.js";
import type { Answer } from "./answer-schema.js";
import { citationOf, locationLabel, uniqueCitations } from "./citation.js";
import { PROVINCE_AND_CITY_NAMES, detectOutOfScope } from "./detect-out-of-scope.js";
import englishPlaceNamesData from "./lexicon/english-place-names.json" with { type: "json" };
import { chunkShare, type Engine } from "./engine.js";
import { LOCATE, locateTopic } from "./locate-topic.js";
import { examplesText, notCovered, refusal, smallTalk } from "./refusals.js";
import { buildEnglishLexicon, isMainlyEnglish, readEnglishQuestion, type EnglishDictionary, type EnglishLexicon, type EnglishReading } from "./read-english.js";
import { loadCedictDictionary } from "./lexicon/load-cedict.js";
import { userDictionaryWords } from "./knowledge.js";
import type { OutlineNode } from "../parse/plan-types.js";
import { outlineNodesOf } from "../parse/outline-nodes.js";
import { needsEarlierTurn, resolveFollowUp } from "./resolve-follow-up.js";
import { buildHomophoneIndex, correctHomophones, correctTypos, type HomophoneIndex } from "./correct-typos.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import { scopeDocuments, whichPlan } from "./scope-documents.js";
import { answerAcrossPeriods, periodName } from "./answer-periods.js";
import { stripPlaceNames } from "./strip-place-names.js";
import { splitQuestions } from "./split-questions.js";
import { describeCandidates, pickCandidate, rankCandidate, type Candidate, type CandidateInput } from "./rank-candidates.js";
import { analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { askedValuePattern, statesAskedValue } from "./asked-value.js";
import { topicWords as topicOf } from "./topic-words.js";

/** Passages and lookup results behind an answer, for a language model to phrase (never to decide). */
export interface AnswerEvidence {
  readonly passages: readonly { readonly id: string; readonly text: string; readonly citation: Citation }[];
  readonly lookups: readonly string[];
}

export interface AnsweredQuestion {
  readonly answer: Answer;
  readonly evidence: AnswerEvidence;
  /** The candidates every answerer proposed, best first, with scores and reasons (for `ask --explain`). */
  readonly explain?: readonly string[];
}

/**
 * Answers one question: deterministic lookups for figures, projects and the outline; hybrid
 * retrieval with extractive sentences for the rest; a refusal with examples when the plans do
 * not cover it. Never throws for user input.
 */
export async function answerQuestion(engine: Engine, examples: ExampleQuestions, asked: string, askedHistory: readonly string[] = []): Promise<AnsweredQuestion> {
  // An English question is read onto the plans' own Chinese terms first, then answered like any other.
  if (isMainlyEnglish(asked)) {
    // An attempt to change the rules is read in its own words, before any translation softens it.
    const verdict = detectOutOfScope(analyzeQuestion(asked, engine.segmenter), engine.knowledge.plans);
    if (verdict?.kind === "injection") return { answer: { question: asked, ...refusal(verdict, engine.knowledge.plans, examples), generator: "extractive" }, evidence: { passages: [], lookups: [] } };
  }
  const english = isMainlyEnglish(asked) ? await readEnglish(engine, asked) : null;
  if (isMainlyEnglish(asked) && !english) {
    return { answer: { question: asked, intent: "out_of_scope", found: false, answer: `没能把这个英文问题对应到规划的用语，请用中文提问，例如：${examplesText(examples)}。`, citations: [], generator: "extractive" }, evidence: { passages: [], lookups: [] } };
  }
  const englishHistory = await Promise.all(askedHistory.map(async (entry) => (isMainlyEnglish(entry) ? ((await readEnglish(engine, entry))?.chinese ?? entry) : entry)));
  const answered = await answerChinese(engine, examples, english?.chinese ?? asked, englishHistory);
  if (!english) return answered;
  const reading = `（英文问题按“${english.chinese}”理解。）`;
  return { ...answered, answer: { ...answered.answer, answer: `${reading}${answered.answer.answer}` }, explain: [`english: ${english.terms.map((term) => `${term.english}→${term.chinese}`).join(", ")}`, ...(answered.explain ?? [])] };
}

/** The English reader of one engine: the lexicon of its plans' terms and the English names of provinces and major cities. */
interface EnglishReader {
  readonly lexicon: EnglishLexicon;
  /** "jiangsu" → 江苏, "inner mongolia" → 内蒙古 (see englishPlaceNames). */
  readonly places: ReadonlyMap<string, string>;
}

const englishReaders = new WeakMap<Engine, Promise<EnglishReader>>();

/** English names of provinces and major cities the dictionary lacks or spells as pinyin only (lexicon/english-place-names.json). */
const ENGLISH_PLACE_NAMES = z.object({ names: z.record(z.string().min(2), z.string().min(2)) }).parse(englishPlaceNamesData);

/** English names of the provinces and major cities: the data file's, then the English words and the pinyin of their CC-CEDICT senses. */
function englishPlaceNames(dictionary: EnglishDictionary): Map<string, string> {
  // Names people write in English (Shaanxi, Inner Mongolia) first; no later key overwrites an earlier one.
  const places = new Map<string, string>(Object.entries(ENGLISH_PLACE_NAMES.names));
  const add = (key: string, name: string) => {
    if (!places.has(key)) places.set(key, name);
  };
  for (const name of PROVINCE_AND_CITY_NAMES) {
    for (const sense of dictionary.sensesOf(name)) {
      // "Beijing; capital of …": a name written in English.
      const english = /^([A-Z][a-z]+(?: [A-Z][a-z]+)?)/.exec(sense)?.[1];
      if (english) add(english.toLowerCase(), name);
      // "see 江蘇省|江苏省[Jiang1 su1 Sheng3]": the name's own syllables, without tones (jiangsu).
      const syllables = /\[([^\]]+)\]/.exec(sense)?.[1]?.split(/\s+/).map((syllable) => syllable.replace(/\d$/, "").toLowerCase());
      if (syllables && syllables.length >= name.length) add(syllables.slice(0, name.length).join(""), name);
    }
  }
  return places;
}

/**
 * The English reading of a question (CC-CEDICT glosses of the plans' own terms, see read-english),
 * or null when none of its words maps to a plan term or the dictionary cannot be loaded. A province
 * or major city it names (Jiangsu) is kept in Chinese, so another place is told apart. The reader
 * is built once per engine, on the first English question (about 1–2 s).
 */
async function readEnglish(engine: Engine, question: string): Promise<EnglishReading | null> {
  let reader = englishReaders.get(engine);
  if (!reader) {
    const terms = new Set<string>(userDictionaryWords(engine.knowledge));
    for (const sentences of engine.sentencesByNode.values()) for (const sentence of sentences) for (const token of sentence.tokens) if (/[\u4e00-\u9fa5]{2}/.test(token)) terms.add(token);
    for (const indicator of engine.knowledge.indicators) terms.add(indicator.name).add(indicator.category);
    const visit = (node: OutlineNode) => {
      terms.add(node.title);
      node.children.forEach(visit);
    };
    for (const plan of engine.knowledge.plans) {
      plan.outline.forEach(visit);
      for (const box of plan.boxes) if (box.title) terms.add(box.title);
    }
    const texts = [...engine.paragraphText.values(), ...engine.knowledge.indicators.map((indicator) => indicator.quote)];
    // The lexicon looks up substrings of up to eight characters of each term: only those headwords are loaded.
    const wanted = new Set<string>(PROVINCE_AND_CITY_NAMES);
    for (const term of terms) for (let start = 0; start < term.length; start += 1) for (let end = start + 1; end <= Math.min(term.length, start + 8); end += 1) wanted.add(term.slice(start, end));
    reader = loadCedictDictionary(undefined, (simplified) => wanted.has(simplified)).then((dictionary) => ({ lexicon: buildEnglishLexicon([...terms], dictionary, { texts }), places: englishPlaceNames(dictionary) }));
    reader.catch(() => englishReaders.delete(engine));
    englishReaders.set(engine, reader);
  }
  try {
    const { lexicon, places } = await reader;
    const reading = readEnglishQuestion(question, lexicon);
    if (!reading || reading.terms.length === 0) return null;
    const named = [...places].find(([english]) => new RegExp(`\\b${english}\\b`, "i").test(question));
    if (!named || reading.chinese.includes(named[1])) return reading;
    // A plan term the name was glossed as (Shandong → 泰山, "Mt Tai in Shandong") gives way to the place itself.
    const glossed = reading.terms.filter((term) => term.role !== "place" && new RegExp(`\\b${named[0]}\\b`, "i").test(term.english));
    const chinese = glossed.reduce((text, term) => text.replace(term.chinese, ""), reading.chinese);
    return { ...reading, chinese: `${named[1]}${chinese}`, terms: [...reading.terms.filter((term) => !glossed.includes(term)), { english: named[0], chinese: named[1], role: "place" }] };
  } catch {
    return null;
  }
}

const homophoneIndexes = new WeakMap<Engine["index"], HomophoneIndex>();

/** The plans' vocabulary by reading, built at the first question and kept with the index. */
function homophonesOf(engine: Engine): HomophoneIndex {
  let index = homophoneIndexes.get(engine.index);
  if (!index) {
    const postings = engine.index.bm25.postings;
    // Words of the headings count too (as two uses: a heading names a unit): 措施 may stand only in 九、保障措施.
    const headingWords = new Set(outlineNodesOf(engine.knowledge.plans).flatMap((node) => engine.segmenter.cut(node.title)));
    index = buildHomophoneIndex([...new Set([...Object.keys(postings), ...headingWords])], (word) => (postings[word]?.length ?? 0) + (headingWords.has(word) ? 2 : 0));
    homophoneIndexes.set(engine.index, index);
  }
  return index;
}

/** Share of the plans' chunks above which a word tells no passage from another (济南 in a Jinan plan). */
const GENERIC_WORD_SHARE = 0.2;

/** The quote a fact or project answer repeats after the figure it states: 原文：sentence。 or 原文：“sentence”. */
const REPEATED_QUOTE = /(?<=。)原文：(?:“[^”]*”|[^。“]*。)/;

/** Characters of a several-part answer above which the quotes repeated after a stated figure (原文：…) are left to the citations. */
const MULTI_PART_BUDGET = 280;

async function answerChinese(engine: Engine, examples: ExampleQuestions, asked: string, askedHistory: readonly string[]): Promise<AnsweredQuestion> {
  // Typos against the plans' own terms are read as those terms (县管校拼 → 县管校聘) before anything else.
  const read = (text: string) => correctHomophones(correctTypos(text, engine.typos), engine.typos, () => homophonesOf(engine), engine.segmenter);
  const question = read(asked);
  const history = askedHistory.map(read);
  const parts = splitQuestions(question, engine.segmenter);
  if (parts.length < 2) {
    const one = await answerOne(engine, examples, question, history);
    return question === asked ? one : { ...one, explain: [`read as: ${question}`, ...(one.explain ?? [])] };
  }
  // "农村教师补充了多少？占比多少？": each part in turn, later parts leaning on the earlier ones.
  const answered: AnsweredQuestion[] = [];
  for (const [index, part] of parts.entries()) answered.push(await answerOne(engine, examples, part, [...history, ...parts.slice(0, index)]));
  const found = answered.filter((entry) => entry.answer.found);
  // Parts answered by the same passage (the figure and its share in one sentence) are shown once.
  // A part is left out when an earlier part's answer already quotes everything it cites.
  const compose = (entries: readonly AnsweredQuestion[]) => {
    const shown = entries.filter((entry, index, all) => {
      const earlier = all.slice(0, index).map((other) => other.answer.answer);
      if (earlier.includes(entry.answer.answer)) return false;
      return !(entry.answer.citations.length > 0 && entry.answer.citations.every((citation) => earlier.some((text) => text.includes(citation.quote.replace(/…$/, "")))));
    });
    // A later part quoting mostly what an earlier part already shows adds only its new passages.
    const texts = shown.map((entry, index) => {
      if (index === 0) return entry.answer.answer;
      const earlier = shown.slice(0, index).map((other) => other.answer.answer).join("");
      const fresh = entry.answer.citations.filter((citation) => !earlier.includes(citation.quote.replace(/…$/, "")));
      if (fresh.length === 0 || fresh.length * 2 > entry.answer.citations.length) return entry.answer.answer;
      return fresh.map((citation) => `另见${locationLabel(citation)}：${citation.quote}`).join("");
    });
    return { shown, text: texts.join(" ") };
  };
  const candidates = found.length > 0 ? found : answered.slice(0, 1);
  // Several parts together read long: a figure said first needs no 原文 repeated (its citation quotes it).
  // Stripped before the parts are compared, so a part the 原文 answered is shown on its own.
  const full = compose(candidates);
  const { shown, text } = candidates.length > 1 && full.text.length > MULTI_PART_BUDGET ? compose(candidates.map((entry) => ({ ...entry, answer: { ...entry.answer, answer: entry.answer.answer.replace(REPEATED_QUOTE, "") } }))) : full;
  const notes = [...new Set(shown.flatMap((entry) => entry.answer.notes ?? []))];
  return {
    answer: {
      question,
      intent: shown[0]!.answer.intent,
      found: found.length > 0,
      answer: text,
      citations: uniqueCitations(shown.flatMap((entry) => entry.answer.citations)),
      generator: "extractive",
      ...(notes.length > 0 ? { notes } : {}),
    },
    evidence: {
      passages: uniqueCitations(shown.flatMap((entry) => entry.evidence.passages.map((passage) => passage.citation))).map((citation, index) => ({ id: `P${index + 1}`, text: citation.quote, citation })),
      lookups: shown.flatMap((entry) => entry.evidence.lookups),
    },
    explain: answered.flatMap((entry, index) => [`part ${index + 1}: ${parts[index]}`, ...(entry.explain ?? [])]),
  };
}

/** "还有吗", "还有其他的吗", "除了这些还有吗": asks whether the previous list goes on. */
const CONTINUATION = /^(那)?(还有|除了(这些|这几个|上面的?|以上)(以外|之外)?(还有)?)(没有|别的|其他|其它)?(的)?(吗|呢|么|没|没有)?[？?。]*$/;

async function answerOne(engine: Engine, examples: ExampleQuestions, question: string, history: readonly string[]): Promise<AnsweredQuestion> {
  const { plans } = engine.knowledge;
  // A list answer is complete (every row, project or unit the plan has): "还有吗" gets the same list,
  // said to be the whole of it. Other answers go on as usual.
  if (history.length > 0 && CONTINUATION.test(normalizeForMatch(question).replace(/\s+/g, ""))) {
    const previous = await answerOne(engine, examples, history[history.length - 1]!, history.slice(0, -1));
    if (previous.answer.found && ["indicator", "project", "overview"].includes(previous.answer.intent)) {
      return { ...previous, answer: { ...previous.answer, question, answer: `规划里列出的就是这些，没有其他的了：${previous.answer.answer}` }, explain: ["a continuation of a complete list: the list again", ...(previous.explain ?? [])] };
    }
  }
  const resolved = resolveFollowUp(engine, question, history, new Set(plans.map((plan) => plan.doc)));
  const scope = scopeDocuments(resolved.analysis, plans, engine.currentYear);
  const { docs, named } = scope;
  const analysis = stripPlaceNames(resolved.analysis, plans, engine.segmenter);
  const context = resolved.context;
  const finish = (draft: Draft, lookups: readonly string[] = [], context: readonly Citation[] = []): AnsweredQuestion => ({
    answer: { question, ...draft, citations: uniqueCitations(splitAtSourceBreaks(engine, draft.citations)), generator: "extractive", ...(draft.found ? { confidence: draft.confidence ?? "high" } : {}) },
    evidence: {
      // The passages a model may phrase from: the cited quotes, then the retrieved context around them.
      passages: uniqueCitations([...draft.citations, ...context]).map((citation, index) => ({ id: `P${index + 1}`, text: citation.quote, citation })),
      lookups,
    },
  });
  const multiDocNote = (draft: Draft): Draft => {
    // Plans of one place for several periods: say which period's plan answered when the question named none.
    if (scope.defaulted && draft.found) {
      const others = plans.filter((plan) => plan !== scope.defaulted && (plan.metadata.district ?? plan.metadata.place) === (scope.defaulted!.metadata.district ?? scope.defaulted!.metadata.place)).map(periodName);
      return { ...draft, answer: `（依据当前规划期的《${scope.defaulted.metadata.title}》${others.length ? `；如需${others.join("、")}规划，请在问题中写明` : ""}。）${draft.answer}` };
    }
    if (plans.length <= 1 || named || !draft.found) return draft;
    const cited = [...new Set(draft.citations.map((citation) => citation.doc))];
    const titles = cited.map((doc) => plans.find((plan) => plan.doc === doc)?.metadata.title ?? doc);
    return { ...draft, answer: `（已在${plans.length}份规划中查找，以下出自《${titles.join("》《")}》；如需其他区县，请在问题中写明。）${draft.answer}` };
  };

  const greeting = smallTalk(analysis.text, plans, examples);
  if (greeting) return finish(greeting);
  // "那2022年呢" as the first question of a conversation: nothing to lean on, so ask what it refers to.
  if (history.length === 0 && needsEarlierTurn(analysis)) {
    return finish({ intent: "overview", found: false, answer: `您指的是哪一项内容？请把问题说完整，例如：“${examples.indicator[0] ?? "2025年学前三年毛入园率目标是多少？"}”`, citations: [] });
  }
  const verdict = detectOutOfScope(analysis, plans);
  if (scope.comparison && !verdict) {
    const compared = answerAcrossPeriods(engine, analysis, scope.comparison);
    if (compared) return finish(compared, [compared.answer]);
  }
  // With several plans and none named, a figure differs per plan: answer per plan (up to three) or ask which.
  const perPlan = plans.length > 1 && !named ? plans.map((plan) => ({ plan, draft: answerIndicator(analysis, engine.knowledge, new Set([plan.doc])) })).filter((entry) => entry.draft?.found) : [];
  const indicatorDraft = perPlan.length > 1 ? whichPlan(perPlan.map((entry) => ({ plan: entry.plan, draft: entry.draft! }))) : answerIndicator(analysis, engine.knowledge, docs);
  if (verdict && !(verdict.kind === "unknown-year" && indicatorDraft)) return finish(refusal(verdict, plans, examples));
  if (indicatorDraft && perPlan.length > 1) return finish(indicatorDraft, [indicatorDraft.answer]);

  // Every answerer proposes; the candidate whose evidence covers the question best answers (see rank-candidates).
  const candidates: Candidate[] = [];
  const propose = (input: CandidateInput | null) => {
    if (input) candidates.push(rankCandidate(engine, analysis, input));
  };
  // A lookup that finds the indicator but no value for the year asked ("规划没有设定2023年的…") is definitive.
  if (indicatorDraft) propose({ answerer: "indicator", draft: indicatorDraft, lookups: [indicatorDraft.answer], definitive: !indicatorDraft.found });
  const targetPlan = plans.find((plan) => docs.has(plan.doc)) ?? plans[0]!;
  const overview = answerOverview(analysis, targetPlan, engine.segmenter);
  if (overview) propose({ answerer: "overview", draft: overview, definitive: !overview.found, ...overviewAdjustment(analysis, overview) });
  const project = answerProject(analysis, engine.knowledge, docs);
  if (project) propose({ answerer: "project", draft: project, ...(analysis.aspects.quantity ? { priorAdjustment: { value: -0.1, reason: "a project list for a figure question" } } : {}) });
  if (!analysis.aspects.who) {
    // "市级骨干教师培养目标" asks for a figure without saying 多少: a stated figure that fits it closely.
    const fact = analysis.aspects.quantity ? answerFact(engine, analysis, docs) : /目标|任务数|规模/.test(analysis.text) ? answerFact(engine, analysis, docs, 0.85) : null;
    if (fact) propose({ answerer: "fact", draft: fact, lookups: [fact.answer], definitive: !fact.found });
  }
  if (!analysis.aspects.quantity) {
    const duties = answerActorDuties(engine, analysis, docs);
    if (duties) propose({ answerer: "duties", draft: duties });
  }
  if (analysis.aspects.who) {
    const responsibility = await answerResponsibility(engine, analysis, docs, context);
    if (responsibility) propose({ answerer: "responsibility", draft: responsibility });
  }
  const fallback = await proposePassages(engine, examples, analysis, docs, context, propose);
  const chosen = pickCandidate(candidates);
  const explain = describeCandidates(candidates, chosen);
  if (!chosen) return { ...finish(fallback), explain };
  const unstated = chosen.draft.found ? valueNotStated(analysis, chosen.draft, examples) : null;
  if (unstated) return { ...finish(unstated), explain: [...explain, "the chosen passages state no value of the kind asked: not stated"] };
  const draft = withFindings(engine, chosen.answerer === "indicator" || chosen.answerer === "fact" ? multiDocNote(chosen.draft) : chosen.draft.found ? multiDocNote(chosen.draft) : chosen.draft);
  return { ...finish(draft, chosen.lookups, chosen.context), explain };
}

/** The normalised titles, places and issuers of the plans in scope: words that name a plan itself. */
function titlesOf(engine: Engine, docs: ReadonlySet<string>): string[] {
  return engine.knowledge.plans
    .filter((plan) => docs.has(plan.doc))
    .flatMap((plan) => [plan.metadata.titleFromText ? plan.metadata.title : "", plan.metadata.place ?? "", plan.metadata.district ?? "", plan.metadata.issuer ?? ""])
    .filter((name) => name.length > 0)
    .map(normalizeForMatch);
}

/** "X是什么" asks what one thing is: the sentence that says it, not the whole unit around it. */
const DEFINITION = /是什么|什么是|是啥|啥是|指的是|指什么|什么意思|啥意思|含义/;

/** Share of the plans' chunks (10 %) above which a word is too common to carry a question alone (发展, 工作). */
const SPECIFIC_SHARE = 0.1;

/** True for a word of the plans that occurs in few of their chunks: 培训机构, 双师型; not 教育 or 推进. */
function isSpecific(engine: Engine, word: string): boolean {
  const share = chunkShare(engine, word);
  return share > 0 && share < SPECIFIC_SHARE;
}

/**
 * Citations whose quote runs across a page number removed from the source (Paragraph.breaks), split
 * there: each piece is verbatim plan text and none carries the page number.
 */
function splitAtSourceBreaks(engine: Engine, citations: readonly Citation[]): Citation[] {
  return citations.flatMap((citation) => {
    const quote = citation.quote;
    if (quote.endsWith("…")) return [citation];
    const key = nodeKey(citation);
    const paragraph = engine.paragraphsByNode.get(key)?.find((candidate) => candidate.breaks && candidate.text.includes(quote));
    // A heading quoted with its label ("六、  推动…运用能力") whose title ran across a page number.
    const heading = paragraph ? null : brokenHeadings(engine).get(key)?.find((candidate) => quote.includes(candidate.title));
    const source = paragraph ? { text: paragraph.text, breaks: paragraph.breaks! } : heading ? { text: heading.title, breaks: heading.titleBreaks! } : null;
    if (!source) return [citation];
    // Where the quote starts in the text holding the breaks (negative: the quote starts before the title, with its label).
    const start = paragraph ? paragraph.text.indexOf(quote) : -quote.indexOf(heading!.title);
    const cuts = source.breaks.filter((offset) => offset > start && offset < start + quote.length).map((offset) => offset - start);
    if (cuts.length === 0) return [citation];
    const ends = [...cuts, quote.length];
    return [0, ...cuts].map((from, index) => quote.slice(from, ends[index]).trim()).filter((piece) => piece.length > 0).map((piece) => ({ ...citation, quote: piece }));
  });
}

const brokenHeadingsCache = new WeakMap<Engine, Map<string, OutlineNode[]>>();

/** Outline nodes whose title ran across a removed page number (OutlineNode.titleBreaks), by node key. */
function brokenHeadings(engine: Engine): ReadonlyMap<string, readonly OutlineNode[]> {
  let byKey = brokenHeadingsCache.get(engine);
  if (!byKey) {
    byKey = new Map();
    for (const node of outlineNodesOf(engine.knowledge.plans)) if (node.titleBreaks) byKey.set(nodeKey(node.location), [...(byKey.get(nodeKey(node.location)) ?? []), node]);
    brokenHeadingsCache.set(engine, byKey);
  }
  return byKey;
}

/**
 * The topic words the question itself says: a follow-up's analysis carries the earlier question's
 * words too ("信创产业基地怎么打造" → "那到2023年每年要弄几个示范项目"), which a passage stating
 * the figure need not repeat. All of `topic` when the question says none of them. Words of the
 * plans' `titles` are left out too, unless nothing else is left.
 */
function ownTopic(analysis: QuestionAnalysis, topic: readonly string[], titles: readonly string[]): readonly string[] {
  const asked = normalizeForMatch(analysis.raw);
  const own = topic.filter((word) => asked.includes(word));
  const kept = own.length > 0 ? own : topic;
  // Words that name the plan itself ("济南数字先锋城市方案里…") are not what its sentences speak of.
  const about = kept.filter((word) => !titles.some((title) => title.includes(word)));
  return about.length > 0 ? about : kept;
}

/**
 * How the overview's prior moves: up when the question names a unit (第三章讲什么), down when most of
 * its topic words are not in the overview's own text (the headings it lists): "基本原则里说把教育摆在
 * 优先发展位置，具体是哪几个优先" asks about a sentence inside the unit, not for the unit's outline.
 */
function overviewAdjustment(analysis: QuestionAnalysis, overview: Draft): Pick<CandidateInput, "priorAdjustment"> {
  if (namesUnit(analysis)) return { priorAdjustment: { value: 0.15, reason: "the question names a unit of the plan" } };
  // Search-mode pieces (十四, 四五 of 十四五) count once, as the word they are part of.
  const topic = topicOf(analysis).filter((word, _, all) => !all.some((other) => other !== word && other.includes(word)));
  const shown = normalizeForMatch([overview.answer, ...overview.citations.map((citation) => citation.quote)].join(""));
  const held = topic.filter((word) => shown.includes(word)).length;
  const outline = overview.citations.length > 0 && overview.citations.every((citation) => citation.part || citation.chapter || citation.box);
  if (outline && topic.length >= 4 && held / topic.length < 0.5) return { priorAdjustment: { value: -0.25, reason: "most topic words are inside the unit, not in its outline" } };
  return {};
}

/**
 * A date (哪年建成) or a sum of money (学费多少、投资多少亿) that none of the chosen passages states is
 * not in the plan: the reply says so and shows the closest passage, instead of an answer without
 * the value. Other figures are checked where the passages are chosen (`proposePassages`).
 */
function valueNotStated(analysis: QuestionAnalysis, draft: Draft, examples: ExampleQuestions): Draft | null {
  if (!analysis.aspects.when && analysis.classifier !== "元") return null;
  const pattern = askedValuePattern(analysis);
  const first = draft.citations[0];
  if (!pattern || !first || pattern.test(normalizeForMatch(draft.answer)) || draft.citations.some((citation) => pattern.test(normalizeForMatch(citation.quote)))) return null;
  return notStated(examples, first, analysis.aspects.when ? "没有写明这个时间" : "没有给出这个数字", topicOf(analysis));
}

/**
 * The reply for a value the plan does not state: "规划没有给出这个数字。最相关的内容在…：" and the
 * closest passage's first sentence (the first that names a `topic` word, when given), cited alone.
 */
function notStated(examples: ExampleQuestions, citation: Citation, what = "没有给出这个数字", topic: readonly string[] = []): Draft {
  const sentences = splitSentences(citation.quote);
  const sentence = (sentences.find(({ text }) => topic.some((word) => text.includes(word))) ?? sentences[0])?.text ?? "";
  return { ...notCovered(examples), answer: `规划${what}。最相关的内容在${locationLabel(citation)}：${sentence}`, citations: sentence ? [{ ...citation, quote: sentence }] : [] };
}

/**
 * A found answer quoting a passage the plan contradicts elsewhere (see cross-check) says so: the
 * finding's message is appended as 注意：… and listed in `notes`, once.
 */
function withFindings(engine: Engine, draft: Draft): Draft {
  // Table answers note their own disagreements; a list of many rows or passages stays a list.
  if (!draft.found || (draft.notes?.length ?? 0) > 0 || draft.intent === "indicator" || (draft.citations.length > 3 && draft.intent !== "project")) return draft;
  const quotes = draft.citations.map((citation) => citation.quote.replace(/…$/, ""));
  const touching = engine.knowledge.findings.filter((finding) => finding.citations.some((cited) => quotes.some((quote) => quote.length >= 8 && (cited.quote.includes(quote) || quote.includes(cited.quote)))));
  if (touching.length === 0) return draft;
  const messages = touching.map((finding) => finding.message);
  return { ...draft, answer: `${draft.answer}注意：${messages.join("")}`, notes: messages };
}

/** Words asking to be told about a topic at large (咋说的, 有啥安排, 主要内容) or for several things (五个体系是啥), not for one fact. */
const BROAD_ASK = /咋说|怎么说|怎么讲|如何表述|讲(了)?(什么|啥)|说(了)?(什么|啥)|提(了)?(什么|啥)|介绍|情况|安排|部署|举措|措施|要求|内容|有啥|有什么|哪些|哪几|(?<![\d.])([2-9]|[1-9]\d)(个|项|大|条|类|种)[\u4e00-\u9fa5]{1,8}(是|指|分别|包括)/;

/**
 * Characters of plan text a passage answer may quote: a figure or a date is one sentence or two
 * (220), a question about one thing a little more (320), a how, list or broad question a passage
 * (560). Officials read the answer in a chat; the citations carry the rest.
 */
function generalBudget(analysis: QuestionAnalysis): number {
  if (analysis.aspects.how || analysis.aspects.list || BROAD_ASK.test(analysis.text)) return 560;
  return analysis.aspects.quantity || analysis.aspects.when ? 220 : 320;
}

/**
 * The passage-based candidates (the closest 节/专栏 quoted, or where a topic is treated) and the
 * reply when nothing is found: "规划没有给出这个数字…" with the closest passage when the topic is
 * covered but the figure is not, else the plain "not in the plan".
 */
async function proposePassages(engine: Engine, examples: ExampleQuestions, analysis: QuestionAnalysis, docs: ReadonlySet<string>, context: readonly string[], propose: (input: CandidateInput | null) => void): Promise<Draft> {
  const known = (word: string) => engine.index.bm25.postings[word] !== undefined;
  // Whether a draft's passages state the value asked, of the question's own topic (see statesAskedValue).
  const generic = (word: string) => chunkShare(engine, word) >= GENERIC_WORD_SHARE;
  const statesFigure = (draft: Draft, share: number) => draft.citations.some((citation) => statesAskedValue(analysis, ownTopic(analysis, topicOf(analysis), titlesOf(engine, docs)), normalizeForMatch(citation.quote), { share, known, generic }));
  // 呢 marks a follow-up but names nothing: the passages are searched without it.
  const retrieval = await retrieve(engine, analysis.content, analysis.text.replace(/呢(?=[？?]*$)/, ""), docs, context, { preferTargets: !analysis.aspects.baseline && !/[\u4e00-\u9fa5]了|已经|曾经/.test(analysis.text) });
  // Below LOW_COVERAGE nothing in the plan speaks of the question's words; between it and MIN_COVERAGE
  // the closest passages are shown, marked as such, rather than a false "not in the plan".
  if (retrieval.coverage < LOW_COVERAGE) {
    // A figure the plan does not state ("教师培训经费占多少比例"): when the topic itself is covered, say the
    // plan gives no such figure and show the closest passage instead of a generic refusal.
    const topic = topicOf(analysis);
    if (analysis.aspects.quantity && topic.length > 0 && topic.length < analysis.content.length) {
      const topical = await retrieve(engine, topic, topic.join(""), docs, context);
      const closest = topical.coverage >= MIN_COVERAGE ? composeGeneral(engine, topical, topic, "general", 300, context) : null;
      // The closest passage may state the figure after all ("实现五项基本功能", "占比控制在15%以内" for
      // 占比上限): then it is the answer, when the figure's sentence speaks of most of the topic.
      if (closest && statesFigure(closest, 0.5)) {
        propose({ answerer: "general", draft: { ...closest, confidence: "low" } });
        return notCovered(examples);
      }
      if (closest) return notStated(examples, closest.citations[0]!);
    }
    // "外面的补习班、培训机构咋个管": the asker's own words (外面, 补习班, 咋个) drown a specific word of
    // the plans (培训机构). Searched by the plans' specific words alone, a well-covered passage is
    // shown as the closest content, marked low confidence, rather than a false "not in the plan".
    const specific = topic.filter((word) => word.length >= 2 && isSpecific(engine, word));
    if (!analysis.aspects.quantity && specific.length > 0 && specific.length < topic.length) {
      const focused = await retrieve(engine, specific, specific.join(""), docs, context);
      const closest = focused.coverage >= MIN_COVERAGE ? composeGeneral(engine, focused, specific, "general", 400, context) : null;
      if (closest) propose({ answerer: "general", draft: { ...closest, confidence: "low", answer: `规划中没有直接的表述，最相关的内容是：${closest.answer.replace(/^规划/, "")}` } });
    }
    return notCovered(examples);
  }
  if (retrieval.coverage < MIN_COVERAGE) {
    const closest = composeGeneral(engine, retrieval, analysis.content, "general", 400, context);
    // A figure asked for ("平均工资是多少") that the closest passage does not state: the plan gives none.
    // Words the plans never use (a typo such as 鸡站, slang such as 弄) are matched by their characters.
    if (closest && analysis.aspects.quantity && !analysis.aspects.who && !statesFigure(closest, 0.6)) return notStated(examples, closest.citations[0]!);
    if (closest) propose({ answerer: "general", draft: { ...closest, confidence: "low", answer: `规划中没有直接的表述，最相关的内容是：${closest.answer.replace(/^规划/, "")}` } });
    return notCovered(examples);
  }
  if (LOCATE.test(analysis.text)) {
    const located = locateTopic(engine, retrieval, analysis);
    if (located) propose({ answerer: "locate", draft: located });
  }
  const general = composeGeneral(engine, retrieval, analysis.content, "general", generalBudget(analysis), context, { wholeParagraph: !analysis.aspects.quantity && !analysis.aspects.who && !analysis.aspects.when, shortUnit: analysis.aspects.how && !analysis.aspects.list, namedUnitItems: analysis.years.length === 0, question: analysis.text, asked: normalizeForMatch(analysis.raw), titledFirst: !analysis.aspects.quantity && !analysis.aspects.when, ...(DEFINITION.test(analysis.text) ? {} : { topic: topicOf(analysis) }) });
  if (!general) return notCovered(examples);
  // A figure question with no stated figure: say so rather than quote a passage without one.
  // A figure counts only when its sentence speaks of the whole topic: 财政性教育经费…20% is no answer to 教师培训经费占多少比例.
  if (analysis.aspects.quantity && !analysis.aspects.list && !statesFigure(general, 0.6)) return notStated(examples, general.citations[0]!);
  // Context for a model: more of the best nodes' relevant sentences than the answer quotes.
  const modelContext = retrieval.nodes.slice(0, 3).flatMap((node) => bestSentences(engine, node.key, analysis.content, 900, 4, context)).map((sentence) => citationOf(sentence.location, sentence.text));
  propose({ answerer: "general", draft: general, context: modelContext });
  return notCovered(examples);
}
