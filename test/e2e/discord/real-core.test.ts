/**
 * The Discord adapter over the REAL core: discord.js Client <-> fake Discord, createApp on in-memory
 * PGlite with the demo data, a fixed clock. What reaches the fake is what Discord would show.
 */
// The app loads before the adapter, as in `rapport start`. vega-lite (which patches
// Set.prototype.toJSON, fatal to loading discord.js) is loaded only by the first chart.
import { describe, expect, test } from "vitest";
import { commands } from "../../../src/commands/index.js";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  messageContextInteraction,
  modalSubmitInteraction,
  type InteractionContext,
  type SlashOption,
} from "../../fakes/discord/payloads.js";
import type { RecordedCall } from "../../fakes/discord/fake-discord.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

type Msg = { id: string; embeds: any[]; attachments?: any[]; components: { components: { label: string; custom_id: string }[] }[] };
const original = (id: string) => h.fake.interactionState(id)?.original as unknown as Msg;
const button = (message: Msg, label: string | RegExp) => {
  const found = message.components.flatMap((row) => row.components).find((c) => (typeof label === "string" ? c.label === label : label.test(c.label)));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.components)}`);
  return found.custom_id;
};
const opt = (name: string, value: string | number): SlashOption => ({ name, type: typeof value === "number" ? 4 : 3, value });
const embedText = (body: any) => JSON.stringify(body?.embeds ?? body?.data?.embeds ?? []);

async function run(ctx: InteractionContext, subcommand: string, options: SlashOption[] = []) {
  const interaction = h.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand, options }));
  const call = await h.callback(interaction, 10_000);
  return { interaction, call, data: call.body.data };
}

const customerId = async (tenantId: number, name: string) => (await h.prisma.customer.findFirstOrThrow({ where: { tenantId, name } })).id;
const rows = (tenantId: number, where: Record<string, unknown> = {}) => h.prisma.interaction.count({ where: { tenantId, ...where } });

describe("every registry command as a /crm subcommand", () => {
  type Case = {
    sub: string;
    as?: "member" | "admin";
    options: SlashOption[];
    expect: (data: any, call: RecordedCall) => void | Promise<void>;
  };
  const cases: Case[] = [
    {
      sub: "find",
      options: [opt("text", "acme")],
      expect: (data) => {
        expect(data.embeds[0].title).toBe('Customers matching "acme"');
        expect(data.embeds[0].description).toContain("• **Acme Corp  #");
        expect(data.components.flatMap((r: any) => r.components.map((c: any) => c.label))).toEqual(["Show: Acme Corp  #1", "Log call: Acme Corp  #1", "Share"]);
      },
    },
    {
      sub: "show",
      options: [opt("customer", "acme")],
      expect: (data) => {
        expect(data.embeds[0].title).toBe("Acme Corp");
        expect(data.embeds[0].fields.slice(0, 2)).toEqual([
          { name: "Owner", value: "Alice Martin", inline: true },
          { name: "Status", value: "active", inline: true },
        ]);
      },
    },
    {
      sub: "log",
      // Moving Acme's follow-up (`next`) needs a manager or its owner, so a Manage Server member logs.
      as: "admin",
      options: [opt("customer", "acme"), opt("channel", "call"), opt("summary", "Quote for 40 seats"), opt("next", "tomorrow"), opt("outcome", "high-value")],
      expect: async (data) => {
        expect(data.embeds[0]).toMatchObject({ title: "Logged call with Acme Corp" });
        expect(data.embeds[0].fields).toContainEqual({ name: "Next follow-up", value: "2026-11-24 (tomorrow)", inline: true });
        expect(await rows(h.tenantA.id, { summary: "Quote for 40 seats", channel: "call", outcome: "high-value" })).toBe(1);
      },
    },
    { sub: "order", options: [opt("number", "SO-1030")], expect: (data) => expect(data.embeds[0].title).toBe("Order SO-1030: closed") },
    {
      sub: "deal",
      as: "admin",
      options: [opt("action", "new"), opt("customer", "lumiere"), opt("title", "Terrace heaters"), opt("amount", "4,500"), opt("stage", "proposal"), opt("close", "2026-12-18")],
      expect: async (data) => {
        expect(data.embeds[0].title).toMatch(/^Deal #\d+ created for Café Lumière SARL: Terrace heaters$/);
        const deal = await h.prisma.deal.findFirstOrThrow({ where: { tenantId: h.tenantA.id, title: "Terrace heaters" } });
        expect(deal).toMatchObject({ amount: 450_000n, stage: "proposal", status: "open" });
        expect(await h.prisma.dealEvent.count({ where: { dealId: deal.id, kind: "created" } })).toBe(1);
        expect(data.components.flatMap((r: any) => r.components.map((c: any) => c.label))).toEqual(expect.arrayContaining(["Won", "Customer"]));
      },
    },
    {
      sub: "deals",
      options: [opt("who", "all"), opt("closing", "quarter")],
      expect: (data) => expect(data.embeds[0].title).toMatch(/^Team deals closing this quarter: \d+$/),
    },
    {
      sub: "forecast",
      as: "admin",
      options: [opt("period", "quarter")],
      expect: (data) => expect(embedText(data)).toContain("Weighted"),
    },
    {
      sub: "ship",
      as: "admin",
      options: [opt("number", "SO-1035"), opt("lines", "WID-100 5"), opt("carrier", "DHL")],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Order SO-1035 shipped to Acme Corp");
        expect(embedText(data)).toContain("Delivery notice: order SO-1035 for Acme Corp");
        const shipment = await h.prisma.shipment.findFirstOrThrow({ where: { order: { tenantId: h.tenantA.id, number: "SO-1035" } }, include: { lines: true } });
        expect(shipment).toMatchObject({ carrier: "DHL", lines: [expect.objectContaining({ sku: "WID-100", quantity: 5 })] });
      },
    },
    {
      sub: "invoice",
      as: "admin",
      options: [opt("number", "SO-1035"), opt("amount", "100")],
      expect: async (data) => {
        expect(data.embeds[0].title).toMatch(/^Invoice INV-\d+ for order SO-1035$/);
        const number = /INV-\d+/.exec(data.embeds[0].title)![0];
        expect(await h.prisma.invoice.findFirstOrThrow({ where: { tenantId: h.tenantA.id, number } })).toMatchObject({ amount: 10_000n, status: "open" });
      },
    },
    {
      sub: "orders",
      options: [opt("customer", "acme")],
      expect: (data) => {
        expect(data.embeds[0].title).toBe("Orders of Acme Corp");
        expect(data.embeds[0].description).toContain("SO-1035  2026-11-21  confirmed");
      },
    },
    { sub: "followups", options: [opt("when", "today")], expect: (data) => expect(data.embeds[0]).toMatchObject({ title: "Your follow-ups: today (with overdue)", description: "Nothing due. All clear." }) },
    {
      sub: "followup",
      as: "admin",
      options: [opt("customer", "globex"), opt("date", "2026-12-01")],
      expect: async (data) => {
        expect(data.embeds[0].title).toMatch(/Globex Corporation/);
        // A follow-up is an open task; the customer's date stays the earliest (today's, from the demo).
        const task = await h.prisma.task.findFirstOrThrow({ where: { tenantId: h.tenantA.id, customer: { name: "Globex Corporation" }, dueOn: new Date("2026-12-01T00:00:00Z") } });
        expect(task).toMatchObject({ text: "", doneAt: null });
      },
    },
    {
      sub: "task",
      as: "admin",
      options: [opt("action", "add"), opt("customer", "globex"), opt("date", "2026-11-27"), opt("text", "Send the contract draft")],
      expect: async (data) => {
        expect(data.embeds[0].title).toMatch(/^Task #\d+ added for Globex Corporation: Send the contract draft$/);
        expect(await h.prisma.task.count({ where: { tenantId: h.tenantA.id, text: "Send the contract draft", doneAt: null } })).toBe(1);
      },
    },
    { sub: "tasks", as: "admin", options: [opt("when", "week"), opt("who", "all")], expect: (data) => expect(data.embeds[0].title).toBe("Team tasks: week (with overdue)") },
    { sub: "overdue", options: [], expect: (data) => expect(data.embeds[0].title).toBe("Overdue receivables: $33,500.00") },
    {
      sub: "pay",
      as: "admin",
      options: [opt("customer_or_invoice", "INV-5018"), opt("amount", "250"), opt("method", "cash")],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Receipt of $250.00 from 深圳华强电子有限公司 recorded");
        expect(data.components.flatMap((r: any) => r.components.map((c: any) => c.label))).toEqual(expect.arrayContaining(["Undo", "Show customer"]));
        const invoice = await h.prisma.invoice.findFirstOrThrow({ where: { tenantId: h.tenantA.id, number: "INV-5018" } });
        expect(invoice.paid).toBe(25_000n);
      },
    },
    {
      sub: "writeoff",
      as: "admin",
      options: [opt("invoice", "INV-5017"), opt("amount", "1"), opt("reason", "Bank charges")],
      expect: (data) => expect(data.embeds[0].title).toBe("Wrote off $1.00 of invoice INV-5017 (深圳华强电子有限公司)"),
    },
    { sub: "dunning", as: "admin", options: [opt("customer", "initech")], expect: (data) => expect(data.embeds[0].title).toBe("Payment reminder for Initech LLC: $6,000.00 overdue") },
    {
      sub: "new",
      options: [opt("name", "Zeta Widgets"), opt("fields", "city=Lyon grade=B")],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Created Zeta Widgets");
        expect(await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: "Zeta Widgets" } })).toMatchObject({ city: "Lyon", grade: "B" });
      },
    },
    {
      sub: "edit",
      options: [opt("customer", "Zeta Widgets"), opt("fields", 'city="Paris 8e"')],
      expect: async (data) => {
        expect(data.embeds[0]).toMatchObject({ title: "Updated Zeta Widgets", fields: [{ name: "city", value: "Lyon -\\> Paris 8e" }] });
        expect((await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: "Zeta Widgets" } })).city).toBe("Paris 8e");
      },
    },
    { sub: "assign", options: [opt("customer", "Zeta Widgets"), opt("member", "bob")], expect: (data) => expect(data.embeds[0].title).toBe("Zeta Widgets now belongs to Bob Jones") },
    { sub: "role", as: "admin", options: [opt("member", "bob"), opt("role", "manager")], expect: (data) => expect(data.embeds[0].title).toBe("Bob Jones is now manager") },
    {
      sub: "export",
      as: "admin",
      options: [opt("what", "customers"), opt("format", "csv")],
      expect: (data, call) => {
        // The 10 demo customers, the demo duplicate pair (seed/demo-contacts.ts) and Zeta Widgets from `new` above.
        expect(data.embeds[0].title).toBe("Exported 13 customers rows");
        expect(call.files.map((f) => f.name)).toEqual(["customers-2026-11-23.csv"]);
        expect(call.files[0]!.data.toString("utf8")).toContain("Acme Corp");
        expect(data.attachments).toEqual([{ id: "0", description: "customers export, 13 rows (CSV)" }]);
      },
    },
    {
      sub: "export",
      as: "admin",
      options: [opt("what", "quotes"), opt("format", "csv"), opt("status", "sent")],
      expect: (data, call) => {
        // The demo's sent quotes: QT-2001 (one line), Q-2026-0002 (two lines), Q-2026-0003 (one line).
        expect(data.embeds[0].title).toBe("Exported 4 quote rows (status sent)");
        expect(call.files.map((f) => f.name)).toEqual(["quotes-2026-11-23.csv"]);
        expect(call.files[0]!.data.toString("utf8").split("\n")[0]).toContain("quote_number,external_id,customer");
        expect(data.attachments).toEqual([{ id: "0", description: "quote export, 4 rows (CSV) (status sent)" }]);
      },
    },
    {
      sub: "stats",
      options: [opt("kind", "sales"), opt("period", "12m")],
      expect: (data, call) => {
        expect(data.embeds[0].title).toBe("Monthly sales against the year before, last 12 months");
        expect(data.embeds[0].image).toEqual({ url: "attachment://sales.png" });
        expect(call.files[0]).toMatchObject({ name: "sales.png", contentType: "image/png" });
        expect([...call.files[0]!.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        expect(data.attachments[0].description).toMatch(/^Monthly sales against the year before/);
      },
    },
    {
      sub: "handover",
      as: "admin",
      options: [opt("from", "bob"), opt("to", "alice"), opt("dry_run", "yes")],
      expect: (data) => expect(data.embeds[0].title).toBe("Would move 3 customers from Bob Jones to Alice Martin"),
    },
    {
      sub: "sync",
      as: "admin",
      options: [],
      // The fake server lists its members: the sync reports what it brought in.
      expect: (data) => {
        expect(data.embeds[0].title).toBe("People synced");
        expect(data.embeds[0].description).toMatch(/listed by the platform|no people to bring in/);
      },
    },
    { sub: "activity", options: [], expect: (data, call) => {
      expect(data.embeds[0].title).toBe("Member activity, last 30 days");
      expect(call.files.map((f) => f.name)).toEqual(["activity.png"]);
    } },
    { sub: "digest", as: "admin", options: [opt("action", "list")], expect: (data) => expect(data.embeds[0].title).toMatch(/^Digests are not set up on this Rapport server/) },
    { sub: "settings", options: [], expect: (data) => expect(data.embeds[0].title).toBe("Settings") },
    {
      sub: "contact",
      as: "admin",
      options: [opt("action", "add"), opt("customer", "initech"), opt("name", "Peter Gibbons"), opt("fields", "title=Engineer kakao=peter.g"), { name: "primary", type: 5, value: true as unknown as string }],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Added Peter Gibbons to Initech LLC");
        expect(embedText({ embeds: data.embeds })).toContain("peter.g");
        const row = await h.prisma.contact.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: "Peter Gibbons" } });
        expect(row).toMatchObject({ title: "Engineer", kakao: "peter.g", isPrimary: true });
      },
    },
    {
      sub: "contacts",
      options: [opt("customer", "acme")],
      expect: (data) => {
        expect(data.embeds[0].title).toBe("Contacts at Acme Corp");
        expect(data.components.flatMap((r: any) => r.components.map((c: any) => c.label))).toEqual(expect.arrayContaining(["Add contact", "Make primary: Jane Doe, CFO  #2"]));
      },
    },
    {
      sub: "merge",
      as: "admin",
      options: [opt("duplicate", "远航物流"), opt("into", "北京远航物流有限公司")],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Merged 远航物流 into 北京远航物流有限公司");
        const duplicate = await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: "远航物流" } });
        expect(duplicate.mergedIntoId).toBe(await customerId(h.tenantA.id, "北京远航物流有限公司"));
        expect(data.components.flatMap((r: any) => r.components.map((c: any) => c.label))).toContain("Undo");
      },
    },
    {
      sub: "archive",
      as: "admin",
      options: [opt("customer", "현대상사")],
      expect: async (data) => {
        expect(data.embeds[0].title).toBe("Archived 현대상사");
        const row = await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: "현대상사" } });
        expect(row.archivedAt).not.toBeNull();
        await h.prisma.customer.update({ where: { id: row.id }, data: { archivedAt: null } });
      },
    },
    { sub: "help", options: [], expect: (data) => expect(data.embeds[0].title).toBe("Rapport commands") },
    {
      sub: "quote",
      options: [opt("action", "expiring")],
      expect: (data) => {
        expect(data.embeds[0].title).toBe("Quotes expiring soon");
        // This harness seeds no quotes: the empty state is said, not an empty embed (quotes.test.ts covers the rest).
        expect(data.embeds[0].description).toContain("No open quote expires in the next 3 days.");
      },
    },
  ];

  test("the adapter loads and serves with the chart libraries in the same process", async () => {
    // vega-lite patches Set.prototype.toJSON when it loads, which breaks discord.js; charts load
    // it on the first chart, after the adapter.
    expect(h.bot.client.isReady()).toBe(true);
  });


  test("the table covers every command in the registry", () => {
    // A command may have more than one case (export: customers and quotes).
    expect([...new Set(cases.map((c) => c.sub))].sort()).toEqual(commands.map((c) => c.name).sort());
  });

  test.each(cases)("/crm $sub", async ({ sub, as, options, expect: check }) => {
    const { call, data } = await run(as === "admin" ? h.admin : h.member, sub, options);
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    await check(data, call);
  });
});

describe("order new under /sales", () => {
  test("an order with lines typed in the lines option; a rep may not enter one for another rep's customer", async () => {
    const { data } = await run(h.admin, "order", [opt("action", "new"), opt("customer", "lumiere"), opt("lines", "WID-100 2 450; WID-200 1 90")]);
    expect(data.embeds[0].title).toMatch(/^Order SO-\d+ entered for Café Lumière SARL$/);
    const number = /SO-\d+/.exec(data.embeds[0].title)![0];
    const row = await h.prisma.order.findFirstOrThrow({ where: { tenantId: h.tenantA.id, number }, include: { lines: true } });
    expect(row.total).toBe(99_000n);
    // The channel it was entered in, for the delivery notice of a shipment recorded elsewhere.
    expect(row.channelRef).toMatch(/^discord:\d+$/);
    const before = await h.prisma.order.count({ where: { tenantId: h.tenantA.id } });
    const refused = await run(h.member, "order", [opt("action", "new"), opt("customer", "acme"), opt("lines", "WID-100 1 10")]);
    expect(embedText(refused.data)).toContain("another rep's customer");
    expect(await h.prisma.order.count({ where: { tenantId: h.tenantA.id } })).toBe(before);
  });
});

describe("autocomplete from the real database", () => {
  async function complete(ctx: InteractionContext, subcommand: string, name: string, value: string) {
    const interaction = h.fake.dispatchInteraction(autocompleteInteraction(ctx, { subcommand, options: [{ name, type: 3, value, focused: true }] }));
    const call = await h.callback(interaction);
    const ms = call.at - h.fake.interactionState(interaction.id)!.dispatchedAt;
    expect(call.body.type).toBe(8);
    return { choices: call.body.data.choices as { name: string; value: string }[], ms };
  }

  test("customer, order and member options, at most 25 choices, answered fast", async () => {
    const hongda = await customerId(h.tenantA.id, "上海宏达贸易有限公司");
    const customer = await complete(h.member, "show", "customer", "宏達");
    expect(customer.choices).toContainEqual({ name: "上海宏达贸易有限公司 (上海)", value: `#${hongda}` });
    expect(customer.choices.length).toBeLessThanOrEqual(25);

    const broad = await complete(h.member, "show", "customer", "a");
    expect(broad.choices.length).toBeGreaterThan(0);
    expect(broad.choices.length).toBeLessThanOrEqual(25);

    const order = await complete(h.member, "order", "number", "so-103");
    expect(order.choices.map((c) => c.value)).toEqual(expect.arrayContaining(["SO-1030", "SO-1035"]));
    expect(order.choices[0]!.name).toMatch(/^SO-10\d\d · .+ · \w+$/);

    const alice = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: "alice" } });
    const member = await complete(h.admin, "assign", "member", "ali");
    expect(member.choices).toEqual([{ name: "Alice Martin", value: `#${alice.id}` }]);

    // Another guild's data never shows up.
    const rivalOnly = await complete(h.member, "show", "customer", "Rival Secret");
    expect(rivalOnly.choices).toEqual([]);

    const latencies = { customer: customer.ms, broad: broad.ms, order: order.ms, member: member.ms };
    for (const ms of Object.values(latencies)) expect(ms).toBeLessThan(1_000);
    console.info(`autocomplete latency (dispatch -> type 8 callback), PGlite demo data: ${JSON.stringify(latencies)} ms`);
  });
});

