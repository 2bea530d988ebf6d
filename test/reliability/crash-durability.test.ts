/**
 * kill -9 during a stream of writes, on PGlite and on PostgreSQL: every acknowledged write must be
 * present after restart and the database must open cleanly. 20 kills with --full, 3 otherwise.
 *
 * Mutation check: a writer that acknowledges before committing (crash-writer.ts,
 * CRASH_ACK_BEFORE_COMMIT=1) must turn the row red.
 */
import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testTargets } from "../support/test-databases.js";
import { openDatabase, type DatabaseTarget } from "../../src/data/database.js";
import { expectRows, FULL, recordResult, type ReliabilityRow } from "./results.js";

const WRITER = join(import.meta.dirname, "crash-writer.ts");

const KILLS = FULL ? 20 : 3;
expectRows(import.meta.filename, ...testTargets.map((target) => `6. crash durability (${target.name})`));

type ChildResult = { acked: number[]; opened: boolean; output: string };

function runWriter(env: Record<string, string>, killAfterAcks: number | null): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` runs the writer in ONE process: the tsx CLI would fork a grandchild that
    // survives the SIGKILL and keeps writing.
    const child = spawn(process.execPath, ["--import", "tsx", WRITER], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const acked: number[] = [];
    let opened = false;
    let buffer = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      output += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line === "OPEN") opened = true;
        const ack = /^ACK (\d+)$/.exec(line);
        if (ack) {
          acked.push(Number(ack[1]));
          if (killAfterAcks !== null && acked.length >= killAfterAcks) child.kill("SIGKILL");
        }
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve({ acked, opened, output }));
  });
}

type KillFigures = { acknowledged: number; lost: number; openFailures: number };

/** `kills` runs of the writer against `target`, each killed after a varying number of acks; counts lost acks. */
async function killRuns(target: DatabaseTarget, env: Record<string, string>, kills: number): Promise<KillFigures> {
  const figures: KillFigures = { acknowledged: 0, lost: 0, openFailures: 0 };
  for (let run = 0; run < kills; run++) {
    // Kill after a varying number of acknowledged writes, so the kill lands mid-transaction
    // at different points.
    const result = await runWriter({ ...env, CRASH_RUN: String(run) }, 5 + ((run * 7) % 23));
    if (!result.opened) figures.openFailures++;
    figures.acknowledged += result.acked.length;
    const db = await openDatabase(target);
    try {
      const rows = await db.prisma.interaction.findMany({ where: { summary: { startsWith: `crash-${run}-` } }, select: { summary: true } });
      const present = new Set(rows.map((row) => row.summary));
      figures.lost += result.acked.filter((n) => !present.has(`crash-${run}-${n}`)).length;
    } finally {
      await db.close();
    }
  }
  return figures;
}

function crashRow(name: string, kills: number, { acknowledged, lost, openFailures }: KillFigures): ReliabilityRow {
  return {
    test: `6. crash durability (${name})`,
    injected: `kill -9 during a stream of writes, ${kills} times`,
    figure: `${acknowledged} acknowledged writes, ${lost} lost, ${openFailures} failed reopen`,
    pass: lost === 0 && openFailures === 0 && acknowledged >= kills * 5,
  };
}

async function prepare(target: (typeof testTargets)[number]) {
  const database = await target.create();
  const dataDir = mkdtempSync(join(tmpdir(), "rapport-crash-"));
  const env: Record<string, string> = database.target.kind === "postgres" ? { CRASH_DATABASE_URL: database.target.url } : { CRASH_DATA_DIR: dataDir };
  const opened: DatabaseTarget = database.target.kind === "postgres" ? database.target : { kind: "pglite", dataDir };
  const setup = await runWriter({ ...env, CRASH_SETUP: "1" }, null);
  expect(setup.output).toContain("READY");
  return {
    env,
    target: opened,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

describe.each(testTargets)("crash durability on $name", (target) => {
  test(`kill -9 during writes ${KILLS} times loses no acknowledged write`, async () => {
    const prepared = await prepare(target);
    try {
      const figures = await killRuns(prepared.target, prepared.env, KILLS);
      recordResult(crashRow(target.name, KILLS, figures));
      expect(figures.openFailures).toBe(0);
      expect(figures.lost).toBe(0);
      expect(figures.acknowledged).toBeGreaterThan(KILLS * 5 - 1);
    } finally {
      await prepared.drop();
    }
  }, 600_000);
});

describe("crash durability, mutation check", () => {
  test("GIVEN a writer that acknowledges before committing THEN acknowledged writes are lost and the row is FAIL", async () => {
    const prepared = await prepare(testTargets[0]!);
    try {
      const figures = await killRuns(prepared.target, { ...prepared.env, CRASH_ACK_BEFORE_COMMIT: "1" }, 1);
      expect(figures.lost).toBeGreaterThan(0);
      expect(crashRow(testTargets[0]!.name, 1, figures).pass).toBe(false);
    } finally {
      await prepared.drop();
    }
  }, 300_000);
});
