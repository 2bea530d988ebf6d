/**
 * The Slack adapter end to end on the REAL core: the real Bolt App over HTTP, the Web API and
 * response_urls served by the local fake Slack, and createApp() on an in-memory PGlite database
 * with the demo data set and a fixed clock. Every command of the registry goes through `/crm`;
 * writes are checked in the database, not in a fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import type { Actor } from "../../../src/core/actor.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { buildCommandModal } from "../../../src/adapters/slack/render/modal.js";
import type { RecordedCall, RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { appHomeOpened, blockAction, eventCallback, messageShortcut, viewSubmission, type Who } from "../../fakes/slack/payloads.js";
import { FIXED_NOW, startDemoCore, TODAY } from "./demo-core.js";
import { DEFAULT_FAKE_SLACK, PAT, SAM, startHarnessWith, TEAM_ID, type Harness } from "./harness.js";

const OTHER_TEAM = "T0GLOBEX";
const MALLORY: Who = { teamId: OTHER_TEAM, userId: "U0MALLORY", userName: "mallory", teamDomain: "globex" };
const HOSTILE = ["<!channel>", "<!here>", "<@U123>", "<https://evil.example|acme.com>"];

type SlackElement = { action_id?: string; value?: string; text?: unknown };
type SlackBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: SlackElement[]; accessory?: SlackElement };
type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: { block_id: string; element: Record<string, unknown> }[] };

/** The mrkdwn a person would read in a message: every section, field and context text. */
function readable(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as SlackBlock[];
  return [
    String(body.text ?? ""),
    ...blocks.flatMap((block) => [block.text?.text ?? "", ...(block.fields ?? []).map((field) => field.text), ...(block.type === "context" ? (block.elements ?? []).map((element) => String((element as { text?: string }).text ?? "")) : [])]),
  ].join("\n");
}

