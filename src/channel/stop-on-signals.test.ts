import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { stopOnSignals } from "./stop-on-signals.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe("stopOnSignals", () => {
  it("stops gracefully on SIGTERM and exits 0; a second signal exits 1 at once", async () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    let finishStop = () => {};
    let stopCalls = 0;
    const target = {
      stop: () => {
        stopCalls += 1;
        return new Promise<void>((resolve) => (finishStop = resolve));
      },
    };
    const dispose = stopOnSignals(target, quiet, { source, exit: (code) => exits.push(code) });

    source.emit("SIGTERM");
    expect(stopCalls).toBe(1);
    source.emit("SIGINT");
    expect(exits).toEqual([1]);
    finishStop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1, 0]);

    dispose();
    expect(source.listenerCount("SIGTERM")).toBe(0);
    expect(source.listenerCount("SIGINT")).toBe(0);
  });

  it("exits 1 when stopping fails", async () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    stopOnSignals({ stop: () => Promise.reject(new Error("boom")) }, quiet, { source, exit: (code) => exits.push(code), signals: ["SIGTERM"] });
    source.emit("SIGTERM");
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
  });
});
