import { describe, expect, it } from "vitest";
import { createLoadShedder } from "./load-shedder.js";

describe("createLoadShedder", () => {
  it("runs up to capacity at once, sheds the rest at once, and admits again as runs settle", async () => {
    const shedder = createLoadShedder(2);
    const releases: (() => void)[] = [];
    const hold = () => new Promise<string>((resolve) => releases.push(() => resolve("done")));
    const first = shedder.tryRun(hold);
    const second = shedder.tryRun(() => Promise.reject(new Error("fails")));
    expect(shedder.inProgress).toBe(2);
    expect(shedder.tryRun(hold)).toBeNull();
    await expect(second).rejects.toThrow("fails");
    expect(shedder.inProgress).toBe(1);
    const third = shedder.tryRun(hold);
    expect(third).not.toBeNull();
    expect(shedder.tryRun(hold)).toBeNull();
    for (const release of releases) release();
    expect(await first).toBe("done");
    expect(await third).toBe("done");
    expect(shedder.inProgress).toBe(0);
  });

  it("releases the slot when the work throws before returning a promise", async () => {
    const shedder = createLoadShedder(1);
    await expect(
      shedder.tryRun(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    expect(shedder.inProgress).toBe(0);
  });

  it("rejects a capacity below one", () => {
    expect(() => createLoadShedder(0)).toThrow(RangeError);
  });
});
