/**
 * `npm run test:reliability [-- --full]`: runs the reliability suite and prints its table
 * (test, what was injected, the figure, pass/fail). --full runs the long forms (20 crash kills,
 * 10,000 fuzz cases); the normal `npm test` runs the reduced forms of the same tests.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_FILE } from "./results.js";

const full = process.argv.includes("--full");
rmSync(RESULTS_FILE, { force: true });
const vitest = spawnSync(process.execPath, [join(import.meta.dirname, "../../node_modules/vitest/vitest.mjs"), "run", "test/reliability"], {
  stdio: "inherit",
  env: { ...process.env, RAPPORT_RELIABILITY_FULL: full ? "1" : "0", RAPPORT_RELIABILITY_RESULTS: RESULTS_FILE },
});
const table = spawnSync(process.execPath, [join(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs"), join(import.meta.dirname, "print-table.ts")], {
  stdio: "inherit",
  env: { ...process.env, RAPPORT_RELIABILITY_RESULTS: RESULTS_FILE },
});
process.exitCode = vitest.status || table.status || 0;
