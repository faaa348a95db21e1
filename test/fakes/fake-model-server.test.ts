import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding, startFakeModelServer, type FakeModelServer } from "./fake-model-server.js";

describe("fake model server", () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer({ defaultChatReply: { content: "默认回复" } });
  });
  afterEach(async () => {
    await server.close();
  });

  it("streams chat replies as server-sent events and serves the default reply once the script is used up", async () => {
    // `.stream()` rather than `streaming: true`: in streaming mode `invoke` estimates tokens with tiktoken, which downloads its tables.
    const model = new ChatOpenAI({ model: "fake", apiKey: "k", configuration: { baseURL: server.openAiBaseUrl }, maxRetries: 0 });
    const streamedText = async () => {
      let text = "";
      for await (const chunk of await model.stream("问")) text += chunk.text;
      return text;
    };
    server.enqueueChatReply({ content: "第一条回复" });
    expect(await streamedText()).toBe("第一条回复");
    expect(await streamedText()).toBe("默认回复");
    expect(server.requestsTo("openai-chat").map((request) => (request.body as { stream: boolean }).stream)).toEqual([true, true]);
  });

  it("returns base64 vectors that decode to the same floats", async () => {
    const embeddings = new OpenAIEmbeddings({ model: "fake-embed", apiKey: "k", configuration: { baseURL: server.openAiBaseUrl }, maxRetries: 0 });
    expect(await embeddings.embedQuery("教育")).toEqual(fakeEmbedding("教育"));
    expect(server.requestsTo("openai-embeddings")[0]!.body).toMatchObject({ encoding_format: "base64" });
  });

  it("speaks the legacy Ollama /api/embeddings and answers unknown routes with 404", async () => {
    const legacy = await fetch(`${server.url}/api/embeddings`, { method: "POST", body: JSON.stringify({ model: "m", prompt: "教育" }) });
    expect(await legacy.json()).toEqual({ embedding: fakeEmbedding("教育") });
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    expect(server.requests.map((request) => request.api)).toEqual(["ollama-embeddings", "other"]);
  });
});
