/** Prints the reliability results table (Markdown) collected by the last run. */
import { existsSync, readFileSync } from "node:fs";
import { RESULTS_FILE, type ReliabilityRow } from "./results.js";

const rows: ReliabilityRow[] = existsSync(RESULTS_FILE)
  ? readFileSync(RESULTS_FILE, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as ReliabilityRow)
  : [];
// In the item order ("6. crash ...", "10. hostile ..."), whatever order the files finished in.
const itemNumber = (row: ReliabilityRow) => Number(/^(\d+)/.exec(row.test)?.[1] ?? 99);
rows.sort((a, b) => itemNumber(a) - itemNumber(b));
const lines = [
  "| test | injected | figure | result |",
  "| --- | --- | --- | --- |",
  ...rows.map((row) => `| ${row.test} | ${row.injected} | ${row.figure} | ${row.pass ? "pass" : "FAIL"} |`),
];
process.stdout.write(`${lines.join("\n")}\n`);
process.exitCode = rows.length > 0 && rows.every((row) => row.pass) ? 0 : 1;
