/** Quotes end to end through the core on PGlite and PostgreSQL: numbering, totals, documents, accept, reject, expiry, permissions. */
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importFile } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

async function pdfText(data: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(data));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

async function xlsxCells(data: Uint8Array): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const values: unknown[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
  return values;
}

function card(reply: Reply) {
  const block = reply.blocks.find((candidate) => candidate.type === "card");
  if (block?.type !== "card") throw new Error(`no card in ${JSON.stringify(reply)}`);
  return block;
}

describe.each(testTargets)("quotes on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let alice: Actor; // manager
  let bob: Actor; // rep: owns Müller and Globex
  let chen: Actor; // rep: owns the Chinese customers, reads Chinese
  let finance: Actor;
  let assistant: Actor;
  let tenantId: number;

  const run = (actor: Actor, text: string) => app.rapport.runText({ actor, text });
  const quoteRow = (number: string) => app.database.prisma.quote.findFirstOrThrow({ where: { tenantId, number }, include: { lines: { orderBy: { position: "asc" } } } });
  const customerId = async (name: string) => (await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } })).id;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-q", "you");
    alice = app.actor("team-q", "alice");
    bob = app.actor("team-q", "bob");
    chen = app.actor("team-q", "chen", { timeZone: "Asia/Shanghai", locale: "zh-CN" });
    finance = app.actor("team-q", "fiona");
    assistant = app.actor("team-q", "sam");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    await app.rapport.identify(finance);
    await app.rapport.identify(assistant);
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "fiona" }, data: { role: "finance" } });
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "sam" }, data: { role: "assistant" } });
    await app.database.prisma.customer.updateMany({ where: { tenantId, name: "上海宏达贸易有限公司" }, data: { currency: "CNY" } });
  });
  afterAll(async () => app?.drop());

  test("numbers follow Q-{year}-NNNN and the workspace's prefix; totals apply discounts and tax", async () => {
    const first = await run(bob, "quote new globex WID-100 10 12.50 5% Widget blue; WID-200 2 400 heavy duty tax=13% valid=30d terms=\"Net 30\"");
    expect(first.isError, JSON.stringify(first)).toBeFalsy();
    // The demo data set has Q-2026-0001 to 0005.
    expect(first.title).toBe("Quote Q-2026-0006 created for Globex Corporation");
    const row = await quoteRow("Q-2026-0006");
    // 10 × 12.50 × 0.95 = 118.75; 2 × 400 = 800; subtotal 918.75; tax 13 % = 119.4375 -> 119.44.
    expect(row.lines.map((line) => [line.sku, line.quantity, Number(line.unitPrice), line.discountBp, line.description])).toEqual([
      ["WID-100", 10, 1250, 500, "Widget blue"],
      ["WID-200", 2, 40000, 0, "heavy duty"],
    ]);
    expect([Number(row.subtotal), row.taxRateBp, Number(row.tax), Number(row.total)]).toEqual([91875, 1300, 11944, 103819]);
    expect(row.validUntil?.toISOString().slice(0, 10)).toBe("2026-12-23");
    expect(row).toMatchObject({ status: "draft", paymentTerms: "Net 30" });

    expect((await run(bob, "quote new globex WID-1 1 10")).title).toBe("Quote Q-2026-0007 created for Globex Corporation");
    await app.database.prisma.tenant.update({ where: { id: tenantId }, data: { quotePrefix: "QT-{year}/" } });
    expect((await run(bob, "quote new globex WID-1 1 10")).title).toBe("Quote QT-2026/0008 created for Globex Corporation");
    await app.database.prisma.tenant.update({ where: { id: tenantId }, data: { quotePrefix: null } });
    const sequence = await app.database.prisma.numberSequence.findUniqueOrThrow({ where: { tenantId_kind: { tenantId, kind: "quote" } } });
    expect(sequence.nextValue).toBe(9);
  });

  test("an admin sets the prefix with settings workspace quote-prefix", async () => {
    const set = await run(admin, "settings workspace quote-prefix=QT-{year}-");
    expect(set.isError, JSON.stringify(set)).toBeFalsy();
    expect((await app.database.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).quotePrefix).toBe("QT-{year}-");
    expect((await run(bob, "settings workspace quote-prefix=X-")).isError).toBe(true);
    expect((await run(admin, "settings workspace quote-prefix=bad prefix!")).isError).toBe(true);
    await run(admin, "settings workspace quote-prefix=default");
    expect((await app.database.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).quotePrefix).toBeNull();
  });

  test("bad input names the field and writes nothing", async () => {
    const before = await app.database.prisma.quote.count({ where: { tenantId } });
    const cases: [string, string][] = [
      ["quote new globex WID-1 -2 10", "lines"],
      ["quote new globex WID-1 2 10 150%", "lines"],
      ["quote new globex WID-1 2 1O.5x", "lines"],
      ["quote new globex WID-1 2 10 tax=abc", "tax"],
      ["quote new globex WID-1 2 10 valid=2026-01-05", "valid"],
    ];
    for (const [line] of cases) {
      const reply = await run(bob, line);
      expect(reply.isError, line).toBe(true);
    }
    expect(await app.database.prisma.quote.count({ where: { tenantId } })).toBe(before);
    const noLines = await run(bob, "quote new globex");
    expect(noLines.isError).toBeFalsy();
    expect(noLines.blocks.some((block) => block.type === "buttons" && block.buttons.some((button) => button.action.kind === "form"))).toBe(true);
  });

  test("send attaches a PDF in the reader's language with CJK text and an XLSX that reads back; the quote is marked sent", async () => {
    const created = await run(chen, "quote new 宏达贸易 WID-100 100 12.50 10% 蓝色大号工业部件; SVC-1 1 800 安装服务 tax=13%");
    expect(created.isError, JSON.stringify(created)).toBeFalsy();
    const number = /Q-2026-\d{4}/.exec(created.title)![0];
    const sent = await run(chen, `quote send ${number}`);
    expect(sent.isError, JSON.stringify(sent)).toBeFalsy();
    const [pdf, xlsx] = sent.attachments!;
    expect(pdf).toMatchObject({ filename: `${number}.pdf`, contentType: "application/pdf" });
    expect(pdf!.data.length).toBeLessThan(300_000);
    const text = await pdfText(pdf!.data);
    expect(text).toContain("上海宏达贸易有限公司");
    expect(text).toContain("蓝色大号工业部件");
    expect(text).toContain("报价单");
    // 100 × 12.50 × 0.9 = 1,125.00 + 800.00 = 1,925.00; tax 250.25; total 2,175.25 yuan.
    expect(text).toContain("¥2,175.25");
    expect(text).toContain("有效期至");

    expect(xlsx!.filename).toBe(`${number}.xlsx`);
    const cells = await xlsxCells(xlsx!.data);
    expect(cells).toEqual(expect.arrayContaining(["上海宏达贸易有限公司", "蓝色大号工业部件", 1125, 800, 2175.25, "WID-100"]));
    const row = await quoteRow(number);
    expect(row.status).toBe("sent");
    expect(row.sentAt).not.toBeNull();
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "quote.send" }, orderBy: { id: "desc" } });
    expect(audit?.entityId).toBe(String(row.id));
  });

  test("an English PDF for an English reader names the company, the customer and the total", async () => {
    const created = await run(bob, "quote new globex WID-300 3 1000 tax=10%");
    const number = /Q-2026-\d{4}/.exec(created.title)![0];
    const sent = await run(bob, `quote send ${number}`);
    const text = await pdfText(sent.attachments![0]!.data);
    expect(text).toContain("QUOTATION");
    expect(text).toContain("Globex Corporation");
    expect(text).toContain("$3,300.00");
  });

  test("accept makes an order in one transaction: lines, totals, links both ways, the deal is won", async () => {
    const globex = await customerId("Globex Corporation");
    const bobId = (await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).id;
    const deal = await app.database.prisma.deal.create({ data: { tenantId, customerId: globex, ownerId: bobId, title: "Globex turbines", amount: 500_000n, stage: "negotiation" } });
    const created = await run(bob, `quote new #D${deal.id} WID-100 10 12.50 5%; WID-200 2 400 tax=13%`);
    expect(created.isError, JSON.stringify(created)).toBeFalsy();
    const number = /Q-2026-\d{4}/.exec(created.title)![0];
    expect((await quoteRow(number)).dealId).toBe(deal.id);

    const accepted = await run(bob, `quote accept ${number}`);
    expect(accepted.isError, JSON.stringify(accepted)).toBeFalsy();
    const quote = await quoteRow(number);
    expect(quote.status).toBe("accepted");
    const order = await app.database.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId! }, include: { lines: { orderBy: { id: "asc" } } } });
    expect(order.quoteId).toBe(quote.id);
    expect(Number(order.total)).toBe(103819);
    expect(order.lines.map((line) => [line.sku, line.quantity, Number(line.unitPrice)])).toEqual([
      ["WID-100", 10, 1188],
      ["WID-200", 2, 40000],
    ]);
    const won = await app.database.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(won.status).toBe("won");
    expect(won.closedOn?.toISOString().slice(0, 10)).toBe("2026-11-23");
    const events = await app.database.prisma.dealEvent.findMany({ where: { dealId: deal.id } });
    expect(events).toEqual([expect.objectContaining({ kind: "won", fromStage: "negotiation" })]);

    const again = await run(bob, `quote accept ${number}`);
    expect(again.isError).toBe(true);
    expect(again.title).toContain(order.number);
  });

  test("when accepting fails half way nothing is written: no order, the quote and the deal unchanged", async () => {
    const globex = await customerId("Globex Corporation");
    const deal = await app.database.prisma.deal.create({ data: { tenantId, customerId: globex, title: "Failing deal", stage: "proposal" } });
    const number = /Q-2026-\d{4}/.exec((await run(bob, `quote new #D${deal.id} WID-1 1 10`)).title)![0];
    const orders = await app.database.prisma.order.count({ where: { tenantId } });
    // The deal history refuses the write that comes after the order was inserted.
    await app.database.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_deal_event() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$ LANGUAGE plpgsql`);
    await app.database.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_deal_event BEFORE INSERT ON deal_events FOR EACH ROW EXECUTE FUNCTION refuse_deal_event()`);
    try {
      const failed = await run(bob, `quote accept ${number}`);
      expect(failed.isError).toBe(true);
    } finally {
      await app.database.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_deal_event ON deal_events`);
    }
    expect(await app.database.prisma.order.count({ where: { tenantId } })).toBe(orders);
    expect(await quoteRow(number)).toMatchObject({ status: "draft", orderId: null });
    expect(await app.database.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ status: "open", stage: "proposal" });
  });

  test("reject records the reason; a rejected quote cannot be accepted; Undo puts it back", async () => {
    const number = /Q-2026-\d{4}/.exec((await run(bob, "quote new globex WID-1 5 10")).title)![0];
    expect((await run(bob, `quote reject ${number}`)).isError).toBe(true);
    const rejected = await run(bob, `quote reject ${number} reason=too expensive this year`);
    expect(rejected.isError, JSON.stringify(rejected)).toBeFalsy();
    expect(await quoteRow(number)).toMatchObject({ status: "rejected", rejectReason: "too expensive this year" });
    expect((await run(bob, `quote accept ${number}`)).isError).toBe(true);
    const undo = card(rejected).buttons!.find((button) => button.action.kind === "undo")!;
    const undone = await app.rapport.undo({ actor: bob, token: undo.action.kind === "undo" ? undo.action.token : "" });
    expect(undone.isError, JSON.stringify(undone)).toBeFalsy();
    expect(await quoteRow(number)).toMatchObject({ status: "draft", rejectReason: null });
  });

  test("an expired quote cannot be accepted or sent, with a clear message", async () => {
    const number = /Q-2026-\d{4}/.exec((await run(bob, "quote new globex WID-1 5 10 valid=5d")).title)![0];
    app.clock.now = new Date("2026-12-05T12:00:00Z");
    try {
      const accept = await run(bob, `quote accept ${number}`);
      expect(accept.isError).toBe(true);
      expect(accept.title).toBe(`Quote ${number} expired on 2026-11-28 and cannot be accepted; create a new quote with current prices.`);
      expect((await run(bob, `quote send ${number}`)).isError).toBe(true);
      expect((await run(bob, `quote ${number}`)).title).toBe(`Quote ${number}: Expired`);
    } finally {
      app.clock.now = new Date("2026-11-23T15:00:00Z");
    }
    expect((await quoteRow(number)).orderId).toBeNull();
  });

  test("quote <number> shows the card and lines; an unknown number says so", async () => {
    const shown = await run(finance, "quote Q-2026-0006");
    expect(shown.isError, JSON.stringify(shown)).toBeFalsy();
    expect(card(shown).fields.map((field) => field.value)).toEqual(expect.arrayContaining(["$1,038.19", "Net 30"]));
    expect((await run(bob, "quote Q-2026-9999")).isError).toBe(true);
  });

  test("undo of quote new removes the draft", async () => {
    const created = await run(bob, "quote new globex WID-9 1 10");
    const number = /Q-2026-\d{4}/.exec(created.title)![0];
    const undo = card(created).buttons!.find((button) => button.action.kind === "undo")!;
    expect((await app.rapport.undo({ actor: bob, token: undo.action.kind === "undo" ? undo.action.token : "" })).isError).toBeFalsy();
    expect(await app.database.prisma.quote.count({ where: { tenantId, number } })).toBe(0);
  });

  test("the demo data has a quote in each state, and the one expiring in 2 days is listed by quote expiring and the follow-up digest", async () => {
    const demo = await app.database.prisma.quote.findMany({ where: { tenantId, number: { startsWith: "Q-2026-000" } }, orderBy: { number: "asc" } });
    expect(demo.slice(0, 5).map((quote) => quote.status)).toEqual(["draft", "sent", "sent", "rejected", "accepted"]);
    expect(demo[2]!.validUntil?.toISOString().slice(0, 10)).toBe("2026-11-25");
    const listed = await run(admin, "quote expiring");
    expect(listed.isError, JSON.stringify(listed)).toBeFalsy();
    expect(JSON.stringify(listed.blocks)).toContain("Q-2026-0003 · 삼성전자");
    // A rep sees only their own customers' quotes.
    expect(JSON.stringify((await run(bob, "quote expiring")).blocks)).not.toContain("Q-2026-0003");
    const digest = await createDigestQueries(app.database.prisma, tenantId).followUps({ today: "2026-11-23", limits: { owners: 5, itemsPerOwner: 5, items: 10 } });
    expect(digest.expiringQuotes?.map((quote) => quote.number)).toContain("Q-2026-0003");
  });

  test("rapport import quotes: one row per line, the quote number groups them; totals from the lines; a second import replaces the lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quotes-import-"));
    const path = join(dir, "quotes.csv");
    writeFileSync(
      path,
      [
        "number,customer,issued_on,valid_until,status,tax_rate,terms,sku,description,quantity,unit_price,discount",
        "IMP-1,Globex Corporation,2026-11-01,2026-12-31,sent,10%,Net 30,WID-100,Blue widget,10,12.50,5%",
        "IMP-2,Initech LLC,2026-11-02,,draft,,,SVC-1,Setup,1,800,",
        "IMP-1,Globex Corporation,2026-11-01,2026-12-31,sent,10%,Net 30,WID-200,,2,400,",
      ].join("\n"),
    );
    const result = await importFile({ sink: createImportSink(app.database), tenantId, kind: "quotes", path });
    expect(result.issues).toEqual([]);
    expect(result.committed).toBe(true);
    const first = await quoteRow("IMP-1");
    expect(first.lines.map((line) => [line.sku, line.quantity, Number(line.unitPrice), line.discountBp])).toEqual([
      ["WID-100", 10, 1250, 500],
      ["WID-200", 2, 40000, 0],
    ]);
    expect([Number(first.subtotal), first.taxRateBp, Number(first.tax), Number(first.total), first.status, first.paymentTerms]).toEqual([91875, 1000, 9188, 101063, "sent", "Net 30"]);
    expect((await quoteRow("IMP-2")).lines).toHaveLength(1);
    writeFileSync(path, ["number,customer,issued_on,sku,quantity,unit_price", "IMP-1,Globex Corporation,2026-11-01,WID-300,1,99"].join("\n"));
    await importFile({ sink: createImportSink(app.database), tenantId, kind: "quotes", path });
    const again = await quoteRow("IMP-1");
    expect(again.lines.map((line) => line.sku)).toEqual(["WID-300"]);
    expect(Number(again.total)).toBe(9900);
  });

  test("accepting checks the credit limit: a rep is refused over it, a manager may go over and it is recorded", async () => {
    const number = /Q-2026-\d{4}/.exec((await run(chen, "quote new 华强电子 WID-1 100 100")).title)![0];
    const refused = await run(chen, `quote accept ${number}`);
    expect(refused.isError).toBe(true);
    expect(refused.code).toBe("credit_limit");
    expect((await quoteRow(number)).status).toBe("draft");
    const allowed = await run(alice, `quote accept ${number}`);
    expect(allowed.isError, JSON.stringify(allowed)).toBeFalsy();
    const order = await app.database.prisma.order.findUniqueOrThrow({ where: { id: (await quoteRow(number)).orderId! } });
    expect(order.creditOverrideById).not.toBeNull();
  });

  describe("permissions for every role", () => {
    // Initech is Alice's customer; Globex is Bob's.
    test.each([
      ["admin", () => admin, true, true],
      ["manager", () => alice, true, true],
      ["assistant", () => assistant, true, true],
      ["rep on another rep's customer", () => bob, false, false],
      ["finance", () => finance, false, false],
    ] as const)("%s: new on Initech %s, accept %s", async (_role, actor, mayCreate, mayAccept) => {
      const created = await run(actor(), "quote new initech WID-1 1 10");
      expect(created.isError ?? false, JSON.stringify(created)).toBe(!mayCreate);
      if (!mayCreate) expect(created.code).toBe("permission_denied");
      const number = /Q-2026-\d{4}/.exec((await run(admin, "quote new initech WID-1 1 10")).title)![0];
      const accepted = await run(actor(), `quote accept ${number}`);
      expect(accepted.isError ?? false, JSON.stringify(accepted)).toBe(!mayAccept);
      // Everyone reads quotes.
      expect((await run(actor(), `quote ${number}`)).isError).toBeFalsy();
    });

    test("a rep makes, sends and accepts quotes for their own customers", async () => {
      const number = /Q-2026-\d{4}/.exec((await run(bob, "quote new müller WID-1 1 10")).title)![0];
      expect((await run(bob, `quote send ${number}`)).isError).toBeFalsy();
      expect((await run(bob, `quote accept ${number}`)).isError).toBeFalsy();
    });
  });
});
