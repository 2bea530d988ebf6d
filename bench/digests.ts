/**
 * Times the four digest builds alone (no search, no Slack load): `buildDigest` on the cached bench
 * data set, at the data set's anchor date, like the digest step of run.ts but with more repeats.
 *
 *   npx tsx bench/digests.ts [--db postgres|pglite] [--size 10k|100k|1m] [--repeats 20] [--kinds overdue,churn]
 *
 * Opens the database through the project's path (migrations applied, so a new index migration is
 * measured as deployed) and prints p50 / p99 per digest with the load average before and after.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/data/database.js";
import { buildDigest } from "../src/digests/index.js";
import { createDigestStore } from "../src/data/digest-store.js";
import { DIGEST_KINDS, type DigestKind } from "../src/core/digests.js";
import { targetFor, type BenchDbKind, type BenchSize } from "./db.js";
import { ANCHOR_DATE, MAIN_TENANT, ensureDataset } from "./generate.js";
import { summarize, timed } from "./measure.js";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    size: { type: "string", default: "1m" },
    repeats: { type: "string", default: "20" },
    kinds: { type: "string" },
  },
});
const db = values.db as BenchDbKind;
const size = values.size as BenchSize;
const repeats = Number(values.repeats);
const kinds = (values.kinds?.split(",") ?? [...DIGEST_KINDS]) as DigestKind[];
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

const log = (message: string) => process.stderr.write(`${message}\n`);
await ensureDataset(db, size, log);
const database = await openDatabase(targetFor(db, size), { migrate: true });
try {
  const [tenant] = await database.prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM tenants WHERE platform = $1 AND external_id = $2`,
    MAIN_TENANT.platform,
    MAIN_TENANT.externalId,
  );
  const input = { store: createDigestStore(database.prisma), tenantId: tenant!.id, now: new Date(`${ANCHOR_DATE}T08:00:00.000Z`), timeZone: "UTC" };
  console.log(`${db} ${size}, ${repeats} repeats after one warm-up; load average at start: ${load()}`);
  for (const kind of kinds) {
    await buildDigest({ ...input, kind });
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) samples.push((await timed(() => buildDigest({ ...input, kind }))).ms);
    const stats = summarize(samples);
    console.log(`${kind.padEnd(10)} p50 ${stats.p50.toFixed(0).padStart(5)} ms  p99 ${stats.p99.toFixed(0).padStart(5)} ms  min ${stats.min.toFixed(0)} max ${stats.max.toFixed(0)}`);
  }
  console.log(`load average at end: ${load()}`);
} finally {
  await database.close();
}
