/**
 * Start-up as an operator meets it, with the compiled build (`npm run build`, run here first) and
 * NODE_ENV=production, the way the image starts:
 *  - cold start: `rapport start --server` on a COPY of the cached embedded data set (the cache stays
 *    untouched), timed from spawn to the first 200 from /readyz, after one untimed start that
 *    applies whatever migrations the cached set predates (the copy's files are in the page cache);
 *  - first start: `rapport start` on a new, empty directory with stdin not a terminal (the console
 *    path, which applies the migrations and loads the DEMO data set), timed from spawn to the answer
 *    to `find acme`; `start --server` loads no demo data, so it is timed separately to /readyz.
 * Peak RSS is that of the whole process tree (the launcher and its children), sampled from /proc
 * every 100 ms.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { measureInstallSize, type InstallSize } from "./install-size.js";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { BENCH_DIR, type BenchSize } from "./db.js";

export type StartupResult = {
  /** Spawn to /readyz 200 on a copy of the existing data set. */
  coldMs: number;
  /** CPU time the process tree spent until then (steadier than wall time on a busy machine). */
  coldCpuMs: number;
  coldPeakRssMb: number;
  /** Spawn to the answer of `find acme` on a new directory (migrations + demo data). */
  firstStartMs: number;
  firstStartCpuMs: number;
  firstStartPeakRssMb: number;
  /** Spawn to /readyz 200 with `start --server` on a new directory (migrations, no demo data). */
  firstServerMs: number;
  firstServerCpuMs: number;
  firstServerPeakRssMb: number;
  /** The pruned production install (bench/install-size.ts); not measured in --quick runs. */
  install?: InstallSize;
};

const ROOT = join(BENCH_DIR, "..");
const SAMPLE_MS = 100;
const TIMEOUT_MS = 120_000;

/** A process and all its descendants (those still running), from /proc. */
function processTree(pid: number): number[] {
  const found: number[] = [];
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    try {
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      }
      found.push(current);
    } catch {
      // The process ended between two reads.
    }
  }
  return found;
}

/** Reads one /proc file of each process of the tree and adds up what `value` takes from it. */
function sumOverTree(pid: number, file: "status" | "stat", value: (text: string) => number): number {
  let total = 0;
  for (const current of processTree(pid)) {
    try {
      total += value(readFileSync(`/proc/${current}/${file}`, "utf8"));
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

/** RSS of a process and all its descendants, in bytes (0 once it is gone). */
function treeRss(pid: number): number {
  return sumOverTree(pid, "status", (status) => Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
}

/**
 * CPU time (user + system) of a process and its descendants, in ms, including children it already
 * waited for: on a shared machine the wall time varies with the load, this much less.
 */
function treeCpuMs(pid: number): number {
  const tick = 10; // USER_HZ = 100 on Linux
  return sumOverTree(pid, "stat", (stat) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime are fields 14-17 of stat(5); the slice starts at field 3.
    return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0) * tick;
  });
}

/** Samples the tree's RSS every 100 ms until stopped; returns the peak in MB. */
function rssSampler(pid: number): { stop(): number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      return Math.round(peak / 1024 / 1024);
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function productionEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Only what the image sets: no Slack or Discord, so nothing reaches the network.
  return { PATH: process.env.PATH ?? "", HOME: dataDir, NODE_ENV: "production", LOG_LEVEL: "warn", RAPPORT_TIME_ZONE: "UTC", RAPPORT_DATA_DIR: dataDir, ...extra };
}

function spawnRapport(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(ROOT, "bin/rapport.mjs"), ...args], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exit;
  clearTimeout(timer);
}

/** `start --server` until /readyz answers 200: milliseconds and peak RSS. */
async function serverToReady(dataDir: string): Promise<{ ms: number; cpuMs: number; peakMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnRapport(["start", "--server"], productionEnv(dataDir, { RAPPORT_OPS_HOST: "127.0.0.1", RAPPORT_OPS_PORT: String(port), RAPPORT_DRAIN_SECONDS: "0" }));
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const sampler = rssSampler(child.pid!);
  try {
    while (performance.now() - started < TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`rapport start --server exited (${child.exitCode}): ${stderr.slice(-500)}`);
      const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
      if (status === 200) return { ms: Math.round(performance.now() - started), cpuMs: treeCpuMs(child.pid!), peakMb: sampler.stop() };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`/readyz did not answer 200 within ${TIMEOUT_MS / 1000} s: ${stderr.slice(-500)}`);
  } finally {
    sampler.stop();
    await stopped(child);
  }
}

