/**
 * Every command in the registry says truthfully whether it writes (issue 12, item 3). A command
 * that writes while declaring it reads runs outside the transaction and without the idempotency
 * claim, so a replayed request writes twice. Each example of every command runs against a seeded
 * database (demo data, three digest subscriptions, digests bound to a recording poster); for every
 * call its definition declares a read, the database must be byte-for-byte unchanged and nothing
 * may be posted. The control flips `digest` back to `writes: false` and expects the check to fail.
 */
import { afterEach, describe, expect, test } from "vitest";
import { commands as registry } from "../../src/commands/index.js";
import { writesWith, type CommandDefinition } from "../../src/core/command.js";
import type { Actor } from "../../src/core/actor.js";
import { createRapport } from "../../src/core/rapport.js";
import { silentLogger } from "../../src/core/logger.js";
import { tokenize } from "../../src/core/tokenize.js";
import { createDirectory } from "../../src/data/directory.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const admin: Actor = { platform: "console", tenantExternalId: "declared-writes", userExternalId: "you", profile: { timeZone: "UTC", isPlatformAdmin: true } };

/**
 * Rows a read may add: `export` records in the audit log that a file left the CRM. That is an
 * access log, not a change; a replayed export logs twice and loses nothing, whereas declaring it
 * a write would store the whole file in its idempotency record.
 */
const READ_AUDITS: Record<string, string> = { audit_events: `WHERE action <> 'export'` };

/** One hash per table over all its rows: any insert, update or delete changes it. */
async function fingerprint(app: TestApp): Promise<Record<string, string>> {
  const prisma = app.database.prisma;
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ hash: string }[]>(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash FROM "${name}" t ${READ_AUDITS[name] ?? ""}`);
    hashes[name] = row!.hash;
  }
  return hashes;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/** Whether this example line's call is declared as a write (an invalid call must not write either). */
function declaredWrite(definition: CommandDefinition, line: string): boolean {
  const [, ...words] = tokenize(line);
  try {
    const parsed = definition.schema.safeParse(definition.parseText(words));
    return parsed.success ? writesWith(definition, parsed.data) : false;
  } catch {
    return false;
  }
}

type Audit = { violations: string[]; observedWrites: string[]; examples: number };

/** Runs every example of every command; reports reads that changed a table or posted. */
async function auditRegistry(commands: readonly CommandDefinition[], target: (typeof testTargets)[number]): Promise<Audit> {
  const app = await createTestApp(target);
  opened.push(app);
  const { tenant } = await app.rapport.identify(admin);
  await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  // Examples name subscription 3 (digest run 3, digest remove 3).
  for (let index = 0; index < 3; index++) {
    await app.database.prisma.digestSubscription.create({
      data: { tenantId: tenant.id, kind: "followups", channelRef: "console:stdout", localTime: "08:30", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5], createdAt: app.clock.now },
    });
  }
  expect(await app.database.prisma.digestSubscription.count({ where: { id: 3, tenantId: tenant.id } })).toBe(1);
  const poster: RecordingPoster = createRecordingPoster();
  const digests = createDigestService({ store: app.digestStore, poster, sleep: async () => undefined });
  const rapport = createRapport({ directory: createDirectory(app.database.prisma, () => app.clock.now), commands, digests: () => digests, clock: () => app.clock.now, logger: silentLogger });

  const audit: Audit = { violations: [], observedWrites: [], examples: 0 };
  let key = 0;
  for (const definition of commands) {
    for (const line of definition.examples) {
      audit.examples++;
      // Identity rows are created or refreshed before the snapshot: that is not the command's doing.
      await rapport.identify(admin);
      const before = await fingerprint(app);
      const postsBefore = poster.calls.post;
      await rapport.runText({ actor: admin, text: line, idempotencyKey: `declared-writes-${++key}` });
      const changed = changedTables(before, await fingerprint(app));
      const posted = poster.calls.post - postsBefore;
      const wrote = changed.length > 0 || posted > 0;
      if (wrote) audit.observedWrites.push(line);
      if (wrote && !declaredWrite(definition, line)) {
        audit.violations.push(`${line} (declared read; changed ${[...changed, ...(posted ? [`${posted} post(s)`] : [])].join(", ")})`);
      }
    }
  }
  return audit;
}

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.drop();
});

describe.each(testTargets)("declared writes on $name", (target) => {
  test("no command of the registry writes or posts while declaring a read", async () => {
    const audit = await auditRegistry(registry, target);
    expect(audit.examples).toBeGreaterThan(registry.length);
    // The detector sees real writes (log, new, digest add/run/remove...), so silence means something.
    expect(audit.observedWrites).toEqual(expect.arrayContaining(["digest run 3", "digest remove 3"]));
    expect(audit.violations).toEqual([]);
  }, 120_000);

  test("control: digest declared as a read again is caught", async () => {
    const flipped = registry.map((definition) => (definition.name === "digest" ? { ...definition, writes: false } : definition));
    const audit = await auditRegistry(flipped, target);
    expect(audit.violations.map((violation) => violation.split(" (")[0])).toEqual(expect.arrayContaining(["digest run 3", "digest remove 3"]));
  }, 120_000);
});
