// The plan reader: the whole plan with outline navigation. /plan/<doc>#<location> opens a unit;
// ?quote=… highlights the cited sentences (or the cited table row) and scrolls them into view.
import { api, appendHighlighted, attributeBadge, el, pageHeader, quoteFragments } from "./common.js";

const docFromPath = () => decodeURIComponent(location.pathname.split("/")[2] ?? "");

function outlineList(nodes) {
  return el(
    "ol",
    {},
    nodes.map((node) => el("li", {}, el("a", { href: `#${encodeURIComponent(node.location)}`, "data-location": node.location }, `${node.label} ${node.title}`.trim()), node.children.length > 0 ? outlineList(node.children) : null)),
  );
}

function tableUnit(unit) {
  const head = el("tr", {}, el("th", { scope: "col" }, "类别"), el("th", { scope: "col" }, "指标"), unit.years.map((year) => el("th", { scope: "col" }, `${year}年`)), el("th", { scope: "col" }, "属性"));
  const rows = unit.rows.map((row) =>
    el(
      "tr",
      { "data-quote": row.quote, "data-indicator": row.id },
      el("td", {}, row.category),
      el("td", {}, row.parent ? `${row.parent}·` : "", row.name),
      unit.years.map((year) => el("td", { class: "number" }, row.values.find((cell) => cell.year === year)?.raw ?? "")),
      el("td", {}, attributeBadge(row.attribute)),
    ),
  );
  return el("div", { class: "table-scroll" }, el("table", { class: "indicator-table" }, el("thead", {}, head), el("tbody", {}, rows)));
}

function unitElement(unit) {
  const level = Math.min(4, Math.max(2, unit.path.length + 1));
  const title = unit.path.at(-1);
  const section = el("section", { class: `unit unit-${unit.kind}`, id: unit.location, "data-location": unit.location, tabindex: -1 });
  if (unit.path.length === 0) {
    // The preamble: no heading of its own (the plan's title is the page's h1).
    for (const paragraph of unit.paragraphs) section.append(el("p", { class: "paragraph preamble" }, paragraph));
    return section;
  }
  if (unit.path.length > 1) section.append(el("p", { class: "unit-path" }, unit.path.slice(0, -1).map((step) => `${step.label} ${step.title}`.trim()).join(" › ")));
  section.append(el(`h${level}`, {}, title ? `${title.label} ${title.title}`.trim() : unit.heading));
  if (unit.kind === "table") section.append(tableUnit(unit));
  else for (const paragraph of unit.paragraphs) section.append(el("p", { class: "paragraph" }, paragraph));
  return section;
}

/** Clears earlier highlights, then marks the quote in the unit and scrolls to it. */
function openLocation(units) {
  for (const mark of document.querySelectorAll("mark.quote")) mark.replaceWith(document.createTextNode(mark.textContent));
  for (const row of document.querySelectorAll("tr.cited")) row.classList.remove("cited");
  for (const unit of document.querySelectorAll(".unit.current")) unit.classList.remove("current");
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  target.classList.add("current");
  const quote = new URLSearchParams(location.search).get("quote") ?? "";
  let focus = target;
  if (quote) {
    const unit = units.find((candidate) => candidate.location === id);
    if (unit?.kind === "table") {
      const row = [...target.querySelectorAll("tr[data-quote]")].find((candidate) => candidate.dataset.quote === quote || quote.includes(candidate.dataset.quote));
      if (row) {
        row.classList.add("cited");
        focus = row;
      }
    } else if (unit) {
      const fragments = quoteFragments(quote);
      const paragraphs = [...target.querySelectorAll("p.paragraph")];
      const marks = [];
      paragraphs.forEach((paragraph, index) => {
        const text = unit.paragraphs[index] ?? paragraph.textContent;
        paragraph.replaceChildren();
        marks.push(...appendHighlighted(paragraph, text, fragments));
      });
      if (marks[0]) focus = marks[0];
    }
  }
  for (const link of document.querySelectorAll(".outline a.active")) link.classList.remove("active");
  document.querySelector(`.outline a[data-location="${CSS.escape(id)}"]`)?.classList.add("active");
  target.focus({ preventScroll: true });
  focus.scrollIntoView({ block: "center" });
}

async function start() {
  const { plans } = await api("/api/plans");
  let doc = docFromPath();
  if (!doc || !plans.some((plan) => plan.doc === doc)) {
    if (plans[0]) location.replace(`/plan/${encodeURIComponent(plans[0].doc)}${location.search}${location.hash}`);
    return;
  }
  const switchTo = (next) => location.assign(`/plan/${encodeURIComponent(next)}`);
  document.body.append(pageHeader("reader", plans, doc, switchTo));
  const documentBody = await api(`/api/document?doc=${encodeURIComponent(doc)}`);
  document.title = `${documentBody.plan.title} · 规划助手`;
  const outline = el("nav", { class: "outline", "aria-label": "目录" }, el("details", { open: window.matchMedia("(min-width: 900px)").matches }, el("summary", {}, "目录"), outlineList(documentBody.outline)));
  const meta = [documentBody.plan.issuer, documentBody.plan.documentNumber, documentBody.plan.date].filter(Boolean).join(" · ");
  const article = el(
    "article",
    { class: "plan-text" },
    el("h1", {}, documentBody.plan.title),
    meta ? el("p", { class: "plan-meta" }, meta) : null,
    documentBody.units.map(unitElement),
  );
  document.body.append(el("main", { class: "reader" }, outline, article));
  // Narrow screens: close the outline after picking a unit.
  outline.addEventListener("click", (event) => {
    if (event.target.closest("a") && !window.matchMedia("(min-width: 900px)").matches) outline.querySelector("details").open = false;
  });
  window.addEventListener("hashchange", () => openLocation(documentBody.units));
  openLocation(documentBody.units);
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  document.body.append(el("div", { class: "error", role: "alert" }, `无法载入规划原文：${error.message}`));
});
