/**
 * kill -9 during a stream of writes, on PGlite and on PostgreSQL: every acknowledged write must be
 * present after restart and the database must open cleanly. 20 kills with --full, 3 otherwise.
 */
import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testTargets } from "../support/test-databases.js";
import { openDatabase } from "../../src/data/database.js";
import { FULL, recordResult } from "./results.js";

const WRITER = join(import.meta.dirname, "crash-writer.ts");

const KILLS = FULL ? 20 : 3;

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

describe.each(testTargets)("crash durability on $name", (target) => {
  test(`kill -9 during writes ${KILLS} times loses no acknowledged write`, async () => {
    const database = await target.create();
    const dataDir = mkdtempSync(join(tmpdir(), "rapport-crash-"));
    const env: Record<string, string> =
      database.target.kind === "postgres" ? { CRASH_DATABASE_URL: database.target.url } : { CRASH_DATA_DIR: dataDir };
    try {
      const setup = await runWriter({ ...env, CRASH_SETUP: "1" }, null);
      expect(setup.output).toContain("READY");
      let lost = 0;
      let acknowledged = 0;
      let openFailures = 0;
      for (let run = 0; run < KILLS; run++) {
        // Kill after a varying number of acknowledged writes, so the kill lands mid-transaction
        // at different points.
        const result = await runWriter({ ...env, CRASH_RUN: String(run) }, 5 + ((run * 7) % 23));
        if (!result.opened) openFailures++;
        acknowledged += result.acked.length;
        const db = await openDatabase(database.target.kind === "postgres" ? database.target : { kind: "pglite", dataDir });
        try {
          const rows = await db.prisma.interaction.findMany({
            where: { summary: { startsWith: `crash-${run}-` } },
            select: { summary: true },
          });
          const present = new Set(rows.map((row) => row.summary));
          lost += result.acked.filter((n) => !present.has(`crash-${run}-${n}`)).length;
        } finally {
          await db.close();
        }
      }
      recordResult({
        test: `6. crash durability (${target.name})`,
        injected: `kill -9 during a stream of writes, ${KILLS} times`,
        figure: `${acknowledged} acknowledged writes, ${lost} lost, ${openFailures} failed reopen`,
        pass: lost === 0 && openFailures === 0,
      });
      expect(openFailures).toBe(0);
      expect(lost).toBe(0);
      expect(acknowledged).toBeGreaterThan(KILLS * 5 - 1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }, 600_000);
});
