import { describe, expect, test } from "vitest";
import { buildOverdueDigest } from "./overdue.js";
import { buildChurnDigest } from "./churn.js";
import { moneyPerCurrency } from "./format.js";
import type { DigestContext, OverdueData } from "./types.js";

const ctx: DigestContext = { now: new Date("2026-11-23T08:00:00Z"), today: "2026-11-23", timeZone: "UTC", currency: "USD", full: false };
const none = { "0-30": 0, "31-60": 0, "61-90": 0, "91-180": 0, ">180": 0 };

describe("digests with customers in several currencies", () => {
  test("GIVEN totals in two currencies THEN one amount per currency, never one sum", () => {
    expect(moneyPerCurrency(ctx, [{ currency: "USD", minor: 1_250_000 }, { currency: "KRW", minor: 3_300_000 }])).toBe("$12,500.00 + ₩3,300,000");
    expect(moneyPerCurrency(ctx, [{ currency: "USD", minor: 0 }, { currency: "KRW", minor: 33_000 }])).toBe("₩33,000");
    expect(moneyPerCurrency(ctx, [])).toBe("$0.00");
  });

  test("GIVEN a KRW and a USD debtor THEN the headline, the ageing rows and each debtor are in their own currency", () => {
    const data: OverdueData = {
      totals: { ...none, "0-30": 33_000 + 60_000 },
      total: 93_000,
      customerCount: 2,
      byCurrency: [
        { currency: "KRW", totals: { ...none, "0-30": 33_000 }, total: 33_000 },
        { currency: "USD", totals: { ...none, "0-30": 60_000 }, total: 60_000 },
      ],
      debtors: [
        { customerId: 1, customerName: "Hanbit", overdue: 33_000, buckets: { ...none, "0-30": 33_000 }, oldestBucket: "0-30", balance: 33_000, creditLimit: 30_000, owner: null, currency: "KRW" },
        { customerId: 2, customerName: "Acme", overdue: 60_000, buckets: { ...none, "0-30": 60_000 }, oldestBucket: "0-30", balance: 60_000, creditLimit: null, owner: null, currency: "USD" },
      ],
      overLimit: [{ customerId: 1, customerName: "Hanbit", balance: 33_000, creditLimit: 30_000, currency: "KRW" }],
      overLimitCount: 1,
    };
    const built = buildOverdueDigest(data, ctx);
    expect(built.reply.title).toBe("Overdue payments on 2026-11-23: ₩33,000 + $600.00");
    const text = JSON.stringify(built.reply.blocks);
    expect(text).toContain("Hanbit #1: ₩33,000 overdue");
    expect(text).toContain("Acme #2: $600.00 overdue");
    expect(text).toContain("₩3,000");
    expect(text).not.toContain("$930.00");
    const table = built.reply.blocks.find((block) => block.type === "table");
    expect(table && "rows" in table ? table.rows : []).toEqual([
      ["₩33,000", "₩0", "₩0", "₩0", "₩0", "₩33,000"],
      ["$600.00", "$0.00", "$0.00", "$0.00", "$0.00", "$600.00"],
    ]);
  });

  test("GIVEN a KRW customer late to reorder THEN its lifetime sales are in won", () => {
    const item = { customerId: 1, customerName: "Hanbit", owner: null, lastOrderAt: "2026-08-01", predictedNextAt: "2026-11-01", avgCycleDays: 30, lifetimeSales: 3_300_000, currency: "KRW" };
    const built = buildChurnDigest({ pastDue: { count: 1, items: [item] }, silent: { count: 0, items: [], fromDays: 90, toDays: 180 }, lost: { count: 0, items: [], days: 30 } }, ctx);
    expect(JSON.stringify(built.reply.blocks)).toContain("₩3,300,000");
  });
});
