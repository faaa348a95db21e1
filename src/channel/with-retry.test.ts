import { expect, it } from "vitest";
import { isRetryableError, withRetry } from "./with-retry.js";

it("retries server errors and network failures, not client errors", async () => {
  let calls = 0;
  const result = await withRetry(
    async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error("busy"), { status: 503 });
      return "ok";
    },
    { delaysMs: [1, 1] },
  );
  expect([result, calls]).toEqual(["ok", 3]);

  calls = 0;
  await expect(
    withRetry(
      async () => {
        calls += 1;
        throw Object.assign(new Error("bad request"), { status: 400 });
      },
      { delaysMs: [1, 1] },
    ),
  ).rejects.toThrow("bad request");
  expect(calls).toBe(1);
  expect([isRetryableError(new Error("socket hang up")), isRetryableError({ response: { status: 429 } }), isRetryableError({ response: { status: 404 } })]).toEqual([true, true, false]);
});
