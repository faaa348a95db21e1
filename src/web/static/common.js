// Shared by the chat page, the plan reader and the indicator view. Plain ES module, no build step.
// Plan text is only ever put into the page as text nodes (el(), textContent): never as HTML.

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/**
 * Creates an element. `attributes`: plain attributes (class, href, aria-*, data-*); a function
 * value under an "on…" name is added as an event listener. Children: nodes or strings (as text).
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Like el() for SVG elements. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NAMESPACE, tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
}

function appendChildren(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

const KEY_STORAGE = "plan-assistant-api-key";

/** Calls the JSON API. A 401 (server started with API_KEY) asks for the key once and retries. */
export async function api(path, options = {}) {
  const send = () => {
    const headers = { ...(options.body ? { "content-type": "application/json" } : {}) };
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (key) headers.authorization = `Bearer ${key}`;
    return fetch(path, { method: options.body ? "POST" : "GET", headers, body: options.body ? JSON.stringify(options.body) : undefined });
  };
  let response = await send();
  if (response.status === 401) {
    const key = window.prompt("此服务需要访问密钥（API_KEY）：");
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key.trim());
      response = await send();
    }
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.error?.message ?? `请求失败（${response.status}）`);
    error.code = body?.error?.code;
    error.status = response.status;
    throw error;
  }
  return body;
}

/** The reader's id of the unit a citation points to. Mirrors locationId in src/web/plan-view.ts. */
export function locationId(citation) {
  if (citation.location && typeof citation.location === "string") return citation.location;
  if (citation.box) return citation.box;
  if (citation.table) return citation.table;
  const labels = Array.isArray(citation.path) && citation.path.length > 0 ? citation.path.map((step) => step.label) : [citation.part, citation.chapter, citation.section].filter(Boolean);
  return labels.length > 0 ? labels.join("-") : "正文";
}

/** Where a citation points, as a reader says it: 指标表, 专栏2（第七章）, 第三篇›第七章›第四节, 三、›（二）›1. */
export function citationLabel(citation) {
  if (citation.table) return "指标表";
  if (citation.box) return citation.chapter ? `${citation.box}（${citation.chapter}）` : citation.box;
  if (Array.isArray(citation.path) && citation.path.length > 0) return citation.path.map((step) => step.label).join("›");
  const labels = [citation.part, citation.chapter, citation.section].filter(Boolean);
  return labels.length > 0 ? labels.join("›") : "规划正文";
}

/** The reader link of a citation: /plan/<doc>?quote=…#<location>. */
export function readerHref(citation) {
  return `/plan/${encodeURIComponent(citation.doc)}?quote=${encodeURIComponent(citation.quote)}#${encodeURIComponent(locationId(citation))}`;
}

/** Quote fragments to look for in the text: a quote may join sentences with "…". */
export function quoteFragments(quote) {
  return String(quote)
    .split(/…+|\.\.\.+/)
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length >= 2);
}

/**
 * Appends `text` to `container` as text nodes, with every occurrence of a quote fragment wrapped
 * in <mark class="quote">. Returns the marks.
 */
export function appendHighlighted(container, text, fragments) {
  const ranges = [];
  for (const fragment of fragments) {
    let from = text.indexOf(fragment);
    while (from !== -1) {
      ranges.push([from, from + fragment.length]);
      from = text.indexOf(fragment, from + fragment.length);
    }
  }
  ranges.sort((left, right) => left[0] - right[0]);
  const marks = [];
  let position = 0;
  for (const [start, end] of ranges) {
    if (start < position) continue;
    if (start > position) container.append(document.createTextNode(text.slice(position, start)));
    const mark = el("mark", { class: "quote" }, text.slice(start, end));
    marks.push(mark);
    container.append(mark);
    position = end;
  }
  if (position < text.length) container.append(document.createTextNode(text.slice(position)));
  return marks;
}

/** The page header: title, the three views and (optionally) the plan switcher. */
export function pageHeader(active, plans = [], currentDoc = null, onSwitch = null) {
  const link = (name, href, text) => el("a", { href, class: active === name ? "active" : null, "aria-current": active === name ? "page" : null }, text);
  const doc = currentDoc ?? plans[0]?.doc ?? "";
  const nav = el(
    "nav",
    { class: "views", "aria-label": "视图" },
    link("chat", "/", "对话"),
    link("reader", doc ? `/plan/${encodeURIComponent(doc)}` : "/plan", "原文"),
    link("indicators", doc ? `/indicators/${encodeURIComponent(doc)}` : "/indicators", "指标"),
  );
  const header = el("header", { class: "page-header" }, el("a", { href: "/", class: "brand" }, "规划助手"), nav);
  if (onSwitch && plans.length > 0) {
    const select = el(
      "select",
      { class: "plan-switcher", "aria-label": "切换规划", onchange: (event) => onSwitch(event.target.value) },
      plans.map((plan) => el("option", { value: plan.doc, selected: plan.doc === doc }, plan.title)),
    );
    header.append(select);
  }
  return header;
}

/** A 约束性/预期性 badge, or nothing. */
export function attributeBadge(attribute) {
  if (!attribute) return null;
  return el("span", { class: `badge ${attribute === "约束性" ? "binding" : "expected"}`, title: attribute === "约束性" ? "约束性指标：必须完成" : "预期性指标：力争实现" }, attribute);
}

