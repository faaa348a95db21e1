import type { Plan } from "../parse/plan-types.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import type { QuestionAnalysis } from "./analyze-question.js";

// After a district's short name (万州), these start a new word: the name stands alone, not inside a
// proper noun such as 梁平中学.
const AFTER_SHORT_NAME = /^(?:$|[的有要是在将和与及\d，,。？?！!、\s]|区|县|教育|规划|十[三四]五|全区|全县|学前|义务|高中|普通|中等)/;

// "咱们区", "我们县", "本区": the asker's own district, i.e. a loaded plan's (not 本区域, 我们区分).
const OWN_DISTRICT = /(?:咱们|我们|咱|我|本)([区县旗])的?(?![分别域])/g;

/**
 * The question without the names of the loaded plans' districts ("江北区有多少所小学" → "有多少所
 * 小学") or the asker's word for them ("咱们区"), re-segmented. Once the district has chosen the
 * plan, its name says nothing about the topic, and its pieces (江北, 北区) would dilute every lookup.
 */
export function stripPlaceNames(analysis: QuestionAnalysis, plans: readonly Plan[], segmenter: Segmenter): QuestionAnalysis {
  const full = new Set<string>();
  const short = new Set<string>();
  for (const plan of plans) {
    const district = plan.metadata.district?.toLowerCase();
    if (!district) continue;
    full.add(district);
    const bare = district.replace(/[区县旗]$/, "");
    if (bare.length >= 2) short.add(bare);
  }
  let text = analysis.text.replace(OWN_DISTRICT, (match, suffix: string) => ([...full].some((district) => district.endsWith(suffix)) ? "" : match));
  for (const name of [...full].sort((left, right) => right.length - left.length)) text = text.split(`${name}的`).join("").split(name).join("");
  for (const name of [...short].sort((left, right) => right.length - left.length)) {
    let index = text.indexOf(name);
    while (index !== -1) {
      if (AFTER_SHORT_NAME.test(text.slice(index + name.length))) {
        text = `${text.slice(0, index)}${text.slice(index + name.length).replace(/^的/, "")}`;
        index = text.indexOf(name, index);
      } else {
        index = text.indexOf(name, index + name.length);
      }
    }
  }
  if (text === analysis.text) return analysis;
  const tokens = segmenter.cut(text);
  return { ...analysis, text, tokens, content: contentTokens(tokens) };
}
