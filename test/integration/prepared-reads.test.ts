/**
 * On PostgreSQL, Database.read runs the hot reads as named prepared statements, each planned once
 * (a generic plan); RAPPORT_DB_PREPARED=off turns that off for poolers that cannot keep them, and a
 * statement a migration invalidated falls back to running unnamed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/data/database.js";
import { searchCustomers, searchStatements, inOneRoundTrip } from "../../src/data/customer-search.js";
import { buildSearchKeys } from "../../src/core/text/search-keys.js";

const postgres = testTargets.find((target) => target.name === "postgres")!;

type PreparedRow = { name: string; generic_plans: string | number; custom_plans: string | number };

describe("hot reads as prepared statements on PostgreSQL", () => {
  let created: { target: DatabaseTarget; drop(): Promise<void> };
  let database: Database;
  let tenantId: number;

  beforeAll(async () => {
    created = await postgres.create();
    // One connection: the statements below and pg_prepared_statements are the same session's.
    database = await openDatabase(created.target, { poolSize: 1 });
    const [tenant] = await database.read<{ id: number }>(`INSERT INTO tenants (platform, external_id, name) VALUES ('slack', 'TPREP', 'Prepared') RETURNING id`);
    tenantId = tenant!.id;
    const keys = Array.from({ length: 3000 }, (_, n) => buildSearchKeys({ name: `Harbor Trading ${n}`, aliases: [], contacts: [] }));
    await database.read(
      `INSERT INTO customers (tenant_id, name, search_name, search_doc, search_grams, search_phones, updated_at)
       SELECT $1, 'Harbor Trading ' || (n - 1), k.name, k.doc, '{}', '', now()
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(name, doc, n)`,
      [tenantId, keys.map((key) => key.searchName), keys.map((key) => key.searchDoc)],
    );
    await database.read("ANALYZE customers");
  });
  afterAll(async () => {
    await database?.close();
    await created?.drop();
  });

  test("a search statement is prepared and planned once for every execution", async () => {
    expect((await database.read<{ plan_cache_mode: string }>("SHOW plan_cache_mode"))[0]!.plan_cache_mode).toBe("force_generic_plan");
    const statement = inOneRoundTrip(searchStatements(tenantId, "harbor trading 12", 5).first);
    for (let run = 0; run < 8; run++) {
      const rows = await database.read<{ name: string }>(statement.sql, statement.params);
      expect(rows[0]?.name).toBe("Harbor Trading 12");
    }
    const prepared = (await database.read<PreparedRow>(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1`, [statement.sql]))[0];
    expect(prepared?.name).toMatch(/^rapport_read_/);
    expect(Number(prepared!.custom_plans)).toBe(0);
    expect(Number(prepared!.generic_plans)).toBe(8);
  });

  test("reads together share one connection while other reads take the rest", async () => {
    const pooled = await openDatabase(created.target, { poolSize: 3, migrate: false });
    try {
      const pid = async (read: typeof pooled.read) => (await read<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
      const busy = Array.from({ length: 4 }, () => pooled.read("SELECT pg_sleep(0.02)"));
      const inside = await pooled.read.together!(async (read) => [await pid(read), await pid(read), await pid(read)]);
      await Promise.all(busy);
      expect(new Set(inside).size).toBe(1);
    } finally {
      await pooled.close();
    }
  });

  test("a typo search makes all its reads on one connection", async () => {
    const statements: string[] = [];
    let taken = 0;
    const counted = Object.assign(<T,>(sql: string, params?: unknown[]) => database.read<T>(sql, params), {
      together: <T,>(work: (read: typeof database.read) => Promise<T>) => {
        taken += 1;
        return database.read.together!((read) => work(<R,>(sql: string, params?: unknown[]) => (statements.push(sql), read<R>(sql, params))));
      },
    });
    const hits = await searchCustomers(counted, tenantId, "harbr tradng", { limit: 5 });
    expect(hits[0]?.name).toMatch(/^Harbor Trading/);
    expect(taken).toBe(1);
    expect(statements.length).toBeGreaterThanOrEqual(2);
  });

  test("a statement a migration invalidated runs unnamed from then on", async () => {
    await database.read("CREATE TABLE prepared_probe (value int)");
    await database.read("INSERT INTO prepared_probe VALUES (7)");
    const probe = "SELECT value FROM prepared_probe";
    expect(await database.read(probe)).toEqual([{ value: 7 }]);
    await database.read("ALTER TABLE prepared_probe ALTER COLUMN value TYPE text");
    expect(await database.read(probe)).toEqual([{ value: "7" }]);
    expect(await database.read(probe)).toEqual([{ value: "7" }]);
  });

  test("RAPPORT_DB_PREPARED=off sends every read unnamed", async () => {
    const unnamed = await openDatabase({ ...created.target, prepared: false } as DatabaseTarget, { poolSize: 1, migrate: false });
    try {
      for (let run = 0; run < 3; run++) await unnamed.read("SELECT id FROM tenants WHERE id = $1", [tenantId]);
      expect(await unnamed.read("SELECT name FROM pg_prepared_statements")).toEqual([]);
    } finally {
      await unnamed.close();
    }
  });
});
