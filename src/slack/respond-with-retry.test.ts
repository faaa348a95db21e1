import type { RespondArguments } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { respondWithRetry } from "./respond-with-retry.js";

describe("respondWithRetry", () => {
  it("posts once when the first post succeeds", async () => {
    const posts: RespondArguments[] = [];
    await respondWithRetry(async (message) => posts.push(message), { text: "答案" }, [1, 1]);
    expect(posts).toEqual([{ text: "答案" }]);
  });

  it("retries after a failure and stops at the first success", async () => {
    let calls = 0;
    await respondWithRetry(async () => {
      calls += 1;
      if (calls === 1) throw new Error("502");
    }, { text: "答案" }, [1, 1]);
    expect(calls).toBe(2);
  });

  it("gives up after the last delay with the last error", async () => {
    let calls = 0;
    await expect(
      respondWithRetry(async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      }, { text: "答案" }, [1, 1]),
    ).rejects.toThrow("failure 3");
    expect(calls).toBe(3);
  });
});
