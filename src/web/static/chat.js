// The chat page: one conversation (follow-ups use its earlier questions), 新对话, example
// questions, answers with citation chips, charts beside indicator answers, feedback and copy.
import { api, citationLabel, el, indicatorFigure, pageHeader, readerHref } from "./common.js";

const HISTORY_SIZE = 6;
const state = { history: [], plans: [], examples: null, indicatorsByDoc: new Map(), answerCount: 0 };

const conversation = el("section", { class: "conversation", "aria-live": "polite", "aria-label": "对话" });
const input = el("textarea", { id: "question", name: "question", rows: 2, maxlength: 500, placeholder: "输入关于规划的问题，例如：2025年学前三年毛入园率目标是多少？", "aria-label": "问题", required: true });
const sendButton = el("button", { type: "submit", class: "primary" }, "发送");
const form = el("form", { class: "ask-form", onsubmit: onSubmit }, input, el("div", { class: "form-actions" }, el("button", { type: "button", class: "secondary", onclick: newConversation }, "新对话"), sendButton));

input.addEventListener("keydown", (event) => {
  // Enter sends; Shift+Enter starts a new line; an IME composition is never interrupted.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

function examplesBlock() {
  const examples = state.examples;
  if (!examples) return null;
  const picks = [examples.indicator?.[0], examples.indicator?.[1], examples.fact?.[0], examples.project?.[0], examples.responsibility?.[0], examples.overview?.[0], examples.general?.[0]].filter(Boolean);
  const plan = state.plans[0];
  return el(
    "div",
    { class: "welcome" },
    el("h1", {}, "规划助手"),
    plan ? el("p", { class: "lead" }, `已载入${state.plans.length}份规划：`, state.plans.map((entry) => `《${entry.title}》`).join("、"), "。每个回答都注明出处，可点击查看原文。") : null,
    el("p", {}, "可以这样问："),
    el("ul", { class: "examples" }, picks.map((question) => el("li", {}, el("button", { type: "button", class: "example", onclick: () => ask(question) }, question)))),
  );
}

function newConversation() {
  state.history = [];
  conversation.replaceChildren();
  const welcome = examplesBlock();
  if (welcome) conversation.append(welcome);
  input.value = "";
  input.focus();
}

async function onSubmit(event) {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  await ask(question);
}

async function indicatorsOf(doc) {
  if (!state.indicatorsByDoc.has(doc)) {
    state.indicatorsByDoc.set(
      doc,
      api(`/api/indicators?doc=${encodeURIComponent(doc)}`).then((body) => body.indicators, () => []),
    );
  }
  return state.indicatorsByDoc.get(doc);
}

/** Indicator rows an indicator answer cites (table citations quote the row verbatim). */
async function citedIndicators(answer) {
  if (answer.intent !== "indicator") return [];
  const rows = [];
  for (const citation of answer.citations.filter((entry) => entry.table)) {
    const indicators = await indicatorsOf(citation.doc);
    const row = indicators.find((indicator) => indicator.quote === citation.quote) ?? indicators.find((indicator) => citation.quote.includes(indicator.quote) || indicator.quote.includes(citation.quote));
    if (row && !rows.includes(row)) rows.push(row);
  }
  return rows.slice(0, 3);
}

function answerAsText(answer) {
  const lines = [answer.answer];
  if (answer.citations.length > 0) {
    lines.push("", "出处：");
    for (const citation of answer.citations) lines.push(`· ${citationLabel(citation)} ${citation.heading}：“${citation.quote}”`);
  }
  return lines.join("\n");
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Pages served over plain HTTP on another host have no clipboard API: select a hidden textarea instead.
    const area = el("textarea", { class: "copy-buffer", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "已复制";
  setTimeout(() => (button.textContent = "复制"), 1500);
}

function feedbackBar(answer, key) {
  const status = el("span", { class: "feedback-status", role: "status" });
  const send = (kind) => async (event) => {
    const buttons = event.currentTarget.parentElement.querySelectorAll("button.feedback");
    buttons.forEach((button) => (button.disabled = true));
    try {
      await api("/api/feedback", { body: { kind, question: answer.question, answer: answer.answer, found: answer.found, intent: answer.intent, citations: answer.citations.map(citationLabel), answer_key: key } });
      status.textContent = "已记录，谢谢反馈";
    } catch (error) {
      status.textContent = `反馈未记录：${error.message}`;
      buttons.forEach((button) => (button.disabled = false));
    }
  };
  return el(
    "div",
    { class: "answer-actions" },
    el("button", { type: "button", class: "feedback", "data-kind": "helpful", title: "有帮助", onclick: send("helpful") }, "👍 有帮助"),
    el("button", { type: "button", class: "feedback", "data-kind": "not_helpful", title: "没帮助", onclick: send("not_helpful") }, "👎 没帮助"),
    el("button", { type: "button", class: "feedback", "data-kind": "wrong_figure", onclick: send("wrong_figure") }, "数字有误"),
    el("button", { type: "button", class: "copy", onclick: (event) => copyText(answerAsText(answer), event.currentTarget) }, "复制"),
    status,
  );
}

function renderAnswer(answer, key) {
  const card = el("article", { class: `answer${answer.found ? "" : " not-found"}`, "data-intent": answer.intent, "data-answer-key": key });
  if (answer.confidence === "low") card.append(el("p", { class: "low-confidence", role: "note" }, "⚠ 把握不大：请核对下方原文出处。"));
  card.append(el("p", { class: "answer-text" }, answer.answer));
  const notes = (answer.notes ?? []).filter((note) => !answer.answer.includes(note));
  if (notes.length > 0) card.append(el("div", { class: "notes", role: "note" }, el("strong", {}, "核对提示（规划前后表述不一致）："), el("ul", {}, notes.map((note) => el("li", {}, note)))));
  if (answer.citations.length > 0) {
    card.append(
      el(
        "div",
        { class: "citations" },
        el("span", { class: "citations-title" }, "出处："),
        answer.citations.map((citation) => el("a", { class: "citation-chip", href: readerHref(citation), title: `${citation.heading}：“${citation.quote}”` }, citationLabel(citation))),
      ),
    );
  }
  const charts = el("div", { class: "answer-charts" });
  card.append(charts);
  // The years the answer states ("2022年…") are marked on the chart.
  const years = [...answer.answer.matchAll(/(20\d\d)年/g)].map((match) => match[1]);
  citedIndicators(answer).then((rows) => charts.append(...rows.map((row) => indicatorFigure(row, years))));
  card.append(feedbackBar(answer, key));
  return card;
}

async function ask(question) {
  conversation.querySelector(".welcome")?.remove();
  conversation.append(el("div", { class: "question" }, question));
  const pending = el("div", { class: "pending" }, "正在查找原文…");
  conversation.append(pending);
  sendButton.disabled = true;
  try {
    const answer = await api("/api/ask", { body: { question, history: state.history } });
    state.answerCount += 1;
    pending.replaceWith(renderAnswer(answer, `web-${Date.now().toString(36)}-${state.answerCount}`));
    // Out-of-scope questions do not become context for follow-ups (as in the terminal chat).
    if (answer.intent !== "out_of_scope") {
      state.history.push(question);
      if (state.history.length > HISTORY_SIZE) state.history.shift();
    }
  } catch (error) {
    pending.replaceWith(el("div", { class: "error", role: "alert" }, error.code === "SERVER_BUSY" ? "服务器正忙，请过一秒再问。" : error.status === 429 ? `提问太频繁：${error.message}` : `出错了：${error.message}`));
  } finally {
    sendButton.disabled = false;
    conversation.lastElementChild?.scrollIntoView({ block: "nearest" });
    input.focus();
  }
}

async function start() {
  const main = el("main", { class: "chat" }, conversation, form);
  document.body.append(pageHeader("chat"), main);
  try {
    const body = await api("/api/plans");
    state.plans = body.plans;
    state.examples = body.examples;
    document.querySelector(".page-header").replaceWith(pageHeader("chat", state.plans));
  } catch (error) {
    conversation.append(el("div", { class: "error", role: "alert" }, `无法载入规划：${error.message}`));
  }
  newConversation();
  document.body.dataset.ready = "true";
}

start();
