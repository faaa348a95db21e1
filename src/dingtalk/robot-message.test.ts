import { expect, it } from "vitest";
import { isAddressedToRobot, parseRobotMessage, questionOfRobotMessage } from "./robot-message.js";

const base = {
  msgId: "msg1",
  msgtype: "text",
  text: { content: " 2025年学前三年毛入园率目标是多少" },
  conversationId: "cid1",
  conversationType: "2",
  senderId: "$:LWCP_v1:$abc",
  senderStaffId: "staff1",
  sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
  sessionWebhookExpiredTime: 1_700_000_000_000,
  chatbotUserId: "$:LWCP_v1:$bot",
};

it("reads a robot message, its question, and whether a group message mentions the robot", () => {
  const mentioned = parseRobotMessage(JSON.stringify({ ...base, isInAtList: true }));
  expect(mentioned && questionOfRobotMessage(mentioned)).toBe("2025年学前三年毛入园率目标是多少");
  expect(mentioned && isAddressedToRobot(mentioned)).toBe(true);
  const byAtUsers = parseRobotMessage(JSON.stringify({ ...base, atUsers: [{ dingtalkId: "$:LWCP_v1:$bot" }] }));
  expect(byAtUsers && isAddressedToRobot(byAtUsers)).toBe(true);
  const notMentioned = parseRobotMessage(JSON.stringify({ ...base, isInAtList: false, atUsers: [{ dingtalkId: "someone" }] }));
  expect(notMentioned && isAddressedToRobot(notMentioned)).toBe(false);
  const direct = parseRobotMessage(JSON.stringify({ ...base, conversationType: "1", text: { content: "@张三 那2022年呢" } }));
  expect(direct && [isAddressedToRobot(direct), questionOfRobotMessage(direct)]).toEqual([true, "那2022年呢"]);
  const rich = parseRobotMessage(JSON.stringify({ ...base, conversationType: "1", msgtype: "richText", text: undefined, content: { richText: [{ text: "2025年学前三年毛入园率" }, { pictureDownloadCode: "code", type: "picture" }, { text: "目标是多少" }] } }));
  expect(rich && questionOfRobotMessage(rich)).toBe("2025年学前三年毛入园率 目标是多少");
  const picture = parseRobotMessage(JSON.stringify({ ...base, msgtype: "picture", text: undefined, content: { downloadCode: "code" } }));
  expect(picture && questionOfRobotMessage(picture)).toBe("");
  expect(parseRobotMessage("{}")).toBeNull();
  expect(parseRobotMessage("not json")).toBeNull();
});
