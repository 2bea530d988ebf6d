/**
 * Derived purchase statistics of one customer, recomputed from its orders in the same
 * transaction as any order write: first/last order date, count, lifetime sales, average purchase
 * cycle (mean days between consecutive order dates) and the predicted next purchase date.
 */
import { addDaysTo, daysBetween, type CalendarDate } from "../core/dates.js";

export type PurchaseStats = {
  firstOrderAt: CalendarDate | null;
  lastOrderAt: CalendarDate | null;
  orderCount: number;
  lifetimeSales: number;
  avgCycleDays: number | null;
  predictedNextAt: CalendarDate | null;
};

export function computePurchaseStats(orders: { orderedOn: CalendarDate; total: number }[]): PurchaseStats {
  const dates = orders.map((order) => order.orderedOn).sort();
  const lifetimeSales = orders.reduce((sum, order) => sum + order.total, 0);
  const first = dates[0] ?? null;
  const last = dates[dates.length - 1] ?? null;
  // The mean gap between consecutive orders equals (last - first) / (count - 1).
  const avgCycleDays = first && last && dates.length >= 2 ? daysBetween(first, last) / (dates.length - 1) : null;
  return {
    firstOrderAt: first,
    lastOrderAt: last,
    orderCount: dates.length,
    lifetimeSales,
    avgCycleDays,
    predictedNextAt: last && avgCycleDays !== null ? addDaysTo(last, Math.round(avgCycleDays)) : null,
  };
}

/** A repeat customer (2+ orders) past the predicted next purchase date is at churn risk. */
export function isChurnRisk(stats: Pick<PurchaseStats, "orderCount" | "predictedNextAt">, today: CalendarDate): boolean {
  return stats.orderCount >= 2 && stats.predictedNextAt !== null && stats.predictedNextAt < today;
}
