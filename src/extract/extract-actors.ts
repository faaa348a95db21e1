import type { Location, Plan } from "../parse/plan-types.js";
import { splitSentences } from "../text/split-sentences.js";

/** A sentence in which an organisation is given work. */
export interface Responsibility {
  readonly actor: string;
  readonly sentence: string;
  readonly location: Location;
}

// Organisations carrying responsibilities end in one of these words; 区/县/市/旗 alike, so a county's plan works too.
const ACTOR = /((?:[区县市旗]委教育工作领导小组|[区县市旗]委教育工委|[区县市旗]委|[区县市旗]政府|[区县市旗]教委|各级党组织|基层党组织|纪检监察机关|教育督导机构|教育行政部门|各级政府|政府各部门|各有关部门|相关部门|[区县市]级相关部门|职能部门)|(?:[\u4e00-\u9fa5]{1,6}(?:、[\u4e00-\u9fa5]{1,6})*及?[\u4e00-\u9fa5]{0,6}(?:主管部门))|乡镇（街道(?:办事处)?）|镇乡（街道）|领导小组)/g;

/** The organisations named in the plan, most specific first. */
export function extractActors(plan: Plan): Responsibility[] {
  const found: Responsibility[] = [];
  for (const paragraph of plan.paragraphs) {
    if (!paragraph.location.part && !paragraph.location.box) continue;
    for (const sentence of splitSentences(paragraph.text)) {
      const actors = new Set<string>();
      for (const match of sentence.text.matchAll(ACTOR)) {
        const actor = (match[1] ?? "").replace(/^(由|把|对|将|要|并|和|与|会同|推动|支持|配合)/, "");
        if (actor.length >= 2) actors.add(actor);
      }
      for (const actor of actors) found.push({ actor, sentence: sentence.text, location: paragraph.location });
    }
  }
  return found;
}