/** The console on a new directory: migrations, the demo data set, then the answer to `find acme`. */
async function consoleFirstAnswer(dataDir: string): Promise<{ ms: number; cpuMs: number; peakMb: number }> {
  const started = performance.now();
  const child = spawnRapport(["start"], productionEnv(dataDir));
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const sampler = rssSampler(child.pid!);
  const answered = new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      // The demo book's Acme customers: the answer names one.
      if (/acme/i.test(stdout.replace(/^# Loaded the DEMO data set.*$/m, ""))) resolve(performance.now());
    });
    child.once("exit", (code) => reject(new Error(`rapport start exited (${code}) before answering: ${stdout.slice(-300)} ${stderr.slice(-500)}`)));
    setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref();
  });
  child.stdin!.write("find acme\n");
  try {
    const at = await answered;
    return { ms: Math.round(at - started), cpuMs: treeCpuMs(child.pid!), peakMb: sampler.stop() };
  } finally {
    child.stdin!.end();
    sampler.stop();
    await stopped(child);
  }
}

export async function measureStartup(size: BenchSize, log: (line: string) => void): Promise<StartupResult> {
  // Always rebuilt: a dist/ older than the checkout runs old code, and its embedded template no
  // longer matches the migrations (a first start would then take the slow path and mislead).
  log("  npm run build");
  await promisify(execFile)(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT });
  const cache = join(BENCH_DIR, "cache", `pglite-${size}`);
  const scratch = mkdtempSync(join(tmpdir(), "rapport-startup-"));
  try {
    const existing = join(scratch, "existing");
    cpSync(cache, existing, { recursive: true });
    // The cached set may predate a migration (or a search-key version) of this checkout: one untimed
    // start brings the copy up to date, so the timed one is a restart of a current directory.
    const upgrade = await serverToReady(existing);
    log(`  (the copy's first start, migrations and key re-derivation included: ${(upgrade.ms / 1000).toFixed(1)} s, not the figure)`);
    const cold = await serverToReady(existing);
    log(`  cold start (existing ${size}): ${(cold.ms / 1000).toFixed(1)} s to ready, peak ${cold.peakMb} MB (CPU ${(cold.cpuMs / 1000).toFixed(1)} s)`);
    const first = await consoleFirstAnswer(join(scratch, "new-console"));
    log(`  first start (new dir, demo data): ${(first.ms / 1000).toFixed(1)} s to the first answer, peak ${first.peakMb} MB (CPU ${(first.cpuMs / 1000).toFixed(1)} s)`);
    const server = await serverToReady(join(scratch, "new-server"));
    log(`  first start --server (new dir, no demo data): ${(server.ms / 1000).toFixed(1)} s to ready, peak ${server.peakMb} MB (CPU ${(server.cpuMs / 1000).toFixed(1)} s)`);
    // A network install: left out of the quick runs (10k) that CI makes.
    const install = size === "10k" ? undefined : await measureInstallSize(ROOT);
    if (install) log("error" in install ? `  production install: not measured (${install.error})` : `  production install, pruned: ${install.diskMb} MB on disk, ${install.contentMb} MB in ${install.files} files`);
    return {
      coldMs: cold.ms,
      coldCpuMs: cold.cpuMs,
      coldPeakRssMb: cold.peakMb,
      firstStartMs: first.ms,
      firstStartCpuMs: first.cpuMs,
      firstStartPeakRssMb: first.peakMb,
      firstServerMs: server.ms,
      firstServerCpuMs: server.cpuMs,
      firstServerPeakRssMb: server.peakMb,
      ...(install ? { install } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `npx tsx bench/startup.ts [10k|100k]`: the start-up figures alone, against an existing cached data set. */
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, "/bench/"))) {
  const size = (process.argv[2] ?? "10k") as BenchSize;
  if (!existsSync(join(BENCH_DIR, "cache", `pglite-${size}`))) throw new Error(`bench/cache/pglite-${size} is missing: run npm run bench -- --db pglite --size ${size} (or bench/generate.ts) first`);
  console.log(JSON.stringify(await measureStartup(size, (line) => console.log(line)), null, 2));
}