describe("Log to CRM on the real database", () => {
  test("/sales pay records a receipt; its Undo button takes it back; a rep is refused", async () => {
    const paidOf = async () => (await h.prisma.invoice.findFirstOrThrow({ where: { tenantId: h.tenantA.id, number: "INV-5011" } })).paid;
    const before = await paidOf();
    const { interaction, data } = await run(h.admin, "pay", [opt("customer_or_invoice", "INV-5011"), opt("amount", "500"), opt("ref", "TT-DISCORD")]);
    expect(data.embeds[0].title).toBe("Receipt of $500.00 from 上海宏达贸易有限公司 recorded");
    expect(await paidOf()).toBe(before + 50_000n);
    const message = original(interaction.id);
    const undo = h.fake.dispatchInteraction(buttonInteraction(h.admin, { customId: button(message, "Undo"), message, ephemeral: true }));
    const undone = await h.callback(undo);
    expect(undone.body.type).toBe(7);
    expect(undone.body.data.embeds[0].title).toBe("Receipt undone");
    expect(await paidOf()).toBe(before);
    expect((await h.prisma.payment.findFirstOrThrow({ where: { tenantId: h.tenantA.id, reference: "TT-DISCORD" } })).undoneAt).not.toBeNull();
    const refused = await run(h.member, "pay", [opt("customer_or_invoice", "INV-5011"), opt("amount", "500")]);
    expect(embedText(refused.call.body)).toContain("pay");
    expect(await paidOf()).toBe(before);
  });

  test("menu -> modal -> submit writes one interaction with the message link; Undo takes it back", async () => {
    const target = { id: snowflake(), channelId: h.fake.guild.channelId, content: "삼성 wants 300 units by March", author: { id: "600000000000000001", username: "buyer" } };
    const menu = h.fake.dispatchInteraction(messageContextInteraction(h.member, { commandName: "Log to CRM", message: target }));
    const modal = await h.callback(menu);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.components[2].component.value).toBe("삼성 wants 300 units by March");

    const link = `https://discord.com/channels/${h.fake.guild.id}/${target.channelId}/${target.id}`;
    const before = await rows(h.tenantA.id);
    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.member, {
        customId: modal.body.data.custom_id,
        values: [
          { customId: "customer", value: "삼성" },
          { customId: "channel", values: ["chat"] },
          { customId: "summary", value: "삼성 wants 300 units by March" },
          // No next date: Ana (a rep) may log on Samsung but not move its owner's follow-up.
          { customId: "next", value: "" },
          { customId: "outcome", values: ["high-value"] },
        ],
      }),
    );
    const confirmation = await h.callback(submit);
    expect(confirmation.body.data.embeds[0]).toMatchObject({ title: "Logged chat with 삼성전자", url: link });
    expect(await rows(h.tenantA.id)).toBe(before + 1);
    const written = await h.prisma.interaction.findMany({ where: { tenantId: h.tenantA.id, messageLink: link } });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ channel: "chat", outcome: "high-value", summary: "삼성 wants 300 units by March", undone: false });
    const ana = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    expect(written[0]!.loggedById).toBe(ana.id);

    const message = original(submit.id);
    // Shared into the channel, the confirmation loses Undo (only Ana could press it, and it would not take the copy back).
    const share = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: button(message, "Share"), message, ephemeral: true }));
    const shared = await h.callback(share);
    expect(shared.body.data.embeds[0].title).toBe("Logged chat with 삼성전자");
    const sharedLabels = (shared.body.data.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.label));
    expect(sharedLabels).not.toContain("Undo");
    expect(sharedLabels).not.toContain("Share");
    const undo = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: button(message, "Undo"), message, ephemeral: true }));
    const undone = await h.callback(undo);
    expect(undone.body.type).toBe(7);
    expect(undone.body.data.embeds[0].title).toBe("Undone");
    expect(await h.prisma.interaction.count({ where: { tenantId: h.tenantA.id, messageLink: link, undone: false } })).toBe(0);
  });
});

