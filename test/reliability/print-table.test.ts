/**
 * The table can say FAIL: a row is only "pass" when the vitest test that recorded it passed too.
 * (The PGlite crash row was once printed as pass after vitest had failed its test on a timeout.)
 */
import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { buildTable } from "./print-table.js";
import type { ResultLine } from "./results.js";

const ROOT = join(import.meta.dirname, "../..");
const FILE = "test/reliability/example.test.ts";
const row = (test: string, testName: string, pass = true): ResultLine => ({ kind: "row", test, injected: "i", figure: "f", pass, file: FILE, testName });
const report = (...tests: { name: string; status: string; message?: string }[]) => ({
  testResults: [
    {
      name: join(ROOT, FILE),
      status: tests.some((t) => t.status === "failed") ? "failed" : "passed",
      assertionResults: tests.map((t) => ({ ancestorTitles: ["suite"], title: t.name, status: t.status, failureMessages: t.message ? [t.message] : [] })),
    },
  ],
});
const verdicts = (table: ReturnType<typeof buildTable>) => table.rows.map((r) => `${r.test}: ${r.pass ? "pass" : "FAIL"}`);

describe("the reliability table", () => {
  test("GIVEN a passing test that recorded pass THEN the row passes", () => {
    const table = buildTable([row("1. a", "suite > a")], report({ name: "a", status: "passed" }), 0);
    expect(verdicts(table)).toEqual(["1. a: pass"]);
    expect(table.pass).toBe(true);
  });

  test("GIVEN a row recorded as pass by a test that then timed out THEN the row is FAIL", () => {
    const table = buildTable([row("6. crash", "suite > crash")], report({ name: "crash", status: "failed", message: "Error: STACK_TRACE_ERROR\n at task" }), 1);
    expect(verdicts(table)).toEqual(["6. crash: FAIL"]);
    expect(table.rows[0]!.note).toMatch(/timed out/);
    expect(table.pass).toBe(false);
  });

  test("GIVEN a test that threw before recording THEN it gets a FAIL row of its own", () => {
    const table = buildTable([row("1. a", "suite > a")], report({ name: "a", status: "passed" }, { name: "b", status: "failed", message: "Error: boom" }), 1);
    expect(verdicts(table)).toEqual(["1. a: pass", "example: suite > b: FAIL"]);
    expect(table.rows[1]!.figure).toContain("boom");
  });

  test("GIVEN a declared row that never arrives THEN it is FAIL", () => {
    const table = buildTable([{ kind: "expected", test: "2. b", file: FILE }, row("1. a", "suite > a")], report({ name: "a", status: "passed" }), 0);
    expect(verdicts(table)).toEqual(["1. a: pass", "2. b: FAIL"]);
  });

  test("GIVEN no vitest report THEN nothing passes", () => {
    const table = buildTable([row("1. a", "suite > a")], null, 1);
    expect(table.rows.every((r) => !r.pass)).toBe(true);
    expect(table.pass).toBe(false);
  });

  test("GIVEN a row that says FAIL from a passing test THEN it stays FAIL", () => {
    const table = buildTable([row("1. a", "suite > a", false)], report({ name: "a", status: "passed" }), 0);
    expect(verdicts(table)).toEqual(["1. a: FAIL"]);
    expect(table.pass).toBe(false);
  });
});
