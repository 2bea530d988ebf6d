/**
 * What fsync costs the embedded database per write: the same writes on a fresh PGlite directory
 * with RAPPORT_EMBEDDED_FSYNC=on (the default, src/data/durable-node-fs.ts) and off.
 *
 *   npx tsx bench/embedded-fsync.ts [--writes 300] [--dir /path/on/the/disk/to/measure]
 *
 * Two kinds of write, one at a time (each waits for its commit): `log <customer> note ...` through
 * the real core (what `/crm log` does), and a bare one-row INSERT. Prints ms per write (mean, p50,
 * p99) and the writes per second for each setting. Run it on the disk the data directory lives on:
 * the figure is the disk's fsync latency more than anything of ours.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { silentLogger } from "../src/core/logger.js";

const { values } = parseArgs({ options: { writes: { type: "string", default: "300" }, dir: { type: "string" } } });
const WRITES = Number(values.writes);
const parent = values.dir ?? tmpdir();
const WARM_UP = 20;

type Figures = { mean: number; p50: number; p99: number; perSecond: number };

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return { mean: total / samples.length, p50: at(50), p99: at(99), perSecond: (samples.length / total) * 1000 };
}

type Samples = { log: number[]; insert: number[] };

async function measure(fsync: boolean): Promise<Samples> {
  const dataDir = mkdtempSync(join(parent, "rapport-fsync-bench-"));
  try {
    const app = await createApp({ target: { kind: "pglite", dataDir, fsync }, logger: silentLogger });
    try {
      const actor = { platform: "console" as const, tenantExternalId: "bench", userExternalId: "writer", profile: { timeZone: "UTC" } };
      await app.rapport.runText({ actor, text: "new BenchCo" });
      await app.database.prisma.$executeRawUnsafe("CREATE TABLE bench_fsync (n int)");
      // The first WARM_UP writes (JIT, caches) are not counted.
      const time = async (write: (n: number) => Promise<unknown>) => {
        const samples: number[] = [];
        for (let n = 0; n < WARM_UP + WRITES; n++) {
          const started = performance.now();
          await write(n);
          if (n >= WARM_UP) samples.push(performance.now() - started);
        }
        return samples;
      };
      const log = await time(async (n) => {
        const reply = await app.rapport.runText({ actor, text: `log BenchCo note fsync bench ${n}` });
        if (reply.isError) throw new Error(reply.title);
      });
      const insert = await time((n) => app.database.prisma.$executeRawUnsafe("INSERT INTO bench_fsync VALUES ($1)", n));
      return { log, insert };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const format = (f: Figures) => `mean ${f.mean.toFixed(2)} ms, p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, ${f.perSecond.toFixed(0)}/s`;
process.stdout.write(`Embedded database, ${WRITES} sequential writes of each kind per round, data directory under ${parent}\n`);
// Rounds off, on, on, off: whatever else the machine does drifts over both settings alike.
const samples: Record<"on" | "off", Samples> = { on: { log: [], insert: [] }, off: { log: [], insert: [] } };
for (const fsync of [false, true, true, false]) {
  const round = await measure(fsync);
  const into = samples[fsync ? "on" : "off"];
  into.log.push(...round.log);
  into.insert.push(...round.insert);
}
const results = { on: { log: figures(samples.on.log), insert: figures(samples.on.insert) }, off: { log: figures(samples.off.log), insert: figures(samples.off.insert) } };
for (const setting of ["off", "on"] as const) {
  process.stdout.write(`fsync ${setting.padEnd(3)}  /crm log: ${format(results[setting].log)}\n`);
  process.stdout.write(`fsync ${setting.padEnd(3)}  INSERT:   ${format(results[setting].insert)}\n`);
}
const extra = (kind: "log" | "insert", at: "mean" | "p50") => results.on[kind][at] - results.off[kind][at];
process.stdout.write(`cost of fsync per write (p50): /crm log ${extra("log", "p50").toFixed(2)} ms, INSERT ${extra("insert", "p50").toFixed(2)} ms\n`);
