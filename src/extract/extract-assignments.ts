import type { Location, Paragraph, Plan } from "../parse/plan-types.js";

/** What a body is given to do: lead (牵头), do (负责), co-operate (配合/参与/协同), fund (保障经费), supervise (督导/监督). */
export type AssignmentRole = "lead" | "responsible" | "cooperate" | "fund" | "supervise";

export interface AssignedBody {
  /** Body as written: 发展改革委, 省大数据局, 各地区. */
  readonly name: string;
  readonly role: AssignmentRole;
}

/**
 * A list of responsible units attached to a task, the way provinces and ministries write it:
 * "（发展改革委、工业和信息化部牵头，各地区、各部门负责）" after a task, or
 * "牵头单位：…；责任单位：…" lines.
 */
export interface Assignment {
  readonly doc: string;
  readonly paragraphId: string;
  readonly location: Location;
  /** Verbatim: the unit list as written, brackets included. */
  readonly text: string;
  /** Character span [start, end) of the task the list governs inside the paragraph text (from the previous list or the paragraph start). */
  readonly taskStart: number;
  readonly taskEnd: number;
  readonly bodies: readonly AssignedBody[];
}

// Role words that close a group of bodies inside a unit list, in the order they are tried.
const ROLE_WORDS: readonly [RegExp, AssignmentRole][] = [
  [/(牵头负责|牵头|主责|为牵头单位|为牵头部门)$/, "lead"],
  [/(分工负责|按职责分工负责|负责落实|负责|落实|实施|承担)$/, "responsible"],
  [/(配合|参与|协同|协助|协作|共同推进|按职责配合)$/, "cooperate"],
  [/(保障经费|经费保障|提供经费)$/, "fund"],
  [/(督导|监督|督查)$/, "supervise"],
];

// A unit list holds bodies: every name ends like a body (部, 委, 局, 厅, 办, 院, 政府, 部门, 单位…) or is a collective (各地区).
const BODY_NAME = /^(各|有关|相关|各有关|各相关|各级)?[\u4e00-\u9fa5（）()]{1,24}?(部|委|局|厅|办|署|院|会|行|处|室|中心|小组|政府|部门|单位|机构|机关|地区|地方|市|县|区|区市|学校|高校|企业|集团|公司|办公室|办公厅|工委|委员会|人民政府)$/;

/** How bodies share the work (按职能分工, 按职责): words before the role word, not part of a body's name. */
const MANNER = /按照?(职能职责|各自职责|职能|职责|分工)(分工)?(?=(负责|落实|配合|实施|承担|参与))/;

/** "列第一位者为牵头部门": the first body of the list leads. */
const FIRST_LEADS = /列(第一位|首位|在首位)者?为牵头(部门|单位)/;

function splitBodies(group: string): string[] {
  return group
    // Body names contain 和 (工业和信息化部): only 、 and commas separate them.
    .split(/[、，,]/)
    .map((name) => name.trim())
    .filter((name) => name.length >= 2);
}

/** Reads the inside of a unit list; null when it is not one (a bracketed note, an abbreviation). */
export function readUnitList(inner: string, options: { readonly roleless?: boolean } = {}): AssignedBody[] | null {
  const firstLeads = FIRST_LEADS.test(inner);
  // "各部门按职能分工负责": the manner (按职能/按职责分工) says how, not who; the role word follows it.
  const clauses = inner.replace(FIRST_LEADS, "").split(/[，,；;]/).map((clause) => clause.trim().replace(MANNER, "")).filter(Boolean);
  const bodies: AssignedBody[] = [];
  for (const clause of clauses) {
    const role = ROLE_WORDS.find(([pattern]) => pattern.test(clause));
    const names = splitBodies(role ? clause.replace(role[0], "") : clause);
    if (names.length === 0) continue;
    if (!names.every((name) => BODY_NAME.test(name))) return null;
    // Without a role word ("（省教育厅、省财政厅）" after 负责 outside), the bodies are the doers.
    for (const name of names) bodies.push({ name, role: role?.[1] ?? "responsible" });
  }
  // A list states roles: "（含附属幼儿园和学校分校区）" is a note, not a list.
  // A list states roles ("（含附属幼儿园和学校分校区）" is a note); one heading or closing a task may name its bodies only.
  if (bodies.length === 0 || (!options.roleless && !firstLeads && !clauses.some((clause) => ROLE_WORDS.some(([pattern]) => pattern.test(clause))))) return null;
  if (firstLeads && bodies[0]) bodies[0] = { ...bodies[0], role: "lead" };
  return bodies;
}

