import { describe, expect, it } from "vitest";
import { createInFlight } from "./in-flight.js";

describe("createInFlight", () => {
  it("drains once the work in progress, including work started meanwhile, has settled", async () => {
    const inFlight = createInFlight();
    let releaseFirst = () => {};
    const first = inFlight.run(() => new Promise<string>((resolve) => (releaseFirst = () => resolve("done"))));
    const failing = inFlight.run(() => Promise.reject(new Error("fails")));
    await expect(failing).rejects.toThrow("fails");
    expect(inFlight.size).toBe(1);

    const drained = inFlight.drain(5_000);
    let releaseSecond = () => {};
    void inFlight.run(() => new Promise<void>((resolve) => (releaseSecond = resolve)));
    releaseFirst();
    expect(await first).toBe("done");
    releaseSecond();
    expect(await drained).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it("gives up after the timeout", async () => {
    const inFlight = createInFlight();
    void inFlight.run(() => new Promise(() => {}));
    expect(await inFlight.drain(20)).toBe(false);
  });
});
