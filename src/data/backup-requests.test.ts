import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "./database.js";
import { answerBackupRequests, BackupNotTakenError, requestBackup } from "./backup-requests.js";
import { verifyBackupFile } from "./backup.js";

describe("backup requests to the process holding the data directory", () => {
  let work: string;
  let dataDir: string;
  let holder: Database;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "rapport-backup-requests-"));
    dataDir = join(work, "data");
    holder = await openDatabase({ kind: "pglite", dataDir, fsync: false });
    await holder.prisma.tenant.create({ data: { platform: "console", externalId: "local", name: "Local" } });
  }, 120_000);
  afterAll(async () => {
    await holder?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test("GIVEN nobody answers THEN the request is withdrawn and the requester told why", async () => {
    const failure = await requestBackup({ dataDir, file: join(work, "never.gz"), pickupMs: 300, pollMs: 20 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BackupNotTakenError);
    expect((failure as Error).message).toContain("did not take the backup request");
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith("backup-request-"))).toEqual([]);
    expect(existsSync(join(work, "never.gz"))).toBe(false);
  });

  test("GIVEN the holder answers THEN it writes the backup where the requester asked", async () => {
    const answering = answerBackupRequests(holder, undefined, 50);
    const file = join(work, "held.gz");
    // Two at once: both are claimed together, so neither requester gives up while the other's is written.
    const [report, second] = await Promise.all([requestBackup({ dataDir, file, pollMs: 20, pickupMs: 3000 }), requestBackup({ dataDir, file: join(work, "second.gz"), pollMs: 20, pickupMs: 3000 })]);
    expect(report.file).toBe(file);
    expect(second.tables).toEqual(report.tables);
    expect(report.tables.find((table) => table.table === "tenants")?.rows).toBe(1);
    expect((await verifyBackupFile(file)).tables).toContain("tenants");
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith("backup-request-"))).toEqual([]);
    // Closing the wrapper stops the watch and closes the database beneath.
    await answering.close();
    holder = await openDatabase({ kind: "pglite", dataDir, fsync: false });
  }, 60_000);

  test("GIVEN a database without a directory THEN there is nothing to watch", async () => {
    const memory = await openDatabase({ kind: "pglite", dataDir: null });
    try {
      expect(answerBackupRequests(memory)).toBe(memory);
    } finally {
      await memory.close();
    }
  }, 60_000);
});