describe("replayed interactions", () => {
  test("the same interaction id writes one row, even after a restart forgets the ids it saw", async () => {
    const payload = chatInputInteraction(h.member, {
      subcommand: "log",
      options: [opt("customer", "initech"), opt("channel", "email"), opt("summary", "Replay probe 7f3a")],
    });
    h.fake.dispatchInteraction(payload);
    await h.callback(payload);
    h.fake.dispatchInteraction(payload);
    h.fake.dispatchInteraction(payload);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows(h.tenantA.id, { summary: "Replay probe 7f3a" })).toBe(1);

    // A new process has no memory of the id: the core's idempotency key still holds, and Discord
    // refuses a second answer (400 / 40060).
    await h.restartBot();
    h.fake.dispatchInteraction(payload);
    await h.fake.waitFor(() => h.fake.callsFor(payload).filter((c) => c.method === "POST" && c.status !== 0).length === 2 || undefined, 5_000);
    expect(await rows(h.tenantA.id, { summary: "Replay probe 7f3a" })).toBe(1);
    expect(h.fake.callsFor(payload).map((c) => `${c.method} ${c.status}`)).toEqual(["POST 204", "POST 400"]);
  }, 20_000);
});

describe("forged custom_ids and tenant isolation", () => {
  test("a button or form naming another guild's customer reads and writes nothing there", async () => {
    const secret = await h.app.rapport.runText({
      actor: { platform: "discord", tenantExternalId: h.rival.guild.id, userExternalId: h.rival.actor.user.id },
      text: 'new "Rival Secret Holdings" city=Geneva',
    });
    expect(secret.isError).toBeFalsy();
    const secretId = await customerId(h.tenantB.id, "Rival Secret Holdings");
    const host = original((await run(h.member, "find", [opt("text", "acme")])).interaction.id);

    const forgedShow = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: `r0:show #${secretId}`, message: host, ephemeral: true }));
    const shown = await h.callback(forgedShow);
    expect(shown.body.data.embeds[0].color).toBe(0xed4245);
    expect(embedText(shown.body.data)).not.toMatch(/Rival Secret|Geneva/);

    const forgedOrders = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: `p0:orders #${secretId}`, message: host, ephemeral: true }));
    const refused = await h.callback(forgedOrders);
    expect(embedText(refused.body.data)).not.toMatch(/Rival Secret|Geneva/);

    // A forged form prefill only prefills; the submission is resolved in the presser's guild.
    const before = await rows(h.tenantB.id);
    const forgedForm = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: `f0:log?customer=%23${secretId}&channel=call`, message: host, ephemeral: true }),
    );
    const form = await h.callback(forgedForm);
    expect(form.body.type).toBe(9);
    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.member, {
        customId: form.body.data.custom_id,
        values: [
          { customId: "customer", value: `#${secretId}` },
          { customId: "channel", values: ["call"] },
          { customId: "summary", value: "cross-tenant write attempt" },
        ],
      }),
    );
    const answer = await h.callback(submit);
    expect(answer.body.data.embeds[0].color).toBe(0xed4245);
    expect(await rows(h.tenantB.id)).toBe(before);
    expect(await h.prisma.interaction.count({ where: { summary: "cross-tenant write attempt" } })).toBe(0);

    // Another guild's undo token does nothing here.
    const rivalLog = await h.app.rapport.runText({
      actor: { platform: "discord", tenantExternalId: h.rival.guild.id, userExternalId: h.rival.actor.user.id },
      text: "log #" + secretId + " call Rival call",
    });
    const card = rivalLog.blocks[0];
    const token = card?.type === "card" ? card.buttons?.find((b) => b.action.kind === "undo")?.action : undefined;
    expect(token?.kind).toBe("undo");
    const forgedUndo = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: `u0:${token?.kind === "undo" ? token.token : ""}`, message: host, ephemeral: true }),
    );
    const undoAnswer = await h.callback(forgedUndo);
    expect(undoAnswer.body.data.embeds[0].color).toBe(0xed4245);
    expect(await rows(h.tenantB.id, { summary: "Rival call", undone: false })).toBe(1);
  });
});

