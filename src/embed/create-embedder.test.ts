import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding, startFakeModelServer, type FakeModelServer } from "../../test/fakes/fake-model-server.js";
import { loadConfig } from "../config/load-config.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Segmenter } from "../segment/segmenter.js";
import { buildIndex, indexFingerprint } from "../store/build-index.js";
import { loadIndex } from "../store/load-index.js";
import { createEmbedder } from "./create-embedder.js";

/** Characters as tokens: enough for these tests, and no dictionary to load. */
const segmenter: Segmenter = { id: "test-characters", cut: (text) => [...text].filter((char) => /\S/.test(char)), words: (text) => [...text] };

const PLAN_TEXT = `示例区教育发展规划（2021—2025年）
第一篇  发展环境
第一章  发展成就
全区现有各级各类学校203所、在校中小学生和在园幼儿11.82万人。
2016年至2020年全区财政教育投入累计84.03亿元，年均增幅达13.1%。
第二章  面临挑战
优质教育资源总量不足，城乡之间差距仍然存在。
`;

describe("createEmbedder", () => {
  let server: FakeModelServer;
  const directories: string[] = [];
  beforeEach(async () => {
    server = await startFakeModelServer({ embeddingDimension: 16 });
  });
  afterEach(async () => {
    await server.close();
    await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it("defaults to the offline hashed embedder", async () => {
    const embedder = createEmbedder(loadConfig({}), segmenter);
    expect(embedder.id).toBe("hashed-tfidf-512+test-characters");
    expect(embedder.dimension).toBe(512);
    expect(await embedder.embeddings.embedQuery("学前教育")).toHaveLength(512);
    expect(server.requests).toHaveLength(0);
  });

  it("embeds through an OpenAI-compatible /embeddings endpoint, asking for float vectors", async () => {
    const config = loadConfig({ EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: server.openAiBaseUrl, EMBEDDINGS_API_KEY: "sk-embed-77", EMBEDDINGS_MODEL: "bge-m3" });
    const embedder = createEmbedder(config, segmenter);
    expect(embedder.id).toBe(`openai:bge-m3@${new URL(server.url).host}`);
    expect(embedder.dimension).toBeNull();

    expect(await embedder.embeddings.embedDocuments(["学前教育", "义务教育"])).toEqual([fakeEmbedding("学前教育", 16), fakeEmbedding("义务教育", 16)]);
    expect(await embedder.embeddings.embedQuery("教育投入")).toEqual(fakeEmbedding("教育投入", 16));

    const requests = server.requestsTo("openai-embeddings");
    expect(requests.map((request) => request.path)).toEqual(["/v1/embeddings", "/v1/embeddings"]);
    expect(requests[0]!.body).toEqual({ model: "bge-m3", input: ["学前教育", "义务教育"], encoding_format: "float" });
    expect(requests[0]!.headers.authorization).toBe("Bearer sk-embed-77");
  });

  it("embeds through Ollama's /api/embed", async () => {
    const config = loadConfig({ EMBEDDINGS_PROVIDER: "ollama", EMBEDDINGS_BASE_URL: server.url, EMBEDDINGS_MODEL: "bge-m3:latest" });
    const embedder = createEmbedder(config, segmenter);
    expect(embedder.id).toBe(`ollama:bge-m3:latest@${new URL(server.url).host}`);
    expect(await embedder.embeddings.embedDocuments(["学前教育", "义务教育"])).toEqual([fakeEmbedding("学前教育", 16), fakeEmbedding("义务教育", 16)]);
    expect(await embedder.embeddings.embedQuery("教育投入")).toEqual(fakeEmbedding("教育投入", 16));
    const [request] = server.requestsTo("ollama-embed");
    expect(request!.body).toMatchObject({ model: "bge-m3:latest", input: ["学前教育", "义务教育"] });
  });

  it("names the default endpoints in the id and asks for a key for api.openai.com", () => {
    expect(createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_API_KEY: "sk-x", EMBEDDINGS_MODEL: "text-embedding-3-small" }), segmenter).id).toBe("openai:text-embedding-3-small@api.openai.com");
    expect(createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: "ollama", EMBEDDINGS_MODEL: "bge-m3" }), segmenter).id).toBe("ollama:bge-m3@127.0.0.1:11434");
    expect(() => createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_MODEL: "text-embedding-3-small" }), segmenter)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });

  it("builds an index with a remote embedder: the manifest records it, queries go through it, another model is stale", async () => {
    const root = await mkdtemp(join(tmpdir(), "index-"));
    directories.push(root);
    const embedder = createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: server.openAiBaseUrl, EMBEDDINGS_MODEL: "bge-m3" }), segmenter);
    const plan = parsePlan("示例规划", PLAN_TEXT);
    const seeds = [{ doc: "示例规划", file: "example.txt", sha256: "0".repeat(64), bytes: PLAN_TEXT.length }];

    const built = await buildIndex({ root, plans: [plan], seeds, segmenter, embedder });
    expect(built.manifest.embedder).toEqual({ id: embedder.id, dimension: 16 });

    const loaded = await loadIndex(root, indexFingerprint(seeds, segmenter, embedder), embedder);
    expect(loaded.kind).toBe("loaded");
    const before = server.requestsTo("openai-embeddings").length;
    if (loaded.kind === "loaded") await loaded.index.vectorStore.similaritySearch("教育投入", 1);
    const queries = server.requestsTo("openai-embeddings").slice(before);
    expect(queries.map((request) => (request.body as { input: unknown }).input)).toEqual(["教育投入"]);

    const other = createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: "ollama", EMBEDDINGS_BASE_URL: server.url, EMBEDDINGS_MODEL: "bge-m3" }), segmenter);
    const stale = await loadIndex(root, indexFingerprint(seeds, segmenter, other), other);
    expect(stale).toMatchObject({ kind: "stale", reason: expect.stringContaining(embedder.id) });
  });
});
