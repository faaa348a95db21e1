import { verifySlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { signedHeaders, slackSignature } from "./slack-signing.js";

// Slack's documented example (https://docs.slack.dev/authentication/verifying-requests-from-slack/),
// as reproduced in python-slack-sdk's tests/slack_sdk/signature/test_signature_verifier.py.
const DOCUMENTED = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  rawBody:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

describe("slack signing helper", () => {
  it("reproduces Slack's documented signature", () => {
    expect(slackSignature(DOCUMENTED.signingSecret, DOCUMENTED.timestamp, DOCUMENTED.rawBody)).toBe(DOCUMENTED.signature);
  });

  it("produces headers that Bolt's own verifier accepts, and that fail for another secret or body", () => {
    const body = JSON.stringify({ type: "event_callback", event_id: "Ev1" });
    const headers = signedHeaders("secret-a", body, 1_700_000_000);
    const verify = (secret: string, rawBody: string) =>
      verifySlackRequest({
        signingSecret: secret,
        body: rawBody,
        headers: { "x-slack-signature": headers["x-slack-signature"] as string, "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]) },
        nowMilliseconds: 1_700_000_010_000,
      });
    expect(() => verify("secret-a", body)).not.toThrow();
    expect(() => verify("secret-b", body)).toThrow(/signature mismatch/);
    expect(() => verify("secret-a", `${body} `)).toThrow(/signature mismatch/);
  });
});
