/**
 * Import rate through the project's importFile: a generated CSV of new customers (same vocabulary)
 * is imported into a fresh throwaway tenant of the cached data set, then that tenant is deleted so
 * the cache stays as generated.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type DatabaseTarget } from "../src/data/database.js";
import { BENCH_DIR } from "./db.js";
import { rngFor } from "./prng.js";
import { SEED } from "./generate.js";
import { generateName } from "./vocabulary.js";

export type ImportRate = { available: boolean; note?: string; rows?: number; inserted?: number; elapsedMs?: number; rowsPerSecond?: number; invalid?: number };

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeCsv(rows: number): string {
  const dir = join(BENCH_DIR, "cache");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `import-${rows}.csv`);
  if (existsSync(path)) return path;
  const lines = ["name,aliases,email,phone,city,region,industry,status"];
  for (let i = 0; i < rows; i++) {
    const seedIndex = 900_000_000 + i;
    const identity = generateName(rngFor(SEED, seedIndex), seedIndex);
    // A suffix keeps every imported name new to the tenant (the importer matches existing names).
    lines.push([`${identity.name} ${i}`, identity.aliases.join(";"), `info@${identity.domain}`, identity.phone, identity.city, identity.region, "Trading", "prospect"].map(csvCell).join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

export async function measureImport(target: DatabaseTarget, rows: number): Promise<ImportRate> {
  if (!existsSync(fileURLToPath(new URL("../src/import/import-file.ts", import.meta.url)))) {
    return { available: false, note: "src/import/import-file.ts does not exist yet: skipped" };
  }
  const module = (await import("../src/import/import-file.js")) as Record<string, unknown>;
  if (typeof module.importFile !== "function") return { available: false, note: "src/import does not export importFile yet: skipped" };
  const importFile = module.importFile as (input: Record<string, unknown>) => Promise<{ rows: number; inserted: number; elapsedMs: number; rowsPerSecond: number; invalid: number; issues: { reason: string }[] }>;
  const path = writeCsv(rows);
  const database = await openDatabase(target, { migrate: true });
  const prisma = database.prisma;
  const externalId = `TBENCHIMPORT${Date.now()}`;
  const tenant = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO tenants (platform, external_id, name) VALUES ('slack', $1, 'Bench import') RETURNING id`,
    externalId,
  );
  const tenantId = tenant[0]!.id;
  try {
    const { createImportSink } = await import("../src/data/import-sink.js");
    const result = await importFile({ sink: createImportSink(database), tenantId, kind: "customers", path });
    return {
      available: true,
      rows: result.rows,
      inserted: result.inserted,
      invalid: result.invalid,
      elapsedMs: result.elapsedMs,
      rowsPerSecond: result.rowsPerSecond,
      ...(result.invalid ? { note: `first issue: ${result.issues[0]?.reason}` } : {}),
    };
  } finally {
    // Leave the cached data set as generated. The child tables' foreign keys on customer_id have no
    // index of their own (only (tenant_id, customer_id, ...)), so a cascading DELETE seq-scans every
    // child table once per customer: minutes at 100k. Delete by tenant, table by table, in one
    // session with the FK triggers off instead.
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      const tables = await tx.$queryRawUnsafe<{ table_name: string }[]>(
        `SELECT table_name::text AS table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT IN ('tenants', 'customers', 'members')`,
      );
      for (const { table_name } of tables) await tx.$executeRawUnsafe(`DELETE FROM "${table_name}" WHERE tenant_id = $1`, tenantId);
      await tx.$executeRawUnsafe(`DELETE FROM customers WHERE tenant_id = $1`, tenantId);
      await tx.$executeRawUnsafe(`DELETE FROM members WHERE tenant_id = $1`, tenantId);
      await tx.$executeRawUnsafe(`DELETE FROM tenants WHERE id = $1`, tenantId);
    }, { timeout: 600_000 });
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE customers`).catch(() => undefined);
    await database.close();
  }
}