function buttonsOf(body: Record<string, unknown>): { action_id: string; value: string }[] {
  return ((body.blocks ?? []) as SlackBlock[])
    .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
    .filter((element): element is { action_id: string; value: string } => typeof element.action_id === "string" && typeof element.value === "string");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Slack on the real core (PGlite, demo data, fixed clock)", () => {
  let core: App;
  let h: Harness<RapportApi>;
  let tenantId: number;
  let otherTenantId: number;
  let secretCustomerId: number;

  const interactions = () => core.database.prisma.interaction.count({ where: { tenantId, undone: false } });

  async function run(who: Who, text: string, extra: { triggerId?: string; channelId?: string } = {}): Promise<RecordedResponse["body"]> {
    const sent = await h.command(who, text, extra);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());

    // A second workspace with a customer nobody in the first may ever read.
    const mallory: Actor = { platform: "slack", tenantExternalId: OTHER_TEAM, tenantName: "globex", userExternalId: MALLORY.userId, profile: { displayName: "Mallory", isPlatformAdmin: true } };
    const other = await core.rapport.identify(mallory);
    otherTenantId = other.tenant.id;
    const created = await core.rapport.runArgs({ actor: mallory, command: "new", args: { name: "Secret Pricing Ltd", fields: { city: "Springfield" } } });
    expect(created.isError).toBeFalsy();
    secretCustomerId = (await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId: otherTenantId, name: "Secret Pricing Ltd" } })).id;
    await core.database.prisma.customer.update({ where: { id: secretCustomerId }, data: { notes: "confidential" } });

    h = await startHarnessWith<RapportApi>(core.rapport, {
      slack: { ...DEFAULT_FAKE_SLACK, users: [...DEFAULT_FAKE_SLACK.users!, { id: MALLORY.userId, teamId: OTHER_TEAM, name: "mallory", email: "mallory@globex.example", tz: "UTC" }] },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });
  beforeEach(() => h.slack.reset());

  describe("every command through /crm", () => {
    test("find: ranked matches with Show and Log call buttons", async () => {
      const body = await run(PAT, "find acme");
      expect(body).toMatchObject({ response_type: "ephemeral", text: 'Customers matching "acme"' });
      expect(readable(body)).toContain("*Acme Corp  #1*\nactive · Boston · owner Alice Martin");
      expect(buttonsOf(body).map((button) => button.value)).toEqual(expect.arrayContaining(["show #1", '{"c":"log","p":{"customer":"#1","channel":"call"}}']));
    });

    test("find in CJK and Hangul", async () => {
      expect(readable(await run(PAT, "find 宏达"))).toContain("上海宏达贸易有限公司");
      expect(readable(await run(PAT, "find 삼성"))).toContain("삼성전자");
    });

    test("show: the customer card with owner, grade, status, follow-up, last contact, open orders, balance and overdue", async () => {
      const body = await run(PAT, "show acme");
      const text = readable(body);
      for (const fact of ["*Owner*\nAlice Martin", "*Status*\nactive", "*Grade*\nA", "*Next follow-up*\n2026-11-23 (today)", "*Open orders*\n2", "*Balance*\n$12,500.00", "*Overdue*\n$0.00", "*Lifetime sales*\n$75,000.00"]) {
        expect(text).toContain(fact);
      }
      expect(text).toMatch(/\*Last contact\*\n2026-11-\d\d/);
      expect(buttonsOf(body).map((button) => button.action_id.split(":")[1])).toEqual(expect.arrayContaining(["form", "run", "share"]));
      expect(buttonsOf(body).find((button) => button.value === "orders #1")).toBeDefined();
    });

    test("log: writes one interaction attributed to the Slack member, with an Undo button", async () => {
      const before = await interactions();
      const body = await run(PAT, "log globex call Discussed pricing next 2026-12-01");
      expect(body.text).toBe("Logged call with Globex Corporation");
      expect(readable(body)).toContain("*Summary*\nDiscussed pricing");
      expect(readable(body)).toContain("*Next follow-up*\n2026-12-01 (in 8 days)");
      expect(buttonsOf(body).some((button) => button.action_id.startsWith("rapport:undo:"))).toBe(true);
      expect(await interactions()).toBe(before + 1);
      const row = await core.database.prisma.interaction.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" } });
      const member = await core.database.prisma.member.findUniqueOrThrow({ where: { id: row.loggedById } });
      expect(member).toMatchObject({ externalId: "U0PAT", displayName: "Pat", email: "pat@acme.example", timeZone: "Asia/Shanghai", role: "admin" });
    });

    test("Share of a logged call: the channel copy keeps Open/Edit buttons but not Undo", async () => {
      const body = await run(PAT, "log globex call Shared pricing");
      const share = buttonsOf(body).find((button) => button.action_id.startsWith("rapport:share:"))!;
      expect(buttonsOf(body).some((button) => button.action_id.startsWith("rapport:undo:"))).toBe(true);
      await h.interact(blockAction(PAT, { actionId: share.action_id, value: share.value, responseUrl: h.slack.responseUrl("share-log") }));
      const [posted] = await h.slack.waitForCalls("chat.postMessage", 1, (call) => JSON.stringify(call.args.blocks).includes("Shared pricing"));
      const shared = buttonsOf(posted!.args as Record<string, unknown>).map((button) => button.action_id.split(":")[1]);
      expect(shared.length).toBeGreaterThan(0);
      expect(shared).not.toContain("undo");
      expect(shared).not.toContain("share");
    });

    test("order: lines, money and shipment", async () => {
      const body = await run(PAT, "order SO-1031");
      expect(body.text).toBe("Order SO-1031: closed");
      const text = readable(body);
      expect(text).toContain("*Total*\n$12,500.00");
      expect(text).toContain("WID-100  Widget, standard");
      expect(text).toContain("DHL · tracking JD01461201");
    });

    test("orders: the customer's orders with a button per order", async () => {
      const body = await run(PAT, "orders acme");
      expect(readable(body)).toContain("*Orders of Acme Corp (6)*");
      expect(readable(body)).toContain("SO-1035  2026-11-21  confirmed");
      expect(buttonsOf(body).map((button) => button.value)).toContain("order SO-1035");
    });

    test("followups: today's and overdue follow-ups of the team", async () => {
      const body = await run(PAT, "followups today all");
      const text = readable(body);
      expect(text).toContain("Team follow-ups: today (with overdue)");
      expect(text).toMatch(/\*Follow up · 현대상사\*\n#\d+ · 2026-11-13 \(10 days overdue\)/);
      expect(text).toMatch(/\*Follow up · Acme Corp\*\n#\d+ · 2026-11-23 \(today\) · Alice Martin/);
      expect(text).not.toContain("上海宏达贸易有限公司"); // due in two days
    });

    test("followup: sets a date and the database agrees", async () => {
      const body = await run(PAT, "followup initech 2026-12-05");
      expect(body.text).toBe("Next follow-up with Initech LLC: 2026-12-05 (in 12 days)");
      // A follow-up is an open task; the customer's date stays its earliest (yesterday's, from the demo).
      const task = await core.database.prisma.task.findFirstOrThrow({ where: { tenantId, customer: { name: "Initech LLC" }, doneAt: null }, orderBy: { id: "desc" } });
      expect(task.dueOn.toISOString().slice(0, 10)).toBe("2026-12-05");
    });

    test("overdue: ageing buckets and credit-limit breaches (> escaped in mrkdwn)", async () => {
      const body = await run(PAT, "overdue");
      expect(body.text).toBe("Overdue receivables: $33,500.00");
      const text = readable(body);
      expect(text).toContain("0-30    31-60      61-90  91-180       &gt;180       Total");
      expect(text).toContain("*Over credit limit*");
      expect(text).toContain("balance $42,000.00 exceeds limit $30,000.00");
    });

    test("pay: a receipt applied to the invoice, with an Undo button that restores it; reps are refused", async () => {
      const invoice = () => core.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, number: "INV-5018" } });
      const body = await run(PAT, "pay INV-5018 1,000.50 method=check ref=CHK-77");
      expect(body.text).toBe("Receipt of $1,000.50 from 深圳华强电子有限公司 recorded");
      const text = readable(body);
      expect(text).toContain("applied to 1 invoice");
      expect(text).toContain("INV-5018");
      expect((await invoice()).paid).toBe(100_050n);
      const payment = await core.database.prisma.payment.findFirstOrThrow({ where: { tenantId, reference: "CHK-77" } });
      expect(payment.method).toBe("check");
      const undo = buttonsOf(body).find((button) => button.action_id.startsWith("rapport:undo:"))!;
      expect(undo).toBeDefined();
      await h.interact(blockAction(PAT, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-pay") }));
      const [undone] = await h.slack.waitForResponses("undo-pay");
      expect(undone!.body.text).toBe("Receipt undone");
      expect((await invoice()).paid).toBe(0n);
      expect((await core.database.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).undoneAt).not.toBeNull();
      const refused = await run(SAM, "pay INV-5018 10");
      expect(String(refused.text)).toContain("pay");
      expect((await invoice()).paid).toBe(0n);
    });

    test("deal new: a deal for the admin's customer with its history row; stage and won from the card's button", async () => {
      const body = await run(PAT, "deal new lumiere Espresso machines amount=2,400 stage=qualified close=2026-12-20");
      expect(body.text).toMatch(/^Deal #\d+ created for Café Lumière SARL: Espresso machines$/);
      const deal = await core.database.prisma.deal.findFirstOrThrow({ where: { tenantId, title: "Espresso machines" } });
      expect(deal).toMatchObject({ amount: 240_000n, stage: "qualified", status: "open" });
      expect(readable(body)).toContain("$2,400.00");
      const moved = await run(PAT, `deal stage ${deal.id} negotiation`);
      expect(moved.text).toBe(`Deal #${deal.id} moved to Negotiation`);
      const won = buttonsOf(moved).find((button) => (button as unknown as { text: { text: string } }).text.text === "Won")!;
      expect(won).toBeDefined();
      await h.interact(blockAction(PAT, { actionId: won.action_id, value: won.value, responseUrl: h.slack.responseUrl("deal-won") }));
      const [done] = await h.slack.waitForResponses("deal-won");
      expect(done!.body.text).toBe(`Deal #${deal.id} won: Espresso machines`);
      const kinds = await core.database.prisma.dealEvent.findMany({ where: { dealId: deal.id }, orderBy: { id: "asc" }, select: { kind: true } });
      expect(kinds.map((event) => event.kind)).toEqual(["created", "stage", "won"]);
      const refused = await run(SAM, `deal lost ${deal.id} reason=price`);
      expect(String(refused.text)).toContain(`Deal #${deal.id} is Pat's`);
    });

    test("App Home shows the member's open pipeline: count, open and weighted amounts, closing this month", async () => {
      await run(PAT, "deal new lumiere Terrace heaters amount=3,000 stage=proposal close=2026-11-28");
      await h.event(eventCallback(PAT, appHomeOpened(PAT)));
      const [publish] = await h.slack.waitForCalls("views.publish");
      const view = JSON.stringify(publish!.args.view);
      expect(view).toContain("Your pipeline");
      expect(view).toContain("1 deal: $3,000.00, weighted $1,500.00");
      expect(view).toContain("Closing this month: 1 deal: $3,000.00, weighted $1,500.00");
    });

    test("new, edit, assign: create, change and hand over a customer", async () => {
      const created = await run(PAT, "new Northwind Traders grade=B region=Oregon");
      expect(created.text).toBe("Created Northwind Traders");
      expect(readable(created)).toContain("*Owner*\nPat");
      const edited = await run(PAT, "edit northwind city=Portland");
      expect(edited.text).toBe("Updated Northwind Traders");
      expect(readable(edited)).toContain("*city*\n(empty) -&gt; Portland");
      const assigned = await run(PAT, "assign northwind @bob");
      expect(assigned.text).toBe("Northwind Traders now belongs to Bob Jones");
      const row = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Northwind Traders" } });
      const owner = await core.database.prisma.member.findUniqueOrThrow({ where: { id: row.ownerId! } });
      expect({ city: row.city, region: row.region, grade: row.grade, owner: owner.externalId }).toEqual({ city: "Portland", region: "Oregon", grade: "B", owner: "bob" });
    });

    test("contact add: a contact with a spaced phone and WeChat, listed with buttons by contacts", async () => {
      const body = await run(PAT, "contact add globex Lisa Wong title=Buyer phone=+1 619 555 0142 wechat=lisa_w primary");
      expect(body.text).toBe("Added Lisa Wong to Globex Corporation");
      expect(readable(body)).toContain("*WeChat*\nlisa_w");
      const row = await core.database.prisma.contact.findFirstOrThrow({ where: { tenantId, name: "Lisa Wong" } });
      expect(row).toMatchObject({ phone: "+1 619 555 0142", wechat: "lisa_w", isPrimary: true });
      const list = await run(PAT, "contacts globex");
      expect(readable(list)).toContain("Lisa Wong, Buyer (primary)");
      expect(buttonsOf(list).map((button) => button.value)).toContain(`contact remove #${row.id}`);
    });

    test("new warns about a duplicate with Open and Create anyway; merge moves it back with an Undo button", async () => {
      const warned = await run(PAT, "new 远航物流有限公司 city=北京");
      expect(warned.text).toBe("远航物流有限公司 may already exist");
      const values = buttonsOf(warned).map((button) => button.value);
      const [kept, duplicate] = await Promise.all(
        ["北京远航物流有限公司", "远航物流"].map((name) => core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } })),
      );
      expect(values).toEqual(expect.arrayContaining([`show #${duplicate!.id}`, "new 远航物流有限公司 city=北京 anyway"]));
      const anyway = buttonsOf(warned).find((button) => button.value.endsWith(" anyway"))!;
      await h.interact(blockAction(PAT, { actionId: anyway.action_id, value: anyway.value, responseUrl: h.slack.responseUrl("anyway") }));
      const [created] = await h.slack.waitForResponses("anyway");
      expect(created!.body.text).toBe("Created 远航物流有限公司");

      const merged = await run(PAT, `merge #${duplicate!.id} into #${kept!.id}`);
      expect(merged.text).toBe("Merged 远航物流 into 北京远航物流有限公司");
      expect((await core.database.prisma.customer.findUniqueOrThrow({ where: { id: duplicate!.id } })).mergedIntoId).toBe(kept!.id);
      const undo = buttonsOf(merged).find((button) => button.action_id.startsWith("rapport:undo:"))!;
      await h.interact(blockAction(PAT, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-merge") }));
      await h.slack.waitForResponses("undo-merge");
      expect((await core.database.prisma.customer.findUniqueOrThrow({ where: { id: duplicate!.id } })).mergedIntoId).toBeNull();
      expect(String((await run(SAM, `merge #${duplicate!.id} into #${kept!.id}`)).text)).toContain("merge");
    });

    test("role: the workspace admin sets roles; a plain member may not", async () => {
      const granted = await run(PAT, "role bob manager");
      expect(granted.text).toBe("Bob Jones is now manager");
      expect((await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).role).toBe("manager");
      const denied = await run(SAM, "role bob admin");
      expect(String(denied.text)).toContain("Only admins can use role");
      expect((await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "U0SAM" } })).role).toBe("rep");
      await run(PAT, "role bob rep");
    });

    test("help: every command of the registry is listed", async () => {
      const body = await run(PAT, "help");
      expect(body.text).toBe("Rapport commands");
      const text = readable(body);
      for (const command of core.rapport.commands) expect(text).toContain(`\n${command.name} `);
    });

    test("a user error is a friendly ephemeral answer with an example", async () => {
      const body = await run(PAT, "fnd acme");
      expect(body.response_type).toBe("ephemeral");
      expect(String(body.text)).toContain('There is no command "fnd". Did you mean find?');
      expect(readable(body)).toContain("Example: /crm find acme");
    });
  });

  describe("order entry: /crm order new, ship, invoice and the order form", () => {
    const lumiereRef = async () => `#${(await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Café Lumière SARL" } })).id}`;

    test("order new typed with lines, then a partial shipment and an invoice", async () => {
      const body = await run(PAT, "order new lumiere WID-100 2 450; WID-200 1 90 spare part");
      expect(String(body.text)).toMatch(/^Order SO-\d+ entered for Café Lumière SARL$/);
      const number = /SO-\d+/.exec(String(body.text))![0];
      expect(readable(body)).toContain("*Total*\n$990.00");
      expect(buttonsOf(body).some((button) => button.action_id.startsWith("rapport:undo:"))).toBe(true);
      const row = await core.database.prisma.order.findFirstOrThrow({ where: { tenantId, number }, include: { lines: true } });
      expect(row.lines.map((line) => [line.sku, line.quantity, line.unitPrice])).toEqual([["WID-100", 2, 45_000n], ["WID-200", 1, 9_000n]]);
      // The channel it was entered in, for the delivery notice of a shipment recorded elsewhere.
      expect(row.channelRef).toMatch(/^slack:C\w+$/);

      const shipped = await run(PAT, `ship ${number} WID-100 1 carrier=DHL`);
      expect(readable(shipped)).toContain(`Delivery notice: order ${number} for Café Lumière SARL left 2026-11-23.`);
      expect(readable(shipped)).toContain("Still to ship: WID-100 × 1, WID-200 × 1.");
      const invoiced = await run(PAT, `invoice ${number}`);
      expect(String(invoiced.text)).toMatch(new RegExp(`^Invoice INV-\\d+ for order ${number}$`));
      expect(readable(invoiced)).toContain("*Due*\n2026-12-23");
    });

    test("the order form has a multi-line lines field, and submitting it enters the order", async () => {
      const order = core.rapport.commands.find((command) => command.name === "order")!;
      const modal = buildCommandModal(order, { prefill: { action: "new" }, metadata: { channelId: "C0SALES" } });
      const linesBlock = modal.blocks.find((block) => "block_id" in block && block.block_id === "opt:lines") as { element: Record<string, unknown> } | undefined;
      expect(linesBlock?.element).toMatchObject({ type: "plain_text_input", multiline: true });
      const before = await core.database.prisma.order.count({ where: { tenantId } });
      const view = { ...modal, id: "V0ORDER", hash: "h-order" };
      const res = await h.interact(
        viewSubmission(PAT, view as unknown as Record<string, unknown>, {
          "opt:action": { value: { type: "static_select", selected_option: { value: "new" } } },
          "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: await lumiereRef() } } },
          "opt:lines": { value: { type: "plain_text_input", value: "WID-100 3 450\nWID-200 1 90 spare part" } },
        }),
      );
      expect(res.status).toBe(200);
      const [confirmation] = await h.slack.waitForCalls("chat.postEphemeral");
      expect(confirmation!.args).toMatchObject({ channel: "C0SALES", user: "U0PAT" });
      expect(String(confirmation!.args.text)).toMatch(/^Order SO-\d+ entered for Café Lumière SARL$/);
      expect(await core.database.prisma.order.count({ where: { tenantId } })).toBe(before + 1);
      const row = await core.database.prisma.order.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" }, include: { lines: { orderBy: { id: "asc" } } } });
      expect(row.lines.map((line) => [line.sku, line.quantity, line.description])).toEqual([["WID-100", 3, null], ["WID-200", 1, "spare part"]]);
      expect(row.channelRef).toBe("slack:C0SALES");
    });

    test("a member without order rights is refused and nothing is written", async () => {
      const before = await core.database.prisma.order.count({ where: { tenantId } });
      const body = await run(SAM, "order new acme WID-100 1 10");
      expect(String(body.text)).toContain("another rep's customer");
      expect(await core.database.prisma.order.count({ where: { tenantId } })).toBe(before);
    });
  });

  describe('"Log to CRM" shortcut -> modal -> submission -> Undo', () => {
    async function openLogModal(text: string): Promise<View> {
      const res = await h.interact(messageShortcut(PAT, { callbackId: "log_to_crm", text, channelId: "C0SALES", messageTs: "1763888400.000100", responseUrl: h.slack.responseUrl("sc") }));
      expect(res.status).toBe(200);
      await h.slack.waitForCalls("views.open");
      const [update] = await h.slack.waitForCalls("views.update");
      return { ...(update!.args.view as View), id: String(update!.args.view_id), hash: "h-real-1" };
    }

    test("submitted twice, logs exactly one interaction with the permalink; Undo removes it", async () => {
      const options = await h.interact((await import("../../fakes/slack/payloads.js")).blockSuggestion(PAT, { actionId: "pick:customer", blockId: "opt:customer", value: "muller" }));
      const picked = (JSON.parse(options.text) as { options: { text: { text: string }; value: string }[] }).options;
      expect(picked[0]).toEqual({ text: { type: "plain_text", text: "Müller GmbH (München)", emoji: true }, value: "#2" });

      const view = await openLogModal("Jürgen confirms 40 units for December");
      const before = await interactions();
      const submission = viewSubmission(PAT, view, {
        "opt:customer": { "pick:customer": { type: "external_select", selected_option: { text: { type: "plain_text", text: "Müller GmbH" }, value: picked[0]!.value } } },
        "opt:channel": { value: { type: "static_select", selected_option: { value: "chat" } } },
        "opt:summary": { value: { type: "plain_text_input", value: "Jürgen confirms 40 units for December" } },
        "opt:next": { value: { type: "datepicker", selected_date: "2026-12-02" } },
        "opt:outcome": { value: { type: "static_select", selected_option: { value: "high-value" } } },
        "opt:link": { value: { type: "plain_text_input", value: null } },
      });
      const [first, second] = await Promise.all([h.interact(submission), h.interact(submission)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await h.interact(submission); // a late retry, after the first finished
      expect(third.status).toBe(200);

      const [confirmation] = await h.slack.waitForCalls("chat.postEphemeral");
      await sleep(200);
      expect(await interactions()).toBe(before + 1);
      expect(h.slack.callsOf("chat.postEphemeral")).toHaveLength(1);
      const row = await core.database.prisma.interaction.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ channel: "chat", outcome: "high-value", summary: "Jürgen confirms 40 units for December", messageLink: "https://fake.slack.test/archives/C0SALES/p1763888400000100" });
      expect(row.nextFollowUp?.toISOString().slice(0, 10)).toBe("2026-12-02");
      expect(confirmation!.args).toMatchObject({ channel: "C0SALES", user: "U0PAT", text: "Logged chat with Müller GmbH" });

      const undo = buttonsOf(confirmation!.args).find((button) => button.action_id.startsWith("rapport:undo:"))!;
      // Someone else pressing my Undo changes nothing.
      await h.interact(blockAction(SAM, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-sam") }));
      const [refused] = await h.slack.waitForResponses("undo-sam");
      expect(refused!.body.text).not.toBe("Undone");
      expect(await interactions()).toBe(before + 1);

      const res = await h.interact(blockAction(PAT, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-pat") }));
      expect(res.status).toBe(200);
      const [undone] = await h.slack.waitForResponses("undo-pat");
      expect(undone!.body).toMatchObject({ replace_original: true });
      expect(undone!.body.text).toMatch(/^Undone/);
      expect(await interactions()).toBe(before);
    });
  });

  describe("tenant isolation", () => {
    test("a run button forged with another workspace's customer id reads nothing", async () => {
      await h.interact(blockAction(PAT, { actionId: "rapport:run:0", value: `show #${secretCustomerId}`, responseUrl: h.slack.responseUrl("forged-show") }));
      await h.interact(blockAction(PAT, { actionId: "rapport:run:0", value: `orders #${secretCustomerId}`, responseUrl: h.slack.responseUrl("forged-orders") }));
      const [show] = await h.slack.waitForResponses("forged-show");
      const [orders] = await h.slack.waitForResponses("forged-orders");
      for (const body of [show!.body, orders!.body]) {
        expect(JSON.stringify(body)).not.toContain("Secret Pricing");
        expect(JSON.stringify(body)).not.toContain("confidential");
        expect(body.text).toBe(`No customer #${secretCustomerId} in this workspace.`);
      }
    });

    test("a forged form submission cannot write into another workspace's customer", async () => {
      const log = core.rapport.commands.find((command) => command.name === "log")!;
      const view = { ...buildCommandModal(log, { metadata: { channelId: "C0SALES" } }), id: "V0FORGED", hash: "h-forged" };
      const before = await core.database.prisma.interaction.count({ where: { tenantId: otherTenantId } });
      const res = await h.interact(
        viewSubmission(PAT, view as unknown as Record<string, unknown>, {
          "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: `#${secretCustomerId}` } } },
          "opt:channel": { value: { type: "static_select", selected_option: { value: "call" } } },
          "opt:summary": { value: { type: "plain_text_input", value: "forged" } },
        }),
      );
      expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { "opt:customer": `No customer #${secretCustomerId} in this workspace.` } });
      expect(await core.database.prisma.interaction.count({ where: { tenantId: otherTenantId } })).toBe(before);
    });

    test("the other workspace still sees its own customer", async () => {
      const body = await run(MALLORY, `show #${secretCustomerId}`);
      expect(body.text).toBe("Secret Pricing Ltd");
    });
  });

  describe("retried deliveries", () => {
    test("a slash command delivered twice with one trigger_id writes once", async () => {
      const before = await interactions();
      const [first, second] = await Promise.all([
        run(PAT, "log initech email Sent the renewal quote", { triggerId: "9001.2002.retry" }),
        run(PAT, "log initech email Sent the renewal quote", { triggerId: "9001.2002.retry" }),
      ]);
      const third = await run(PAT, "log initech email Sent the renewal quote", { triggerId: "9001.2002.retry" });
      expect(await interactions()).toBe(before + 1);
      for (const body of [first, second, third]) expect(body.text).toBe("Logged email with Initech LLC");
    });

    test("an Undo press delivered twice undoes once and answers the same", async () => {
      const logged = await run(PAT, "log lumiere note Menu tasting booked");
      const undo = buttonsOf(logged).find((button) => button.action_id.startsWith("rapport:undo:"))!;
      const before = await interactions();
      const press = blockAction(PAT, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-twice") });
      await Promise.all([h.interact(press), h.interact(press)]);
      const answers = await h.slack.waitForResponses("undo-twice", 2);
      expect(answers.map((answer) => answer.body.text)).toEqual([answers[0]!.body.text, answers[0]!.body.text]);
      expect(String(answers[0]!.body.text)).toMatch(/^Undone/);
      expect(await interactions()).toBe(before - 1);
    });

    test("an App Home event retried three times publishes once", async () => {
      const envelope = eventCallback(PAT, appHomeOpened(PAT), "Ev0REALHOME");
      await h.event(envelope);
      await Promise.all([1, 2, 3].map((n) => h.event(envelope, { extraHeaders: { "X-Slack-Retry-Num": String(n), "X-Slack-Retry-Reason": "http_timeout" } })));
      const [publish] = await h.slack.waitForCalls("views.publish");
      await sleep(300);
      expect(h.slack.callsOf("views.publish")).toHaveLength(1);
      const text = JSON.stringify(publish!.args.view);
      expect(text).toContain("Your tasks");
      expect(text).toContain("Overdue receivables");
    });
  });

  describe("escaping of hostile data stored in the database", () => {
    let evilId: number;
    beforeAll(async () => {
      const name = `Evil ${HOSTILE.join(" ")} Ltd`;
      const actor: Actor = { platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId };
      const created = await core.rapport.runArgs({ actor, command: "new", args: { name, fields: { city: "<!here>" } } });
      expect(created.isError).toBeFalsy();
      const row = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } });
      evilId = row.id;
      // Data that arrived by import, not by chat: straight into the tables.
      await core.database.prisma.contact.create({ data: { tenantId, customerId: evilId, name: "<@U123> <!channel>", title: "<https://evil.example|acme.com>", isPrimary: true } });
      await core.database.prisma.customer.update({ where: { id: evilId }, data: { notes: HOSTILE.join(" "), nextFollowUp: new Date(`${TODAY}T00:00:00Z`) } });
      const pat = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: PAT.userId } });
      await core.database.prisma.task.create({ data: { tenantId, customerId: evilId, assigneeId: pat.id, dueOn: new Date(`${TODAY}T00:00:00Z`), text: HOSTILE.join(" ") } });
      await core.rapport.runText({ actor, text: `log #${evilId} note ${HOSTILE.join(" ")}` });
    });

    function expectNoRawMarkup(wire: string): void {
      for (const raw of HOSTILE) expect(wire).not.toContain(raw);
      expect(wire).toContain("&lt;!channel&gt;");
    }

    test.each(["find evil", "show #EVIL", "followups today all"])("%s never sends mentions or spoofed links", async (line) => {
      const body = await run(PAT, line.replace("#EVIL", `#${evilId}`));
      expectNoRawMarkup(JSON.stringify(body));
    });

    test("the App Home tab escapes them too", async () => {
      await h.event(eventCallback(PAT, appHomeOpened(PAT)));
      const [publish] = await h.slack.waitForCalls("views.publish");
      expectNoRawMarkup(JSON.stringify(publish!.args.view));
    });

    test("sharing in the channel escapes them too", async () => {
      const body = await run(PAT, `show #${evilId}`);
      const share = buttonsOf(body).find((button) => button.action_id.startsWith("rapport:share:"))!;
      await h.interact(blockAction(PAT, { actionId: share.action_id, value: share.value, responseUrl: h.slack.responseUrl("share-evil") }));
      const [posted] = await h.slack.waitForCalls("chat.postMessage");
      expectNoRawMarkup(JSON.stringify(posted!.args));
      expect(JSON.stringify(posted!.args)).toContain("Shared by <@U0PAT>");
    });
  });
});