const CHART = { width: 220, height: 96, left: 20, right: 22, top: 18, bottom: 22 };

/**
 * A small SVG chart of one indicator: a point per year (baseline, mid-term, target). A value
 * written ≥/> is drawn as a lower bound (a bar with a band and arrow upwards), ≤/< as an upper
 * bound (downwards), "=" as a point. Labels are the cells exactly as the plan writes them.
 */
export function indicatorChart(indicator, highlightYears = []) {
  const values = indicator.values.filter((cell) => typeof cell.value === "number");
  const root = svg("svg", {
    class: "indicator-chart",
    viewBox: `0 0 ${CHART.width} ${CHART.height}`,
    role: "img",
    "aria-label": `${indicator.name}：${indicator.values.map((cell) => `${cell.year}年 ${cell.raw}`).join("，")}`,
    "data-indicator": indicator.id,
  });
  root.append(svg("title", {}, `${indicator.name}：${indicator.values.map((cell) => `${cell.year}年 ${cell.raw}`).join("，")}`));
  if (values.length === 0) return root;
  const numbers = values.map((cell) => cell.value);
  let low = Math.min(...numbers);
  let high = Math.max(...numbers);
  if (high === low) {
    high += Math.abs(high) * 0.05 || 1;
    low -= Math.abs(low) * 0.05 || 1;
  }
  const span = high - low;
  // Room beyond a bound for its band and arrow: ≥ needs space above, ≤ below.
  const hasLowerBound = values.some((cell) => cell.operator === "≥" || cell.operator === ">");
  const hasUpperBound = values.some((cell) => cell.operator === "≤" || cell.operator === "<");
  low -= span * (hasUpperBound ? 0.4 : 0.15);
  high += span * (hasLowerBound ? 0.4 : 0.15);
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (index) => CHART.left + (indicator.values.length === 1 ? plotWidth / 2 : (plotWidth * index) / (indicator.values.length - 1));
  const y = (value) => CHART.top + plotHeight * (1 - (value - low) / (high - low));
  root.append(svg("line", { class: "axis", x1: CHART.left, x2: CHART.width - CHART.right, y1: CHART.top + plotHeight, y2: CHART.top + plotHeight }));
  const points = indicator.values.map((cell, index) => (typeof cell.value === "number" ? [x(index), y(cell.value)] : null)).filter(Boolean);
  if (points.length > 1) root.append(svg("polyline", { class: "trend", points: points.map((point) => point.join(",")).join(" ") }));
  indicator.values.forEach((cell, index) => {
    const cx = x(index);
    root.append(svg("text", { class: "year", x: cx, y: CHART.height - 6, "text-anchor": "middle" }, cell.year));
    if (typeof cell.value !== "number") return;
    const cy = y(cell.value);
    const group = svg("g", { class: highlightYears.includes(cell.year) ? "value asked" : "value", "data-year": cell.year, "data-raw": cell.raw, "data-operator": cell.operator });
    if (cell.operator === "≥" || cell.operator === ">") {
      group.append(
        svg("rect", { class: "bound-band", x: cx - 9, y: CHART.top - 4, width: 18, height: Math.max(0, cy - CHART.top + 4) }),
        svg("line", { class: "bound", x1: cx - 9, x2: cx + 9, y1: cy, y2: cy }),
        svg("path", { class: "bound-arrow", d: `M${cx - 4},${cy - 6} L${cx},${cy - 11} L${cx + 4},${cy - 6}` }),
      );
    } else if (cell.operator === "≤" || cell.operator === "<") {
      group.append(
        svg("rect", { class: "bound-band", x: cx - 9, y: cy, width: 18, height: Math.max(0, CHART.top + plotHeight - cy) }),
        svg("line", { class: "bound", x1: cx - 9, x2: cx + 9, y1: cy, y2: cy }),
        svg("path", { class: "bound-arrow", d: `M${cx - 4},${cy + 6} L${cx},${cy + 11} L${cx + 4},${cy + 6}` }),
      );
    } else {
      group.append(svg("circle", { class: "point", cx, cy, r: 3.5 }));
    }
    const labelAbove = cell.operator !== "≥" && cell.operator !== ">";
    group.append(svg("text", { class: "value-label", x: cx, y: labelAbove ? cy - 7 : cy + 13, "text-anchor": "middle" }, cell.raw));
    root.append(group);
  });
  return root;
}

/** The indicator's name as a reader says it: parent row, name, unit ("在校学生数·普通小学（万人）"). */
export function indicatorName(indicator) {
  const name = `${indicator.parent ? `${indicator.parent}·` : ""}${indicator.name}`;
  return indicator.unit && !name.includes(indicator.unit) ? `${name}（${indicator.unit}）` : name;
}

/** A chart with its caption (name, unit, attribute), as shown in the chat; `highlightYears`: the years the answer is about. */
export function indicatorFigure(indicator, highlightYears = []) {
  return el(
    "figure",
    { class: "indicator-figure", "data-indicator": indicator.id },
    indicatorChart(indicator, highlightYears),
    el("figcaption", {}, indicatorName(indicator), " ", attributeBadge(indicator.attribute)),
  );
}
