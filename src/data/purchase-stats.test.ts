import { expect, test } from "vitest";
import { computePurchaseStats, isChurnRisk } from "./purchase-stats.js";

test("GIVEN orders 30 and 60 days apart THEN the cycle is 45 days and the prediction follows the last order", () => {
  const stats = computePurchaseStats([
    { orderedOn: "2026-03-31", total: 500 },
    { orderedOn: "2026-01-01", total: 1000 },
    { orderedOn: "2026-01-31", total: 250 },
  ]);
  expect(stats).toEqual({
    firstOrderAt: "2026-01-01",
    lastOrderAt: "2026-03-31",
    orderCount: 3,
    lifetimeSales: 1750,
    avgCycleDays: 44.5,
    predictedNextAt: "2026-05-15",
  });
  expect(isChurnRisk(stats, "2026-05-15")).toBe(false);
  expect(isChurnRisk(stats, "2026-05-16")).toBe(true);
});

test("GIVEN one order THEN there is no cycle and no churn risk", () => {
  const stats = computePurchaseStats([{ orderedOn: "2026-01-01", total: 10 }]);
  expect(stats.avgCycleDays).toBeNull();
  expect(isChurnRisk(stats, "2030-01-01")).toBe(false);
});
