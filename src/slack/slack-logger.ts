import type { LogLevel, Logger as BoltLogger } from "@slack/bolt";
import { type ChannelLogger, type ChannelLogLevel, createConsoleLogger, createRedactingLogger as createChannelRedactingLogger, formatLogArguments } from "../channel/channel-logger.js";

/** The logging the Slack adapter needs: the channels' logger. */
export type SlackLogger = ChannelLogger;
export type SlackLogLevel = ChannelLogLevel;
export { createConsoleLogger, formatLogArguments };

/**
 * The channels' redacting logger in the shape Bolt and the Web API client want
 * (setLevel/getLevel/setName with Bolt's LogLevel), so the same redaction covers what the libraries log.
 */
export function createRedactingLogger(target: SlackLogger, redact: (text: string) => string, level: SlackLogLevel): BoltLogger & SlackLogger {
  const logger = createChannelRedactingLogger(target, redact, level);
  return {
    ...logger,
    setLevel: (newLevel: LogLevel) => logger.setLevel(newLevel as ChannelLogLevel),
    getLevel: () => logger.getLevel() as LogLevel,
  };
}
