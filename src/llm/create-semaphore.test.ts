import { describe, expect, it } from "vitest";
import { createSemaphore } from "./create-semaphore.js";

describe("createSemaphore", () => {
  it("lets at most `limit` holders in and serves waiters in order", async () => {
    const semaphore = createSemaphore(2);
    const first = await semaphore.acquire();
    await semaphore.acquire();
    const order: string[] = [];
    const third = semaphore.acquire().then((release) => (order.push("third"), release));
    const fourth = semaphore.acquire().then((release) => (order.push("fourth"), release));
    expect(semaphore.active).toBe(2);
    expect(semaphore.waiting).toBe(2);
    first();
    first(); // a second call is ignored
    (await third)();
    (await fourth)();
    expect(order).toEqual(["third", "fourth"]);
    expect(semaphore.waiting).toBe(0);
    expect(semaphore.active).toBe(1);
  });

  it("drops a waiter whose signal aborts", async () => {
    const semaphore = createSemaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");
    expect(semaphore.waiting).toBe(0);
    release();
    expect(semaphore.active).toBe(0);
  });

  it("rejects at once when the signal has already aborted, and refuses a bad limit", async () => {
    await expect(createSemaphore(1).acquire(AbortSignal.abort())).rejects.toBeDefined();
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});
