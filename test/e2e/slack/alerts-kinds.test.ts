/**
 * Every personal alert kind on Slack end to end: Pat's writes go through the real Bolt app to the
 * real core (PGlite, demo data, a clock the test moves); the flusher posts through the real Slack
 * poster to the fake Web API. Sam (Europe/Berlin) gets ONE direct message per batch: a credit limit
 * passed by a manager's order and by an accepted quote, the quote accepted, the morning scan
 * (overdue invoice, quote expiring, today's tasks), a hand-over in Traditional Chinese, quiet hours
 * over midnight in Berlin, two flushers posting once, and twelve assignments batched.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { blockAction } from "../../fakes/slack/payloads.js";
import { FIXED_NOW, PAT_ACTOR, TODAY } from "./demo-core.js";
import { allText, BOT_TOKEN, PAT, SAM, startHarnessWith, type Harness } from "./harness.js";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("every personal alert kind on Slack (real core, fake Slack)", () => {
  const clock = { now: FIXED_NOW };
  let core: App;
  let tenantId: number;
  let samId: number;
  let h: Harness<RapportApi>;
  const customers: Record<string, number> = {};

  beforeAll(async () => {
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => clock.now });
    const { tenant } = await core.rapport.identify(PAT_ACTOR);
    tenantId = tenant.id;
    await loadDemoData(core.database.prisma, tenantId, TODAY);
    h = await startHarnessWith<RapportApi>(core.rapport);
    await run(SAM, "settings");
    const sam = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: SAM.userId } });
    samId = sam.id;
    const prisma = core.database.prisma;
    customers.nordwind = (await prisma.customer.create({ data: { tenantId, name: "Nordwind Handel", ownerId: samId, creditLimit: 10_000n } })).id;
    customers.fjord = (await prisma.customer.create({ data: { tenantId, name: "Fjord Logistics", ownerId: samId } })).id;
    const pat = await prisma.member.findFirstOrThrow({ where: { tenantId, externalId: PAT.userId } });
    for (let index = 1; index <= 13; index++) {
      customers[`batch${index}`] = (await prisma.customer.create({ data: { tenantId, name: `Batch Trading ${index}`, ownerId: pat.id } })).id;
    }
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });

  async function respond(who: typeof PAT, text: string): Promise<Record<string, unknown>> {
    const sent = await h.command(who, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body as Record<string, unknown>;
  }
  const run = async (who: typeof PAT, text: string) => allText(await respond(who, text));
  const buttonsOf = (body: Record<string, unknown>) =>
    ((body.blocks ?? []) as { elements?: Record<string, unknown>[]; accessory?: Record<string, unknown> }[])
      .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
      .filter((element): element is { action_id: string; value: string } => typeof element.action_id === "string" && typeof element.value === "string");
  const poster = () => createRoutingPoster({ slack: createSlackDigestPoster({ botToken: BOT_TOKEN, apiUrl: h.slack.apiUrl, logger: silentLogger }) });
  /** A flusher as one process runs it; `scan`: with the morning scan (weekdays), else the flush alone. */
  const scheduler = (scan = false) => createAlertScheduler({ store: createAlertDeliveryStore(core.database.prisma), poster: poster(), ...(scan ? {} : { weekdays: [] }) });
  const toSam = () => h.slack.callsOf("chat.postMessage").filter((call) => call.args.channel === SAM.userId);
  const alertsOfSam = (where: Record<string, unknown> = {}) => core.database.prisma.alert.findMany({ where: { memberId: samId, ...where }, orderBy: { id: "asc" } });

  test("Sam's zone is Berlin, from his Slack profile", async () => {
    expect((await core.database.prisma.member.findUniqueOrThrow({ where: { id: samId } })).timeZone).toBe("Europe/Berlin");
  });

  test("creditLimit: an order a manager allowed over the limit tells the owner, once; the refused one tells nobody", async () => {
    const refused = await respond(PAT, `order new #${customers.nordwind} WID-100 10 50`);
    expect(allText(refused)).toContain("credit limit");
    expect(await alertsOfSam()).toEqual([]);
    // Pat (an admin) presses the button that allows the order over the limit.
    const allow = buttonsOf(refused).find((button) => button.value.endsWith(" override"));
    expect(allow, allText(refused)).toBeDefined();
    await h.interact(blockAction(PAT, { actionId: allow!.action_id, value: allow!.value, responseUrl: h.slack.responseUrl("allow-over-limit") }));
    const [allowed] = await h.slack.waitForResponses("allow-over-limit");
    const created = allText(allowed!.body);
    const orderNumber = /SO-\d+/.exec(created)?.[0];
    expect(orderNumber, created).toBeDefined();
    expect((await alertsOfSam()).map((alert) => alert.kind)).toEqual(["creditLimit"]);

    await scheduler().tick(new Date(FIXED_NOW.getTime() + 60_000));
    await scheduler().tick(new Date(FIXED_NOW.getTime() + 120_000));
    expect(toSam()).toHaveLength(1);
    const text = allText(toSam()[0]!.args);
    expect(text).toContain("Sam Roe, 1 update on your work");
    expect(text).toContain(`Nordwind Handel #${customers.nordwind} is over its credit limit: $500.00 against a limit of $100.00`);
    expect(text).toContain(`Order ${orderNumber} · by Pat`);
  });

  test("quoteAccepted and creditLimit: a quote accepted over the limit makes both, in one DM", async () => {
    const made = await run(PAT, `quote new #${customers.nordwind} WID-300 3 1000`);
    const quote = /Q-\d{4}-\d{4}/.exec(made)?.[0];
    expect(quote, made).toBeDefined();
    const accepted = await run(PAT, `quote accept ${quote}`);
    const orderNumber = /SO-\d+/.exec(accepted)?.[0];
    expect(orderNumber, accepted).toBeDefined();
    expect((await alertsOfSam({ sentAt: null })).map((alert) => alert.kind)).toEqual(["quoteAccepted", "creditLimit"]);

    clock.now = new Date(FIXED_NOW.getTime() + 10 * 60_000);
    await scheduler().tick(clock.now);
    expect(toSam()).toHaveLength(2);
    const text = allText(toSam()[1]!.args);
    expect(text).toContain("Sam Roe, 2 updates on your work");
    expect(text).toContain(`Quote ${quote} for Nordwind Handel #${customers.nordwind} was accepted: $3,000.00`);
    expect(text).toContain(`Nordwind Handel #${customers.nordwind} is over its credit limit: $3,500.00 against a limit of $100.00`);
    expect(text).toContain(`Order ${orderNumber} · by Pat`);
  });

  test("the morning scan: an overdue invoice, a quote about to expire and today's tasks as ONE DM at 08:30 in Berlin", async () => {
    const prisma = core.database.prisma;
    await prisma.invoice.create({ data: { tenantId, number: "INV-7701", customerId: customers.fjord!, issuedOn: day("2026-10-01"), dueOn: day("2026-11-20"), amount: 42_000n } });
    await prisma.quote.create({ data: { tenantId, number: "Q-2026-7702", customerId: customers.fjord!, status: "sent", issuedOn: day("2026-11-01"), validUntil: day("2026-11-26"), total: 150_000n } });
    for (const text of ["Call Fjord about the PO", "Send Fjord the price list"]) {
      await prisma.task.create({ data: { tenantId, customerId: customers.fjord!, assigneeId: samId, dueOn: day("2026-11-24"), text } });
    }
    const before = toSam().length;
    // Tuesday 2026-11-24: 08:29 in Berlin is 07:29 UTC; the Nordwind quote's order made the rest.
    await scheduler(true).tick(new Date("2026-11-24T07:29:00Z"));
    expect(toSam()).toHaveLength(before);
    await scheduler(true).tick(new Date("2026-11-24T07:31:00Z"));
    await scheduler(true).tick(new Date("2026-11-24T07:40:00Z"));
    expect(toSam()).toHaveLength(before + 1);
    const text = allText(toSam().at(-1)!.args);
    expect(text).toContain(`Invoice INV-7701 of Fjord Logistics #${customers.fjord} is overdue: $420.00 open`);
    expect(text).toContain(`Quote Q-2026-7702 for Fjord Logistics #${customers.fjord} expires on`);
    expect(text).toContain("2 tasks due today or overdue");
    expect(text).toContain("Call Fjord about the PO");
    expect(text).toContain("Send Fjord the price list");
    const kinds = (await alertsOfSam({ createdAt: new Date("2026-11-24T07:31:00Z") })).map((alert) => alert.kind);
    expect(kinds).toEqual(["overdue", "quoteExpiring", "tasks"]);
    // Once a day: a later tick the same morning sends nothing more.
    await scheduler(true).tick(new Date("2026-11-24T09:00:00Z"));
    expect(toSam()).toHaveLength(before + 1);
  });

  test("assigned by hand-over, in Sam's language (Traditional Chinese)", async () => {
    expect(await run(SAM, "settings language zh-TW")).toContain("繁體中文");
    const bob = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } });
    const bobs = await core.database.prisma.customer.count({ where: { tenantId, ownerId: bob.id } });
    expect(bobs).toBeGreaterThan(1);
    clock.now = new Date("2026-11-24T10:00:00Z");
    await run(PAT, `handover #${bob.id} #${samId} --keep-active`);
    expect((await alertsOfSam({ sentAt: null })).map((alert) => alert.kind)).toEqual(["assigned"]);
    const before = toSam().length;
    await scheduler().tick(new Date("2026-11-24T10:01:00Z"));
    expect(toSam()).toHaveLength(before + 1);
    const text = allText(toSam().at(-1)!.args);
    expect(text).toContain("Sam Roe，你負責的業務有 1 則新動態");
    expect(text).toContain(`已有 ${bobs} 個客戶交接給你`);
    expect(text).toContain("操作人：Pat");
    expect(text).not.toMatch(/handed over|updates? on your work/);
    expect(await run(SAM, "settings language en")).toContain("English");
  });

  test("quiet hours 22:00-07:00 in Berlin hold an alert raised at 23:30 until 07:00 Berlin (06:00 UTC), then post it once", async () => {
    expect(await run(SAM, "settings quiet 22:00-07:00")).toContain("22:00-07:00");
    clock.now = new Date("2026-11-24T22:30:00Z"); // 23:30 in Berlin
    await run(PAT, `assign #${customers.batch13} sam`);
    const [held] = await alertsOfSam({ sentAt: null });
    expect(held!.dueAt).toEqual(new Date("2026-11-25T06:00:00Z"));
    const before = toSam().length;
    await scheduler().tick(new Date("2026-11-24T22:31:00Z"));
    await scheduler().tick(new Date("2026-11-25T05:59:00Z")); // 06:59 in Berlin (already 07:00 in London)
    expect(toSam()).toHaveLength(before);
    await scheduler().tick(new Date("2026-11-25T06:00:00Z"));
    await scheduler().tick(new Date("2026-11-25T06:01:00Z"));
    expect(toSam()).toHaveLength(before + 1);
    expect(allText(toSam().at(-1)!.args)).toContain(`Batch Trading 13 #${customers.batch13} is now your customer`);
    await run(SAM, "settings quiet off");
  });

  test("exactly once: two flushers (two processes) ticking together post one DM", async () => {
    clock.now = new Date("2026-11-25T12:00:00Z");
    await run(PAT, `assign #${customers.fjord} pat`);
    await run(PAT, `assign #${customers.fjord} sam`);
    const before = toSam().length;
    const [first, second] = await Promise.all([scheduler().tick(new Date("2026-11-25T12:00:30Z")), scheduler().tick(new Date("2026-11-25T12:00:30Z"))]);
    expect(first!.sent + second!.sent).toBe(1);
    await Promise.all([scheduler().tick(new Date("2026-11-25T12:01:30Z")), scheduler().tick(new Date("2026-11-25T12:01:30Z"))]);
    expect(toSam()).toHaveLength(before + 1);
    expect(allText(toSam().at(-1)!.args)).toContain(`Fjord Logistics #${customers.fjord} is now your customer`);
    expect(await alertsOfSam({ sentAt: null })).toEqual([]);
  });

  test("batched: twelve assignments at once make ONE DM listing ten and “and 2 more”", async () => {
    clock.now = new Date("2026-11-25T13:00:00Z");
    for (let index = 1; index <= 12; index++) await run(PAT, `assign #${customers[`batch${index}`]} sam`);
    expect(await alertsOfSam({ sentAt: null })).toHaveLength(12);
    const before = toSam().length;
    const result = await scheduler().tick(new Date("2026-11-25T13:01:00Z"));
    expect(result).toMatchObject({ sent: 1, alerts: 12 });
    expect(toSam()).toHaveLength(before + 1);
    const text = allText(toSam().at(-1)!.args);
    expect(text).toContain("Sam Roe, 12 updates on your work");
    expect(text).toContain(`Batch Trading 1 #${customers.batch1} is now your customer`);
    expect(text).toContain(`Batch Trading 10 #${customers.batch10} is now your customer`);
    expect(text).not.toContain(`Batch Trading 11 #`);
    expect(text).toContain("…and 2 more.");
    expect(new Set((await alertsOfSam({ createdAt: clock.now })).map((alert) => alert.batchId)).size).toBe(1);
  });
  test("tasks: with the other daily kinds off, the morning list alone is ONE DM that reads as the morning reminder", async () => {
    // Sam now owns Bob's customers too (the hand-over): their overdue invoices and quotes are switched off here.
    expect(await run(SAM, "settings alerts overdue off")).toContain("Alerts off");
    expect(await run(SAM, "settings alerts quote-expiring off")).toContain("Alerts off");
    await core.database.prisma.task.create({ data: { tenantId, customerId: customers.nordwind!, assigneeId: samId, dueOn: day("2026-11-26"), text: "Visit Nordwind" } });
    const before = toSam().length;
    // Thursday 2026-11-26, 08:31 in Berlin.
    await scheduler(true).tick(new Date("2026-11-26T07:31:00Z"));
    await scheduler(true).tick(new Date("2026-11-26T07:32:00Z"));
    expect(toSam()).toHaveLength(before + 1);
    const text = allText(toSam().at(-1)!.args);
    // Bob's open tasks came with the hand-over: the list holds them too.
    const due = await core.database.prisma.task.count({ where: { tenantId, assigneeId: samId, doneAt: null, dueOn: { lte: day("2026-11-26") } } });
    expect(due).toBeGreaterThan(3);
    expect(text).toContain(`Good morning, Sam Roe: ${due} tasks due today or overdue`);
    expect(text).toContain("Visit Nordwind");
    expect(text).toContain("Call Fjord about the PO");
    expect(text).not.toMatch(/is overdue:|expires on|updates? on your work/);
    expect((await alertsOfSam({ createdAt: new Date("2026-11-26T07:31:00Z") })).map((alert) => alert.kind)).toEqual(["tasks"]);
  });
});
