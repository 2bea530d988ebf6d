/** Shared set-up for the digest integration suites: databases, a tenant, fake clock and poster. */
import { openDatabase, type Database } from "../../src/data/database.js";
import type { TestTarget } from "../support/test-databases.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { createDigestScheduler, type DigestScheduler, type SchedulerOptions } from "../../src/digests/scheduler.js";
import { createDigestStore } from "../../src/data/digest-store.js";

export type Harness = {
  databases: Database[];
  clock: { now: Date };
  poster: RecordingPoster;
  tenantId: number;
  scheduler(index?: number, options?: Partial<SchedulerOptions>): DigestScheduler;
  subscribe(input: { kind?: string; channelRef?: string; localTime: string; timeZone: string; weekdays?: number[]; postWhenEmpty?: boolean; createdAt?: Date }): Promise<number>;
  close(): Promise<void>;
};

/** `connections` separate databases handles (pools) on PostgreSQL; one shared PGlite otherwise. */
export async function createHarness(target: TestTarget, connections = 1): Promise<Harness> {
  const { target: databaseTarget, drop } = await target.create();
  const first = await openDatabase(databaseTarget, { poolSize: 3 });
  const databases = [first];
  for (let index = 1; index < connections; index++) {
    databases.push(databaseTarget.kind === "postgres" ? await openDatabase(databaseTarget, { migrate: false, poolSize: 3 }) : first);
  }
  const clock = { now: new Date("2026-11-23T00:00:00Z") };
  const poster = createRecordingPoster({ clock: () => clock.now.getTime() });
  const tenant = await first.prisma.tenant.create({ data: { platform: "console", externalId: `digests-${Date.now()}`, name: "Digests" } });
  return {
    databases,
    clock,
    poster,
    tenantId: tenant.id,
    scheduler(index = 0, options = {}) {
      return createDigestScheduler({
        store: createDigestStore(databases[index % databases.length]!.prisma),
        poster,
        clock: () => clock.now,
        sleep: async () => undefined,
        processId: `p${index}`,
        ...options,
      });
    },
    async subscribe(input) {
      const row = await first.prisma.digestSubscription.create({
        data: {
          tenantId: tenant.id,
          kind: input.kind ?? "followups",
          channelRef: input.channelRef ?? "console:stdout",
          localTime: input.localTime,
          timeZone: input.timeZone,
          weekdays: input.weekdays ?? [1, 2, 3, 4, 5, 6, 7],
          postWhenEmpty: input.postWhenEmpty ?? true,
          createdAt: input.createdAt ?? clock.now,
        },
      });
      return row.id;
    },
    async close() {
      for (const database of new Set(databases)) await database.close();
      await drop();
    },
  };
}
