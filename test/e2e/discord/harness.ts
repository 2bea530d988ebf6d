/**
 * Shared set-up: the fake Discord, the real core (createApp on in-memory PGlite with the demo data
 * and a fixed clock) behind an instrumented wrapper, and the real bot (discord.js Client) between
 * them. `rapport` records every core call and can delay (a slow database) or fail the next one.
 */
import { createApp, type App } from "../../../src/app.js";
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/index.js";
import type { Actor } from "../../../src/core/actor.js";
import type { Admission } from "../../../src/core/admission.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { PlatformApiEvent } from "../../../src/core/platform-api-events.js";
import type { Logger } from "../../../src/core/logger.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { startFakeDiscord, type FakeDiscord, type RecordedCall } from "../../fakes/discord/fake-discord.js";
import { PERMISSIONS, type InteractionContext } from "../../fakes/discord/payloads.js";
import { instrumentCore } from "../../support/instrumented-core.js";
import { FIXED_NOW } from "../../support/test-app.js";

export const TODAY = "2026-11-23";

export type LogEntry = { level: string; obj: object; msg?: string };

export function memoryLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj: { ...bindings, ...obj }, ...(msg !== undefined ? { msg } : {}) });
  };
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (more) => memoryLogger(entries, { ...bindings, ...more }),
  };
}

/** A guild member (Ana, a rep) and a member with Manage Server (Max, an admin) in the fake guild. */
export function guildMembers(fake: FakeDiscord): { member: InteractionContext; admin: InteractionContext } {
  const member: InteractionContext = {
    applicationId: fake.applicationId,
    guild: fake.guild,
    actor: { user: { id: "500000000000000001", username: "ana", global_name: "Ana Rep" }, permissions: PERMISSIONS.member },
  };
  const admin: InteractionContext = {
    ...member,
    actor: { user: { id: "500000000000000002", username: "max", global_name: "Max Boss" }, nick: "Max (Sales lead)", permissions: PERMISSIONS.manager },
  };
  return { member, admin };
}

export function actorOf(ctx: InteractionContext): Actor {
  return {
    platform: "discord",
    tenantExternalId: ctx.guild.id,
    userExternalId: ctx.actor.user.id,
    profile: { displayName: ctx.actor.user.global_name ?? ctx.actor.user.username, isPlatformAdmin: ctx.actor.permissions === PERMISSIONS.manager },
  };
}

/** The real core on in-memory PGlite, the guild's admin first, then the demo data in that guild. */
export async function startDemoCore(admin: InteractionContext, now: Date = FIXED_NOW): Promise<{ app: App; tenantId: number }> {
  const app = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => now });
  const { tenant } = await app.rapport.identify(actorOf(admin));
  await loadDemoData(app.database.prisma, tenant.id, TODAY);
  return { app, tenantId: tenant.id };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(options: { deferAfterMs?: number; admission?: Admission; now?: Date; publicUrl?: string } = {}) {
  const fake: FakeDiscord = await startFakeDiscord();
  const { member, admin } = guildMembers(fake);
  const { app, tenantId } = await startDemoCore(admin, options.now);
  const rapport = instrumentCore(app.rapport);
  const logger = memoryLogger();
  const apiEvents: PlatformApiEvent[] = [];
  const bot: DiscordBot = createDiscordBot({
    api: rapport,
    config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    logger,
    ...(options.admission ? { admission: options.admission } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    options: { loginBaseDelayMs: 20, onApiEvent: (event) => apiEvents.push(event), ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}) },
  });
  await bot.start();

  /** The initial callback of an interaction, once recorded. */
  const callback = (interaction: { id: string }, timeoutMs = 5_000): Promise<RecordedCall> =>
    fake.waitForCall((call) => call.method === "POST" && call.path.startsWith(`/interactions/${interaction.id}/`), timeoutMs);

  return {
    apiEvents,
    fake,
    bot,
    rapport,
    app,
    prisma: app.database.prisma,
    tenantId,
    logger,
    member,
    admin,
    callback,
    async close() {
      await bot.stop();
      await fake.close();
      await app.close();
    },
  };
}
