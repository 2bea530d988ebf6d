import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  modalSubmitInteraction,
  PERMISSIONS,
} from "../../fakes/discord/payloads.js";
import { actorOf, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (let index = 1; index <= 30; index += 1) {
    await h.app.rapport.runText({ actor: actorOf(h.admin), text: `new "Bulkhead ${String(index).padStart(2, "0")}" city=Kiel` });
  }
});
afterAll(async () => {
  await h?.close();
});

type Msg = { id: string; embeds: any[]; components: { components: { label: string; custom_id: string }[] }[] };
const button = (message: Msg, label: string) => {
  const found = message.components.flatMap((row) => row.components).find((c) => c.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.components)}`);
  return found.custom_id;
};
const original = (id: string) => h.fake.interactionState(id)?.original as unknown as Msg;

describe("/crm commands through the real discord.js Client", () => {
  test("should answer /crm find with an ephemeral embed list, Show buttons, paging and Share", async () => {
    const interaction = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "find", options: [{ name: "text", type: 3, value: "bulkhead" }] }),
    );
    const call = await h.callback(interaction);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(64);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.data.embeds[0]).toMatchObject({ title: 'Customers matching "bulkhead"', footer: { text: expect.stringMatching(/^Page 1 of \d+ · \d+ items$/) } });
    expect(call.body.data.embeds[0].description).toMatch(/^• \*\*Bulkhead 01  #\d+\*\*/m);
    const labels: string[] = call.body.data.components.flatMap((row: Msg["components"][number]) => row.components.map((c) => c.label));
    expect(labels[0]).toMatch(/^Show: Bulkhead 01/);
    expect(labels.slice(-2)).toEqual(["Next ▶", "Share"]);
    expect(h.rapport.calls.at(-1)).toEqual({
      fn: "runArgs",
      actor: {
        platform: "discord",
        tenantExternalId: h.fake.guild.id,
        tenantName: "Acme Sales",
        userExternalId: h.member.actor.user.id,
        channelRef: `discord:${h.fake.guild.channelId}`,
        profile: { displayName: "Ana Rep", isPlatformAdmin: false, locale: "en-US", workspaceLocale: "en-US" },
      },
      command: "find",
      args: { text: "bulkhead" },
      idempotencyKey: interaction.id,
    });
  });

  test("should page in place (type 7 update) when Next is pressed", async () => {
    const first = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "find", options: [{ name: "text", type: 3, value: "bulkhead" }] }),
    );
    await h.callback(first);
    const press = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: button(original(first.id), "Next ▶"), message: original(first.id), ephemeral: true }),
    );
    const call = await h.callback(press);
    expect(call.body.type).toBe(7);
    expect(call.body.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+/);
    expect(h.rapport.calls.at(-1)).toMatchObject({ fn: "runText", text: "find bulkhead page=2", idempotencyKey: press.id });
  });

  test("should map a Manage Server member to a Rapport admin and use the server nickname", async () => {
    const interaction = h.fake.dispatchInteraction(
      chatInputInteraction(h.admin, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#1" }] }),
    );
    const call = await h.callback(interaction);
    expect(call.body.data.embeds[0].title).toBe("Acme Corp");
    expect(call.body.data.embeds[0].fields.slice(0, 2)).toEqual([
      { name: "Owner", value: "Alice Martin", inline: true },
      { name: "Status", value: "active", inline: true },
    ]);
    expect(h.admin.actor.permissions).toBe(PERMISSIONS.manager);
    expect(h.rapport.calls.at(-1)).toMatchObject({
      actor: { profile: { displayName: "Max (Sales lead)", isPlatformAdmin: true } },
    });
  });

  test("should run a button's command as the presser with a new reply (Show / Orders)", async () => {
    const show = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#2" }] }),
    );
    await h.callback(show);
    const press = h.fake.dispatchInteraction(
      buttonInteraction(h.admin, { customId: button(original(show.id), "Orders"), message: original(show.id), ephemeral: true }),
    );
    const call = await h.callback(press);
    // A new message (4), not an update of the card (7), with the orders of the card's customer.
    expect(call.body.type).toBe(4);
    expect(call.body.data.embeds[0].title).toBe("Orders of Müller GmbH");
    expect(h.rapport.calls.at(-1)).toMatchObject({ fn: "runText", text: "orders #2", actor: { userExternalId: h.admin.actor.user.id } });
  });

  test("should open the log form from a Log call button and run log on submit", async () => {
    const show = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#2" }] }),
    );
    await h.callback(show);
    const press = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: button(original(show.id), "Log call"), message: original(show.id), ephemeral: true }),
    );
    const call = await h.callback(press);
    expect(call.body.type).toBe(9);
    expect(call.body.data.custom_id).toBe("F:log");
    const customer = call.body.data.components.find((c: any) => c.component.custom_id === "customer");
    expect(customer.component.value).toBe("#2");
    const channel = call.body.data.components.find((c: any) => c.component.custom_id === "channel");
    expect(channel.component.options.find((o: any) => o.default)).toEqual({ label: "call", value: "call", default: true });

    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.member, {
        customId: "F:log",
        values: [
          { customId: "customer", value: "#2" },
          { customId: "channel", values: ["call"] },
          { customId: "summary", value: "Talked pricing" },
          { customId: "next", value: "" },
          { customId: "outcome", values: ["effective"] },
        ],
      }),
    );
    const done = await h.callback(submit);
    expect(done.body.data.embeds[0].title).toBe("Logged call with Müller GmbH");
    expect(await h.prisma.interaction.count({ where: { tenantId: h.tenantId, summary: "Talked pricing", outcome: "effective" } })).toBe(1);
    expect(h.rapport.calls.at(-1)).toMatchObject({
      fn: "runArgs",
      command: "log",
      args: { customer: "#2", channel: "call", summary: "Talked pricing", outcome: "effective" },
      idempotencyKey: submit.id,
    });
  });

  test("should answer an unknown customer with a red error embed and no Share button", async () => {
    const interaction = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#999" }] }),
    );
    const call = await h.callback(interaction);
    expect(call.body.data.embeds[0]).toMatchObject({ title: "No customer #999 in this workspace.", color: 0xed4245 });
    expect(call.body.data.components).toEqual([]);
  });

  test("should autocomplete customers with at most 25 choices within 100 characters", async () => {
    const interaction = h.fake.dispatchInteraction(
      autocompleteInteraction(h.member, {
        subcommand: "show",
        options: [{ name: "customer", type: 3, value: "bulkhead", focused: true }],
      }),
    );
    const call = await h.callback(interaction, 3_000);
    expect(call.at - h.fake.interactionState(interaction.id)!.dispatchedAt).toBeLessThan(1_000);
    expect(call.body.type).toBe(8);
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(choices).toHaveLength(25);
    expect(choices[0]).toMatchObject({ name: expect.stringMatching(/^Bulkhead \d\d \(Kiel\)$/), value: expect.stringMatching(/^#\d+$/) });
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(h.rapport.calls.at(-1)).toMatchObject({ fn: "pick", kind: "customer", query: "bulkhead", limit: 25 });
  });

  test("should keep the interaction alive when Discord rate-limits the callback (429 retry_after)", async () => {
    const interaction = chatInputInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#1" }] });
    h.fake.injectFault({ method: "POST", path: `/interactions/${interaction.id}/${interaction.token}/callback`, status: 429, retryAfter: 0.2 });
    h.fake.dispatchInteraction(interaction);
    await h.fake.waitForCall((c) => c.path.startsWith(`/interactions/${interaction.id}/`) && c.status === 204);
    expect(h.fake.callsFor(interaction).map((c) => c.status)).toEqual([429, 204]);
    expect(h.apiEvents).toContainEqual({ platform: "discord", kind: "retry", code: "rate_limited" });
  });
});
