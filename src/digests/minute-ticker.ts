/**
 * A tick every minute in every process (node-cron), for the digest scheduler and the morning
 * reminders. Exactly-once comes from the callers' database claims, not from this timer.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../core/logger.js";

export type MinuteTicker = { start(): void; stop(): Promise<void> };

export function minuteTicker(options: { name: string; tick: (at: Date) => Promise<unknown>; clock: () => Date; logger: Logger }): MinuteTicker {
  let task: ScheduledTask | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const runTick = () => {
    running = options.tick(options.clock()).catch((error) => options.logger.error({ err: error, ticker: options.name }, "minute tick failed"));
    return running;
  };
  return {
    start() {
      if (task) return;
      task = cron.schedule("* * * * *", () => runTick(), { name: options.name, noOverlap: true });
      void runTick();
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
      task = null;
      await running;
    },
  };
}
