import type { Location, Plan } from "../parse/plan-types.js";
import { splitClauses, splitSentences } from "../text/split-sentences.js";

export type ProjectAction = "新建" | "续建" | "迁建" | "改扩建" | "扩建" | "改建" | "建成" | "创建" | "升级改造";

/** A named project and what the plan says will be done with it. */
export interface ProjectMention {
  readonly name: string;
  readonly action: ProjectAction;
  /** Place qualifier written before the action (城区, 乡镇), if any. */
  readonly area: string | null;
  /** Verbatim sentence naming the project. */
  readonly sentence: string;
  readonly location: Location;
}

const ACTIONS = "改扩建|升级改造|新建|续建|迁建|扩建|改建|建成|创建";
// Institution names end in one of these; generic ones (公办幼儿园, 中心幼儿园) are filtered below.
const INSTITUTION = "幼儿园|小学|初中|中学|学校|职教中心|学院|产业学院|试验区|示范区|大学|中心";
const GENERIC_PREFIX = /^(公办|民办|中心|配套|小区配套|普通|特殊教育|寄宿制|乡镇寄宿制|乡村|城镇|优质|示范|特色|一批|各级|全部|部分|高水平中职|市级|区级|一贯制|高完中|现代化|标准化|附属|独立|节水型)$/;
const NAME = new RegExp(`^([\\u4e00-\\u9fa5]{2,14}?)(${INSTITUTION})$`);

function cleanName(raw: string): string | null {
  const name = raw.replace(/^.*[的于]/, "").replace(/^(城区|乡镇|全区|积极|大力|力争|支持|推进|一批|和|及|与)+/, "").replace(/[0-9]+[所个].*$/, "").trim();
  const match = NAME.exec(name);
  if (!match) return null;
  const prefix = match[1] ?? "";
  if (GENERIC_PREFIX.test(prefix) || prefix.length < 2) return null;
  // Names are proper nouns: reject descriptions holding verbs or quantities.
  if (/[0-9]|建设|发展|提升|推进|实施|完善|加强|开展|管理|中小学|新建|改扩建|扩建|改建|续建|迁建|^各|^一批/.test(prefix)) return null;
  return name;
}

/**
 * Finds named projects with their action: "城区续建东城幼儿园、双桂幼儿园和福德学校" gives three
 * 续建 mentions; "建成都梁中学" gives one 建成 mention.
 */
export function extractProjects(plan: Plan): ProjectMention[] {
  const mentions: ProjectMention[] = [];
  const actionPattern = new RegExp(`(城区|乡镇|农村)?(${ACTIONS})([^，。；：]*)`, "g");
  for (const paragraph of plan.paragraphs) {
    for (const sentence of splitSentences(paragraph.text)) {
      for (const clause of splitClauses(sentence.text)) {
        for (const match of clause.text.matchAll(actionPattern)) {
          const [, area, action, objectText] = match;
          const items = (objectText ?? "").replace(/[，,。；;：:]$/, "").split(/、|和|及|与/);
          for (const item of items) {
            const name = cleanName(item.trim());
            if (name) mentions.push({ name, action: action as ProjectAction, area: area ?? null, sentence: sentence.text, location: paragraph.location });
          }
        }
      }
    }
  }
  return mentions;
}
