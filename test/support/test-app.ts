/** A Rapport core on a real database with a fake clock, plus helpers to act as console users. */
import { createApp, type App } from "../../src/app.js";
import type { Actor } from "../../src/core/actor.js";
import { silentLogger } from "../../src/core/logger.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { CONSOLE_LOCAL_USER } from "../../src/core/console-tenant.js";
import type { TestTarget } from "./test-databases.js";

export const FIXED_NOW = new Date("2026-11-23T15:00:00Z"); // a Monday

export type TestApp = App & {
  clock: { now: Date };
  drop(): Promise<void>;
  /**
   * A console actor. "you" is the console's local user, and like `rapport console` it is flagged
   * platform admin (so it administers any tenant a test makes); everyone else arrives as a rep.
   */
  actor(tenant: string, user: string, profile?: Actor["profile"]): Actor;
  /** Runs a command line and returns the reply rendered as console text. */
  text(actor: Actor, line: string, idempotencyKey?: string): Promise<string>;
};

export async function createTestApp(target: TestTarget): Promise<TestApp> {
  const { target: databaseTarget, drop } = await target.create();
  const clock = { now: FIXED_NOW };
  const app = await createApp({ target: databaseTarget, logger: silentLogger, clock: () => clock.now, poolSize: 4 });
  return {
    ...app,
    clock,
    async drop() {
      await app.close();
      await drop();
    },
    actor: (tenant, user, profile) => ({
      platform: "console",
      tenantExternalId: tenant,
      userExternalId: user,
      profile: { ...(user === CONSOLE_LOCAL_USER ? { isPlatformAdmin: true } : {}), ...(profile ?? { timeZone: "UTC" }) },
    }),
    async text(actor, line, idempotencyKey) {
      return renderText(await app.rapport.runText({ actor, text: line, idempotencyKey }));
    },
  };
}
