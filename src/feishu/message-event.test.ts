import { expect, it } from "vitest";
import { isAddressedToBot, parseMessageEvent, questionOfMessage, threadOfMessage } from "./message-event.js";

const event = (message: Record<string, unknown>) => ({
  event_id: "ev1",
  sender: { sender_id: { open_id: "ou_user" }, sender_type: "user" },
  message: { message_id: "om_1", chat_id: "oc_1", chat_type: "group", message_type: "text", content: JSON.stringify({ text: "@_user_1 2025年学前三年毛入园率目标是多少" }), mentions: [{ key: "@_user_1", id: { open_id: "ou_bot" }, name: "规划助手" }], ...message },
});

it("reads the question without mention keys, whether the bot is meant, and the thread", () => {
  const group = parseMessageEvent(event({}));
  expect(group && [questionOfMessage(group), isAddressedToBot(group, "ou_bot"), isAddressedToBot(group, "ou_other"), threadOfMessage(group)]).toEqual(["2025年学前三年毛入园率目标是多少", true, false, "om_1"]);
  const unmentioned = parseMessageEvent(event({ mentions: [] }));
  expect(unmentioned && isAddressedToBot(unmentioned, undefined)).toBe(false);
  const inThread = parseMessageEvent(event({ message_id: "om_2", root_id: "om_1" }));
  expect(inThread && threadOfMessage(inThread)).toBe("om_1");
  const direct = parseMessageEvent(event({ chat_type: "p2p", mentions: undefined, content: JSON.stringify({ text: "那2022年呢" }) }));
  expect(direct && [isAddressedToBot(direct, "ou_bot"), questionOfMessage(direct), threadOfMessage(direct)]).toEqual([true, "那2022年呢", null]);
  const image = parseMessageEvent(event({ message_type: "image", content: JSON.stringify({ image_key: "img" }) }));
  expect(image && questionOfMessage(image)).toBe("");
  expect(parseMessageEvent({})).toBeNull();
  const post = parseMessageEvent(event({ message_type: "post", content: JSON.stringify({ title: "", content: [[{ tag: "at", user_id: "@_user_1" }, { tag: "text", text: " 2025年学前三年毛入园率" }], [{ tag: "text", text: "目标是多少" }]] }) }));
  expect(post && questionOfMessage(post)).toBe("2025年学前三年毛入园率 目标是多少");
  const localized = parseMessageEvent(event({ message_type: "post", content: JSON.stringify({ zh_cn: { title: "", content: [[{ tag: "text", text: "那2022年呢" }]] } }) }));
  expect(localized && questionOfMessage(localized)).toBe("那2022年呢");
});
