import { expect, it } from "vitest";
import { createRedactor } from "./redact-secrets.js";

it("removes the given secrets and anything shaped like a Slack token", () => {
  const redact = createRedactor(["8f742231b10e8888abcd99yyyzzz85a5", undefined, "abc"]);
  expect(redact("secret 8f742231b10e8888abcd99yyyzzz85a5 in a message")).toBe("secret [redacted] in a message");
  expect(redact("Bearer xoxb-111-222-abcDEF and xapp-1-A111-222-abc")).toBe("Bearer [redacted] and [redacted]");
  expect(redact("xoxp-1-2-3 xoxe.xoxb-1-abc")).toBe("[redacted] [redacted]");
  // Too short to be a secret: never blank out ordinary words.
  expect(redact("abc")).toBe("abc");
});
