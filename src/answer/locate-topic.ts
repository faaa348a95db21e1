import { bestSentences, type RetrievalResult } from "./answer-general.js";
import type { AnswerDraft as Draft } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf } from "./citation.js";
import type { Engine } from "./engine.js";

// "哪一章讲信息化", "双减在规划哪里提到": the question is where, not what.
export const LOCATE = /哪一?(章|节|篇|个专栏|部分)|第几(章|节|篇|部分)|在哪(一|个)?(章|节|篇|部分|里|儿)|哪里(讲|提|写|说|有)|出自哪|在规划(的)?哪/;

/**
 * Where the plan treats a topic: the chapter whose sections (and title) match best, with the
 * 节 that matches best inside it and one sentence from it.
 */
export function locateTopic(engine: Engine, retrieval: RetrievalResult, analysis: QuestionAnalysis): Draft | null {
  const topic = analysis.content.filter((token) => !/^(章|节|篇|专栏|部分|哪|讲|提到|写|在)$/.test(token));
  const byChapter = new Map<string, { score: number; nodes: typeof retrieval.nodes[number][] }>();
  for (const node of retrieval.nodes.slice(0, 12)) {
    if (!node.location.chapter || node.location.table) continue;
    const key = `${node.location.doc}|${node.location.chapter}`;
    const entry = byChapter.get(key) ?? { score: 0, nodes: [] };
    entry.score += node.score;
    entry.nodes.push(node);
    byChapter.set(key, entry);
  }
  const plans = engine.knowledge.plans;
  const ranked = [...byChapter.entries()]
    .map(([key, entry]) => {
      const [doc, label] = key.split("|");
      const chapter = plans.find((plan) => plan.doc === doc)?.chapters.find((candidate) => candidate.label === label);
      const titleTokens = new Set(chapter ? engine.segmenter.cut(chapter.title) : []);
      const titleShare = topic.length === 0 ? 0 : topic.filter((token) => titleTokens.has(token)).length / topic.length;
      // A chapter named after the topic wins over one that mentions it in passing.
      return { chapter, entry, score: entry.score * (1 + titleShare) };
    })
    .filter((candidate) => candidate.chapter)
    .sort((left, right) => right.score - left.score);
  const best = ranked[0];
  if (!best?.chapter) return null;
  const node = best.entry.nodes.find((candidate) => !candidate.location.box) ?? best.entry.nodes[0]!;
  const sentence = bestSentences(engine, node.key, topic, 300, 1)[0];
  const chapter = best.chapter;
  const section = chapter.sections.find((candidate) => candidate.label === node.location.section);
  const where = `${chapter.label}“${chapter.title}”${section ? `的${section.label}“${section.title}”` : node.location.box ? `（${node.location.box}）` : ""}`;
  const citations = [citationOf(chapter.location, `${chapter.label}  ${chapter.title}`), ...(sentence ? [citationOf(sentence.location, sentence.text)] : [])];
  return { intent: "overview", found: true, answer: `规划在${where}讲到这方面内容${sentence ? `，例如：${sentence.text}` : "。"}`, citations };
}
