/**
 * `npm run test:reliability [-- --full]`: runs the reliability suite and prints its table
 * (test, what was injected, the figure, pass/fail). --full runs the long forms (20 crash kills,
 * 10,000 fuzz cases); the normal `npm test` runs the reduced forms of the same tests.
 *
 * The table is checked against vitest's JSON report (print-table.ts): a row whose test threw or
 * timed out, or a failing test that recorded no row, is FAIL; the exit status is non-zero then.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_FILE } from "./results.js";

const full = process.argv.includes("--full");
const REPORT_FILE = join(RESULTS_FILE, "..", "vitest-report.json");
rmSync(RESULTS_FILE, { force: true });
rmSync(REPORT_FILE, { force: true });
const vitest = spawnSync(
  process.execPath,
  [join(import.meta.dirname, "../../node_modules/vitest/vitest.mjs"), "run", "test/reliability", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORT_FILE}`],
  { stdio: "inherit", env: { ...process.env, RAPPORT_RELIABILITY_FULL: full ? "1" : "0", RAPPORT_RELIABILITY_RESULTS: RESULTS_FILE } },
);
const table = spawnSync(process.execPath, [join(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs"), join(import.meta.dirname, "print-table.ts")], {
  stdio: "inherit",
  env: {
    ...process.env,
    RAPPORT_RELIABILITY_RESULTS: RESULTS_FILE,
    RAPPORT_RELIABILITY_VITEST_JSON: REPORT_FILE,
    RAPPORT_RELIABILITY_VITEST_STATUS: String(vitest.status ?? 1),
  },
});
process.exitCode = vitest.status || table.status || 0;
