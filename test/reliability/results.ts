/**
 * Reliability tests record one row each (what was injected, the measured figure, pass/fail);
 * print-table.ts prints them as the suite's table after `npm run test:reliability`.
 *
 * A row is not the verdict on its own: each row remembers which vitest test recorded it, and the
 * table marks it FAIL unless that test passed too (a test that recorded "pass" and then threw or
 * timed out is red). A test that failed without recording anything gets a FAIL row of its own, and
 * a row named with `expectRows` that never arrives is FAIL as well. See print-table.ts.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { tmpdir } from "node:os";
import { expect } from "vitest";

export const RESULTS_FILE = process.env.RAPPORT_RELIABILITY_RESULTS ?? join(tmpdir(), "rapport-reliability", "results.jsonl");

/** `--full` (RAPPORT_RELIABILITY_FULL=1) runs the long forms; CI runs the reduced forms. */
export const FULL = process.env.RAPPORT_RELIABILITY_FULL === "1";

export type ReliabilityRow = { test: string; injected: string; figure: string; pass: boolean };

/** Where a row came from: the test file (relative to the repository) and the vitest test's full name. */
export type RowSource = { file: string; testName: string };

/** One line of the results file: a recorded row, or a row some test file said it would record. */
export type ResultLine = ({ kind?: "row" } & ReliabilityRow & Partial<RowSource>) | ({ kind: "expected"; test: string } & Partial<RowSource>);

const ROOT = join(import.meta.dirname, "../..");

function append(line: ResultLine): void {
  mkdirSync(join(RESULTS_FILE, ".."), { recursive: true });
  appendFileSync(RESULTS_FILE, `${JSON.stringify(line)}\n`);
}

/** The vitest test running now (file and "describe > test" name); empty outside a test. */
function currentSource(): Partial<RowSource> {
  try {
    const state = expect.getState();
    return {
      ...(state.testPath ? { file: relative(ROOT, state.testPath) } : {}),
      ...(state.currentTestName ? { testName: state.currentTestName } : {}),
    };
  } catch {
    return {};
  }
}

export function recordResult(row: ReliabilityRow): void {
  append({ kind: "row", ...row, ...currentSource() });
}

/**
 * Declares, when the file is collected, the rows its tests will record: a row declared here and
 * never recorded (the test threw first, was skipped, or returned early) is a FAIL row in the table.
 * Optional: a failing test is caught without it.
 */
export function expectRows(file: string, ...tests: string[]): void {
  for (const test of tests) append({ kind: "expected", test, file: relative(ROOT, file) });
}
