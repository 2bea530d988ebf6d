/**
 * Prints the reliability results table (Markdown) collected by the last run, checked against
 * vitest's own verdicts (its JSON report, RAPPORT_RELIABILITY_VITEST_JSON) so that the table can
 * only say "pass" for a row whose test passed:
 * - a row recorded by a test that then threw or timed out is FAIL, whatever the row said;
 * - a test that failed without recording a row gets a FAIL row of its own (file and test name);
 * - a file that failed to load, and a row declared with `expectRows` but never recorded, are FAIL;
 * - without a vitest report at all (vitest crashed), every row is FAIL.
 * New test files need nothing here: their rows and their tests are discovered from the run.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { RESULTS_FILE, type ReliabilityRow, type ResultLine } from "./results.js";

type VitestAssertion = { ancestorTitles: string[]; title: string; status: string; failureMessages: string[]; duration?: number | null };
type VitestFile = { name: string; status: string; message?: string; assertionResults: VitestAssertion[] };
type VitestReport = { testResults: VitestFile[] };
type TableRow = ReliabilityRow & { note?: string };

const ROOT = join(import.meta.dirname, "../..");
const RELIABILITY_DIR = "test/reliability/";

export function buildTable(lines: ResultLine[], report: VitestReport | null, vitestStatus: number | null): { rows: TableRow[]; pass: boolean } {
  const recorded = lines.filter((line): line is Extract<ResultLine, { pass: boolean }> => line.kind !== "expected");
  const expected = lines.filter((line) => line.kind === "expected");
  const files = new Map((report?.testResults ?? []).map((file) => [relative(ROOT, file.name), file]));
  const testOf = (file: string | undefined, testName: string | undefined) =>
    file && testName ? files.get(file)?.assertionResults.find((test) => [...test.ancestorTitles, test.title].join(" > ") === testName) : undefined;
  const why = (test: VitestAssertion | undefined, file: VitestFile | undefined) => {
    const message = test?.failureMessages.join("\n") ?? file?.message ?? "";
    if (/timed out/i.test(message)) return "timed out";
    // vitest's JSON report keeps only a placeholder for a timeout's message.
    if (message.includes("STACK_TRACE_ERROR")) return `timed out or aborted after ${((test?.duration ?? 0) / 1000).toFixed(1)} s`;
    const first = message.split("\n").find((line) => line.trim());
    return (first ?? test?.status ?? file?.status ?? "no result").trim().slice(0, 160);
  };

  const rows: TableRow[] = recorded.map(({ test, injected, figure, pass, file, testName }) => {
    if (!report) return { test, injected, figure, pass: false, note: `vitest gave no report (exit status ${vitestStatus ?? "unknown"})` };
    const vitestFile = file ? files.get(file) : undefined;
    const vitestTest = testOf(file, testName);
    // A row recorded outside a test (a hook) is judged by its file.
    const status = testName ? vitestTest?.status : vitestFile?.status;
    if (status === "passed") return { test, injected, figure, pass };
    return { test, injected, figure, pass: false, note: `its test ${status ?? "was not found in the vitest report"}: ${why(vitestTest, vitestFile)}` };
  });

  // Failing tests and files of the reliability suite that left no row behind.
  for (const [file, vitestFile] of files) {
    if (!file.startsWith(RELIABILITY_DIR)) continue;
    const failed = vitestFile.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed) {
      const testName = [...test.ancestorTitles, test.title].join(" > ");
      if (recorded.some((line) => line.file === file && line.testName === testName)) continue;
      rows.push({ test: `${basename(file, ".test.ts")}: ${testName}`, injected: "(no row recorded)", figure: `test failed: ${why(test, vitestFile)}`, pass: false });
    }
    if (vitestFile.status === "failed" && failed.length === 0) {
      rows.push({ test: `${basename(file, ".test.ts")}`, injected: "(no row recorded)", figure: `file failed: ${why(undefined, vitestFile)}`, pass: false });
    }
  }
  for (const { test, file } of expected) {
    if (recorded.some((line) => line.test === test)) continue;
    rows.push({ test, injected: "(no row recorded)", figure: `declared by ${file ?? "a test file"} but never recorded`, pass: false });
  }
  if (!report) rows.push({ test: "vitest", injected: "", figure: `no JSON report (exit status ${vitestStatus ?? "unknown"})`, pass: false });

  // In the issue's item order ("6. crash ...", "10. hostile ..."), whatever order the files finished in.
  const itemNumber = (row: ReliabilityRow) => Number(/^(\d+)/.exec(row.test)?.[1] ?? 99);
  rows.sort((a, b) => itemNumber(a) - itemNumber(b));
  const pass = rows.length > 0 && rows.every((row) => row.pass) && (vitestStatus === null || vitestStatus === 0);
  return { rows, pass };
}

export function formatTable(rows: TableRow[]): string {
  return [
    "| test | injected | figure | result |",
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.test} | ${row.injected} | ${row.figure} | ${row.pass ? "pass" : `FAIL${row.note ? ` (${row.note})` : ""}`} |`),
  ].join("\n");
}

function readJson<T>(path: string | undefined): T | null {
  if (!path || !existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return null;
  }
}

if (process.argv[1] && basename(process.argv[1]) === "print-table.ts") {
  const lines: ResultLine[] = existsSync(RESULTS_FILE)
    ? readFileSync(RESULTS_FILE, "utf8").split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as ResultLine)
    : [];
  const reportPath = process.env.RAPPORT_RELIABILITY_VITEST_JSON;
  const status = process.env.RAPPORT_RELIABILITY_VITEST_STATUS;
  // Run by hand after `npm test` (no report named): the rows alone, as before.
  const report = reportPath ? readJson<VitestReport>(reportPath) : null;
  const { rows, pass } = reportPath
    ? buildTable(lines, report, status === undefined ? null : Number(status))
    : { rows: lines.filter((line): line is Extract<ResultLine, { pass: boolean }> => line.kind !== "expected"), pass: true };
  process.stdout.write(`${formatTable(rows)}\n`);
  process.exitCode = pass && rows.every((row) => row.pass) && rows.length > 0 ? 0 : 1;
}
