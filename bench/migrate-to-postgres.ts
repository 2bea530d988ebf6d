/**
 * The move to PostgreSQL and back at benchmark size, through the real CLI:
 *   npx tsx bench/migrate-to-postgres.ts [--size 100k|10k|1m] [--no-backup]
 * Copies the cached PGlite book (bench/cache/pglite-<size>; `npm run bench -- --db pglite --size
 * 100k` creates it) into a scratch directory, then times `rapport migrate-to-postgres` into a new
 * database, `rapport migrate-from-postgres` back into a new directory, and (unless --no-backup)
 * `rapport backup` and `rapport restore` of the scratch copy, each with the peak RSS of its process.
 * The round trip must end with the same checksum for every table. The cache itself is not touched.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADMIN_URL, pgliteDir, withAdmin, type BenchSize } from "./db.js";

const BIN = join(import.meta.dirname, "../bin/rapport.mjs");

type Run = { code: number | null; stdout: string; stderr: string; seconds: number; peakRssMb: number };

/** Runs the CLI and samples its peak resident set (VmHWM) until it exits. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: "warn", NODE_OPTIONS: "", DATABASE_URL: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakKb = 0;
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // exited between samples
      }
    };
    const timer = setInterval(sample, 100);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      sample();
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", () => sample());
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peakKb / 1024) });
    });
  });
}

/** table -> "rows checksum-prefix" of one side of a printed copy report. */
function checksums(stdout: string, side: "source" | "target"): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const cells = line.trim().split(/\s+/);
    if (cells.length === 6 && /^[0-9a-f]{16}$/.test(cells[3]!)) result.set(cells[0]!, `${cells[side === "source" ? 1 : 2]} ${cells[side === "source" ? 3 : 4]}`);
  }
  return result;
}

function check(run: Run, what: string): Run {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
  return run;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: "string", default: "100k" }, "no-backup": { type: "boolean", default: false } } });
  const size = values.size as BenchSize;
  const cache = pgliteDir(size);
  if (!existsSync(join(cache, "PG_VERSION"))) {
    process.stderr.write(`No cached PGlite book at ${cache}. Create it with: npm run bench -- --db pglite --size ${size}\n`);
    process.exitCode = 1;
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "rapport-bench-migrate-"));
  const source = join(work, "source");
  const database = `rapport_bench_copy_${process.pid}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
  const lines: string[] = [];
  const report = (label: string, run: Run) => lines.push(`${label.padEnd(34)} ${run.seconds.toFixed(1).padStart(7)} s   peak RSS ${String(run.peakRssMb).padStart(5)} MB`);
  try {
    cpSync(cache, source, { recursive: true });
    rmSync(join(source, "rapport.lock"), { force: true });
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
    // bench_marker is the benchmark's own bookkeeping table, not part of Rapport's schema.
    const skip = ["--skip-table", "bench_marker"];
    const env = { RAPPORT_DATA_DIR: source };
    // The first open migrates the copied book to this version; timed apart so the copy is not blamed.
    report("rapport migrate (the cached book)", check(await runCli(["migrate"], env), "migrate"));
    const to = check(await runCli(["migrate-to-postgres", url, ...skip], env), "migrate-to-postgres");
    report("rapport migrate-to-postgres", to);
    const from = check(await runCli(["migrate-from-postgres", url, "--data-dir", join(work, "back")], env), "migrate-from-postgres");
    report("rapport migrate-from-postgres", from);
    const there = checksums(to.stdout, "source");
    const back = checksums(from.stdout, "target");
    const differing = [...there].filter(([table, sum]) => back.get(table) !== sum).map(([table]) => table);
    const rows = [...there.values()].reduce((sum, value) => sum + Number(value.split(" ")[0]), 0);
    lines.push(differing.length === 0 ? `round trip: ${there.size} tables, ${rows} rows, every count and checksum equal` : `ROUND TRIP DIFFERS in ${differing.join(", ")}`);
    if (!values["no-backup"]) {
      const file = join(work, "book.backup.gz");
      const backup = check(await runCli(["backup", file], { RAPPORT_DATA_DIR: join(work, "back") }), "backup");
      report(`rapport backup (${(statSync(file).size / 1024 / 1024).toFixed(0)} MB file)`, backup);
      report("rapport restore (new directory)", check(await runCli(["restore", file], { RAPPORT_DATA_DIR: join(work, "restored") }), "restore"));
    }
    process.stdout.write(`${size} book (${cache}), ${new Date().toISOString()}\n${lines.join("\n")}\n`);
    if (differing.length > 0) process.exitCode = 1;
  } finally {
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
