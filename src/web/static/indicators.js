// The indicator view: every indicator of a plan, as a table row with its values as written and a
// small chart (baseline, mid-term, target; ≥/≤ drawn as bounds), with its 约束性/预期性 mark.
import { api, attributeBadge, el, indicatorChart, indicatorName, pageHeader } from "./common.js";

async function start() {
  const { plans } = await api("/api/plans");
  const doc = decodeURIComponent(location.pathname.split("/")[2] ?? "");
  if (!doc || !plans.some((plan) => plan.doc === doc)) {
    if (plans[0]) location.replace(`/indicators/${encodeURIComponent(plans[0].doc)}`);
    return;
  }
  const plan = plans.find((entry) => entry.doc === doc);
  document.body.append(pageHeader("indicators", plans, doc, (next) => location.assign(`/indicators/${encodeURIComponent(next)}`)));
  const { indicators } = await api(`/api/indicators?doc=${encodeURIComponent(doc)}`);
  document.title = `指标 · ${plan.title} · 规划助手`;
  const years = [...new Set(indicators.flatMap((indicator) => indicator.values.map((cell) => cell.year)))];
  const rows = [];
  let category = null;
  for (const indicator of indicators) {
    if (indicator.category !== category) {
      category = indicator.category;
      rows.push(el("tr", { class: "category" }, el("th", { colspan: years.length + 3, scope: "rowgroup" }, category)));
    }
    rows.push(
      el(
        "tr",
        { "data-indicator": indicator.id },
        el("th", { scope: "row" }, indicatorName(indicator)),
        years.map((year) => el("td", { class: "number" }, indicator.values.find((cell) => cell.year === year)?.raw ?? "—")),
        el("td", {}, attributeBadge(indicator.attribute)),
        el("td", { class: "chart-cell" }, indicatorChart(indicator)),
      ),
    );
  }
  const legend = el("p", { class: "legend" }, "图例：圆点为数值；带箭头的横线为“≥”（不低于）或“≤”（不高于）的界限，阴影表示允许的范围。", el("span", { class: "badge binding" }, "约束性"), " 必须完成；", el("span", { class: "badge expected" }, "预期性"), " 力争实现。");
  const table = el(
    "table",
    { class: "indicator-table indicators" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "指标"), years.map((year) => el("th", { scope: "col" }, `${year}年`)), el("th", { scope: "col" }, "属性"), el("th", { scope: "col" }, "趋势"))),
    el("tbody", {}, rows),
  );
  const tableLink = indicators[0] ? el("a", { href: `/plan/${encodeURIComponent(doc)}#${encodeURIComponent(indicators[0].location)}` }, "在原文中查看指标表") : null;
  document.body.append(el("main", { class: "indicator-view" }, el("h1", {}, "主要指标"), el("p", { class: "plan-meta" }, `《${plan.title}》 `, tableLink), legend, el("div", { class: "table-scroll" }, table)));
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  document.body.append(el("div", { class: "error", role: "alert" }, `无法载入指标：${error.message}`));
});
