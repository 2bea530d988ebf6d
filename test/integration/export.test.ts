/** `rapport export` and `/crm export` on both databases: CSV and XLSX content asserted. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createOrder, createInvoice } from "../../src/data/order-writer.js";
import { createReportQueries } from "../../src/data/report-queries.js";
import { writeTable } from "../../src/export/write-table.js";
import type { Actor } from "../../src/core/actor.js";

describe.each(testTargets)("export on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("export-team", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    const { member: alice } = await app.rapport.identify(app.actor("export-team", "alice", { displayName: "Alice Martin", timeZone: "UTC" }));
    const db = app.database.prisma;
    const acme = await db.customer.create({ data: { tenantId, name: "Acme Corp", externalId: "A-1", city: "Springfield", grade: "A", ownerId: alice.id, creditLimit: 50000n, nextFollowUp: new Date("2026-11-20T00:00:00Z") } });
    const hongda = await db.customer.create({ data: { tenantId, name: "上海宏达贸易有限公司", city: "上海", grade: "B", nextFollowUp: new Date("2027-01-01T00:00:00Z") } });
    await createOrder(db, tenantId, { number: "SO-1", customerId: acme.id, orderedOn: "2026-10-01", lines: [{ sku: "X", quantity: 2, unitPrice: 25000 }], ownerId: alice.id });
    await createOrder(db, tenantId, { number: "SO-2", customerId: hongda.id, orderedOn: "2026-11-01", lines: [{ sku: "Y", quantity: 1, unitPrice: 1234 }] });
    await createInvoice(db, tenantId, { number: "INV-1", customerId: acme.id, issuedOn: "2026-08-01", dueOn: "2026-09-01", amount: 70000, paid: 10000 });
  });
  afterAll(async () => app?.drop());

  async function csvOf(what: "customers" | "overdue" | "followups" | "orders", filters = {}) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await writeTable(createReportQueries(app.database.prisma, tenantId, "USD").exportTable(what, { today: "2026-11-23", ...filters }), "csv", out);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    return parse(text, { bom: true, columns: true }) as Record<string, string>[];
  }

  test("customers CSV has our import column names and major-unit amounts", async () => {
    const rows = await csvOf("customers");
    expect(rows.map((row) => [row.external_id?.startsWith("rapport:") ? "rapport:*" : row.external_id, row.name, row.city, row.grade, row.owner, row.credit_limit, row.order_count, row.lifetime_sales])).toEqual([
      ["A-1", "Acme Corp", "Springfield", "A", "Alice Martin", "500.00", "1", "500.00"],
      ["rapport:*", "上海宏达贸易有限公司", "上海", "B", "", "", "1", "12.34"],
    ]);
    expect((await csvOf("customers", { grade: "b" })).map((row) => row.name)).toEqual(["上海宏达贸易有限公司"]);
  });

  test("overdue, follow-ups and orders", async () => {
    expect(await csvOf("overdue")).toEqual([
      { customer: "Acme Corp", customer_external_id: "A-1", owner: "Alice Martin", balance: "600.00", overdue: "600.00", "0-30": "0.00", "31-60": "0.00", "61-90": "600.00", "91-180": "0.00", ">180": "0.00", credit_limit: "500.00", currency: "USD" },
    ]);
    expect((await csvOf("followups")).map((row) => [row.due, row.customer])).toEqual([["2026-11-20", "Acme Corp"]]);
    expect((await csvOf("followups", { to: "2027-12-31" })).map((row) => row.customer)).toEqual(["Acme Corp", "上海宏达贸易有限公司"]);
    expect((await csvOf("orders", { from: "2026-10-15" })).map((row) => [row.number, row.customer, row.ordered_on, row.total])).toEqual([["SO-2", "上海宏达贸易有限公司", "2026-11-01", "12.34"]]);
  });

  test("/crm export returns an XLSX attachment whose cells are the data", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "export customers xlsx" });
    expect(reply.isError).toBeFalsy();
    expect(reply.title).toBe("Exported 2 customers rows");
    const attachment = reply.attachments?.[0];
    expect(attachment).toMatchObject({ filename: "customers-2026-11-23.xlsx", contentType: expect.stringContaining("spreadsheetml") });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(attachment!.data) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe("name");
    expect(sheet.getRow(2).getCell(3).value).toBe("Acme Corp");
    expect(sheet.getRow(2).getCell(18).value).toBe(500);
    expect(sheet.getRow(3).getCell(3).value).toBe("上海宏达贸易有限公司");
  });

  test("/crm export overdue returns CSV", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "export overdue" });
    const text = Buffer.from(reply.attachments![0]!.data).toString("utf8");
    expect(text).toContain("Acme Corp,A-1,Alice Martin,600.00,600.00");
  });

  test("/crm export takes the CLI's filters: --format xlsx, an owner, field=value and dates; bad ones are explained", async () => {
    const csvRows = (reply: { attachments?: { data: Uint8Array }[] }) => parse(Buffer.from(reply.attachments![0]!.data).toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
    const xlsx = await app.rapport.runText({ actor: admin, text: "export customers --format xlsx" });
    expect(xlsx.attachments?.[0]?.filename).toBe("customers-2026-11-23.xlsx");
    const alices = await app.rapport.runText({ actor: admin, text: "export customers @alice" });
    expect(alices.title).toBe("Exported 1 customers row (owner Alice Martin)");
    expect(csvRows(alices).map((row) => row.name)).toEqual(["Acme Corp"]);
    const gradeB = await app.rapport.runText({ actor: admin, text: "export customers grade=B city_is_not_a_filter_here" });
    expect(gradeB.isError).toBe(true);
    const byGrade = await app.rapport.runText({ actor: admin, text: "export customers grade=b" });
    expect(csvRows(byGrade).map((row) => row.name)).toEqual(["上海宏达贸易有限公司"]);
    const recent = await app.rapport.runText({ actor: admin, text: "export orders from=2026-10-15 to=2026-11-30" });
    expect(csvRows(recent).map((row) => row.number)).toEqual(["SO-2"]);
    const badDate = await app.rapport.runText({ actor: admin, text: "export orders from=someday" });
    expect(badDate).toMatchObject({ isError: true });
    expect(JSON.stringify(badDate.blocks)).toContain("from=someday");
    const badFilter = await app.rapport.runText({ actor: admin, text: "export customers colour=red" });
    expect(JSON.stringify(badFilter.blocks)).toContain("not an export filter");
  });

  test("a rep exports only their own customers; every export is audited", async () => {
    const alice = app.actor("export-team", "alice", { displayName: "Alice Martin", timeZone: "UTC" });
    const csvRows = (reply: { attachments?: { data: Uint8Array }[] }) => parse(Buffer.from(reply.attachments![0]!.data).toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
    const own = await app.rapport.runText({ actor: alice, text: "export customers" });
    expect(own.title).toBe("Exported 1 customers row (owner Alice Martin)");
    expect(csvRows(own).map((row) => row.name)).toEqual(["Acme Corp"]);
    expect(JSON.stringify(own.blocks)).toContain("Reps export their own customers");
    expect(csvRows(await app.rapport.runText({ actor: alice, text: "export orders mine" })).map((row) => row.number)).toEqual(["SO-1"]);
    for (const line of ["export customers @you", "export customers owner=all"]) {
      const denied = await app.rapport.runText({ actor: alice, text: line });
      expect(denied.isError).toBe(true);
      expect(denied.attachments).toBeUndefined();
      expect(JSON.stringify(denied.blocks)).toContain("Reps can export only their own customers");
    }
    const { member } = await app.rapport.identify(alice);
    const audits = await app.database.prisma.auditEvent.findMany({ where: { tenantId, actorId: member.id }, orderBy: { id: "asc" } });
    expect(audits.map((event) => [event.action, event.entityId, event.after])).toEqual([
      ["export", "customers", { format: "csv", rows: 1, filters: ["owner Alice Martin"] }],
      ["export", "orders", { format: "csv", rows: 1, filters: ["owner Alice Martin"] }],
      ["permission.denied", "export", expect.anything()],
      ["permission.denied", "export", expect.anything()],
    ]);
  });
});
