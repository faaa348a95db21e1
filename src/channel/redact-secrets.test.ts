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

it("removes Feishu tokens, bearer tokens and DingTalk session and ticket parameters", () => {
  const redact = createRedactor([]);
  expect(redact("token t-g1044ab9LKJHGFDSAqwertyuiop12345 expired")).toBe("token [redacted] expired");
  expect(redact("Authorization: Bearer abcdef0123456789")).toBe("Authorization: Bearer [redacted]");
  expect(redact("POST https://oapi.dingtalk.com/robot/sendBySession?session=c5e1f0a9b8&x=1")).toBe("POST https://oapi.dingtalk.com/robot/sendBySession?session=[redacted]&x=1");
  expect(redact("wss://gateway/connect?ticket=4a7b-9c1d")).toBe("wss://gateway/connect?ticket=[redacted]");
  expect(redact("wss://msg-frontier/ws/v2?device_id=7&access_key=9f8e7d6c5b&service_id=1")).toBe("wss://msg-frontier/ws/v2?device_id=7&access_key=[redacted]&service_id=1");
  // Ordinary words with a dash are left alone.
  expect(redact("a-b t-shirt u-turn")).toBe("a-b t-shirt u-turn");
});
