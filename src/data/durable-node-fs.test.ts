/**
 * The embedded database's commits reach the disk: PGlite on DurableNodeFS makes one real fsync per
 * commit, where stock PGlite (even told fsync=on) makes none. Counted with strace when it is on
 * the PATH (skipped otherwise); the settings are checked either way.
 */
import { afterAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "rapport-fsync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// strace present and allowed to trace here (containers may forbid ptrace).
const hasStrace = spawnSync("strace", ["-f", "-e", "trace=none", "true"]).status === 0;

/** Runs COMMITS one-row commits on a fresh directory in a child under strace; fsync calls between the marks. */
function fsyncCalls(fsync: boolean): number {
  const script = join(dir, `commits-${fsync}.mts`); // .mts: an ES module outside the package
  const trace = join(dir, `trace-${fsync}.txt`);
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(join(import.meta.dirname, "database.ts"))};
const db = await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(join(dir, `data-${fsync}`))}, fsync: ${fsync} }, { migrate: false });
await db.prisma.$executeRawUnsafe("CREATE TABLE t (n int)");
process.stderr.write("MARK start\\n");
for (let n = 0; n < 20; n++) await db.prisma.$executeRawUnsafe("INSERT INTO t VALUES ($1)", n);
process.stderr.write("MARK end\\n");
await db.close();
`,
  );
  const run = spawnSync("strace", ["-f", "-e", "trace=fsync,fdatasync,write", "-o", trace, process.execPath, "--import", "tsx", script], { encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  let inside = false;
  let calls = 0;
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    if (line.includes("MARK start")) inside = true;
    else if (line.includes("MARK end")) inside = false;
    else if (inside && /\b(fsync|fdatasync)\(/.test(line)) calls++;
  }
  return calls;
}

describe("embedded database durability", () => {
  test("GIVEN fsync on (the default) THEN PostgreSQL inside PGlite runs with fsync=on, wal_sync_method=fsync", async () => {
    const db = await openDatabase({ kind: "pglite", dataDir: join(dir, "settings") }, { migrate: false });
    try {
      const [fsync] = await db.prisma.$queryRawUnsafe<{ fsync: string }[]>("SHOW fsync");
      const [method] = await db.prisma.$queryRawUnsafe<{ wal_sync_method: string }[]>("SHOW wal_sync_method");
      expect([fsync?.fsync, method?.wal_sync_method]).toEqual(["on", "fsync"]);
    } finally {
      await db.close();
    }
  }, 60_000);

  test.skipIf(!hasStrace)("GIVEN 20 commits THEN about one fsync system call each with fsync on, none with it off", () => {
    expect(fsyncCalls(true)).toBeGreaterThanOrEqual(20);
    expect(fsyncCalls(false)).toBe(0);
  }, 120_000);
});
