import { describe, expect, it } from "vitest";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { createHashedEmbedder, HashedEmbeddings } from "./hashed-embeddings.js";

const segmenter = createJiebaSegmenter();

// Sentences of the plan (第十四章, 第十一章, 第十二章) and a paraphrase of the first.
const CORPUS = [
  "坚持开展校外培训机构专项治理和减轻校外培训负担工作。",
  "推行校外培训机构黑白名单制度，引导家长正确选择。",
  "实施乡村教师支持计划，补充新教师600名。",
  "推进智慧校园建设，实现无线网络全覆盖。",
  "加强学校食堂管理，落实校领导陪餐制度。",
];
const TEXT = CORPUS[0]!;
const PARAPHRASE = "校外培训机构的专项治理要坚持开展，减轻培训负担。";
const UNRELATED = "推进智慧校园建设，实现无线网络全覆盖。";

const norm = (vector: readonly number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
const cosine = (left: readonly number[], right: readonly number[]) => left.reduce((sum, value, index) => sum + value * right[index]!, 0) / (norm(left) * norm(right));

describe("HashedEmbeddings", () => {
  it("gives the same vector of the configured dimension for the same text, across instances", () => {
    const first = new HashedEmbeddings({ segmenter, dimension: 64 });
    const second = new HashedEmbeddings({ segmenter, dimension: 64 });
    const vector = first.embedText(TEXT);
    expect(vector).toHaveLength(64);
    expect(first.embedText(TEXT)).toEqual(vector);
    expect(second.embedText(TEXT)).toEqual(vector);
    expect(new HashedEmbeddings({ segmenter }).embedText(TEXT)).toHaveLength(512);
  });

  it("normalises to unit length, and gives a text without features the zero vector, not NaN", () => {
    const embeddings = new HashedEmbeddings({ segmenter, dimension: 128 });
    embeddings.fit(CORPUS);
    for (const text of [TEXT, PARAPHRASE, "规划", "2025"]) expect(norm(embeddings.embedText(text))).toBeCloseTo(1, 10);
    expect(embeddings.embedText("，。！")).toEqual(new Array(128).fill(0));
  });

  it("puts a paraphrase sharing the words nearer than an unrelated sentence", () => {
    const embeddings = new HashedEmbeddings({ segmenter });
    embeddings.fit(CORPUS);
    const vector = embeddings.embedText(TEXT);
    const paraphrase = cosine(vector, embeddings.embedText(PARAPHRASE));
    const unrelated = cosine(vector, embeddings.embedText(UNRELATED));
    expect(paraphrase).toBeGreaterThan(0.4);
    expect(unrelated).toBeLessThan(0.1);
  });

  it("features are word tokens plus character bigrams of CJK runs", () => {
    const features = new HashedEmbeddings({ segmenter }).features("减轻负担2025");
    expect(features).toEqual(expect.arrayContaining(["w:减轻", "w:负担", "w:2025", "b:减轻", "b:轻负", "b:负担"]));
    expect(features.filter((feature) => feature.startsWith("b:"))).toHaveLength(3);
  });

  it("restores the IDF learnt by fit: same vectors as the fitted instance, different from unfitted ones", () => {
    const fitted = new HashedEmbeddings({ segmenter });
    const idf = fitted.fit(CORPUS);
    const restored = new HashedEmbeddings({ segmenter });
    restored.restoreIdf(new Map(idf));
    for (const text of [TEXT, PARAPHRASE, "校外培训机构怎么管"]) expect(restored.embedText(text)).toEqual(fitted.embedText(text));
    expect(new HashedEmbeddings({ segmenter }).embedText(TEXT)).not.toEqual(fitted.embedText(TEXT));
    // Rare features weigh more than common ones.
    expect(idf.get("w:陪餐")).toBeGreaterThan(idf.get("w:校外")!);
  });

  it("embedDocuments and embedQuery agree with each other", async () => {
    const embeddings = new HashedEmbeddings({ segmenter });
    embeddings.fit(CORPUS);
    const [document, other] = await embeddings.embedDocuments([TEXT, UNRELATED]);
    expect(document).toEqual(await embeddings.embedQuery(TEXT));
    expect(other).toEqual(await embeddings.embedQuery(UNRELATED));
  });
});

describe("createHashedEmbedder", () => {
  it("names the segmenter in its id and reports its dimension", () => {
    const embedder = createHashedEmbedder(segmenter, 256);
    expect(embedder.id).toBe(`hashed-tfidf-256+${segmenter.id}`);
    expect(embedder.dimension).toBe(256);
    expect(createHashedEmbedder({ id: "other-segmenter", cut: (text) => [...text], words: (text) => [...text] }).id).toBe("hashed-tfidf-512+other-segmenter");
  });

  it("round-trips its fitted state through JSON, as the index manifest stores it", async () => {
    const built = createHashedEmbedder(segmenter, 128);
    const state = JSON.parse(JSON.stringify(built.fit!(CORPUS))) as unknown;
    const loaded = createHashedEmbedder(segmenter, 128);
    const before = await loaded.embeddings.embedQuery(PARAPHRASE);
    loaded.restore!(state);
    const after = await loaded.embeddings.embedQuery(PARAPHRASE);
    expect(after).toEqual(await built.embeddings.embedQuery(PARAPHRASE));
    expect(after).not.toEqual(before);
  });
});
