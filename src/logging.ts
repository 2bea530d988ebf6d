/** pino logger: JSON lines on stderr, pretty when stderr is a terminal. Never logs tokens. */
import { pino } from "pino";
import type { Logger } from "./core/logger.js";

export function createLogger(level: string): Logger {
  const pretty = process.stderr.isTTY;
  return pino({
    level,
    redact: {
      paths: ["token", "*.token", "botToken", "*.botToken", "signingSecret", "*.signingSecret", "authorization", "*.authorization", "headers.authorization"],
      censor: "[redacted]",
    },
    transport: pretty ? { target: "pino-pretty", options: { destination: 2 } } : undefined,
  }, pretty ? undefined : pino.destination(2)) as unknown as Logger;
}
