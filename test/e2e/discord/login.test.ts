import { afterEach, describe, expect, test } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { createDiscordBot } from "../../../src/adapters/discord/index.js";
import { silentLogger } from "../../../src/core/logger.js";
import { startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import { memoryLogger, startHarness, type Harness } from "./harness.js";

let harness: Harness | undefined;
let core: App | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await core?.close();
  core = undefined;
});

/** A core for bots that only log in: the real one on an empty in-memory database. */
async function emptyCore(): Promise<App> {
  core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger });
  return core;
}

describe("discord.js Client against the fake Discord", () => {
  test("should fetch /gateway/bot, IDENTIFY with the Guilds intent only and become ready with the guild", async () => {
    harness = await startHarness();
    const { fake, bot } = harness;
    expect(fake.calls.some((call) => call.method === "GET" && call.path === "/gateway/bot")).toBe(true);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]).toMatchObject({ token: fake.token, intents: 1, shard: [0, 1] });
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.user?.id).toBe(fake.applicationId);
    expect(bot.client.guilds.cache.get(fake.guild.id)?.name).toBe("Acme Sales");
  });

  test("should heartbeat (op 1) on the interval from HELLO and get ACKs (op 11)", async () => {
    const fake = await startFakeDiscord({ heartbeatIntervalMs: 60 });
    const bot = createDiscordBot({
      api: (await emptyCore()).rapport,
      config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      logger: memoryLogger(),
    });
    try {
      await bot.start();
      await fake.waitFor(() => fake.gateway.heartbeats >= 3 || undefined, 3_000, "three heartbeats");
      expect(bot.client.ws.ping).toBeGreaterThanOrEqual(0);
      expect(fake.gateway.identifies).toHaveLength(1);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  test("should RESUME (not re-IDENTIFY) after the gateway drops the connection", async () => {
    harness = await startHarness();
    const { fake } = harness;
    fake.dropConnections(4000);
    await fake.waitFor(() => fake.gateway.resumes.length > 0 || undefined, 8_000, "a RESUME");
    await fake.waitForReady();
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.resumes[0]).toMatchObject({ token: fake.token, seq: 2 });
  });

  test("should retry a failed login with backoff after a 500 on /gateway/bot", async () => {
    const fake = await startFakeDiscord();
    fake.injectFault({ method: "GET", path: "/gateway/bot", status: 500, times: 4 });
    const logger = memoryLogger();
    const bot = createDiscordBot({
      api: (await emptyCore()).rapport,
      config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      logger,
      options: { loginBaseDelayMs: 20 },
    });
    try {
      await bot.start();
      expect(logger.entries.filter((e) => e.msg === "discord login failed; retrying")).toHaveLength(1);
      expect(bot.client.isReady()).toBe(true);
      expect(fake.gateway.identifies).toHaveLength(1);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  test("should stop at once on an invalid token instead of looping", async () => {
    const fake = await startFakeDiscord();
    const logger = memoryLogger();
    const bot = createDiscordBot({
      api: (await emptyCore()).rapport,
      config: { token: "wrong-token", applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      logger,
      options: { loginBaseDelayMs: 20 },
    });
    try {
      await expect(bot.start()).rejects.toThrow();
      expect(fake.gateway.identifies).toHaveLength(0);
      expect(fake.calls.filter((call) => call.path === "/gateway/bot")).toHaveLength(1);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
