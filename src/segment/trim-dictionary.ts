/** Words questions use that a plan's text may not contain; kept in every trimmed dictionary. */
export const QUESTION_WORDS: readonly string[] = (
  "多少 哪些 哪个 哪几 几个 几项 几所 几名 怎么 怎样 如何 什么 为什么 是否 有没有 负责 牵头 谁 部门 单位 目标 指标 " +
  "约束性 预期性 属性 变化 提高 下降 增加 减少 达到 预计 计划 新建 续建 迁建 改扩建 建成 创建 项目 介绍 概述 " +
  "内容 主要 包括 讲 章 节 篇 专栏 文号 日期 印发 发布 天气 人口 经济 诗 写 孩子 老师 钱 学校 同事 新同事 " +
  "百分点 比例 占比 万人 人次 年 去年 今年 明年 现在 目前 以后 未来"
).split(/\s+/);

/**
 * Keeps the entries of a jieba dictionary that can matter for a corpus: words that occur in its
 * text (jieba only consults dictionary words that are substrings of the sentence being cut), plus
 * `keepWords`. One filler entry carries the frequency mass of the dropped words, so word
 * probabilities, and therefore the segmentation of the corpus, stay as with the full dictionary.
 * (Words inserted later with insertWord get the dictionary's median weight, which trimming shifts,
 * so a few runs around such words may be cut differently; documents and questions share the one
 * segmenter, so matching stays consistent.) Loading takes tens of milliseconds instead of a second.
 */
export function trimDictionary(fullDictionary: string, corpus: readonly string[], keepWords: Iterable<string>, maxWordLength = 16): string {
  const substrings = new Set<string>(keepWords);
  for (const text of corpus) {
    for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
      for (let start = 0; start < run.length; start += 1) {
        for (let length = 1; length <= maxWordLength && start + length <= run.length; length += 1) substrings.add(run.slice(start, start + length));
      }
    }
  }
  const kept: string[] = [];
  let total = 0;
  let keptTotal = 0;
  for (const line of fullDictionary.split("\n")) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    const frequency = Number.parseFloat(line.slice(space + 1));
    if (!Number.isFinite(frequency)) continue;
    total += frequency;
    if (substrings.has(line.slice(0, space))) {
      kept.push(line.trimEnd());
      keptTotal += frequency;
    }
  }
  // "〇〇〇〇〇〇〇〇" never occurs in normalised text (Chinese-digit years become Arabic digits).
  kept.push(`〇〇〇〇〇〇〇〇 ${Math.max(1, Math.round(total - keptTotal))} x`);
  return `${kept.join("\n")}\n`;
}
