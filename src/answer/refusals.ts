import type { ExampleQuestions } from "../app/assistant.js";
import type { Plan } from "../parse/plan-types.js";
import type { AnswerDraft as Draft } from "./answer-schema.js";
import type { ScopeVerdict } from "./detect-out-of-scope.js";

// Replies for questions the plans do not answer: a reason, then example questions.

export function examplesText(examples: ExampleQuestions): string {
  const picks = [examples.indicator[0], examples.project[0], examples.responsibility[0], examples.overview[0]].filter(Boolean);
  return picks.map((example) => `“${example}”`).join("、");
}

export function refusal(verdict: ScopeVerdict, plans: readonly Plan[], examples: ExampleQuestions): Draft {
  const titles = `${plans.slice(0, 3).map((plan) => `《${plan.metadata.title}》`).join("、")}${plans.length > 3 ? `等${plans.length}份规划` : ""}`;
  const reason = (() => {
    switch (verdict.kind) {
      case "injection":
        return "我只回答关于已载入规划内容的问题，不执行改变规则或查看配置的指令。";
      case "off-topic":
        return `这个问题（${verdict.topic}）不在规划范围内，规划里没有相关内容。`;
      case "other-place":
        return `目前只载入了${titles}，没有${verdict.place}的规划，无法回答。`;
      case "unknown-year": {
        const period = plans.map((plan) => plan.metadata.period).find((candidate) => candidate && verdict.year >= candidate.from && verdict.year <= candidate.to);
        const years = [...new Set(plans.flatMap((plan) => plan.tables.flatMap((table) => table.years)))].join("、");
        return period
          ? `规划没有单列${verdict.year}年的安排或数字（不做推算）：任务按整个规划期（${period.from}—${period.to}年）安排${years ? `，指标只给出${years}年的数值` : ""}。`
          : `规划没有涉及${verdict.year}年的内容或数字（不做推算）。`;
      }
      case "other-period":
        return `目前只载入了${titles}，没有“${verdict.period}”时期的规划，无法回答。`;
      case "gibberish":
        return "没有看懂这个问题。";
    }
  })();
  return { intent: "out_of_scope", found: false, answer: `${reason}可以这样问：${examplesText(examples)}。`, citations: [] };
}

// Greetings, thanks and "who are you": not plan questions, but they deserve a friendly word.
const SMALL_TALK = /^(你好|您好|hi|hello|hey|嗨|哈喽|在吗|在不在|早上好|下午好|晚上好|谢谢|谢谢你|多谢|感谢|好的|收到|你是谁|你是什么|你能做什么|你会什么|帮助|help|怎么用)[啊呀呢吧！!。.？?~～\s]*$/i;

export function smallTalk(text: string, plans: readonly Plan[], examples: ExampleQuestions): Draft | null {
  if (!SMALL_TALK.test(text)) return null;
  const thanks = /谢|感谢|好的|收到/.test(text);
  const titles = plans.slice(0, 3).map((plan) => `《${plan.metadata.title}》`).join("、");
  const intro = thanks ? "不客气！" : `您好！我是规划助手，回答关于${titles}${plans.length > 3 ? `等${plans.length}份规划` : ""}的问题，每个回答都注明出处并引用原文。`;
  return { intent: "out_of_scope", found: false, answer: `${intro}可以这样问：${examplesText(examples)}。`, citations: [] };
}

export function notCovered(examples: ExampleQuestions): Draft {
  return { intent: "out_of_scope", found: false, answer: `规划里没有找到能回答这个问题的内容。可以这样问：${examplesText(examples)}。`, citations: [] };
}