const BRACKET = /[（(]([^（）()]{2,160}?)[）)]/g;
const LABELLED = /(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|参与单位)[：:]\s*([^；;。\n]+)/g;

/** Unit lists of one paragraph, each with the span of the task it governs. */
export function paragraphAssignments(doc: string, paragraph: Paragraph): Assignment[] {
  const found: Assignment[] = [];
  let taskStart = 0;
  for (const match of paragraph.text.matchAll(BRACKET)) {
    const inner = match[1]!;
    const at = match.index ?? 0;
    // Without role words a list counts only where lists stand: opening the task ("（基教处、教科院、各区市）2020年，…")
    // or closing it ("…体系（省教育厅、省财政厅）。", "…竞赛。（职教处、高教处）"), with every name a body's.
    // A list right after a sentence ends ("…职业技能竞赛。（职教处、高教处、教科院）2020年，…") closes the task before it.
    const opensOrCloses = at === 0 || /^[。；]?$/.test(paragraph.text.slice(at + match[0].length).trim()) || /[。；]$/.test(paragraph.text.slice(0, at).trim());
    const roleless = !/牵头|负责|配合|参与|协同/.test(inner) && !FIRST_LEADS.test(inner);
    if (roleless && !opensOrCloses) continue;
    const bodies = readUnitList(inner, { roleless });
    if (!bodies) continue;
    if (roleless && at === 0) {
      // An opening list governs the whole task after it.
      found.push({ doc, paragraphId: paragraph.id, location: paragraph.location, text: match[0], taskStart: match[0].length, taskEnd: paragraph.text.length, bodies });
      taskStart = match[0].length;
      continue;
    }
    found.push({ doc, paragraphId: paragraph.id, location: paragraph.location, text: match[0], taskStart, taskEnd: at, bodies });
    taskStart = at + match[0].length;
  }
  const labelled: AssignedBody[] = [];
  let labelledAt = -1;
  for (const match of paragraph.text.matchAll(LABELLED)) {
    const role: AssignmentRole = /牵头/.test(match[1]!) ? "lead" : /配合|参与/.test(match[1]!) ? "cooperate" : "responsible";
    // "（责任单位：市住房城乡建设局、市大数据局）": the bracket closing the list is not the last name's.
    const names = splitBodies(match[2]!.replace(/[）)]+\s*$/, "")).filter((name) => BODY_NAME.test(name));
    for (const name of names) labelled.push({ name, role });
    if (labelledAt < 0) labelledAt = match.index ?? 0;
  }
  if (labelled.length > 0) found.push({ doc, paragraphId: paragraph.id, location: paragraph.location, text: paragraph.text.slice(labelledAt), taskStart: 0, taskEnd: labelledAt, bodies: labelled });
  return found;
}

/** Every unit list in a plan, in document order. */
export function extractAssignments(plan: Plan): Assignment[] {
  return plan.paragraphs.flatMap((paragraph) => paragraphAssignments(plan.doc, paragraph));
}

/** The lead of an assignment first, then the others in the order written; role words in Chinese. */
export function describeAssignment(assignment: Assignment): string {
  const byRole = (role: AssignmentRole) => assignment.bodies.filter((body) => body.role === role).map((body) => body.name);
  const parts = [
    byRole("lead").length ? `${byRole("lead").join("、")}牵头` : "",
    byRole("responsible").length ? `${byRole("responsible").join("、")}负责` : "",
    byRole("cooperate").length ? `${byRole("cooperate").join("、")}配合` : "",
    byRole("fund").length ? `${byRole("fund").join("、")}保障经费` : "",
    byRole("supervise").length ? `${byRole("supervise").join("、")}督导` : "",
  ].filter(Boolean);
  return parts.join("，");
}
