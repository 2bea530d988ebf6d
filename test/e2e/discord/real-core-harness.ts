/**
 * The real thing minus Discord: discord.js Client <-> fake Discord, and the real core (createApp on
 * in-memory PGlite, demo data, fixed clock) behind it. `slowMs` delays every api call, like a slow
 * database, without touching what the core does.
 */
import { afterAll, beforeAll } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/index.js";
import type { Actor } from "../../../src/core/actor.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { startFakeDiscord, type FakeDiscord, type RecordedCall } from "../../fakes/discord/fake-discord.js";
import { PERMISSIONS, type InteractionContext } from "../../fakes/discord/payloads.js";
import { FIXED_NOW } from "../../support/test-app.js";
import { memoryLogger } from "./harness.js";

export const OTHER_GUILD = { id: "200000000000000099", name: "Rival Corp", channelId: "300000000000000099", ownerId: "400000000000000099" };

export type RealCoreHarness = Awaited<ReturnType<typeof startRealCoreHarness>>;

/** `askTimeZone`: the core's one-time time zone question is on (off elsewhere, so other suites see only their own calls). */
export type RealCoreHarnessOptions = { askTimeZone?: boolean };

export async function startRealCoreHarness(options: RealCoreHarnessOptions = {}) {
  const fake: FakeDiscord = await startFakeDiscord();
  const clock = { now: FIXED_NOW };
  const app: App = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => clock.now });
  const { rapport, database } = app;
  const prisma = database.prisma;

  const member: InteractionContext = {
    applicationId: fake.applicationId,
    guild: fake.guild,
    actor: { user: { id: "500000000000000001", username: "ana", global_name: "Ana Rep" }, permissions: PERMISSIONS.member },
  };
  const admin: InteractionContext = {
    ...member,
    actor: { user: { id: "500000000000000002", username: "max", global_name: "Max Boss" }, nick: "Max (Sales lead)", permissions: PERMISSIONS.manager },
  };
  const rival: InteractionContext = {
    applicationId: fake.applicationId,
    guild: OTHER_GUILD,
    actor: { user: { id: "500000000000000099", username: "eve", global_name: "Eve Rival" }, permissions: PERMISSIONS.manager },
  };
  const actorOf = (ctx: InteractionContext): Actor => ({
    platform: "discord",
    tenantExternalId: ctx.guild.id,
    userExternalId: ctx.actor.user.id,
    profile: { displayName: ctx.actor.user.global_name ?? ctx.actor.user.username, isPlatformAdmin: ctx.actor.permissions === PERMISSIONS.manager },
  });

  // The guild's admin arrives first (and would be admin anyway: Manage Server); then the demo data.
  const tenantA = (await rapport.identify(actorOf(admin))).tenant;
  await loadDemoData(prisma, tenantA.id, "2026-11-23");
  const tenantB = (await rapport.identify(actorOf(rival))).tenant;
  await loadDemoData(prisma, tenantB.id, "2026-11-23");

  const slow = { ms: 0 };
  const delay = async () => {
    if (slow.ms > 0) await new Promise((resolve) => setTimeout(resolve, slow.ms));
  };
  const api: RapportApi = {
    commands: rapport.commands,
    runText: async (input) => (await delay(), rapport.runText(input)),
    runArgs: async (input) => (await delay(), rapport.runArgs(input)),
    undo: async (input) => (await delay(), rapport.undo(input)),
    pick: async (input) => (await delay(), rapport.pick(input)),
    suggest: async (input) => (await delay(), rapport.suggest!(input)),
    localeOf: async (input) => (await delay(), rapport.localeOf!(input)),
    ...(options.askTimeZone ? { claimTimeZoneQuestion: (input: { actor: Actor }) => rapport.claimTimeZoneQuestion!(input) } : {}),
  };

  const logger = memoryLogger();
  const makeBot = () =>
    createDiscordBot({
      api,
      config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      logger,
      options: { loginBaseDelayMs: 20 },
    });
  let bot: DiscordBot = makeBot();
  await bot.start();

  const callback = (interaction: { id: string }, timeoutMs = 5_000): Promise<RecordedCall> =>
    fake.waitForCall((call) => call.method === "POST" && call.path.startsWith(`/interactions/${interaction.id}/`), timeoutMs);

  return {
    fake,
    app,
    prisma,
    clock,
    slow,
    logger,
    member,
    admin,
    rival,
    tenantA,
    tenantB,
    get bot() {
      return bot;
    },
    callback,
    /** A fresh process: new Client, empty replay memory (the database still remembers). */
    async restartBot() {
      await bot.stop();
      bot = makeBot();
      await bot.start();
    },
    async close() {
      await bot.stop();
      await fake.close();
      await app.close();
    },
  };
}

/**
 * Starts the harness before the file's tests and closes it after them. The returned object reads
 * through to the running harness, so suites write `h.fake` as if they held it directly.
 */
export function useRealCoreHarness(options: RealCoreHarnessOptions = {}): RealCoreHarness {
  let running: RealCoreHarness | undefined;
  beforeAll(async () => {
    running = await startRealCoreHarness(options);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });
  return new Proxy({} as RealCoreHarness, {
    get(_target, key) {
      if (!running) throw new Error("The real-core harness starts in beforeAll: use it inside tests and hooks.");
      return Reflect.get(running, key);
    },
  });
}
