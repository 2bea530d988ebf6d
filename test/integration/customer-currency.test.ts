/**
 * Customers in their own currency through import, chat, export and back: a USD workspace with a
 * KRW and a CNY customer. Amounts are stored in each customer's minor units (₩33,000 is 33000,
 * ¥1,250.50 is 125050), whatever the workspace currency.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { buildDigest } from "../../src/digests/build.js";
import { importFile } from "../../src/import/import-file.js";
import type { ImportKind } from "../../src/import/columns.js";
import { createImportSink } from "../../src/data/import-sink.js";

const CUSTOMERS = [
  "external_id,name,currency,credit_limit",
  "K-1,Hanbit Trading,krw,50000",
  "C-1,Hongda Trading,CNY,2000.50",
  "U-1,Acme Supply,,100.25",
].join("\n");
const ORDERS = ["number,customer,ordered_on,total", "SO-K,K-1,2026-11-02,\"₩33,000\"", "SO-C,C-1,2026-11-03,1250.50", "SO-U,U-1,2026-11-04,99.99"].join("\n");
const INVOICES = ["number,customer,issued_on,due_on,amount,paid,currency", "IN-K,K-1,2026-10-01,2026-10-15,33000,0,KRW", "IN-C,C-1,2026-10-01,2026-10-20,1250.50,0,CNY"].join("\n");
const PAYMENTS = ["customer,amount,received_on,reference", "K-1,3000,2026-11-01,wire-1", "C-1,0.50,2026-11-01,wire-2"].join("\n");

const dir = mkdtempSync(join(tmpdir(), "rapport-currency-"));
function save(name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe.each(testTargets)("customer currencies on $name", (target) => {
  let app: TestApp;
  let workspaces = 0;
  const sink = () => createImportSink(app.database);

  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(async () => app?.drop());

  async function workspace() {
    const admin = app.actor(`currency-${target.name}-${++workspaces}`, "you", { timeZone: "UTC", locale: "en" });
    const { tenant } = await app.rapport.identify(admin);
    return { tenantId: tenant.id, admin };
  }
  const load = (tenantId: number, kind: ImportKind, csv: string) => importFile({ sink: sink(), tenantId, kind, path: save(`${kind}-${tenantId}.csv`, csv) });

  const stored = async (tenantId: number) => ({
    customers: (await app.database.prisma.customer.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { name: true, currency: true, creditLimit: true } })).map((row) => ({ ...row, creditLimit: Number(row.creditLimit) })),
    orders: (await app.database.prisma.order.findMany({ where: { tenantId }, orderBy: { number: "asc" }, select: { number: true, total: true } })).map((row) => ({ ...row, total: Number(row.total) })),
  });

  async function seeded() {
    const source = await workspace();
    expect(await load(source.tenantId, "customers", CUSTOMERS)).toMatchObject({ inserted: 3, invalid: 0 });
    expect(await load(source.tenantId, "orders", ORDERS)).toMatchObject({ inserted: 3, invalid: 0 });
    expect(await load(source.tenantId, "invoices", INVOICES)).toMatchObject({ inserted: 2, invalid: 0 });
    expect(await load(source.tenantId, "payments", PAYMENTS)).toMatchObject({ inserted: 2, invalid: 0 });
    return source;
  }

  test("imported amounts are stored in each customer's minor units and shown in its currency", async () => {
    const source = await seeded();
    expect(await stored(source.tenantId)).toEqual({
      customers: [
        { name: "Acme Supply", currency: null, creditLimit: 10025 },
        { name: "Hanbit Trading", currency: "KRW", creditLimit: 50000 },
        { name: "Hongda Trading", currency: "CNY", creditLimit: 200050 },
      ],
      orders: [
        { number: "SO-C", total: 125050 },
        { number: "SO-K", total: 33000 },
        { number: "SO-U", total: 9999 },
      ],
    });
    const invoices = await app.database.prisma.invoice.findMany({ where: { tenantId: source.tenantId }, orderBy: { number: "asc" }, select: { number: true, amount: true, paid: true } });
    expect(invoices.map((row) => [row.number, Number(row.amount), Number(row.paid)])).toEqual([
      ["IN-C", 125050, 50],
      ["IN-K", 33000, 3000],
    ]);
    expect(await app.text(source.admin, "order SO-K")).toContain("₩33,000");
    expect(await app.text(source.admin, "order SO-C")).toContain("1,250.50");
    expect(await app.text(source.admin, "show Hanbit Trading")).toContain("₩50,000");
    const overdue = await app.text(source.admin, "overdue");
    expect(overdue).toContain("₩30,000");
    expect(overdue).toContain("CN¥1,250.00");
    expect(overdue).not.toContain("$1,550.00");
    // The US$ customer owes nothing overdue: the total is one amount per currency owed.
    expect(overdue).toContain("CN¥1,250.00 + ₩30,000");

    // The overdue digest totals per currency: won and yuan are never added into dollars.
    const digest = await buildDigest({ store: app.digestStore, tenantId: source.tenantId, kind: "overdue", now: FIXED_NOW, timeZone: "UTC", locale: "en" });
    expect(digest.reply.title).toBe("Overdue payments on 2026-11-23: CN¥1,250.00 + ₩30,000");
    const shown = JSON.stringify(digest.reply.blocks);
    expect(shown).toContain("Hanbit Trading #");
    expect(shown).toContain("₩30,000 overdue");
    expect(shown).not.toContain("$1,550.00");
  });

  test("money charts add only amounts in the workspace's currency and say which customers they leave out", async () => {
    const source = await seeded();
    for (const line of ["stats sales 12m", "stats ar", "stats customers"]) {
      const chart = await app.text(source.admin, line);
      expect(chart, line).toContain("Amounts in USD only; not included: 1 customer in CNY, 1 customer in KRW.");
      expect(chart, line).not.toMatch(/33,000|1,250\.50|3,300,000|125,050/);
    }
    const sales = await app.text(source.admin, "stats sales 12m");
    expect(sales).toContain("$99.99");
    const korean = app.actor(`currency-${target.name}-${workspaces}`, "you", { timeZone: "UTC", locale: "ko" });
    await app.rapport.runText({ actor: korean, text: "settings language ko" });
    expect(await app.text(korean, "stats sales 12m")).toContain("USD 금액만 집계했습니다. 제외: CNY 거래처 1곳, KRW 거래처 1곳.");
  });

  test("rows whose currency or sign contradicts the customer are row errors", async () => {
    const { tenantId } = await seeded();
    const badCustomers = await load(tenantId, "customers", ["name,currency,credit_limit", "Bad Code,XYZ,10", "Wrong Sign,CNY,₩500"].join("\n"));
    expect(badCustomers.issues.map((issue) => issue.reason)).toEqual([
      'currency "XYZ" is not an ISO 4217 currency code; write a code such as KRW, CNY or USD',
      'creditLimit "₩500" is written in KRW, but this row is in CNY',
    ]);
    const badOrders = await load(tenantId, "orders", ["number,customer,ordered_on,total,currency", "SO-X,K-1,2026-11-05,100,USD", "SO-Y,K-1,2026-11-05,100.5,", "SO-Z,C-1,2026-11-05,₩500,"].join("\n"));
    expect(badOrders).toMatchObject({ committed: false, invalid: 3 });
    expect(badOrders.issues.map((issue) => issue.reason)).toEqual([
      'the currency column says USD, but customer "K-1" is in KRW',
      'total "100.5" is not an amount like 1250.50',
      'total "₩500" is written in KRW, but this row is in CNY',
    ]);
  });

  test("exports carry each row's currency and import back to the same minor units", async () => {
    const source = await seeded();
    const customersCsv = Buffer.from((await app.rapport.runText({ actor: source.admin, text: "export customers csv" })).attachments![0]!.data).toString("utf8");
    const customerRows = parse(customersCsv, { bom: true, columns: true }) as Record<string, string>[];
    expect(customerRows.map((row) => [row.name, row.credit_limit, row.currency])).toEqual([
      ["Hanbit Trading", "50000", "KRW"],
      ["Hongda Trading", "2000.50", "CNY"],
      ["Acme Supply", "100.25", "USD"],
    ]);
    const ordersCsv = Buffer.from((await app.rapport.runText({ actor: source.admin, text: "export orders csv" })).attachments![0]!.data).toString("utf8");
    expect((parse(ordersCsv, { bom: true, columns: true }) as Record<string, string>[]).map((row) => [row.number, row.total, row.currency])).toEqual([
      ["SO-K", "33000", "KRW"],
      ["SO-C", "1250.50", "CNY"],
      ["SO-U", "99.99", "USD"],
    ]);
    const overdueCsv = Buffer.from((await app.rapport.runText({ actor: source.admin, text: "export overdue csv" })).attachments![0]!.data).toString("utf8");
    expect((parse(overdueCsv, { bom: true, columns: true }) as Record<string, string>[]).map((row) => [row.customer, row.overdue, row.currency])).toEqual([
      ["Hanbit Trading", "30000", "KRW"],
      ["Hongda Trading", "1250.00", "CNY"],
    ]);

    const copy = await workspace();
    expect(await load(copy.tenantId, "customers", customersCsv)).toMatchObject({ inserted: 3, invalid: 0 });
    expect(await load(copy.tenantId, "orders", ordersCsv)).toMatchObject({ inserted: 3, invalid: 0 });
    const original = await stored(source.tenantId);
    const copied = await stored(copy.tenantId);
    // The workspace's own customer comes back with an explicit USD: the same amounts, the same currency.
    expect(copied.customers.map((row) => ({ ...row, currency: row.currency ?? "USD" }))).toEqual(original.customers.map((row) => ({ ...row, currency: row.currency ?? "USD" })));
    expect(copied.orders).toEqual(original.orders);
  });
});
