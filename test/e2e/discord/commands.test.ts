import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  modalSubmitInteraction,
  PERMISSIONS,
} from "../../fakes/discord/payloads.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
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
      chatInputInteraction(h.member, { subcommand: "find", options: [{ name: "query", type: 3, value: "acme" }] }),
    );
    const call = await h.callback(interaction);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(64);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.data.embeds[0]).toMatchObject({
      title: 'Customers matching "acme"',
      footer: { text: "Page 1 of 9 · 41 items" },
    });
    expect(call.body.data.embeds[0].description.split("\n")[0]).toBe("• **Acme Corp** — #1 · Berlin");
    const labels = call.body.data.components.flatMap((row: Msg["components"][number]) => row.components.map((c) => c.label));
    expect(labels).toEqual(["Show: Acme Corp", "Show: Acme Branch 1", "Show: Acme Branch 2", "Show: Acme Branch 3", "Show: Acme Branch 4", "Next ▶", "Share"]);
    expect(h.rapport.calls.at(-1)).toEqual({
      method: "runArgs",
      actor: {
        platform: "discord",
        tenantExternalId: h.fake.guild.id,
        tenantName: "Acme Sales",
        userExternalId: h.member.actor.user.id,
        profile: { displayName: "Ana Rep", isPlatformAdmin: false },
      },
      command: "find",
      args: { query: "acme" },
      idempotencyKey: interaction.id,
    });
  });

  test("should page in place (type 7 update) when Next is pressed", async () => {
    const first = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "find", options: [{ name: "query", type: 3, value: "acme" }] }),
    );
    await h.callback(first);
    const press = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: button(original(first.id), "Next ▶"), message: original(first.id), ephemeral: true }),
    );
    const call = await h.callback(press);
    expect(call.body.type).toBe(7);
    expect(call.body.data.embeds[0].footer).toEqual({ text: "Page 2 of 9 · 41 items" });
    expect(h.rapport.calls.at(-1)).toMatchObject({ method: "runText", text: "find acme page=2", idempotencyKey: press.id });
  });

  test("should map a Manage Server member to a Rapport admin and use the server nickname", async () => {
    const interaction = h.fake.dispatchInteraction(
      chatInputInteraction(h.admin, { subcommand: "show", options: [{ name: "customer", type: 3, value: "#1" }] }),
    );
    const call = await h.callback(interaction);
    expect(call.body.data.embeds[0]).toMatchObject({
      title: "Acme Corp",
      fields: [
        { name: "City", value: "Berlin", inline: true },
        { name: "Interactions", value: "0", inline: true },
      ],
    });
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
    expect(call.body.type).toBe(4);
    // orders is a channel reply: no ephemeral flag, no Share button, a table in a code block
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(call.body.data.embeds[0].description).toContain("```\nOrder     Total");
    expect(h.rapport.calls.at(-1)).toMatchObject({ method: "runText", text: "orders #2", actor: { userExternalId: h.admin.actor.user.id } });
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
    expect(done.body.data.embeds[0].title).toBe("Logged call with Globex");
    expect(h.rapport.calls.at(-1)).toMatchObject({
      method: "runArgs",
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
    expect(call.body.data.embeds[0]).toMatchObject({ title: 'No customer "#999".', color: 0xed4245 });
    expect(call.body.data.components).toEqual([]);
  });

  test("should autocomplete customers with at most 25 choices within 100 characters", async () => {
    const interaction = h.fake.dispatchInteraction(
      autocompleteInteraction(h.member, {
        subcommand: "show",
        options: [{ name: "customer", type: 3, value: "acme", focused: true }],
      }),
    );
    const call = await h.callback(interaction, 3_000);
    expect(call.at - h.fake.interactionState(interaction.id)!.dispatchedAt).toBeLessThan(1_000);
    expect(call.body.type).toBe(8);
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: "Acme Corp (Berlin)", value: "#1" });
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(h.rapport.calls.at(-1)).toMatchObject({ method: "pick", kind: "customer", query: "acme", limit: 25 });
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