describe("a slow database", () => {
  test("defers within 3 s, then edits; files travel with the edit; autocomplete answers empty in time", async () => {
    h.slow.ms = 5_000;
    try {
      const interaction = h.fake.dispatchInteraction(chatInputInteraction(h.member, { subcommand: "stats", options: [opt("kind", "ar")] }));
      const dispatchedAt = h.fake.interactionState(interaction.id)!.dispatchedAt;
      const deferred = await h.callback(interaction);
      const firstResponseMs = deferred.at - dispatchedAt;
      expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
      expect(firstResponseMs).toBeLessThan(3_000);
      const edit = await h.fake.waitForCall(
        (c) => c.method === "PATCH" && c.path === `/webhooks/${h.fake.applicationId}/${interaction.token}/messages/@original`,
        10_000,
      );
      const editMs = edit.at - dispatchedAt;
      expect(editMs).toBeGreaterThanOrEqual(5_000);
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
      expect(edit.files.map((f) => f.name)).toEqual(["ar-ageing.png"]);
      expect(edit.body.embeds[0].image).toEqual({ url: "attachment://ar-ageing.png" });
      expect(original(interaction.id).attachments?.map((a: any) => a.filename)).toEqual(["ar-ageing.png"]);

      const complete = h.fake.dispatchInteraction(
        autocompleteInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "acme", focused: true }] }),
      );
      const answered = await h.callback(complete);
      const autocompleteMs = answered.at - h.fake.interactionState(complete.id)!.dispatchedAt;
      expect(answered.body).toEqual({ type: 8, data: { choices: [] } });
      expect(autocompleteMs).toBeLessThan(3_000);
      console.info(
        `slow database (every api call +5000 ms): first response ${firstResponseMs} ms (type 5, deferred), edit with the chart at ${editMs} ms; autocomplete answered (empty) at ${autocompleteMs} ms`,
      );
    } finally {
      h.slow.ms = 0;
    }
  }, 20_000);
});

