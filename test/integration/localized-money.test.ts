/**
 * A customer's orders, invoices and balances show in the customer's currency (customers.currency,
 * null: the workspace's), formatted for the reader's locale with the currency's own minor units:
 * a KRW order of 33000 is ₩33,000 with no decimals, a CNY order keeps two.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Locale } from "../../src/core/i18n/index.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;
const TENANT = "team-money-i18n";

describe("amounts in the customer's currency (pglite)", () => {
  let app: TestApp;
  const reader = (locale: Locale): Actor => app.actor(TENANT, `reader-${locale}`, { displayName: `Reader ${locale}`, timeZone: "UTC", locale });

  beforeAll(async () => {
    app = await createTestApp(pglite);
    const admin = app.actor(TENANT, "you");
    const { tenant } = await app.rapport.identify(admin);
    const prisma = app.database.prisma;
    // The workspace deals in USD; these two customers in their own currencies.
    await app.text(admin, 'new "Hanbit Trading" currency=KRW');
    await app.text(admin, 'new "Hongda Industrial" currency=CNY');
    const hanbit = await prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id, name: "Hanbit Trading" } });
    const hongda = await prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id, name: "Hongda Industrial" } });
    expect([hanbit.currency, hongda.currency]).toEqual(["KRW", "CNY"]);
    await prisma.order.create({ data: { tenantId: tenant.id, number: "SO-KR-1", customerId: hanbit.id, orderedOn: new Date("2026-11-20"), total: 33_000n } });
    await prisma.order.create({ data: { tenantId: tenant.id, number: "SO-CN-1", customerId: hongda.id, orderedOn: new Date("2026-11-20"), total: 125_050n } });
    await prisma.invoice.create({
      data: { tenantId: tenant.id, number: "INV-KR-1", customerId: hanbit.id, issuedOn: new Date("2026-10-01"), dueOn: new Date("2026-10-31"), amount: 33_000n, paid: 0n, status: "open" }
    });
  });
  afterAll(async () => app?.drop());

  test.each([
    ["ko", "₩33,000"],
    ["en", "₩33,000"],
    ["zh-CN", "₩33,000"],
  ] as const)("a KRW customer's order of 33000 shows %s as %s, in order, orders and show", async (locale, shown) => {
    for (const line of ["order SO-KR-1", "orders Hanbit", "show Hanbit"]) {
      const text = await app.text(reader(locale), line);
      expect(text).toContain(shown);
      expect(text).not.toMatch(/\$|₩33,000\.00|₩330/);
    }
  });

  test.each([
    ["zh-CN", "¥1,250.50"],
    ["zh-TW", "CN¥1,250.50"],
    ["ko", "CN¥1,250.50"],
    ["en", "CN¥1,250.50"],
  ] as const)("a CNY customer's order shows in %s as %s, with two decimals", async (locale, shown) => {
    const text = await app.text(reader(locale), "order SO-CN-1");
    expect(text).toContain(shown);
    expect(text).not.toContain("$");
  });

  test("the customer card's balance and the overdue list use the customer's currency", async () => {
    const card = await app.text(reader("ko"), "show Hanbit");
    expect(card).toMatch(/₩33,000/);
    const overdue = await app.text(app.actor(TENANT, "you"), "overdue Hanbit");
    expect(overdue).toContain("₩33,000");
  });
});
