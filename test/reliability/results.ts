/**
 * Reliability tests record one row each (what was injected, the measured figure, pass/fail);
 * print-table.ts prints them as the suite's table after `npm run test:reliability`.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

export const RESULTS_FILE = process.env.RAPPORT_RELIABILITY_RESULTS ?? join(tmpdir(), "rapport-reliability", "results.jsonl");

/** `--full` (RAPPORT_RELIABILITY_FULL=1) runs the long forms; CI runs the reduced forms. */
export const FULL = process.env.RAPPORT_RELIABILITY_FULL === "1";

export type ReliabilityRow = { test: string; injected: string; figure: string; pass: boolean };

export function recordResult(row: ReliabilityRow): void {
  mkdirSync(join(RESULTS_FILE, ".."), { recursive: true });
  appendFileSync(RESULTS_FILE, `${JSON.stringify(row)}\n`);
}
