/**
 * `rapport import` as a new team runs it: a real process (the launcher re-runs itself with a fixed
 * heap), a real embedded data directory, a HubSpot-style file, exit codes and what is printed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../../src/data/database.js";
import { runCli } from "../../support/run-cli.js";

const run = (args: string[], dataDir: string, input = "") => runCli(args, input, { RAPPORT_DATA_DIR: dataDir });

describe("rapport import from the command line", () => {
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-import-cli-"));
    dataDir = join(dir, "data");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const hubspot = (rows: string[]) => ["Record ID,Company name,City,Create Date,Company owner", ...rows].join("\n") + "\n";

  test("a bad row: exit 1, the line and reason on stderr, nothing written; fixed: exit 0 and searchable", async () => {
    const bad = await run(["import", "customers", file("bad.csv", hubspot(["1,Acme Corp,Boston,2024-01-05,", "2,,Berlin,2024-01-06,", "3,宏达贸易,上海,2024-01-07,someone@else.test"]))], dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 3: name is missing");
    expect(bad.stdout).toContain("Nothing imported from 3 customers rows: 1 invalid row; fix them or use --skip-invalid");

    const good = await run(["import", "customers", file("good.csv", hubspot(["1,Acme Corp,Boston,2024-01-05,", "2,Müller GmbH,Berlin,2024-01-06,", "3,宏达贸易,上海,2024-01-07,someone@else.test"]))], dataDir);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Imported 3 customers rows: 3 new, 0 updated, 0 unchanged, 0 invalid, 1 warnings/);
    expect(good.stderr).toContain('line 4: warning: owner "someone@else.test" is not a member');
    // PGlite has no autovacuum: the import analysed and vacuumed (planner statistics, visibility map).
    const opened = await openDatabase({ kind: "pglite", dataDir }, { migrate: false });
    try {
      const [customers] = await opened.prisma.$queryRawUnsafe<{ reltuples: number; relallvisible: number }[]>("SELECT reltuples::float8 AS reltuples, relallvisible FROM pg_class WHERE relname = 'customers'");
      expect(customers).toEqual({ reltuples: 3, relallvisible: 1 });
    } finally {
      await opened.close();
    }
    const found = await run(["console", "--no-demo"], dataDir, "find 宏達\nfind muller\n");
    expect(found.stdout).toContain("宏达贸易");
    expect(found.stdout).toContain("Müller GmbH");
  }, 120_000);

  test("while another process has the embedded database open, the import is refused and says why", async () => {
    const holder = await openDatabase({ kind: "pglite", dataDir });
    try {
      const refused = await run(["import", "customers", file("more.csv", hubspot(["4,Globex,Springfield,2024-01-08,"]))], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by another Rapport process (pid ${process.pid}`);
    } finally {
      await holder.close();
    }
  }, 120_000);

  test("bad arguments print the usage with the date order option", async () => {
    const result = await run(["import", "customers", file("x.csv", hubspot([])), "--date-order", "ymd"], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--date-order must be one of auto, mdy, dmy");
  }, 60_000);
});
