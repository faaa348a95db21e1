import { describe, expect, it } from "vitest";
import { createConsoleLogger, createRedactingLogger, formatLogArguments } from "./channel-logger.js";

describe("createRedactingLogger", () => {
  it("redacts every line, filters by level, and follows setLevel", () => {
    const lines: string[] = [];
    const target = { debug: (line: string) => lines.push(`D ${line}`), info: (line: string) => lines.push(`I ${line}`), warn: (line: string) => lines.push(`W ${line}`), error: (line: string) => lines.push(`E ${line}`) };
    const logger = createRedactingLogger(target, (text) => text.replaceAll("s3cret", "[redacted]"), "info");
    logger.debug("hidden");
    logger.info("token", "s3cret", { nested: "s3cret" });
    logger.error(new TypeError("bad s3cret"));
    logger.setLevel("debug" as never);
    expect(logger.getLevel()).toBe("debug");
    logger.debug("now shown");
    expect(lines).toEqual(['I token [redacted] {"nested":"[redacted]"}', "E TypeError: bad [redacted]", "D now shown"]);
  });
});

describe("formatLogArguments", () => {
  it("survives values JSON cannot write", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(formatLogArguments(["a", 1, undefined, circular])).toBe("a 1 undefined [object Object]");
  });
});

describe("createConsoleLogger", () => {
  it("writes timestamped lines at or above its level", () => {
    const lines: string[] = [];
    const logger = createConsoleLogger("warn", (line) => lines.push(line));
    logger.info("no");
    logger.warn("yes");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* WARN yes$/);
  });
});
