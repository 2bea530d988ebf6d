/**
 * Discord's own inputs where text was free (issue 20), through the real discord.js client against
 * the fake Discord and the real core on PGlite with the demo data (clock: Mon 23 Nov 2026, 15:00
 * UTC): a form's channel option is a channel select whose pick the command runs with, and `pay`
 * suggests the open invoices as the member types.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { createDigestService } from "../../../src/digests/service.js";
import { createRecordingPoster } from "../../../src/digests/recording-poster.js";
import { apiMessage, autocompleteInteraction, buttonInteraction, modalSubmitInteraction, type InteractionContext } from "../../fakes/discord/payloads.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

/** A message of the bot's carrying one `form` button, as a reply with such a button renders. */
function messageWithFormButton(customId: string) {
  return apiMessage(
    { id: snowflake(), content: "", author: h.fake.botUser, channelId: h.fake.guild.channelId },
    { components: [{ type: 1, components: [{ type: 2, style: 1, label: "Add digest", custom_id: customId }] }] },
  );
}

async function complete(ctx: InteractionContext, subcommand: string, name: string, value: string) {
  const interaction = h.fake.dispatchInteraction(autocompleteInteraction(ctx, { subcommand, options: [{ name, type: 3, value, focused: true }] }));
  const call = await h.callback(interaction);
  expect(call.body.type).toBe(8);
  return call.body.data.choices as { name: string; value: string }[];
}

describe("a form with a channel picker", () => {
  beforeAll(() => {
    h.app.useDigests(createDigestService({ store: h.app.digestStore, poster: createRecordingPoster(), sleep: async () => undefined }));
  });

  test("GIVEN the digest form THEN its channel is a channel select, and the picked channel is where the digest posts", async () => {
    const customId = h.bot.codec.encode({ kind: "form", command: "digest", prefill: { action: "add" } }, 0);
    const press = h.fake.dispatchInteraction(buttonInteraction(h.admin, { customId, message: messageWithFormButton(customId) }));
    const opened = await h.callback(press);
    // 9: the modal; the fake refuses one Discord would refuse (more than 5 components, a select outside a Label).
    expect(opened.status).toBe(204);
    expect(opened.body.type).toBe(9);
    expect(opened.body.data.custom_id).toBe("F:digest");
    const channel = opened.body.data.components.find((label: { component: { custom_id: string } }) => label.component.custom_id === "channel");
    expect(channel).toMatchObject({ type: 18, component: { type: 8, channel_types: [0, 5], max_values: 1 } });

    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.admin, {
        customId: "F:digest",
        values: [
          { customId: "action", values: ["add"] },
          { customId: "kind", values: ["followups"] },
          { customId: "channel", channels: [{ id: h.fake.guild.channelId, name: "general" }] },
          { customId: "time", value: "08:30" },
          { customId: "zone", value: "" },
        ],
      }),
    );
    const done = await h.callback(submit, 10_000);
    expect(JSON.stringify(done.body.data)).not.toMatch(/not a channel|out of date/i);
    const added = await h.prisma.digestSubscription.findFirst({ where: { tenantId: h.tenantA.id }, orderBy: { id: "desc" } });
    expect(added).toMatchObject({ channelRef: `discord:${h.fake.guild.channelId}`, kind: "followups" });
  });
});

describe("suggestions for pay's invoice and a quote's validity", () => {
  test("GIVEN nothing typed THEN the workspace's open invoices, most overdue first, each sending back its number", async () => {
    const open = await h.prisma.invoice.findMany({ where: { tenantId: h.tenantA.id, status: "open" }, orderBy: [{ dueOn: "asc" }, { id: "asc" }], take: 25, include: { customer: true } });
    const settled = await h.prisma.invoice.findMany({ where: { tenantId: h.tenantA.id, status: { not: "open" } }, select: { number: true } });
    expect(open.length).toBeGreaterThan(1);
    const choices = await complete(h.admin, "pay", "customer_or_invoice", "");
    expect(choices.map((c) => c.value)).toEqual(open.map((invoice) => invoice.number));
    for (const invoice of settled) expect(choices.map((c) => c.value)).not.toContain(invoice.number);
    const first = open[0]!;
    expect(choices[0]!.name).toMatch(new RegExp(`^${first.number} · .+ · .+ open · \\d+ days? overdue$`));
  });

  test("GIVEN part of a number or a customer's name THEN only the invoices it matches; another guild's never", async () => {
    const invoice = await h.prisma.invoice.findFirstOrThrow({ where: { tenantId: h.tenantA.id, status: "open" }, include: { customer: true }, orderBy: { id: "asc" } });
    expect((await complete(h.admin, "pay", "customer_or_invoice", invoice.number)).map((c) => c.value)).toEqual([invoice.number]);
    const byCustomer = await complete(h.admin, "pay", "customer_or_invoice", invoice.customer.name.slice(0, 6));
    expect(byCustomer.map((c) => c.value)).toContain(invoice.number);
    for (const choice of byCustomer) expect(choice.name).toContain(invoice.customer.name.slice(0, 6));
    const rival = await h.prisma.invoice.findMany({ where: { tenantId: h.tenantB.id }, select: { number: true } });
    const ours = new Set((await h.prisma.invoice.findMany({ where: { tenantId: h.tenantA.id }, select: { number: true } })).map((row) => row.number));
    for (const row of rival.filter((r) => !ours.has(r.number))) expect(byCustomer.map((c) => c.value)).not.toContain(row.number);
  });

  test("GIVEN a member who may not record receipts THEN no invoices are offered", async () => {
    expect(await complete(h.member, "pay", "customer_or_invoice", "")).toEqual([]);
  });

  test("GIVEN a quote's validity THEN a typed period with the date it ends, or the usual date phrases", async () => {
    expect(await complete(h.member, "quote", "valid", "30d")).toEqual([{ name: "30d — Wed 23 Dec", value: "2026-12-23" }]);
    expect((await complete(h.member, "quote", "valid", ""))[0]).toEqual({ name: "tomorrow — Tue 24 Nov", value: "2026-11-24" });
  });
});