describe("hostile data stored in the database", () => {
  test("is sent escaped and with allowed_mentions parse [] everywhere", async () => {
    const hostile = "@everyone <@&999> <@123456789012345678> **Bold** [evil](https://evil.example)";
    const created = await run(h.member, "new", [opt("name", hostile), opt("fields", "city=@here")]);
    expect(created.data.allowed_mentions).toEqual({ parse: [] });
    const row = await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantA.id, name: hostile } });
    expect(row.city).toBe("@here");

    const { data } = await run(h.member, "show", [opt("customer", `#${row.id}`)]);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const escaped = "@\u200beveryone \\<@&999\\> \\<@123456789012345678\\> \\*\\*Bold\\*\\* \\[evil\\](https://evil.example)";
    expect(data.embeds[0].title).toBe(escaped);
    const text = embedText(data);
    expect(text).not.toMatch(/(^|[^\\])<@/);
    expect(text).not.toMatch(/@everyone|@here/);

    const logged = await run(h.member, "log", [opt("customer", `#${row.id}`), opt("channel", "note"), opt("summary", "ping <@&1> @here and <@42>")]);
    expect(logged.data.allowed_mentions).toEqual({ parse: [] });
    expect(embedText(logged.data)).toContain("ping \\\\<@&1\\\\> @\u200bhere and \\\\<@42\\\\>");

    // Every message-bearing call in this suite allowed no mentions at all.
    const bearing = h.fake.calls.filter(
      (c) => (c.path.endsWith("/callback") && [4, 7].includes(c.body?.type)) || (c.path.startsWith("/webhooks/") && ["POST", "PATCH"].includes(c.method)),
    );
    expect(bearing.length).toBeGreaterThan(20);
    for (const c of bearing) {
      const body = c.path.endsWith("/callback") ? c.body.data : c.body;
      expect(body.allowed_mentions, `${c.method} ${c.path}`).toEqual({ parse: [] });
    }
  });
});
