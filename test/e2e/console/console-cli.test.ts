/** The `rapport` CLI as a new user runs it: a real process, a real data directory, piped stdin. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../support/run-cli.js";

describe("rapport console with stdin not a TTY", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "rapport-cli-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("first run loads the labelled demo data, answers each line, exits 0 at end of input", async () => {
    const result = await runCli(["console"], "find acme\n/crm find 宏達\nbogus\n", { RAPPORT_DATA_DIR: dataDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Loaded the DEMO data set");
    expect(result.stdout).toContain("> find acme\nCustomers matching \"acme\"\n 1. Acme Corp  #1");
    expect(result.stdout).toContain("上海宏达贸易有限公司");
    expect(result.stdout).toContain('! There is no command "bogus".');
  }, 120_000);

  test("a second run reuses the data directory and --as picks the acting member", async () => {
    const result = await runCli(["console", "--as", "bob"], "followups week\nlog muller call Angebot besprochen\n", { RAPPORT_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Loaded the DEMO data set");
    expect(result.stdout).toContain("Your follow-ups: week");
    expect(result.stdout).toContain("Müller GmbH");
    expect(result.stdout).toContain("== Logged call with Müller GmbH ==");
  }, 120_000);

  test("--no-demo starts empty; migrate and seed --demo work", async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "rapport-cli-empty-"));
    try {
      const empty = await runCli(["console", "--no-demo"], "find acme\n", { RAPPORT_DATA_DIR: emptyDir });
      expect(empty.code).toBe(0);
      expect(empty.stdout).toContain('No customers match "acme"');
      expect((await runCli(["migrate"], "", { RAPPORT_DATA_DIR: emptyDir })).stdout).toContain("Migrations applied.");
      expect((await runCli(["seed", "--demo"], "", { RAPPORT_DATA_DIR: emptyDir })).stdout).toContain("Loaded the DEMO data set");
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  }, 180_000);

  test("a bad DATABASE_URL fails at start naming the variable", async () => {
    const result = await runCli(["console"], "", { DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL must start with postgres://");
  });
});
