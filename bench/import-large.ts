/**
 * `npm run bench:import -- [--rows 1m] [--db postgres|pglite]`: what a new team does on day one,
 * measured. A HubSpot-style companies export (multilingual names, a quoted comma in some names,
 * owners, websites) is generated once into bench/cache, then imported twice with the real CLI
 * (`rapport import customers FILE`) into a fresh database: the first run inserts everything, the
 * second must change nothing. The child's resident memory is sampled from /proc every 200 ms, so
 * the peak includes the launcher, the database driver and (for PGlite) the embedded database.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { BENCH_DIR } from "./db.js";
import { rngFor } from "./prng.js";
import { SEED } from "./generate.js";
import { generateName } from "./vocabulary.js";

const ROOT = join(BENCH_DIR, "..");
const BENCH_DATABASE = "rapport_import_bench";
const OWNERS = ["alice@example.com", "bob@example.com", "", "carol@example.com"];
const STAGES = ["customer", "lead", "opportunity", "subscriber", "customer"];
const INDUSTRIES = ["Software", "Manufacturing", "Logistics", "Retail", "Food & Beverage", "Textiles"];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the export once (about 110 bytes a row) and reuses it: generation is not what is measured. */
async function hubspotExport(rows: number): Promise<string> {
  const dir = join(BENCH_DIR, "cache");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `hubspot-companies-${rows}.csv`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write("Record ID,Company name,Phone Number,City,State/Region,Industry,Lifecycle Stage,Company owner,Website URL,Create Date\n");
  for (let i = 0; i < rows; i++) {
    const seedIndex = 700_000_000 + i;
    const identity = generateName(rngFor(SEED, seedIndex), seedIndex);
    const name = i % 10 === 0 ? `${identity.name}, ${i}` : `${identity.name} ${i}`;
    const cells = [String(10_000_000 + i), name, identity.phone, identity.city, identity.region, INDUSTRIES[i % INDUSTRIES.length]!, STAGES[i % STAGES.length]!, OWNERS[i % OWNERS.length]!, `https://${identity.domain}`, `2024-0${(i % 9) + 1}-1${i % 10}`];
    await write(`${cells.map(csvCell).join(",")}\n`);
  }
  out.end();
  await once(out, "finish");
  renameSync(partial, path);
  return path;
}

type Run = { exitCode: number; seconds: number; peakRssMb: number; nodeCpuSeconds: number; databaseCpuSeconds: number; summary: string; stderrTail: string };

const CLOCK_TICKS = 100;

/** utime + stime fields of a /proc stat line, plus cutime + cstime when `children` (waited-for descendants). */
function statCpuSeconds(stat: string, children: boolean): number {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
  return (children ? cutime + cstime : utime + stime) / CLOCK_TICKS;
}

/** CPU of this process's waited-for children: the launcher and the import child it waits for. */
function childrenCpuSeconds(): number {
  return statCpuSeconds(readFileSync("/proc/self/stat", "utf8"), true);
}

/**
 * CPU of the PostgreSQL backends serving one database, by process title. Backends end with their
 * connection, so each is sampled while alive and its last reading kept (at most one sampling
 * interval of its CPU is missed).
 */
function backendCpuSampler(database: string) {
  const seconds = new Map<number, number>();
  const sample = () => {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
        if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
        seconds.set(Number(entry), statCpuSeconds(readFileSync(`/proc/${entry}/stat`, "utf8"), false));
      } catch {
        // The process ended between listing and reading.
      }
    }
  };
  return { sample, total: () => [...seconds.values()].reduce((sum, value) => sum + value, 0) };
}

/** Resident memory of a process and its descendants (`rapport import` runs the import in a child). */
function treeRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + treeRssMb(child), 0);
  } catch {
    return 0;
  }
}

async function runImport(path: string, env: NodeJS.ProcessEnv, database: string | null): Promise<Run> {
  const started = performance.now();
  const nodeCpuBefore = childrenCpuSeconds();
  const backends = backendCpuSampler(database ?? "");
  const child = spawn(process.execPath, [join(ROOT, "bin/rapport.mjs"), "import", "customers", path], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRssMb(child.pid!));
    if (database) backends.sample();
  }, 200);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(sampler);
  return {
    exitCode: code ?? 1,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: Math.round(peak),
    nodeCpuSeconds: childrenCpuSeconds() - nodeCpuBefore,
    databaseCpuSeconds: backends.total(),
    summary: stdout.trim(), stderrTail: stderr.trim().split("\n").slice(-5).join("\n") };
}

async function freshPostgres(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `postgresql://postgres@127.0.0.1:5432/${name}`;
}

function parseRows(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--rows ${text}: write a number such as 100000, 100k or 1m.`);
  return Math.round(Number(match[1]) * (match[2]?.toLowerCase() === "m" ? 1e6 : match[2]?.toLowerCase() === "k" ? 1e3 : 1));
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "100k" }, db: { type: "string", default: "postgres" } } });
  const rows = parseRows(values.rows!);
  const path = await hubspotExport(rows);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  delete env.RAPPORT_DATA_DIR;
  if (values.db === "postgres") env.DATABASE_URL = await freshPostgres(BENCH_DATABASE);
  else {
    const dir = join(BENCH_DIR, "cache", "import-pglite");
    rmSync(dir, { recursive: true, force: true });
    env.RAPPORT_DATA_DIR = dir;
  }
  console.log(`Import benchmark: ${rows.toLocaleString("en-US")} HubSpot-style rows (${(statSync(path).size / 1e6).toFixed(0)} MB) into ${values.db}`);
  for (const label of ["first import", "re-import"]) {
    const run = await runImport(path, env, values.db === "postgres" ? BENCH_DATABASE : null);
    const rate = Math.round(rows / run.seconds);
    // CPU seconds hold on a shared machine where wall time does not.
    const cpu = `CPU: Node ${run.nodeCpuSeconds.toFixed(1)} s` + (values.db === "postgres" ? `, PostgreSQL backends ${run.databaseCpuSeconds.toFixed(1)} s` : "");
    console.log(`${label.padEnd(13)} exit ${run.exitCode}  ${run.seconds.toFixed(1)} s wall  ${rate.toLocaleString("en-US")} rows/s  peak RSS ${run.peakRssMb} MB  ${cpu}`);
    console.log(`  ${run.summary || run.stderrTail}`);
    if (run.exitCode !== 0) process.exitCode = 1;
  }
}

await main();
