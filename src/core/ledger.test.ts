import { describe, expect, test } from "vitest";
import { allocateOldestFirst, invoiceStatus, openAmount, statusSelector, type LedgerInvoice } from "./ledger.js";

const invoice = (id: number, amount: number, paid = 0, writtenOff = 0): LedgerInvoice => ({
  id,
  number: `INV-${id}`,
  customerId: 1,
  issuedOn: "2026-10-01",
  dueOn: "2026-10-31",
  amount,
  paid,
  writtenOff,
  status: "open",
});

describe("openAmount", () => {
  test.each([
    [invoice(1, 1000), 1000],
    [invoice(1, 1000, 400), 600],
    [invoice(1, 1000, 400, 100), 500],
    [invoice(1, 1000, 900, 100), 0],
  ])("GIVEN %o THEN %i is open", (row, open) => {
    expect(openAmount(row)).toBe(open);
  });
});

describe("invoiceStatus", () => {
  test.each([
    [1000, 0, 0, "open"],
    [1000, 999, 0, "open"],
    [1000, 1000, 0, "paid"],
    [1000, 700, 300, "written-off"],
    [1000, 0, 1000, "written-off"],
    [1000, 0, 999, "open"],
  ] as const)("GIVEN amount %i, paid %i, written off %i THEN %s", (amount, paid, writtenOff, status) => {
    expect(invoiceStatus({ amount, paid, writtenOff })).toBe(status);
  });
});

describe("allocateOldestFirst", () => {
  const open = [invoice(1, 1000, 200), invoice(2, 500, 0, 100), invoice(3, 800)];

  test("GIVEN a receipt smaller than the oldest invoice THEN it all goes there", () => {
    expect(allocateOldestFirst(open, 300)).toEqual({ allocations: [{ invoiceId: 1, number: "INV-1", amount: 300 }], unapplied: 0 });
  });

  test("GIVEN a receipt spanning invoices THEN each takes its open amount, oldest first", () => {
    expect(allocateOldestFirst(open, 1500)).toEqual({
      allocations: [
        { invoiceId: 1, number: "INV-1", amount: 800 },
        { invoiceId: 2, number: "INV-2", amount: 400 },
        { invoiceId: 3, number: "INV-3", amount: 300 },
      ],
      unapplied: 0,
    });
  });

  test("GIVEN more than everything open THEN the rest is unapplied", () => {
    expect(allocateOldestFirst(open, 2500).unapplied).toBe(500);
  });

  test("GIVEN a settled invoice THEN it is skipped", () => {
    expect(allocateOldestFirst([invoice(1, 100, 100), invoice(2, 100)], 50).allocations).toEqual([{ invoiceId: 2, number: "INV-2", amount: 50 }]);
  });
});

test("statusSelector: ICU select keys cannot hold a hyphen", () => {
  expect(statusSelector("written-off")).toBe("writtenOff");
  expect(statusSelector("paid")).toBe("paid");
});
