/** Our injected Logger (pino-shaped) as the Logger interface Bolt and the Slack clients expect. */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../../core/logger.js";

const RANK: Record<string, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/**
 * The Slack clients log whole HTTP request bodies at debug (OAuth codes, client secrets, tokens),
 * inside the message string where pino's path-based redaction cannot see them: scrub them here.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(/xox[a-z]-[\w-]+/gi, "[redacted]")
    .replace(/xapp-[\w-]+/gi, "[redacted]")
    .replace(/(\\?"(?:client_secret|code|token|refresh_token|signing_secret)\\?"\s*:\s*\\?")[^"\\]*/gi, "$1[redacted]");
}

/** `scrub` is scrubSecrets; the secrets reliability test swaps it out to see that its row can fail. */
export function toBoltLogger(logger: Logger, level: LogLevel = LogLevel.INFO, scrub: (text: string) => string = scrubSecrets): BoltLogger {
  let current = level;
  let named = logger;
  const enabled = (at: LogLevel) => (RANK[at] ?? 0) >= (RANK[current] ?? 1);
  const line = (messages: unknown[]) =>
    scrub(messages.map((message) => (message instanceof Error ? message.message : typeof message === "string" ? message : JSON.stringify(message))).join(" "));
  const firstError = (messages: unknown[]) => messages.find((message): message is Error => message instanceof Error);
  return {
    debug: (...messages: unknown[]) => enabled(LogLevel.DEBUG) && named.debug(line(messages)),
    info: (...messages: unknown[]) => enabled(LogLevel.INFO) && named.info(line(messages)),
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
