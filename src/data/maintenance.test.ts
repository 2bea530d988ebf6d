import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openDatabase, type Database } from "./database.js";
import { scheduleNightlyTidy, tidyEmbeddedDatabase } from "./maintenance.js";
import { silentLogger } from "../core/logger.js";

describe("embedded database housekeeping", () => {
  let database: Database;
  const analysed = async () =>
    (await database.prisma.$queryRawUnsafe<{ reltuples: number }[]>("SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'tenants'"))[0]!.reltuples;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
  }, 60_000);
  afterAll(async () => database?.close());

  test("tidyEmbeddedDatabase vacuums and analyses PGlite (which never does it by itself)", async () => {
    await database.prisma.tenant.create({ data: { platform: "console", externalId: "tidy-1", name: "Tidy" } });
    expect(await analysed()).toBe(-1); // never analysed
    expect(await tidyEmbeddedDatabase(database)).toEqual({ ms: expect.any(Number) });
    expect(await analysed()).toBe(1);
  });

  test("is a no-op on a PostgreSQL server, which has autovacuum", async () => {
    expect(await tidyEmbeddedDatabase({ prisma: database.prisma, target: { kind: "postgres", url: "postgres://unused" } })).toBeNull();
    expect(scheduleNightlyTidy({ database: { prisma: database.prisma, target: { kind: "postgres", url: "postgres://unused" } }, logger: silentLogger, timeZone: "UTC" })).toBeNull();
  });

  test("runs nightly at the configured local time", async () => {
    await database.prisma.tenant.create({ data: { platform: "console", externalId: "tidy-2", name: "Tidy 2" } });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    try {
      vi.setSystemTime(new Date("2026-11-24T18:29:00Z")); // 02:29 in Shanghai
      const task = scheduleNightlyTidy({ database, logger: silentLogger, timeZone: "Asia/Shanghai", time: "02:30" })!;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await analysed()).toBe(1); // not yet
      await vi.advanceTimersByTimeAsync(35_000);
      await vi.waitFor(async () => expect(await analysed()).toBe(2), { timeout: 5_000, interval: 50 });
      await task.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