describe("Slack on the real core behind a slow database (every core call +5 s)", () => {
  const DELAY_MS = 5_000;
  let core: App;
  let h: Harness<RapportApi>;

  beforeAll(async () => {
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
    const { tenant } = await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    await loadDemoData(core.database.prisma, tenant.id, TODAY);
    const real = core.rapport;
    const slow: RapportApi = {
      commands: real.commands,
      runText: async (input) => (await sleep(DELAY_MS), real.runText(input)),
      runArgs: async (input) => (await sleep(DELAY_MS), real.runArgs(input)),
      undo: async (input) => (await sleep(DELAY_MS), real.undo(input)),
      pick: async (input) => (await sleep(DELAY_MS), real.pick(input)),
    };
    // The production default budget (slackConfigFromEnv: 2000 ms) for modal submissions and pickers.
    h = await startHarnessWith(slow, { ackBudgetMs: 2000 });
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });

  const percentile = (samples: number[], p: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };

  test("slash commands ack in < 3 s and answer through response_url after the delay", async () => {
    const acks: number[] = [];
    const ids: string[] = [];
    // Eight at a time: each ack waits up to the ack budget for an answer that takes 5 s.
    for (let wave = 0; wave < 40; wave += 8) {
      const sent = await Promise.all(Array.from({ length: 8 }, (_, offset) => wave + offset).map((index) => h.command(index % 2 ? SAM : PAT, index % 3 ? "find acme" : "show acme")));
      for (const one of sent) {
        expect(one.status).toBe(200);
        expect(one.text).toBe("");
        acks.push(one.elapsedMs);
        ids.push(one.responseId);
      }
    }
    for (const id of ids) {
      const [response] = await h.slack.waitForResponses(id, 1, 20_000);
      expect(String(response!.body.text)).toMatch(/Acme Corp|Customers matching "acme"/);
    }
    const p50 = percentile(acks, 50);
    const p99 = percentile(acks, 99);
    console.info(`[slack ack, slow database +${DELAY_MS} ms] /crm: n=${acks.length} p50=${p50.toFixed(1)} ms p99=${p99.toFixed(1)} ms max=${Math.max(...acks).toFixed(1)} ms`);
    expect(p99).toBeLessThan(3_000);
  }, 60_000);

  test("modal submissions close within the ack budget (< 3 s) and confirm later", async () => {
    const log = core.rapport.commands.find((command) => command.name === "log")!;
    const acks: number[] = [];
    const submissions = Array.from({ length: 8 }, (_, index) => {
      const view = { ...buildCommandModal(log, { metadata: { channelId: "C0SALES" } }), id: `V0SLOW${index}`, hash: "h" };
      return viewSubmission(PAT, view as unknown as Record<string, unknown>, {
        "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: "#1" } } },
        "opt:channel": { value: { type: "static_select", selected_option: { value: "call" } } },
        "opt:summary": { value: { type: "plain_text_input", value: `slow database ${index}` } },
      });
    });
    const results = await Promise.all(submissions.map((submission) => h.interact(submission)));
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.text).toBe("");
      acks.push(result.elapsedMs);
    }
    const confirmations: RecordedCall[] = await h.slack.waitForCalls("chat.postEphemeral", submissions.length, () => true, 20_000);
    expect(confirmations.every((call) => call.args.text === "Logged call with Acme Corp")).toBe(true);
    const p50 = percentile(acks, 50);
    const p99 = percentile(acks, 99);
    console.info(`[slack ack, slow database +${DELAY_MS} ms] view_submission: n=${acks.length} p50=${p50.toFixed(1)} ms p99=${p99.toFixed(1)} ms (ack budget 2000 ms)`);
    expect(p99).toBeLessThan(3_000);
  }, 60_000);
});
