/** The logging surface the adapter needs; a pino logger fits it. Injected, never a global. */
export type DiscordLogger = {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): DiscordLogger;
};

/** For callers that do not want logs (and for tests). */
export const silentLogger: DiscordLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
