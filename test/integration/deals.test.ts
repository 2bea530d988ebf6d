/** Deals end to end on real databases: life cycle with history, lists, forecast figures, stages, permissions. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Block, Reply } from "../../src/core/reply.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import { buildPipelineDigest } from "../../src/digests/builders/pipeline.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importFile } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";

function fieldValue(reply: Reply, label: string, nth = 0): string | undefined {
  const found: string[] = [];
  for (const block of reply.blocks) {
    const fields = block.type === "fields" || block.type === "card" ? block.fields : [];
    for (const field of fields) if (field.label === label) found.push(field.value);
  }
  return found[nth];
}

function table(reply: Reply, title: string, nth = 0): string[][] {
  const tables = reply.blocks.filter((block): block is Extract<Block, { type: "table" }> => block.type === "table" && block.title === title);
  return tables[nth]?.rows ?? [];
}

describe.each(testTargets)("deals on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let manager: Actor;
  let bob: Actor; // a rep who owns Acme Tools
  let carol: Actor; // a rep who owns nothing here
  let finance: Actor;
  let assistant: Actor;
  let tenantId: number;
  const ids = {} as Record<"proposal" | "lead" | "won" | "lost" | "krw" | "later", number>;

  const run = (actor: Actor, text: string) => app.rapport.runText({ actor, text });
  const ok = async (actor: Actor, text: string) => {
    const reply = await run(actor, text);
    expect(reply.isError, `${text}: ${reply.title}`).toBeFalsy();
    return reply;
  };
  const newDeal = async (actor: Actor, line: string) => {
    const reply = await ok(actor, line);
    const id = Number(/#(\d+)/.exec(reply.title)?.[1]);
    expect(id).toBeGreaterThan(0);
    return id;
  };
  const deal = (id: number) => app.database.prisma.deal.findUniqueOrThrow({ where: { id } });
  const events = (id: number) => app.database.prisma.dealEvent.findMany({ where: { dealId: id }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("deals-team", "you");
    manager = app.actor("deals-team", "alice");
    bob = app.actor("deals-team", "bob");
    carol = app.actor("deals-team", "carol");
    finance = app.actor("deals-team", "fiona");
    assistant = app.actor("deals-team", "artie");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    for (const actor of [manager, bob, carol, finance, assistant]) await app.rapport.identify(actor);
    await ok(admin, "role alice manager");
    await ok(admin, "role fiona finance");
    await ok(admin, "role artie assistant");
    await ok(bob, "new Acme Tools city=Boston");
    await ok(admin, "new Seoul Trading city=Seoul currency=KRW");
    await ok(carol, "new Carol Foods city=Austin");
  }, 120_000);
  afterAll(async () => app?.drop());

  test("a rep opens a deal on their customer; stage changes, win and loss write history with who and when", async () => {
    ids.proposal = await newDeal(bob, "deal new acme Pumps retrofit amount=10000 stage=proposal close=2026-11-25");
    const created = await deal(ids.proposal);
    expect(created).toMatchObject({ title: "Pumps retrofit", amount: 1_000_000n, stage: "proposal", status: "open", probability: null, currency: null });
    expect(created.closeOn?.toISOString().slice(0, 10)).toBe("2026-11-25");

    ids.lead = await newDeal(bob, "deal new acme Spare parts amount=20000 probability=30 close=2026-11-28");
    expect(await deal(ids.lead)).toMatchObject({ stage: "lead", probability: 30 });

    ids.won = await newDeal(bob, "deal new acme Valves amount=8000");
    const moved = await ok(bob, `deal stage ${ids.won} negotiation`);
    expect(moved.title).toBe(`Deal #${ids.won} moved to Negotiation`);
    const won = await ok(bob, `deal won ${ids.won}`);
    expect(won.title).toBe(`Deal #${ids.won} won: Valves`);
    expect(await deal(ids.won)).toMatchObject({ status: "won", stage: "won" });
    expect((await deal(ids.won)).closedOn?.toISOString().slice(0, 10)).toBe("2026-11-23");
    const history = await events(ids.won);
    const bobId = (await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).id;
    expect(history.map((event) => [event.kind, event.fromStage, event.toStage, event.actorId])).toEqual([
      ["created", null, "lead", bobId],
      ["stage", "lead", "negotiation", bobId],
      ["won", "negotiation", "won", bobId],
    ]);

    ids.lost = await newDeal(bob, "deal new acme Filters amount=3000");
    const lost = await ok(bob, `deal lost ${ids.lost} reason=price Went with a cheaper offer`);
    expect(lost.title).toBe(`Deal #${ids.lost} lost (Price): Filters`);
    expect(await deal(ids.lost)).toMatchObject({ status: "lost", lostReason: "price", lostNote: "Went with a cheaper offer" });
    expect((await events(ids.lost)).at(-1)).toMatchObject({ kind: "lost", detail: { reason: "price", note: "Went with a cheaper offer" } });

    const audit = await app.database.prisma.auditEvent.findMany({ where: { tenantId, entity: "deal", entityId: String(ids.won) }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["deal.create", "deal.stage", "deal.won"]);

    const card = await ok(admin, `deal ${ids.won}`);
    expect(fieldValue(card, "Customer")).toBe("Acme Tools");
    expect(fieldValue(card, "Amount")).toBe("$8,000.00");
    expect(fieldValue(card, "Status")).toBe("Won");
    const historyList = card.blocks.find((block) => block.type === "list" && block.title === "History");
    expect(historyList?.type === "list" && historyList.items.map((item) => item.title)).toEqual(["Won (from Negotiation)", "Moved from Lead to Negotiation", "Created in Lead"]);
  });

  test("edit changes fields and records an edit event; the card shows age in stage and the stage's probability", async () => {
    await ok(bob, `deal edit ${ids.proposal} title="Pumps retrofit phase 1"`);
    expect(await deal(ids.proposal)).toMatchObject({ title: "Pumps retrofit phase 1", amount: 1_000_000n });
    expect((await events(ids.proposal)).at(-1)).toMatchObject({ kind: "edit", detail: { fields: ["title"] } });
    const card = await ok(bob, `deal ${ids.proposal}`);
    expect(fieldValue(card, "Probability")).toBe("50% (the stage's)");
    expect(fieldValue(card, "In this stage")).toBe("0 days");
  });

  test("bad input names the field with an example and writes nothing", async () => {
    const before = await app.database.prisma.deal.count({ where: { tenantId } });
    const cases: [string, string, RegExp][] = [
      ["deal new acme Widgets stage=demo", "stage", /There is no stage "demo"\. The stages are: Lead, Qualified, Proposal, Negotiation, Won, Lost\./],
      ["deal new acme Widgets close=2026-11-01", "close", /The close date 2026-11-01 is in the past \(today is 2026-11-23\)/],
      ["deal new acme Widgets amount=-500", "amount", /The amount cannot be negative/],
      ["deal new acme Widgets probability=150", "probability", /The probability must be a whole number from 0 to 100/],
      [`deal lost ${ids.proposal} reason=weather`, "reason", /Say why the deal was lost with reason=: Price, Competitor, No budget, Timing, Other\./],
      [`deal stage ${ids.proposal} nowhere`, "stage", /There is no stage "nowhere"/],
    ];
    for (const [line, field, message] of cases) {
      const reply = await run(bob, line);
      expect(reply.isError, line).toBe(true);
      expect(reply.code, line).not.toBe("internal");
      expect(reply.title, line).toMatch(message);
      expect(JSON.stringify(reply.blocks), line).toMatch(/Example|deal /);
      void field;
    }
    expect(await app.database.prisma.deal.count({ where: { tenantId } })).toBe(before);
  });

  test("zh-CN and ko readers type stages, reasons and windows in their words", async () => {
    const chen = app.actor("deals-team", "bob", { timeZone: "UTC", locale: "zh-CN" });
    const moved = await run(chen, `商机 推进 ${ids.proposal} 谈判`);
    expect(moved.isError, moved.title).toBeFalsy();
    expect(moved.title).toBe(`商机 #${ids.proposal} 已推进到谈判`);
    await ok(bob, `deal stage ${ids.proposal} proposal`);
    const minji = app.actor("deals-team", "bob", { timeZone: "UTC", locale: "ko" });
    const list = await run(minji, "영업기회목록 내것 이번달");
    expect(list.isError, list.title).toBeFalsy();
    expect(list.title).toContain("이번 달 마감 예정");
    const lost = await run(minji, `영업기회 실주 ${ids.proposal} 실주사유=경쟁사`);
    expect(lost.isError, lost.title).toBeFalsy();
    expect(await deal(ids.proposal)).toMatchObject({ status: "lost", lostReason: "competitor" });
    // Reopened by moving it back to an open stage.
    await ok(bob, `deal stage ${ids.proposal} proposal`);
    expect(await deal(ids.proposal)).toMatchObject({ status: "open", stage: "proposal", lostReason: null });
    expect((await events(ids.proposal)).at(-1)).toMatchObject({ kind: "reopened", fromStage: "lost", toStage: "proposal" });
  });

  test("deals lists with filters and totals per currency", async () => {
    ids.krw = await newDeal(admin, "deal new seoul Line upgrade amount=5000000 stage=proposal close=2026-11-26");
    ids.later = await newDeal(admin, "deal new acme Service contract amount=5000 stage=negotiation close=2026-12-10");
    const mine = await ok(bob, "deals");
    expect(mine.title).toBe("Your deals: 2");
    expect(JSON.stringify(mine.blocks)).toContain("2 deals: $30,000.00, weighted $11,000.00");
    const all = await ok(bob, "deals all");
    expect(all.title).toBe("Team deals: 4");
    const totals = all.blocks[0];
    expect(totals?.type === "text" && totals.text.split("\n")).toEqual(["3 deals: $35,000.00, weighted $14,750.00", "1 deal: ₩5,000,000, weighted ₩2,500,000"]);
    expect((await ok(bob, "deals all this-month")).title).toBe("Team deals closing this month: 3");
    expect((await ok(bob, "deals all closing=next-month")).title).toBe("Team deals closing next month: 1");
    expect((await ok(bob, "deals all stage=negotiation")).title).toBe("Team deals in Negotiation: 1");
    expect((await ok(bob, "deals @alice")).title).toBe("Alice's deals: 0".replace("Alice", (await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "alice" } })).displayName));
    expect((await ok(bob, "deals all stage=won")).title).toBe("Team deals in Won: 1");
  });

  test("forecast figures match the hand-computed values, per member, stage and currency, against last year", async () => {
    const acme = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Acme Tools" } });
    const bobId = (await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).id;
    await app.database.prisma.deal.create({
      data: { tenantId, customerId: acme.id, ownerId: bobId, title: "Last year's pumps", amount: 700_000n, stage: "won", status: "won", closedOn: new Date("2025-11-10") },
    });
    // Month (2026-11): open USD = 10,000 (proposal 50%) + 20,000 (own 30%) = 30,000, weighted 5,000 + 6,000 = 11,000;
    // won 8,000; lost 1 (Filters); last November 7,000. KRW: 5,000,000 at 50% = 2,500,000.
    const month = await ok(manager, "forecast");
    expect(month.title).toContain("Forecast for the month 2026-11-01 – 2026-11-30 (team)");
    expect(fieldValue(month, "Open")).toBe("$30,000.00");
    expect(fieldValue(month, "Weighted")).toBe("$11,000.00");
    expect(fieldValue(month, "Won")).toBe("$8,000.00");
    expect(fieldValue(month, "Lost deals")).toBe("1");
    expect(fieldValue(month, "Won 2025-11-01 – 2025-11-30")).toBe("$7,000.00");
    expect(fieldValue(month, "Open", 1)).toBe("₩5,000,000");
    expect(fieldValue(month, "Weighted", 1)).toBe("₩2,500,000");
    expect(table(month, "Per member")).toEqual([["bob", "$30,000.00", "$11,000.00", "$8,000.00"]]);
    expect(table(month, "Per stage")).toEqual([
      ["Lead", "1", "$20,000.00", "$6,000.00"],
      ["Proposal", "1", "$10,000.00", "$5,000.00"],
    ]);
    // Quarter adds the December negotiation deal: 5,000 at 75% = 3,750.
    const quarter = await ok(manager, "forecast quarter all");
    expect(fieldValue(quarter, "Open")).toBe("$35,000.00");
    expect(fieldValue(quarter, "Weighted")).toBe("$14,750.00");
    // A rep's default is their own.
    const own = await ok(carol, "forecast");
    expect(own.title).toContain("(yours)");
    expect(own.blocks[0]).toMatchObject({ type: "text" });
  });

  test("the weekly pipeline digest shows open deals by stage, the week's wins and losses, lost reasons ranked", async () => {
    const data = await createDigestQueries(app.database.prisma, tenantId).pipeline({
      today: "2026-11-23",
      from: "2026-11-17",
      since: new Date("2026-11-17T00:00:00Z"),
      until: new Date("2026-11-23T15:00:00Z"),
    });
    expect(data.deals).toEqual({
      open: [
        { stage: "lead", name: null, currency: null, count: 1, amount: 2_000_000, weighted: 600_000 },
        { stage: "proposal", name: null, currency: "KRW", count: 1, amount: 5_000_000, weighted: 2_500_000 },
        { stage: "proposal", name: null, currency: null, count: 1, amount: 1_000_000, weighted: 500_000 },
        { stage: "negotiation", name: null, currency: null, count: 1, amount: 500_000, weighted: 375_000 },
      ],
      won: [{ currency: null, count: 1, amount: 800_000 }],
      lost: 1,
      reasons: [{ reason: "price", count: 1 }],
    });
    const digest = buildPipelineDigest(data, { now: app.clock.now, today: "2026-11-23", timeZone: "UTC", currency: "USD", full: false });
    const blocks = digest.reply.blocks;
    const byStage = blocks.find((block) => block.type === "table" && block.title === "Open deals by stage");
    expect(byStage?.type === "table" && byStage.rows).toEqual([
      ["Lead", "1", "$20,000.00", "$6,000.00"],
      ["Proposal", "1", "₩5,000,000", "₩2,500,000"],
      ["Proposal", "1", "$10,000.00", "$5,000.00"],
      ["Negotiation", "1", "$5,000.00", "$3,750.00"],
    ]);
    expect(JSON.stringify(blocks)).toContain("This week: 1 deal won ($8,000.00), 1 lost; success rate 50%.");
    const reasons = blocks.find((block) => block.type === "table" && block.title === "Lost reasons");
    expect(reasons?.type === "table" && reasons.rows).toEqual([["Price", "1"]]);
  });

  test("activity's success rate is won / (won + lost) of the deals closed in the period, lost reasons ranked", async () => {
    const reply = await ok(manager, "activity 30d");
    expect(fieldValue(reply, "Deals won")).toBe("1");
    expect(fieldValue(reply, "Deals lost")).toBe("1");
    expect(fieldValue(reply, "Success rate (won / closed)")).toBe("50%");
    expect(table(reply, "Lost reasons")).toEqual([["Price", "1", "100%"]]);
  });

  test("permissions: every role reads; owner rep, managers and admins change; finance and assistants only read", async () => {
    const id = await newDeal(bob, "deal new acme Permissions probe amount=100");
    for (const actor of [admin, manager, bob, carol, finance, assistant]) {
      expect((await run(actor, `deal ${id}`)).isError).toBeFalsy();
      expect((await run(actor, "deals all")).isError).toBeFalsy();
      expect((await run(actor, "forecast all")).isError).toBeFalsy();
    }
    for (const [actor, allowed] of [
      [admin, true],
      [manager, true],
      [bob, true],
      [carol, false],
      [finance, false],
      [assistant, false],
    ] as const) {
      const reply = await run(actor, `deal edit ${id} amount=200`);
      expect(reply.isError ?? false, `${actor.userExternalId}: ${reply.title}`).toBe(!allowed);
      if (!allowed) expect(reply.code).toBe("permission_denied");
    }
    // Creating: a rep on another rep's customer is refused; finance and assistants cannot open deals.
    expect((await run(carol, "deal new acme Poach")).code).toBe("permission_denied");
    expect((await run(finance, "deal new acme Books")).code).toBe("permission_denied");
    expect((await run(assistant, "deal new acme Orders")).code).toBe("permission_denied");
    expect((await run(carol, "deal new carol Own deal")).isError).toBeFalsy();
    expect((await run(manager, "deal new carol Manager's deal")).isError).toBeFalsy();
    // Only managers give a deal away.
    expect((await run(bob, `deal edit ${id} owner=@carol`)).code).toBe("permission_denied");
    expect((await run(manager, `deal edit ${id} owner=@carol`)).isError).toBeFalsy();
    // Only admins change stages.
    expect((await run(manager, "deal stages set lead:10 proposal:60")).code).toBe("permission_denied");
  });

  test("rapport import deals: customer by name or external id, stages in any language, owner, close date; a second run updates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-deals-"));
    const path = join(dir, "deals.csv");
    writeFileSync(
      path,
      [
        "Deal ID,Company name,Deal Name,Amount,Deal Stage,Close Date,Deal owner,Probability",
        "D-1,Acme Tools,Imported pumps,\"$12,500.00\",Proposal,2026-12-15,bob,",
        "D-2,Seoul Trading,수입 부품,\"₩3,000,000\",협상,2026-12-20,,60",
        "D-3,Acme Tools,Old deal,900,Closed Won,2026-11-20,bob,",
        "D-4,Acme Tools,Bad stage,100,Somewhere,,,",
        "D-5,Nobody Ltd,No customer,100,lead,,,",
      ].join("\n"),
    );
    const run = () => importFile({ sink: createImportSink(app.database), tenantId, kind: "deals", path, options: { skipInvalid: true } });
    const first = await run();
    expect({ inserted: first.inserted, updated: first.updated }).toEqual({ inserted: 3, updated: 0 });
    expect(first.issues.map((issue) => issue.line).sort()).toEqual([5, 6]);
    const pumps = await app.database.prisma.deal.findFirstOrThrow({ where: { tenantId, externalId: "D-1" } });
    const bobId = (await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).id;
    expect(pumps).toMatchObject({ title: "Imported pumps", amount: 1_250_000n, stage: "proposal", status: "open", ownerId: bobId, currency: null });
    expect(pumps.closeOn?.toISOString().slice(0, 10)).toBe("2026-12-15");
    expect(await app.database.prisma.deal.findFirstOrThrow({ where: { tenantId, externalId: "D-2" } })).toMatchObject({ amount: 3_000_000n, stage: "negotiation", probability: 60, currency: "KRW" });
    const won = await app.database.prisma.deal.findFirstOrThrow({ where: { tenantId, externalId: "D-3" } });
    expect(won).toMatchObject({ status: "won", stage: "won", closeOn: null });
    expect(won.closedOn?.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(await app.database.prisma.dealEvent.count({ where: { dealId: pumps.id, kind: "created" } })).toBe(1);
    const second = await run();
    expect({ inserted: second.inserted, updated: second.updated }).toEqual({ inserted: 0, updated: 3 });
    await app.database.prisma.deal.deleteMany({ where: { tenantId, externalId: { in: ["D-1", "D-2", "D-3"] } } });
  });

  test("admins replace the open stages; a stage in use moves only when told where", async () => {
    const shown = await ok(bob, "deal stages");
    expect(shown.blocks[0]).toMatchObject({ type: "table" });
    const refused = await run(admin, "deal stages set lead:10 demo:40 proposal:60");
    expect(refused.isError).toBe(true);
    expect(refused.title).toMatch(/Negotiation still has \d+ deals?\. Say where they go/);
    const saved = await ok(admin, "deal stages set lead:10 demo:40 proposal:60 move=negotiation:proposal");
    expect(saved.title).toBe("Deal stages saved");
    const stages = await app.database.prisma.dealStage.findMany({ where: { tenantId }, orderBy: { position: "asc" } });
    expect(stages.map((stage) => [stage.key, stage.name, stage.probability, stage.kind])).toEqual([
      ["lead", null, 10, "open"],
      ["demo", "demo", 40, "open"],
      ["proposal", null, 60, "open"],
      ["won", null, 100, "won"],
      ["lost", null, 0, "lost"],
    ]);
    expect(await app.database.prisma.deal.count({ where: { tenantId, stage: "negotiation" } })).toBe(0);
    expect((await events(ids.later)).at(-1)).toMatchObject({ kind: "stage", fromStage: "negotiation", toStage: "proposal" });
    await ok(bob, `deal stage ${ids.lead} demo`);
    expect(await deal(ids.lead)).toMatchObject({ stage: "demo" });
  });

  test("stats pipeline draws the funnel of open deals as a PNG, in the workspace's stage order", async () => {
    const reply = await ok(manager, "stats pipeline");
    expect(reply.attachments?.[0]).toMatchObject({ filename: "pipeline.png", contentType: "image/png" });
    expect(Buffer.from(reply.attachments![0]!.data).subarray(1, 4).toString()).toBe("PNG");
    // Lead: the probe ($200 at 10%) and two empty deals; demo: $20,000 at its own 30%;
    // proposal: $10,000 + $5,000 at 60%. The KRW deal is counted apart.
    expect(table(reply, "Pipeline: open deals by stage")).toEqual([
      ["Lead", "3", "$200.00", "$20.00"],
      ["demo", "1", "$20,000.00", "$6,000.00"],
      ["Proposal", "2", "$15,000.00", "$9,000.00"],
    ]);
    expect(JSON.stringify(reply.blocks)).toContain("1 deal in other currencies are left out of the chart");
  }, 60_000);

  test("Undo takes back a loss (the deal is open again, with a history row) and a new deal (removed), only for its author", async () => {
    const undoOf = (reply: Reply) => {
      const buttons = reply.blocks.flatMap((block) => (block.type === "buttons" ? block.buttons : []));
      const undo = buttons.find((button) => button.action.kind === "undo");
      return undo?.action.kind === "undo" ? undo.action.token : "";
    };
    const id = await newDeal(bob, "deal new acme Undo probe amount=500 stage=proposal");
    const lost = await ok(bob, `deal lost ${id} reason=timing`);
    expect((await app.rapport.undo({ actor: manager, token: undoOf(lost) })).isError).toBe(true);
    expect((await app.rapport.undo({ actor: bob, token: undoOf(lost) })).isError).toBeFalsy();
    expect(await deal(id)).toMatchObject({ status: "open", stage: "proposal", lostReason: null });
    expect((await events(id)).at(-1)).toMatchObject({ kind: "reopened", fromStage: "lost", toStage: "proposal" });
    const created = await run(bob, "deal new acme Mistake amount=1");
    const mistake = Number(/#(\d+)/.exec(created.title)?.[1]);
    expect((await app.rapport.undo({ actor: bob, token: undoOf(created) })).isError).toBeFalsy();
    expect(await app.database.prisma.deal.count({ where: { id: mistake } })).toBe(0);
  });

  test("after every write above (new, edit, stage, won, lost, import, stage moves, undo) the monthly totals equal the deals' own sums", async () => {
    const keys = async (sql: string) => (await app.database.prisma.$queryRawUnsafe<{ key: string }[]>(sql)).map((row) => row.key);
    const fromDeals = await keys(
      `SELECT concat_ws('|', tenant_id, owner_id, stage, currency, status, deal_month_of(status, close_on, closed_on), COUNT(*), SUM(amount),
         COALESCE(SUM(amount * probability), 0), COALESCE(SUM(amount) FILTER (WHERE probability IS NULL), 0)) AS key
       FROM deals GROUP BY tenant_id, owner_id, stage, currency, status, deal_month_of(status, close_on, closed_on) ORDER BY 1`,
    );
    const fromTotals = await keys(
      `SELECT concat_ws('|', tenant_id, owner_id, stage, currency, status, month, deals, amount, explicit_weighted, unset_amount) AS key
       FROM deal_month_totals WHERE deals <> 0 ORDER BY 1`,
    );
    expect(fromDeals.length).toBeGreaterThan(3);
    expect(fromTotals).toEqual(fromDeals);
  });
});
