/** `/crm stats` on both databases: the PNG decodes with the expected size and the data behind it is asserted. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createOrder, createInvoice } from "../../src/data/order-writer.js";
import { pngSize } from "../../src/charts/render-chart.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";

function tableOf(reply: Reply) {
  const block = reply.blocks.find((item) => item.type === "table");
  if (block?.type !== "table") throw new Error(`no table in ${reply.title}`);
  return [block.columns, ...block.rows];
}

function png(reply: Reply) {
  const attachment = reply.attachments?.[0];
  expect(attachment?.contentType).toBe("image/png");
  expect(attachment!.altText.length).toBeGreaterThan(10);
  return pngSize(attachment!.data);
}

describe.each(testTargets)("charts on $name", (target) => {
  let app: TestApp;
  let admin: Actor;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("charts-team", "you");
    const { tenant } = await app.rapport.identify(admin);
    const tenantId = tenant.id;
    const db = app.database.prisma;
    const acme = await db.customer.create({ data: { tenantId, name: "Acme Corp", grade: "A", region: "East" } });
    const globex = await db.customer.create({ data: { tenantId, name: "Globex", grade: "B", region: "West" } });
    await db.customer.create({ data: { tenantId, name: "Initech", grade: "B", region: "West" } });
    await createOrder(db, tenantId, { number: "O-1", customerId: acme.id, orderedOn: "2026-10-05", lines: [{ sku: "A", quantity: 1, unitPrice: 100000 }] });
    await createOrder(db, tenantId, { number: "O-2", customerId: globex.id, orderedOn: "2026-11-02", lines: [{ sku: "B", quantity: 1, unitPrice: 30000 }] });
    await createOrder(db, tenantId, { number: "O-3", customerId: acme.id, orderedOn: "2025-10-20", lines: [{ sku: "A", quantity: 1, unitPrice: 40000 }] });
    await createInvoice(db, tenantId, { number: "I-1", customerId: acme.id, issuedOn: "2026-09-01", dueOn: "2026-10-01", amount: 50000 }); // 53 days
    await createInvoice(db, tenantId, { number: "I-2", customerId: globex.id, issuedOn: "2026-01-01", dueOn: "2026-02-01", amount: 20000 }); // 295 days
    await createInvoice(db, tenantId, { number: "I-3", customerId: globex.id, issuedOn: "2026-11-20", dueOn: "2026-12-20", amount: 7000 }); // not due
  });
  afterAll(async () => app?.drop());

  test("AR ageing bars", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "stats ar" });
    expect(reply.isError).toBeFalsy();
    expect(tableOf(reply)).toEqual([
      ["scope", "0-30", "31-60", "61-90", "91-180", ">180", "not yet due"],
      ["all", "$0.00", "$500.00", "$0.00", "$0.00", "$200.00", "$70.00"],
    ]);
    expect(png(reply)).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    const size = png(reply);
    expect(size.width).toBeGreaterThanOrEqual(640);
    expect(size.height).toBeGreaterThanOrEqual(320);
    expect(tableOf(await app.rapport.runText({ actor: admin, text: "stats ar by region" })).slice(1).map((row) => [row[0], row[2], row[5]])).toEqual([
      ["East", "$500.00", "$0.00"],
      ["West", "$0.00", "$200.00"],
    ]);
  });

  test("monthly sales against last year", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "stats sales 3m" });
    expect(tableOf(reply)).toEqual([
      ["month", "sales", "same month last year"],
      ["2026-09", "$0.00", "$0.00"],
      ["2026-10", "$1,000.00", "$400.00"],
      ["2026-11", "$300.00", "$0.00"],
    ]);
    expect(png(reply).width).toBeGreaterThanOrEqual(640);
  });

  test("customers by grade with counts and lifetime sales", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "stats customers by grade" });
    expect(tableOf(reply)).toEqual([
      ["grade", "customers", "lifetime sales"],
      ["A", "1", "$1,400.00"],
      ["B", "2", "$300.00"],
    ]);
    const size = png(reply);
    expect(size.width).toBeGreaterThanOrEqual(600);
  });

  test("a bad period is a friendly error", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "stats sales lastyear" });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain("is not a period");
  });
});
