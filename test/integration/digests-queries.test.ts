/**
 * The digest queries' numbers on real databases (PGlite and PostgreSQL), pinned exactly:
 *  - overdue: ageing bucket edges, part-paid, paid and void invoices, the largest debtors and their
 *    tie order, balances that include invoices not yet due, credit-limit breaches;
 *  - follow-ups: counts per owner, owner order, each listed owner's most urgent items (ties by
 *    name), customers without an owner, lost customers and the end of the week;
 *  - churn: late to reorder and silent customers, ranked by lifetime sales (ties by id), counted;
 * each with a neighbour tenant whose rows must not leak in.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "../../src/data/database.js";
import { createInvoice } from "../../src/data/order-writer.js";
import { addDaysTo, type CalendarDate } from "../../src/core/dates.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import type { DigestLimits } from "../../src/core/digest-store.js";
import { testTargets } from "../support/test-databases.js";

const TODAY: CalendarDate = "2026-11-23"; // a Monday: the week ends on 2026-11-29
const limits = (items: number, owners = 6, itemsPerOwner = 3): DigestLimits => ({ owners, itemsPerOwner, items });
const date = (day: CalendarDate) => new Date(`${day}T00:00:00Z`);
type MemberRef = { id: number; externalId: string; displayName: string };

describe.each(testTargets)("digest queries on $name", (target) => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenantId: number;
  let neighbourId: number;
  let alice: MemberRef;
  let bob: MemberRef;
  const select = { id: true, externalId: true, displayName: true } as const;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    database = await openDatabase(created.target, { poolSize: 2 });
    const db = database.prisma;
    tenantId = (await db.tenant.create({ data: { platform: "console", externalId: "queries-main", name: "Main" } })).id;
    neighbourId = (await db.tenant.create({ data: { platform: "console", externalId: "queries-neighbour", name: "Neighbour" } })).id;
    alice = await db.member.create({ data: { tenantId, externalId: "alice", displayName: "Alice" }, select });
    bob = await db.member.create({ data: { tenantId, externalId: "bob", displayName: "Bob" }, select });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  describe("overdue", () => {
    let ids: Record<"boundary" | "overLimit" | "partPaid" | "notDue" | "settled", number>;

    beforeAll(async () => {
      const db = database.prisma;
      const customer = async (tenant: number, name: string, creditLimit: number | null, ownerId: number | null = null) =>
        (await db.customer.create({ data: { tenantId: tenant, name, creditLimit: creditLimit === null ? null : BigInt(creditLimit), ownerId } })).id;
      ids = {
        boundary: await customer(tenantId, "Boundary Co", null, alice.id),
        overLimit: await customer(tenantId, "Over Limit Ltd", 50_000),
        partPaid: await customer(tenantId, "Part Paid GmbH", 1_000_000),
        notDue: await customer(tenantId, "Not Due Yet SA", 5_000),
        settled: await customer(tenantId, "Settled Inc", 0),
      };
      let number = 0;
      const invoice = (tenant: number, customerId: number, daysPastDue: number, amount: number, paid = 0) =>
        createInvoice(db, tenant, { number: `I-${++number}`, customerId, issuedOn: addDaysTo(TODAY, -daysPastDue - 30), dueOn: addDaysTo(TODAY, -daysPastDue), amount, paid });
      // Each bucket edge once: 0, 30 | 31, 60 | 61, 90 | 91, 180 | 181 days past due.
      for (const [days, amount] of [[0, 100], [30, 200], [31, 400], [60, 800], [61, 1600], [90, 3200], [91, 6400], [180, 12_800], [181, 25_600]] as const) {
        await invoice(tenantId, ids.boundary, days, amount);
      }
      await invoice(tenantId, ids.boundary, -1, 1_000_000); // due tomorrow: balance only
      await invoice(tenantId, ids.overLimit, 45, 20_000);
      await invoice(tenantId, ids.overLimit, -10, 40_000); // balance 60,000 against a 50,000 limit
      await invoice(tenantId, ids.partPaid, 100, 30_000, 10_000); // 20,000 left: ties with Over Limit Ltd
      await invoice(tenantId, ids.partPaid, 100, 70_000, 70_000); // paid
      const voided = await invoice(tenantId, ids.partPaid, 120, 90_000);
      await db.invoice.update({ where: { id: voided }, data: { status: "void" } });
      await invoice(tenantId, ids.notDue, -5, 8_000); // over its limit by 3,000, nothing overdue
      // Open but fully paid (left open by an import): counts in neither the ageing nor the debtors.
      await db.invoice.create({ data: { tenantId, number: "I-open-paid", customerId: ids.settled, issuedOn: date("2026-09-01"), dueOn: date("2026-10-01"), amount: 5_000n, paid: 5_000n, status: "open" } });
      const stranger = await customer(neighbourId, "Neighbour Corp", 1_000);
      await invoice(neighbourId, stranger, 200, 999_999);
    });

    test("GIVEN invoices on every bucket edge THEN totals, largest debtors (ties by id) and limit breaches are exact", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).overdue({ today: TODAY, limits: limits(2) });
      expect(data).toEqual({
        totals: { "0-30": 300, "31-60": 21_200, "61-90": 4_800, "91-180": 39_200, ">180": 25_600 },
        total: 91_100,
        customerCount: 3,
        byCurrency: [{ currency: "USD", totals: { "0-30": 300, "31-60": 21_200, "61-90": 4_800, "91-180": 39_200, ">180": 25_600 }, total: 91_100 }],
        debtors: [
          {
            customerId: ids.boundary,
            customerName: "Boundary Co",
            overdue: 51_100,
            buckets: { "0-30": 300, "31-60": 1_200, "61-90": 4_800, "91-180": 19_200, ">180": 25_600 },
            oldestBucket: ">180",
            balance: 1_051_100,
            creditLimit: null,
            owner: alice,
            currency: "USD",
          },
          {
            customerId: ids.overLimit,
            customerName: "Over Limit Ltd",
            overdue: 20_000,
            buckets: { "0-30": 0, "31-60": 20_000, "61-90": 0, "91-180": 0, ">180": 0 },
            oldestBucket: "31-60",
            balance: 60_000,
            creditLimit: 50_000,
            owner: null,
            currency: "USD",
          },
        ],
        overLimit: [
          { customerId: ids.overLimit, customerName: "Over Limit Ltd", balance: 60_000, creditLimit: 50_000, currency: "USD" },
          { customerId: ids.notDue, customerName: "Not Due Yet SA", balance: 8_000, creditLimit: 5_000, currency: "USD" },
        ],
        overLimitCount: 2,
      });
    });

    test("GIVEN a short list THEN the counts still cover everyone", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).overdue({ today: TODAY, limits: limits(1) });
      expect(data.debtors.map((debtor) => debtor.customerName)).toEqual(["Boundary Co"]);
      expect(data.customerCount).toBe(3);
      expect(data.overLimit.map((row) => row.customerName)).toEqual(["Over Limit Ltd"]);
      expect(data.overLimitCount).toBe(2);
    });

    test("GIVEN a day before anything fell due THEN nothing is overdue but limits are still breached", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).overdue({ today: "2025-01-01", limits: limits(5) });
      expect(data).toMatchObject({ total: 0, customerCount: 0, debtors: [], overLimitCount: 2 });
      expect(data.totals).toEqual({ "0-30": 0, "31-60": 0, "61-90": 0, "91-180": 0, ">180": 0 });
    });
  });

  describe("follow-ups", () => {
    const ids: Record<string, number> = {};
    const taskIds: Record<string, number> = {};

    beforeAll(async () => {
      const rows: [string, number | null, CalendarDate, string?][] = [
        ["Zeta", 0, "2026-11-20"],
        ["Alpha", 0, "2026-11-20"], // same day as Zeta: listed first by name
        ["Beta", 0, TODAY],
        ["Gamma", 0, "2026-11-25"],
        ["Delta", 0, "2026-11-30"], // after the week
        ["Lost One", 0, "2026-11-19", "lost"],
        ["Bravo", 1, TODAY],
        ["Nobody A", null, "2026-11-21"],
        ["Nobody B", null, "2026-11-29"], // the last day of the week
      ];
      for (const [name, owner, nextFollowUp, status] of rows) {
        const ownerId = owner === null ? null : [alice, bob][owner]!.id;
        ids[name] = (await database.prisma.customer.create({ data: { tenantId, name, ownerId, nextFollowUp: date(nextFollowUp), status: status ?? "active" } })).id;
        // The follow-up is an open task of the owner's (the customer's date is derived from it).
        taskIds[name] = (await database.prisma.task.create({ data: { tenantId, customerId: ids[name]!, assigneeId: ownerId, dueOn: date(nextFollowUp) } })).id;
      }
      const neighbour = await database.prisma.customer.create({ data: { tenantId: neighbourId, name: "Neighbour Due", nextFollowUp: date(TODAY) } });
      await database.prisma.task.create({ data: { tenantId: neighbourId, customerId: neighbour.id, dueOn: date(TODAY) } });
    });

    const item = (name: string, nextFollowUp: CalendarDate) => ({ customerId: ids[name], customerName: name, nextFollowUp, taskId: taskIds[name], text: "" });

    test("GIVEN three owners THEN counts, owner order and each listed owner's most urgent items are exact", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).followUps({ today: TODAY, limits: limits(5, 2, 2) });
      expect(data).toEqual({
        weekEnd: "2026-11-29",
        expiringQuotes: [],
        totals: { overdue: 3, today: 2, week: 2 },
        ownerCount: 3,
        owners: [
          { owner: alice, overdue: 2, today: 1, week: 1, items: [item("Alpha", "2026-11-20"), item("Zeta", "2026-11-20")] },
          // Unowned (1 urgent, 1 later) ranks before Bob (1 urgent, none later).
          { owner: null, overdue: 1, today: 0, week: 1, items: [item("Nobody A", "2026-11-21"), item("Nobody B", "2026-11-29")] },
        ],
      });
    });

    test("GIVEN room for every owner THEN each gets its own items", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).followUps({ today: TODAY, limits: limits(5, 6, 3) });
      expect(data.owners.map((owner) => [owner.owner?.displayName ?? null, owner.items.map((entry) => entry.customerName)])).toEqual([
        ["Alice", ["Alpha", "Zeta", "Beta"]],
        [null, ["Nobody A", "Nobody B"]],
        ["Bob", ["Bravo"]],
      ]);
    });
  });

  describe("churn", () => {
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      const rows: [string, { orderCount: number; lifetimeSales: number; lastOrderAt: CalendarDate; predictedNextAt: CalendarDate | null; status?: string; tenant?: number }][] = [
        ["Late Big", { orderCount: 3, lifetimeSales: 900, lastOrderAt: "2026-09-01", predictedNextAt: "2026-11-01" }],
        ["Late Tie", { orderCount: 4, lifetimeSales: 900, lastOrderAt: "2026-08-01", predictedNextAt: "2026-10-15" }],
        // Also silent by its last order, but listed only as late.
        ["Late Small", { orderCount: 2, lifetimeSales: 100, lastOrderAt: "2026-04-01", predictedNextAt: "2026-10-01" }],
        ["Late Lost", { orderCount: 2, lifetimeSales: 5_000, lastOrderAt: "2026-04-01", predictedNextAt: "2026-11-01", status: "lost" }],
        ["Due Today", { orderCount: 2, lifetimeSales: 5_000, lastOrderAt: "2026-10-01", predictedNextAt: TODAY }],
        ["Too Old", { orderCount: 2, lifetimeSales: 5_000, lastOrderAt: "2025-06-01", predictedNextAt: "2025-10-01" }],
        ["One Order Silent", { orderCount: 1, lifetimeSales: 500, lastOrderAt: "2026-03-01", predictedNextAt: null }],
        ["Old Prediction Silent", { orderCount: 2, lifetimeSales: 300, lastOrderAt: "2026-01-01", predictedNextAt: "2025-11-01" }],
        ["Neighbour Late", { orderCount: 5, lifetimeSales: 1_000_000, lastOrderAt: "2026-04-01", predictedNextAt: "2026-11-01", tenant: 0 }],
      ];
      for (const [name, row] of rows) {
        ids[name] = (
          await database.prisma.customer.create({
            data: {
              tenantId: row.tenant === 0 ? neighbourId : tenantId,
              name,
              status: row.status ?? "active",
              orderCount: row.orderCount,
              lifetimeSales: BigInt(row.lifetimeSales),
              lastOrderAt: date(row.lastOrderAt),
              predictedNextAt: row.predictedNextAt === null ? null : date(row.predictedNextAt),
              avgCycleDays: row.orderCount > 1 ? 30 : null,
              ownerId: name === "Late Big" ? bob.id : null,
            },
          })
        ).id;
      }
    });

    const item = (name: string, fields: { lifetimeSales: number; lastOrderAt: CalendarDate; predictedNextAt: CalendarDate | null; avgCycleDays: number | null; owner?: MemberRef }) => ({
      customerId: ids[name],
      customerName: name,
      owner: fields.owner ?? null,
      lastOrderAt: fields.lastOrderAt,
      predictedNextAt: fields.predictedNextAt,
      avgCycleDays: fields.avgCycleDays,
      lifetimeSales: fields.lifetimeSales,
      currency: "USD",
    });

    test("GIVEN customers late to reorder and silent ones THEN both lists are ranked by lifetime sales and counted", async () => {
      const data = await createDigestQueries(database.prisma, tenantId).churn({ today: TODAY, now: new Date(), limits: limits(2) });
      expect(data.pastDue).toEqual({
        count: 3,
        items: [
          item("Late Big", { lifetimeSales: 900, lastOrderAt: "2026-09-01", predictedNextAt: "2026-11-01", avgCycleDays: 30, owner: bob }),
          item("Late Tie", { lifetimeSales: 900, lastOrderAt: "2026-08-01", predictedNextAt: "2026-10-15", avgCycleDays: 30 }),
        ],
      });
      expect(data.silent).toEqual({
        count: 2,
        fromDays: 180,
        toDays: 365,
        items: [
          item("One Order Silent", { lifetimeSales: 500, lastOrderAt: "2026-03-01", predictedNextAt: null, avgCycleDays: null }),
          item("Old Prediction Silent", { lifetimeSales: 300, lastOrderAt: "2026-01-01", predictedNextAt: "2025-11-01", avgCycleDays: 30 }),
        ],
      });
      // Lost customers of this suite (updated now), whichever describe block created them.
      expect(data.lost.items.map((row) => row.customerName).sort()).toEqual(["Late Lost", "Lost One"]);
    });
  });
});
