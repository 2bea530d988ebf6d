/** Our injected Logger (pino-shaped) as the Logger interface Bolt and the Slack clients expect. */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../../core/logger.js";

export function toBoltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let named = logger;
  const line = (messages: unknown[]) => messages.map((message) => (message instanceof Error ? message.message : typeof message === "string" ? message : JSON.stringify(message))).join(" ");
  const firstError = (messages: unknown[]) => messages.find((message): message is Error => message instanceof Error);
  return {
    debug: (...messages: unknown[]) => named.debug(line(messages)),
    info: (...messages: unknown[]) => named.info(line(messages)),
    warn: (...messages: unknown[]) => named.warn(line(messages)),
    error: (...messages: unknown[]) => {
      const error = firstError(messages);
      named.error(error ? { err: error } : {}, line(messages));
    },
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (name: string) => {
      named = logger.child({ component: name });
    },
  };
}
