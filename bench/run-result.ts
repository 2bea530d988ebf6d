/** What one benchmark run records: written as JSON by run.ts, rendered as Markdown by report.ts. */
import type { ClassStats, FuseResult } from "./baselines.js";
import type { BenchDbKind, BenchSize } from "./db.js";
import type { DatasetInfo } from "./generate.js";
import type { ImportRate } from "./import-rate.js";
import type { MachineInfo } from "./machine.js";
import type { Stats } from "./measure.js";
import type { CpuPerCommand, DigestResult, SearchClassResult } from "./serve.js";
import type { StartupResult } from "./startup.js";

export type Settings = {
  searchPasses: number;
  searchBudgetMs: number;
  e2eTotal1: number;
  e2eTotal32: number;
  e2eBudgetMs: number;
  naiveBudgetMs: number;
  fuseBudgetMs: number;
  digestRepeats: number;
  importRows: number;
};

/** One layer's `find` throughput at a concurrency, and its share of the floor's (pgbench on PostgreSQL). */
export type LayerRun = { layer: string; concurrency: number; cmdsPerSec: number; p50Ms: number; p99Ms: number; fractionOfFloor: number | null };

export type E2eResult = { concurrency: number; stats: Stats; perSecond: number; errors: number; /** The serving process's event-loop delay p99 while this run was served (Slack HTTP runs). */ eventLoopDelayP99Ms?: number; /** CPU of the bench process itself (load generator and fake Slack) per command (Slack HTTP runs). */ loadGeneratorCpuMsPerCommand?: number };

/**
 * One read command of the sales desk (`deals`, `forecast`) measured like `find`: each variant's
 * latency through the core at concurrency 1, the variants mixed at concurrency 1 and 32 through the
 * core and over Slack HTTP.
 */
export type DealCommandResult = {
  command: string;
  texts: string[];
  variants: { text: string; title: string; stats: Stats }[];
  core: E2eResult[];
  slack: E2eResult[];
};

export type RunResult = {
  version: 1;
  startedAt: string;
  finishedAt: string;
  db: BenchDbKind;
  size: BenchSize;
  quick: boolean;
  settings: Settings;
  machine: MachineInfo;
  dataset: DatasetInfo;
  serve: { openMs: number; rssAfterOpenMb: number; peakRssMb: number };
  search: { classes: SearchClassResult[]; main: Stats; extra: Stats };
  floor: { classes: ClassStats[]; main: Stats };
  naive: { classes: ClassStats[]; main: Stats };
  fuse: Omit<FuseResult, "classes"> & { classes: ClassStats[]; main: Stats };
  e2eCore: E2eResult[];
  e2eSlack: { available: boolean; note?: string; runs: E2eResult[] };
  digests: { available: boolean; note?: string; results: DigestResult[] };
  import: ImportRate;
  layers: LayerRun[];
  cpuMsPerCommand: CpuPerCommand[];
  /** `deals` and `forecast` (absent in runs before the deals benchmark). */
  dealCommands?: DealCommandResult[];
  /** The compiled `rapport start` on the embedded database (PGlite runs only; absent in earlier runs). */
  startup?: StartupResult;
  ratios: Record<string, number | null>;
  targets: { name: string; target: string; goal?: string; measured: string; met: boolean | null; note?: string }[];
  explain: Record<string, { query: string; plan: string }>;
};
