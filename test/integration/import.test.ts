/** `rapport import` through importFile on both databases: CRM export headers, encodings, bad rows, idempotence, XLSX. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { importFile, type ImportOptions } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";
import type { ImportKind } from "../../src/import/columns.js";
import { createReportQueries } from "../../src/data/report-queries.js";
import { writeTable } from "../../src/export/write-table.js";
import { createWriteStream } from "node:fs";

const dir = mkdtempSync(join(tmpdir(), "rapport-import-"));
let fileCount = 0;
function file(content: string | Uint8Array, extension = "csv"): string {
  const path = join(dir, `f${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

function hubspotCsv(count: number): string {
  const lines = ["Record ID,Company name,Phone Number,City,State/Region,Industry,Lifecycle Stage,Company owner,Create Date"];
  for (let i = 1; i <= count; i++) lines.push(`${5000 + i},"Hub ${i} Trading, Inc.",+1 555 010 ${String(i).padStart(4, "0")},Boston,MA,Software,${i % 2 ? "customer" : "lead"},alice,2024-01-0${(i % 9) + 1}`);
  return `${lines.join("\n")}\n`;
}

describe.each(testTargets)("import on $name", (target) => {
  let app: TestApp;
  let tenantCounter = 0;

  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(async () => app?.drop());

  async function freshTenant() {
    const actor = app.actor(`import-${++tenantCounter}`, "you");
    const { tenant } = await app.rapport.identify(actor);
    await app.rapport.identify(app.actor(`import-${tenantCounter}`, "alice", { displayName: "Alice Martin", timeZone: "UTC" }));
    return { tenantId: tenant.id, actor };
  }
  const run = (tenantId: number, kind: ImportKind, path: string, options: ImportOptions = {}) =>
    importFile({ sink: createImportSink(app.database), tenantId, kind, path, options });
  const names = async (tenantId: number) =>
    (await app.database.prisma.customer.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { name: true } })).map((row) => row.name);

  test("a HubSpot companies export imports, is searchable, and re-importing changes nothing", async () => {
    const { tenantId, actor } = await freshTenant();
    const path = file(hubspotCsv(250));
    const first = await run(tenantId, "customers", path);
    expect(first).toMatchObject({ rows: 250, inserted: 250, updated: 0, invalid: 0, committed: true });
    expect(first.columns).toMatchObject({ externalId: "Record ID", name: "Company name", phone: "Phone Number", region: "State/Region", status: "Lifecycle Stage", owner: "Company owner" });
    expect(first.ignoredColumns).toEqual(["Create Date"]);
    const hub7 = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, externalId: "5007" } });
    expect(hub7).toMatchObject({ name: "Hub 7 Trading, Inc.", status: "active", region: "MA", industry: "Software", searchName: "hub 7 trading, inc." });
    expect(hub7.ownerId).not.toBeNull();
    expect(await app.text(actor, "find hub 7 trading")).toContain("Hub 7 Trading, Inc.");
    const updatedAt = hub7.updatedAt;
    const again = await run(tenantId, "customers", path);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 250, committed: true });
    expect((await app.database.prisma.customer.findFirstOrThrow({ where: { id: hub7.id } })).updatedAt).toEqual(updatedAt);
    expect(await app.database.prisma.customer.count({ where: { tenantId } })).toBe(250);
  });

  test.each([
    ["Salesforce", "Account ID,Account Name,Billing City,Billing State/Province,Industry,Phone,Rating\n001A,Acme Corp,Springfield,IL,Manufacturing,+1 217 555 0100,Hot\n"],
    ["Pipedrive", "Organization - ID,Organization - Name,Organization - City,Organization - Industry,Organization - Phone\n001A,Acme Corp,Springfield,Manufacturing,+1 217 555 0100\n"],
  ])("%s headers map onto our fields", async (_crm, csv) => {
    const { tenantId } = await freshTenant();
    const result = await run(tenantId, "customers", file(csv));
    expect(result).toMatchObject({ inserted: 1, invalid: 0 });
    expect(await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId } })).toMatchObject({
      externalId: "001A",
      name: "Acme Corp",
      city: "Springfield",
      industry: "Manufacturing",
      phone: "+1 217 555 0100",
    });
  });

  test("many batches: an unknown owner is reported once, and a bad row late in the file still leaves nothing written", async () => {
    const { tenantId } = await freshTenant();
    const rows = (count: number, bad?: number) =>
      ["Record ID,Company name,Company owner", ...Array.from({ length: count }, (_, i) => `R${i},${i === bad ? "" : `Batch Co ${i}`},${i % 2 ? "zed@nowhere.test" : "alice"}`)].join("\n");
    const failed = await run(tenantId, "customers", file(rows(230, 178)), { batchSize: 50 });
    expect(failed).toMatchObject({ rows: 230, invalid: 1, committed: false, inserted: 0 });
    expect(failed.issues.filter((issue) => issue.severity === "error")).toEqual([expect.objectContaining({ line: 180 })]);
    expect(await app.database.prisma.customer.count({ where: { tenantId } })).toBe(0);
    const imported = await run(tenantId, "customers", file(rows(230)), { batchSize: 50 });
    expect(imported).toMatchObject({ rows: 230, inserted: 230, invalid: 0, warnings: 1, committed: true });
    expect(imported.issues).toEqual([{ line: 3, severity: "warning", reason: expect.stringContaining('owner "zed@nowhere.test" is not a member') }]);
    expect(await app.database.prisma.customer.count({ where: { tenantId, ownerId: { not: null } } })).toBe(115);
  });

  test("batches of two: tabs, line breaks and backslashes arrive exactly; a re-import changes nothing; a changed row updates only itself", async () => {
    const { tenantId } = await freshTenant();
    const csv = (t1Notes: string, t2Name: string, t2Again: boolean) =>
      [
        "external_id,name,aliases,notes,address,credit_limit",
        `T1,Tab Co,"Tab; Tabby",${t1Notes},"Line 1\nLine 2",1250`,
        `T2,${t2Name},,,,`,
        `T3,"Quote ""Q"" Co",,"a\tb","C:\\temp\\new",`,
        `T4,上海宏达贸易有限公司,宏达,,,`,
        `T5,한빛소프트,,,서울 강남구,`,
        ...(t2Again ? ["T2,Slash Co Renamed,,,,"] : []),
      ].join("\n");
    const first = await run(tenantId, "customers", file(csv("first", "Slash Co", true)), { batchSize: 2 });
    // T2 is met twice: the last batch updates what the first one inserted.
    expect(first).toMatchObject({ rows: 6, inserted: 5, updated: 1, unchanged: 0, invalid: 0, committed: true });
    const stored = async () =>
      app.database.prisma.customer.findMany({
        where: { tenantId },
        orderBy: { externalId: "asc" },
        select: { externalId: true, name: true, aliases: true, notes: true, address: true, creditLimit: true, searchName: true, updatedAt: true },
      });
    const imported = await stored();
    expect(imported.map(({ updatedAt: _, ...row }) => row)).toEqual([
      { externalId: "T1", name: "Tab Co", aliases: ["Tab", "Tabby"], notes: "first", address: "Line 1\nLine 2", creditLimit: 125000n, searchName: "tab co" },
      { externalId: "T2", name: "Slash Co Renamed", aliases: [], notes: null, address: null, creditLimit: null, searchName: "slash co renamed" },
      { externalId: "T3", name: 'Quote "Q" Co', aliases: [], notes: "a\tb", address: "C:\\temp\\new", creditLimit: null, searchName: 'quote "q" co' },
      { externalId: "T4", name: "上海宏达贸易有限公司", aliases: ["宏达"], notes: null, address: null, creditLimit: null, searchName: "上海宏达贸易有限公司" },
      { externalId: "T5", name: "한빛소프트", aliases: [], notes: null, address: "서울 강남구", creditLimit: null, searchName: "한빛소프트" },
    ]);
    const again = await run(tenantId, "customers", file(csv("first", "Slash Co Renamed", false)), { batchSize: 2 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, committed: true });
    expect(await stored()).toEqual(imported);
    const changed = await run(tenantId, "customers", file(csv("second", "Slash Co Renamed", false)), { batchSize: 2 });
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 4, committed: true });
    const after = await stored();
    expect(after.filter((row) => row.externalId !== "T1")).toEqual(imported.filter((row) => row.externalId !== "T1"));
    expect(after.find((row) => row.externalId === "T1")).toMatchObject({ notes: "second" });
  });

  test.runIf(target.name === "postgres")("a connection lost mid-import rejects with the reason and writes nothing; the pool still works", async () => {
    const { tenantId } = await freshTenant();
    const csv = ["Record ID,Company name", ...Array.from({ length: 20_000 }, (_, i) => `K${i},Kill Test ${i}`)].join("\n");
    let killed = false;
    const importing = run(tenantId, "customers", file(csv), {
      batchSize: 100,
      onProgress: ({ rows }) => {
        if (killed || rows < 1000) return;
        killed = true;
        // The import's backend is the one with an open transaction (pooled idle ones have none).
        // (A Prisma query runs only once it is awaited or then'd.)
        app.database.prisma
          .$queryRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`)
          .then(() => undefined, () => undefined);
      },
    });
    await expect(importing).rejects.toThrow(/terminat|connection/i);
    expect(killed).toBe(true);
    expect(await app.database.prisma.customer.count({ where: { tenantId } })).toBe(0);
    expect(await run(tenantId, "customers", file("Record ID,Company name\nK1,After The Kill\n"))).toMatchObject({ inserted: 1, committed: true });
  });

  test("day/month dates: the file's own evidence stops a wrong reading; --date-order dmy imports it", async () => {
    const { tenantId } = await freshTenant();
    await run(tenantId, "customers", file("Record ID,Company name\nC1,Lumière SARL\n"));
    const orders = file("number,customer,ordered_on,total\nEU-1,C1,04/05/2026,100\nEU-2,C1,01/06/2026,100\nEU-3,C1,23/04/2026,100\n");
    const stopped = await run(tenantId, "orders", orders, { skipInvalid: true });
    expect(stopped).toMatchObject({ committed: false, inserted: 0 });
    expect(stopped.issues).toEqual([expect.objectContaining({ line: 2, severity: "error", reason: expect.stringContaining("--date-order dmy") })]);
    expect(await app.database.prisma.order.count({ where: { tenantId } })).toBe(0);
    expect(await run(tenantId, "orders", orders, { dateOrder: "dmy" })).toMatchObject({ inserted: 3, committed: true });
    const dates = await app.database.prisma.order.findMany({ where: { tenantId }, orderBy: { number: "asc" }, select: { orderedOn: true } });
    expect(dates.map((order) => order.orderedOn.toISOString().slice(0, 10))).toEqual(["2026-05-04", "2026-06-01", "2026-04-23"]);
  });

  test("order lines: rows with one order number make one order whose total is the sum of its lines; re-import changes nothing", async () => {
    const { tenantId } = await freshTenant();
    await run(tenantId, "customers", file("Record ID,Company name\nC1,Acme Corp\nC2,Globex\n"));
    const lines = file(
      "Order Number,customer,Order Date,SKU,Product Name,Quantity,Unit Price\n" +
        "SO-10,C1,2026-02-01,WID-1,Widget,2,25.00\nSO-10,C1,2026-02-01,GAD-2,Gadget,1,10.00\n" +
        "SO-11,C2,2026-02-03,WID-1,Widget,5,25.00\nSO-10,C1,2026-02-01,BOLT,Bolts,10,0.50\nSO-12,C2,2026-02-04,,Nothing,1,1.00\n",
    );
    const first = await run(tenantId, "orders", lines, { batchSize: 2, skipInvalid: true });
    expect(first).toMatchObject({ inserted: 2, invalid: 1, committed: true });
    expect(first.issues).toEqual([expect.objectContaining({ line: 6, reason: "sku is missing" })]);
    const orders = async () =>
      (await app.database.prisma.order.findMany({ where: { tenantId }, orderBy: { number: "asc" }, include: { lines: { orderBy: { sku: "asc" } } } })).map((order) => ({
        number: order.number,
        total: Number(order.total),
        lines: order.lines.map((line) => `${line.quantity}x${line.sku}@${line.unitPrice}`),
      }));
    expect(await orders()).toEqual([
      { number: "SO-10", total: 6500, lines: ["10xBOLT@50", "1xGAD-2@1000", "2xWID-1@2500"] },
      { number: "SO-11", total: 12500, lines: ["5xWID-1@2500"] },
    ]);
    expect(await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, externalId: "C1" } })).toMatchObject({ lifetimeSales: 6500n, orderCount: 1 });
    const again = await run(tenantId, "orders", lines, { skipInvalid: true });
    expect(again).toMatchObject({ inserted: 0, updated: 0, invalid: 1 });
    expect(await orders()).toEqual([
      { number: "SO-10", total: 6500, lines: ["10xBOLT@50", "1xGAD-2@1000", "2xWID-1@2500"] },
      { number: "SO-11", total: 12500, lines: ["5xWID-1@2500"] },
    ]);
    await expect(run(tenantId, "orders", file("number,customer,ordered_on,sku\nSO-1,C1,2026-01-01,X\n"))).rejects.toThrow(/no column for total or unitPrice/);
    await expect(run(tenantId, "orders", file("number,customer,ordered_on,unit_price\nSO-1,C1,2026-01-01,5\n"))).rejects.toThrow(/needs both a sku and a unit price column/);
  });

  test("--map overrides header matching; without an id column the normalised name is the key", async () => {
    const { tenantId } = await freshTenant();
    const path = file("Kunde,Ort\nMüller GmbH,Berlin\n");
    await expect(run(tenantId, "customers", path)).rejects.toThrow(/no column for name/);
    const result = await run(tenantId, "customers", path, { map: { Kunde: "name", Ort: "city" } });
    expect(result).toMatchObject({ inserted: 1 });
    const again = await run(tenantId, "customers", file("Kunde,Ort\nMÜLLER  GmbH,Berlin\n"), { map: { Kunde: "name", Ort: "city" } });
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
    expect(await app.database.prisma.customer.findMany({ where: { tenantId }, select: { name: true, city: true, externalId: true } })).toEqual([
      { name: "MÜLLER  GmbH", city: "Berlin", externalId: "name:muller gmbh" },
    ]);
  });

  const chinese = "name,city\n上海宏达贸易有限公司,上海\n北京华信科技,北京\n";
  const korean = "name,city\n삼성전자,수원\n현대자동차,서울\n";
  test.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)]), ["上海宏达贸易有限公司", "北京华信科技"]],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(chinese, "utf16le")]), ["上海宏达贸易有限公司", "北京华信科技"]],
    ["GBK", iconv.encode(chinese, "gbk"), ["上海宏达贸易有限公司", "北京华信科技"]],
    ["EUC-KR", iconv.encode(korean, "euc-kr"), ["삼성전자", "현대자동차"]],
  ])("%s is detected and decoded", async (_label, bytes, expected) => {
    const { tenantId, actor } = await freshTenant();
    const result = await run(tenantId, "customers", file(bytes));
    expect(result.invalid).toBe(0);
    expect((await names(tenantId)).sort()).toEqual([...expected].sort());
    expect(await app.text(actor, `find ${expected[0]!.slice(0, 2)}`)).toContain(expected[0]);
  });

  test("an encoding can be selected explicitly", async () => {
    const { tenantId } = await freshTenant();
    const result = await run(tenantId, "customers", file(iconv.encode(korean, "euc-kr")), { encoding: "euc-kr" });
    expect(result).toMatchObject({ encoding: "euc-kr", inserted: 2 });
  });

  const withBadRows = [
    "id,name,email,credit_limit,next_follow_up",
    "1,Good One,a@example.com,1000,2026-12-01",
    "2,,b@example.com,,", // line 3: no name
    "3,Good Two,not-an-email,,", // line 4
    "4,Good Three,,12.345,", // line 5: 3 decimals
    "5,Good Four,,,2026-02-30", // line 6
    "6,Good Five,,,",
  ].join("\n");

  test("all-or-nothing: every bad row is reported with its line and nothing is written", async () => {
    const { tenantId } = await freshTenant();
    const reported: number[] = [];
    const result = await run(tenantId, "customers", file(withBadRows), { onIssue: (issue) => reported.push(issue.line) });
    expect(result.committed).toBe(false);
    expect(result.invalid).toBe(4);
    expect(result.issues.map((issue) => [issue.line, issue.reason])).toEqual([
      [3, "name is missing"],
      [4, 'email "not-an-email" does not look like name@example.com'],
      [5, 'creditLimit "12.345" is not an amount like 1250.50'],
      [6, 'nextFollowUp "2026-02-30" is not a real date'],
    ]);
    expect(reported).toEqual([3, 4, 5, 6]);
    expect(await names(tenantId)).toEqual([]);
  });

  test("--skip-invalid imports the good rows and reports the bad ones", async () => {
    const { tenantId } = await freshTenant();
    const result = await run(tenantId, "customers", file(withBadRows), { skipInvalid: true });
    expect(result).toMatchObject({ committed: true, inserted: 2, invalid: 4 });
    expect(await names(tenantId)).toEqual(["Good Five", "Good One"]);
    const one = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, externalId: "1" } });
    expect(Number(one.creditLimit)).toBe(100000);
    expect(one.nextFollowUp?.toISOString().slice(0, 10)).toBe("2026-12-01");
  });

  test("--dry-run checks everything and writes nothing", async () => {
    const { tenantId } = await freshTenant();
    const result = await run(tenantId, "customers", file(hubspotCsv(20)), { dryRun: true });
    expect(result).toMatchObject({ dryRun: true, committed: false, inserted: 20 });
    expect(await names(tenantId)).toEqual([]);
  });

  test("contacts, orders, invoices and payments attach to imported customers and keep derived figures", async () => {
    const { tenantId, actor } = await freshTenant();
    await run(tenantId, "customers", file("Record ID,Company name\nC1,Acme Corp\nC2,Globex\n"));
    const contacts = await run(tenantId, "contacts", file("Record ID,First Name,Last Name,Email,Associated Company\nP1,John,Smith,john@acme.test,Acme Corp\nP2,Jane,Doe,jane@globex.test,C2\nP3,Nobody,Here,,Initech\n"), { skipInvalid: true });
    expect(contacts).toMatchObject({ inserted: 2, invalid: 1 });
    expect(contacts.issues[0]).toMatchObject({ line: 4, reason: expect.stringContaining('no customer matches "Initech"') });
    expect(await app.text(actor, "find john smith")).toContain("Acme Corp");
    const orders = await run(tenantId, "orders", file("number,customer,ordered_on,total\nSO-1,C1,2026-01-10,1000.00\nSO-2,Acme Corp,2026-03-11,500\nSO-3,C2,3/14/2026,250.50\n"));
    expect(orders).toMatchObject({ inserted: 3, invalid: 0 });
    const acme = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, externalId: "C1" } });
    expect({ count: acme.orderCount, sales: Number(acme.lifetimeSales), last: acme.lastOrderAt?.toISOString().slice(0, 10), cycle: acme.avgCycleDays }).toEqual({ count: 2, sales: 150000, last: "2026-03-11", cycle: 60 });
    expect(await run(tenantId, "orders", file("number,customer,ordered_on,total\nSO-1,C1,2026-01-10,1000.00\n"))).toMatchObject({ unchanged: 1 });
    await run(tenantId, "invoices", file("number,customer,order,issued_on,due_on,amount\nINV-1,C1,SO-1,2026-01-10,2026-02-10,1000\nINV-2,C1,SO-2,2026-03-11,2026-04-10,500\n"));
    const paymentsFile = file("customer,amount,date,reference\nC1,1200,2026-03-01,wire 77\n");
    expect(await run(tenantId, "payments", paymentsFile)).toMatchObject({ inserted: 1 });
    expect(await run(tenantId, "payments", paymentsFile)).toMatchObject({ inserted: 0, unchanged: 1 });
    const invoices = await app.database.prisma.invoice.findMany({ where: { tenantId }, orderBy: { number: "asc" }, select: { number: true, paid: true, status: true, orderId: true } });
    expect(invoices.map((invoice) => [invoice.number, Number(invoice.paid), invoice.status, invoice.orderId !== null])).toEqual([
      ["INV-1", 100000, "paid", true],
      ["INV-2", 20000, "open", true],
    ]);
  });

  test("an XLSX export imports back unchanged (round trip)", async () => {
    const source = await freshTenant();
    await run(source.tenantId, "customers", file("Record ID,Company name,City,Industry\nX1,Alpha Ltd,Paris,Retail\nX2,上海宏达贸易有限公司,上海,Trade\n"));
    const path = join(dir, "round-trip.xlsx");
    const table = createReportQueries(app.database.prisma, source.tenantId, "USD").exportTable("customers", { today: "2026-11-23" });
    expect(await writeTable(table, "xlsx", createWriteStream(path))).toBe(2);
    const target2 = await freshTenant();
    const result = await run(target2.tenantId, "customers", path);
    expect(result).toMatchObject({ encoding: "xlsx", inserted: 2, invalid: 0 });
    const pick = (tenantId: number) =>
      app.database.prisma.customer.findMany({ where: { tenantId }, orderBy: { externalId: "asc" }, select: { externalId: true, name: true, city: true, industry: true, status: true, searchDoc: true } });
    expect(await pick(target2.tenantId)).toEqual(await pick(source.tenantId));
    expect(await run(target2.tenantId, "customers", path)).toMatchObject({ unchanged: 2 });
  });
});
