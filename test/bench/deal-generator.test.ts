/**
 * The benchmark's deal generator (bench/generate.ts loadDeals) on both databases: run on a small
 * migrated book, it must give every customer 1-5 deals in its own currency, a consistent life
 * cycle (open deals with an expected close and no closed date; won and lost ones closed by the
 * anchor date, lost ones with a reason) and a history that starts at "created" and ends where
 * the deal stands. The 100k run relies on these shapes for its deals and forecast figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSql, type Sql } from "../../bench/db.js";
import { ANCHOR_DATE, loadDeals, MIX_FUNCTION } from "../../bench/generate.js";
import { openDatabase, type DatabaseTarget } from "../../src/data/database.js";
import { testTargets } from "../support/test-databases.js";

const CUSTOMERS = 60;
const CURRENCIES = [null, "EUR", "CNY", "TWD", "KRW"] as const;
const UNIT = { USD: 100, EUR: 92, CNY: 700, TWD: 3200, KRW: 1400 } as Record<string, number>;

async function targetFor(name: string): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (name === "pglite") {
    // A directory, not memory: the migrated schema must be seen by a second session (openSql).
    const dir = mkdtempSync(join(tmpdir(), "rapport-bench-deals-"));
    return { target: { kind: "pglite", dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return testTargets.find((target) => target.name === "postgres")!.create();
}

describe.each(testTargets.map((target) => target.name))("bench deal generator on %s", (name) => {
  let sql: Sql;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await targetFor(name);
    drop = created.drop;
    await (await openDatabase(created.target, { migrate: true })).close();
    sql = await openSql(created.target);
    await sql.exec(`INSERT INTO tenants (id, platform, external_id, name) VALUES (1, 'slack', 'TDEALS', 'Deals'), (2, 'slack', 'TOTHER', 'Other')`);
    await sql.exec(
      `INSERT INTO members (id, tenant_id, external_id, display_name, updated_at) VALUES
         (1, 1, 'U1', 'Alice', now()), (2, 1, 'U2', 'Bob', now()), (3, 1, 'U3', 'Chen', now()), (4, 2, 'U4', 'Dana', now())`,
    );
    await sql.query(
      `INSERT INTO customers (id, tenant_id, name, currency, owner_id, updated_at)
       SELECT i, CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, 'Customer ' || i, ($1::text[])[1 + i % 5],
         CASE WHEN i % 10 = 0 THEN 4 WHEN i % 7 = 0 THEN NULL ELSE 1 + i % 3 END, now()
       FROM generate_series(1, ${CUSTOMERS}) AS i`,
      [CURRENCIES],
    );
    await sql.exec(MIX_FUNCTION);
    await loadDeals(sql, async (_label, statement, params) => {
      await sql.query(statement, params);
    });
  }, 240_000);

  afterAll(async () => {
    await sql?.close();
    await drop?.();
  });

  it("leaves the pipeline's monthly totals equal to the deals' own sums", async () => {
    const fromDeals = await sql.query<{ key: string }>(
      `SELECT concat_ws('|', tenant_id, owner_id, stage, currency, status, deal_month_of(status, close_on, closed_on), COUNT(*), SUM(amount)) AS key
       FROM deals GROUP BY tenant_id, owner_id, stage, currency, status, deal_month_of(status, close_on, closed_on) ORDER BY 1`,
    );
    const fromTotals = await sql.query<{ key: string }>(
      `SELECT concat_ws('|', tenant_id, owner_id, stage, currency, status, month, deals, amount) AS key FROM deal_month_totals WHERE deals <> 0 ORDER BY 1`,
    );
    expect(fromTotals.length).toBeGreaterThan(10);
    expect(fromTotals.map((row) => row.key)).toEqual(fromDeals.map((row) => row.key));
  });

  it("gives every customer 1-5 deals in its currency, owned within its own workspace", async () => {
    const perCustomer = await sql.query<{ customer_id: number; n: number; wrong_currency: number; foreign_owner: number }>(
      `SELECT c.id AS customer_id, count(d.id)::int AS n,
         count(*) FILTER (WHERE d.currency IS DISTINCT FROM c.currency)::int AS wrong_currency,
         count(*) FILTER (WHERE m.tenant_id IS DISTINCT FROM c.tenant_id OR d.tenant_id <> c.tenant_id)::int AS foreign_owner
       FROM customers c LEFT JOIN deals d ON d.customer_id = c.id LEFT JOIN members m ON m.id = d.owner_id
       GROUP BY c.id`,
    );
    expect(perCustomer).toHaveLength(CUSTOMERS);
    for (const row of perCustomer) {
      expect(row.n).toBeGreaterThanOrEqual(1);
      expect(row.n).toBeLessThanOrEqual(5);
      expect(row.wrong_currency).toBe(0);
      expect(row.foreign_owner).toBe(0);
    }
    const amounts = await sql.query<{ currency: string | null; amount: string }>(`SELECT currency, amount::text FROM deals`);
    for (const { currency, amount } of amounts) {
      const unit = UNIT[currency ?? "USD"]!;
      // 500 to 200,000 whole units of USD value, in the currency's minor units.
      expect(Number(amount) % unit).toBe(0);
      expect(Number(amount) / unit).toBeGreaterThanOrEqual(500);
      expect(Number(amount) / unit).toBeLessThanOrEqual(200_000);
    }
  });

  it("keeps each deal's life cycle consistent with its status", async () => {
    const rows = await sql.query<{ status: string; stage: string; close_on: string | null; closed_on: string | null; lost_reason: string | null; probability: number | null }>(
      `SELECT status, stage, close_on::text, closed_on::text, lost_reason, probability FROM deals`,
    );
    const statuses = new Set(rows.map((row) => row.status));
    expect([...statuses].sort()).toEqual(["lost", "open", "won"]);
    for (const row of rows) {
      expect(row.close_on).not.toBeNull();
      if (row.status === "open") {
        expect(["lead", "qualified", "proposal", "negotiation"]).toContain(row.stage);
        expect(row.closed_on).toBeNull();
        expect(row.lost_reason).toBeNull();
      } else {
        expect(row.stage).toBe(row.status);
        expect(row.closed_on! <= ANCHOR_DATE).toBe(true);
        expect(row.probability).toBeNull();
        if (row.status === "lost") expect(["price", "competitor", "no-budget", "timing", "other"]).toContain(row.lost_reason);
        else expect(row.lost_reason).toBeNull();
      }
    }
  });

  it("records a history from created to where each deal stands, in time order", async () => {
    const deals = await sql.query<{ id: number; stage: string; status: string; events: string[]; stages: string[]; ordered: boolean; last_at_stage_change: boolean }>(
      `SELECT d.id, d.stage, d.status,
         array_agg(e.kind ORDER BY e.at, e.id) AS events,
         array_agg(e.to_stage ORDER BY e.at, e.id) AS stages,
         bool_and(e.at >= d.created_at AND e.at <= d.stage_changed_at) AS ordered,
         max(e.at) = d.stage_changed_at AS last_at_stage_change
       FROM deals d JOIN deal_events e ON e.deal_id = d.id GROUP BY d.id`,
    );
    const total = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM deals`);
    expect(deals).toHaveLength(total[0]!.n);
    for (const deal of deals) {
      expect(deal.events[0]).toBe("created");
      expect(deal.stages[0]).toBe("lead");
      expect(deal.stages.at(-1)).toBe(deal.stage);
      expect(deal.events.at(-1)).toBe(deal.status === "open" ? (deal.events.length === 1 ? "created" : "stage") : deal.status);
      expect(deal.ordered).toBe(true);
      expect(deal.last_at_stage_change).toBe(true);
    }
  });
});
