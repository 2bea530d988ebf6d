/**
 * `export deals|quotes` on both databases: CSV and XLSX rows checked against the demo data set,
 * who may take out whose rows, and the round trip export -> `rapport import` into a fresh workspace.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import type { ExportKind } from "../../src/core/reports.js";
import type { Locale } from "../../src/core/i18n/index.js";
import { DEMO_MEMBERS, loadDemoData } from "../../src/data/seed/demo.js";
import { createReportQueries } from "../../src/data/report-queries.js";
import { createImportSink } from "../../src/data/import-sink.js";
import { importFile } from "../../src/import/import-file.js";
import { tableToBuffer, type ExportFormat } from "../../src/export/write-table.js";
import { withHeadersIn } from "../../src/export/headers.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

type Rows = Record<string, string>[];

function csvRows(reply: Reply): Rows {
  expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
  return parse(Buffer.from(reply.attachments![0]!.data).toString("utf8"), { bom: true, columns: true }) as Rows;
}

async function xlsxRows(reply: Reply): Promise<Record<string, unknown>[]> {
  expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(reply.attachments![0]!.data) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, index) => {
    if (index > 1) rows.push(Object.fromEntries(headers.map((header, column) => [header, row.getCell(column + 1).value ?? null])));
  });
  return rows;
}

describe.each(testTargets)("deal and quote export on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let alice: Actor; // manager
  let bob: Actor; // rep: owns Müller and Globex
  let finance: Actor;
  let assistant: Actor;
  let tenantId: number;
  const run = (actor: Actor, text: string) => app.rapport.runText({ actor, text });

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("export-dq", "you");
    alice = app.actor("export-dq", "alice");
    bob = app.actor("export-dq", "bob");
    finance = app.actor("export-dq", "fiona");
    assistant = app.actor("export-dq", "sam");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenantId, "2026-11-23");
    await app.rapport.identify(finance);
    await app.rapport.identify(assistant);
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "fiona" }, data: { role: "finance" } });
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "sam" }, data: { role: "assistant" } });
    // One customer in its own currency: its deal and quote amounts are written in yuan.
    await app.database.prisma.customer.updateMany({ where: { tenantId, name: "上海宏达贸易有限公司" }, data: { currency: "CNY" } });
  });
  afterAll(async () => app?.drop());

  test("export deals: one row per deal with the demo data's figures", async () => {
    const rows = csvRows(await run(admin, "export deals"));
    expect(rows).toHaveLength(13);
    const pick = (title: string) => rows.find((row) => row.title === title)!;
    expect(pick("Heavy-duty widgets")).toMatchObject({
      customer: "Globex Corporation", owner: "Bob Jones", amount: "120000.00", currency: "USD", stage: "negotiation", probability: "80",
      close_on: "2026-11-30", status: "open", lost_reason: "", closed_on: "",
    });
    expect(pick("2027 年度框架协议")).toMatchObject({ customer: "上海宏达贸易有限公司", owner: "陈伟 Chen Wei", amount: "300000.00", currency: "CNY", stage: "negotiation", probability: "" });
    expect(pick("Software licences")).toMatchObject({ status: "lost", stage: "lost", lost_reason: "no-budget", close_on: "", closed_on: "2026-11-13", amount: "15000.00" });
    expect(pick("Widgets Q4 top-up")).toMatchObject({ status: "won", closed_on: "2026-11-21" });
    expect(pick("Q1 volume agreement").external_id).toMatch(/^rapport:\d+$/);
    expect(pick("Q1 volume agreement").created_at).toBe("2026-11-03T09:00:00.000Z");
  });

  test("export deals xlsx stage=proposal, and stage words in other languages", async () => {
    const rows = await xlsxRows(await run(admin, "export deals xlsx stage=proposal"));
    expect(rows.map((row) => [row.title, row.amount, row.stage])).toEqual([
      ["Q1 volume agreement", 60000, "proposal"],
      ["電子零件年度報價", 48000, "proposal"],
    ]);
    expect(csvRows(await run(admin, "export deals status=lost")).map((row) => row.title)).toEqual(["Software licences", "재고 정리 물량", "Ersatzteilpaket"]);
    // Created 14 days before entering their stage: on 7 and 8 November.
    expect(csvRows(await run(admin, "export deals from=2026-11-07 to=2026-11-08")).map((row) => row.title)).toEqual(["WID-200 500개 공급", "Espresso bar fit-out", "Widgets Q4 top-up"]);
    const unknown = await run(admin, "export deals stage=nowhere");
    expect(unknown.isError).toBe(true);
    expect(unknown.title + JSON.stringify(unknown.blocks)).toContain("nowhere");
    expect((await run(admin, "export customers stage=proposal")).isError).toBe(true);
  });

  test("export quotes: one row per line with the quote's totals on each", async () => {
    const rows = csvRows(await run(admin, "export quotes"));
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.quote_number === "Q-2026-0001")).toEqual([
      {
        quote_number: "Q-2026-0001", external_id: "", customer: "Acme Corp", customer_external_id: "", owner: "Alice Martin", status: "draft",
        issued_on: "2026-11-23", valid_until: "2026-12-23", currency: "USD", sku: "WID-200", description: "Widget, heavy duty (2027 price list)",
        quantity: "500", unit_price: "380.00", discount: "5", line_amount: "180500.00", subtotal: "182000.00", tax_rate: "6.25", tax: "11375.00", quote_total: "193375.00", terms: "Net 30",
      },
      expect.objectContaining({ sku: "SVC-INST", quantity: "1", unit_price: "1500.00", discount: "0", line_amount: "1500.00", subtotal: "182000.00", quote_total: "193375.00" }),
    ]);
    // 1000 × 12.50 × 0.92 = 11,500.00; 200 × 99.00 = 19,800.00; 13 % tax on 31,300.00 = 4,069.00.
    expect(rows.filter((row) => row.quote_number === "Q-2026-0002").map((row) => [row.currency, row.line_amount, row.subtotal, row.tax, row.quote_total])).toEqual([
      ["CNY", "11500.00", "31300.00", "4069.00", "35369.00"],
      ["CNY", "19800.00", "31300.00", "4069.00", "35369.00"],
    ]);
    const sent = await xlsxRows(await run(admin, "export quotes xlsx status=sent"));
    expect(sent.map((row) => [row.quote_number, row.sku, row.quantity, row.unit_price])).toEqual([
      ["QT-2001", "WID-200", 300, 400],
      ["Q-2026-0002", "WID-100", 1000, 12.5],
      ["Q-2026-0002", "WID-300", 200, 99],
      ["Q-2026-0003", "WID-200", 500, 400],
    ]);
    expect(csvRows(await run(admin, "export quotes from=2026-11-01 to=2026-11-09")).map((row) => row.quote_number)).toEqual(["Q-2026-0004", "Q-2026-0005"]);
  });

  test("reps, assistants and finance take out their own customers' rows; managers and admins anyone's", async () => {
    const bobDeals = ["Werkzeugmaschinen Retrofit", "Heavy-duty widgets", "Ersatzteilpaket"];
    expect(csvRows(await run(bob, "export deals")).map((row) => row.title)).toEqual(bobDeals);
    expect(csvRows(await run(bob, "export quotes")).map((row) => row.quote_number)).toEqual(["QT-2001", "Q-2026-0004"]);
    expect(csvRows(await run(alice, "export deals @bob")).map((row) => row.title)).toEqual(bobDeals);
    expect(csvRows(await run(alice, "export quotes"))).toHaveLength(8);
    expect(csvRows(await run(admin, "export deals mine")).map((row) => row.title)).toEqual(["Espresso bar fit-out"]);
    for (const actor of [bob, finance, assistant]) {
      expect((await run(actor, "export deals @alice")).isError).toBe(true);
      expect((await run(actor, "export quotes all")).isError).toBe(true);
    }
    expect(csvRows(await run(finance, "export quotes"))).toEqual([]);
    expect(csvRows(await run(assistant, "export deals"))).toEqual([]);
  });

  test("typed in Chinese: kind, stage and headers in the reader's language", async () => {
    const chen = app.actor("export-dq", "chen", { timeZone: "Asia/Shanghai", locale: "zh-CN" });
    const deals = await run(chen, "导出 商机 阶段=方案");
    // A rep who names nobody gets their own rows, and is told so.
    expect(deals.title).toBe("已导出 1 行商机数据（负责人 陈伟 Chen Wei，阶段 方案）");
    expect(csvRows(deals).map((row) => [row["商机名称"], row["阶段"], row["金额"], row["负责人"]])).toEqual([["電子零件年度報價", "proposal", "48000.00", "陈伟 Chen Wei"]]);
    const quotes = csvRows(await run(chen, "导出 报价单"));
    expect(quotes.map((row) => [row["报价单号"], row.SKU, row["折扣（%）"], row["明细金额"], row["报价总额"]])).toEqual([
      ["Q-2026-0002", "WID-100", "8", "11500.00", "35369.00"],
      ["Q-2026-0002", "WID-300", "0", "19800.00", "35369.00"],
    ]);
  });

  test("exported customers, deals and quotes import into a fresh workspace as the same records", async () => {
    const fresh = app.actor("export-dq-fresh", "you");
    const { tenant } = await app.rapport.identify(fresh);
    for (const member of DEMO_MEMBERS.filter((candidate) => candidate.externalId !== "you")) {
      await app.database.prisma.member.create({ data: { tenantId: tenant.id, ...member } });
    }
    const dir = mkdtempSync(join(tmpdir(), "rapport-dq-export-"));
    const queries = createReportQueries(app.database.prisma, tenantId, "USD");
    const importBack = async (kind: ExportKind & ("customers" | "deals" | "quotes"), format: ExportFormat, locale: Locale) => {
      const { data } = await tableToBuffer(withHeadersIn(queries.exportTable(kind, { today: "2026-11-23" }), locale), format);
      const path = join(dir, `${kind}-${locale}.${format}`);
      writeFileSync(path, data);
      const result = await importFile({ sink: createImportSink(app.database), tenantId: tenant.id, kind, path });
      expect(result.issues).toEqual([]);
      expect(result.committed).toBe(true);
    };
    await importBack("customers", "csv", "en");
    await importBack("deals", "xlsx", "zh-CN");
    await importBack("quotes", "csv", "ko");
    await importBack("quotes", "xlsx", "zh-TW");

    const dealsOf = async (id: number) =>
      (await app.database.prisma.deal.findMany({ where: { tenantId: id }, include: { customer: true }, orderBy: { title: "asc" } })).map((deal) => ({
        customer: deal.customer.name, title: deal.title, amount: Number(deal.amount), stage: deal.stage, probability: deal.probability, status: deal.status,
        closeOn: deal.closeOn?.toISOString().slice(0, 10) ?? null, closedOn: deal.closedOn?.toISOString().slice(0, 10) ?? null, lostReason: deal.lostReason,
        currency: deal.currency ?? deal.customer.currency ?? "USD",
      }));
    const ownersOf = async (id: number) =>
      (await app.database.prisma.deal.findMany({ where: { tenantId: id }, orderBy: { title: "asc" } })).map(async (deal) =>
        deal.ownerId === null ? null : (await app.database.prisma.member.findUniqueOrThrow({ where: { id: deal.ownerId } })).displayName,
      );
    expect(await dealsOf(tenant.id)).toEqual(await dealsOf(tenantId));
    expect(await Promise.all(await ownersOf(tenant.id))).toEqual(await Promise.all(await ownersOf(tenantId)));

    const quotesOf = async (id: number) =>
      (await app.database.prisma.quote.findMany({ where: { tenantId: id }, include: { customer: true, lines: { orderBy: { position: "asc" } } }, orderBy: { number: "asc" } })).map((quote) => ({
        number: quote.number, customer: quote.customer.name, status: quote.status, issuedOn: quote.issuedOn.toISOString().slice(0, 10), validUntil: quote.validUntil?.toISOString().slice(0, 10),
        taxRateBp: quote.taxRateBp, subtotal: Number(quote.subtotal), tax: Number(quote.tax), total: Number(quote.total), terms: quote.paymentTerms,
        currency: quote.currency ?? quote.customer.currency ?? "USD",
        lines: quote.lines.map((line) => [line.sku, line.description, line.quantity, Number(line.unitPrice), line.discountBp]),
      }));
    const imported = await quotesOf(tenant.id);
    expect(imported).toHaveLength(6);
    expect(imported).toEqual(await quotesOf(tenantId));
  });
});
