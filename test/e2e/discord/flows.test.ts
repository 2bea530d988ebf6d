import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { forSharing, reply } from "../../../src/core/reply.js";
import {
  buttonInteraction,
  chatInputInteraction,
  messageContextInteraction,
  modalSubmitInteraction,
} from "../../fakes/discord/payloads.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { actorOf, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Msg = { id: string; flags?: number; embeds: any[]; components: { components: { label: string; custom_id: string }[] }[] };
const original = (id: string) => h.fake.interactionState(id)?.original as unknown as Msg;
const button = (message: Msg, label: string) => {
  const found = message.components.flatMap((row) => row.components).find((c) => c.label === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found.custom_id;
};
const writes = () => h.prisma.interaction.count({ where: { tenantId: h.tenantId } });

describe("Log to CRM context menu", () => {
  test("should open a prefilled modal, log once with the message link on submit, and undo", async () => {
    const target = { id: snowflake(), channelId: h.fake.guild.channelId, content: "Acme wants a quote for 40 seats", author: { id: "600000000000000001", username: "buyer" } };
    const menu = h.fake.dispatchInteraction(messageContextInteraction(h.admin, { commandName: "Log to CRM", message: target }));
    const modal = await h.callback(menu);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.custom_id).toBe(`L:${target.channelId}:${target.id}`);
    expect(modal.body.data.title).toBe("Log to CRM");
    expect(modal.body.data.components.map((c: any) => [c.label, c.component.type])).toEqual([
      ["Customer", 4],
      ["Channel", 3],
      ["Summary", 4],
      ["Next follow-up", 4],
      ["Outcome", 3],
    ]);
    expect(modal.body.data.components[2].component.value).toBe("Acme wants a quote for 40 seats");
    expect(h.rapport.calls.some((c) => c.fn === "runArgs" && c.idempotencyKey === menu.id)).toBe(false);

    // Max (Manage Server) logs: moving Acme's follow-up (`next`) needs a manager or its owner.
    const writesBefore = await writes();
    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.admin, {
        customId: modal.body.data.custom_id,
        values: [
          { customId: "customer", value: "Acme Corp" },
          { customId: "channel", values: ["chat"] },
          { customId: "summary", value: "Acme wants a quote for 40 seats" },
          { customId: "next", value: "next friday" },
          { customId: "outcome", values: ["high-value"] },
        ],
      }),
    );
    const confirmation = await h.callback(submit);
    const link = `https://discord.com/channels/${h.fake.guild.id}/${target.channelId}/${target.id}`;
    expect(h.rapport.calls.filter((c) => c.fn === "runArgs" && c.idempotencyKey === submit.id)).toEqual([
      {
        fn: "runArgs",
        actor: expect.objectContaining({ tenantExternalId: h.fake.guild.id, userExternalId: h.admin.actor.user.id }),
        command: "log",
        args: { customer: "Acme Corp", channel: "chat", summary: "Acme wants a quote for 40 seats", next: "next friday", outcome: "high-value", link },
        idempotencyKey: submit.id,
      },
    ]);
    expect(await writes()).toBe(writesBefore + 1);
    const logged = () => h.prisma.interaction.findFirstOrThrow({ where: { tenantId: h.tenantId, messageLink: link } });
    expect(await logged()).toMatchObject({ channel: "chat", outcome: "high-value", undone: false });
    expect(confirmation.body.type).toBe(4);
    expect(confirmation.body.data.embeds[0]).toMatchObject({ title: "Logged chat with Acme Corp", url: link });
    const message = original(submit.id);

    // Someone else cannot undo it: they get a private error, the message stays.
    const stranger = h.fake.dispatchInteraction(
      buttonInteraction(h.member, { customId: button(message, "Undo"), message, ephemeral: true }),
    );
    const refused = await h.callback(stranger);
    expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refused.body.data.embeds[0].color).toBe(0xed4245);
    expect(refused.body.data.embeds[0].title).not.toMatch(/^Undone/);
    expect((await logged()).undone).toBe(false);

    const undo = h.fake.dispatchInteraction(buttonInteraction(h.admin, { customId: button(message, "Undo"), message, ephemeral: true }));
    const undone = await h.callback(undo);
    expect(undone.body.type).toBe(7);
    expect(undone.body.data.embeds[0].title).toBe("Undone");
    expect((await logged()).undone).toBe(true);
    expect(h.rapport.calls.filter((c) => c.fn === "undo" && c.idempotencyKey === undo.id)).toHaveLength(1);
  });

  test("should never double-write a replayed interaction id", async () => {
    const writesBefore = await writes();
    const payload = chatInputInteraction(h.member, {
      subcommand: "log",
      options: [
        { name: "customer", type: 3, value: "#2" },
        { name: "channel", type: 3, value: "call" },
        { name: "summary", type: 3, value: "Replayed" },
      ],
    });
    h.fake.dispatchInteraction(payload);
    await h.callback(payload);
    h.fake.dispatchInteraction(payload); // gateway replay of the same INTERACTION_CREATE
    h.fake.dispatchInteraction(payload);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await writes()).toBe(writesBefore + 1);
    expect(h.rapport.calls.filter((c) => c.fn === "runArgs" && c.idempotencyKey === payload.id)).toHaveLength(1);
    expect(h.fake.callsFor(payload).filter((c) => c.method === "POST")).toHaveLength(1);
    expect(h.logger.entries.filter((e) => e.msg === "replayed interaction ignored")).toHaveLength(2);
  });
});

const SHOW_ACME = { subcommand: "show", options: [{ name: "customer", type: 3 as const, value: "acme" }] };

describe("deferral under a slow database", () => {
  beforeEach(() => {
    h.rapport.latencyMs = 5_000;
  });
  afterEach(() => {
    h.rapport.latencyMs = 0;
    h.rapport.mapReply = undefined;
  });

  test("should defer (type 5) within 3 s, then edit @original once the 5 s call returns", async () => {
    const interaction = h.fake.dispatchInteraction(chatInputInteraction(h.member, SHOW_ACME));
    const dispatchedAt = h.fake.interactionState(interaction.id)!.dispatchedAt;
    const deferred = await h.callback(interaction);
    const firstResponseMs = deferred.at - dispatchedAt;
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(firstResponseMs).toBeLessThan(3_000);
    expect(firstResponseMs).toBeGreaterThanOrEqual(1_900);
    const edit = await h.fake.waitForCall(
      (c) => c.method === "PATCH" && c.path === `/webhooks/${h.fake.applicationId}/${interaction.token}/messages/@original`,
      8_000,
    );
    expect(edit.at - dispatchedAt).toBeGreaterThanOrEqual(5_000);
    expect(edit.body.embeds[0].title).toBe("Acme Corp");
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(h.fake.callsFor(interaction).map((c) => `${c.method} ${c.status}`)).toEqual(["POST 204", "PATCH 200"]);
    console.info(`first response under a 5 s database call: ${firstResponseMs} ms (deferred), final edit at ${edit.at - dispatchedAt} ms`);
  }, 15_000);

  test("should replace the private 'thinking' placeholder with a public follow-up for a channel reply", async () => {
    h.rapport.mapReply = forSharing;
    const interaction = h.fake.dispatchInteraction(chatInputInteraction(h.member, SHOW_ACME));
    const deferred = await h.callback(interaction);
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    const followUp = await h.fake.waitForCall(
      (c) => c.method === "POST" && c.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`,
      8_000,
    );
    expect(followUp.body.flags ?? 0).toBe(0);
    expect(followUp.body.embeds[0].title).toBe("Acme Corp");
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] });
    expect(h.fake.callsFor(interaction).map((c) => `${c.method} ${c.status}`)).toEqual(["POST 204", "DELETE 204", "POST 200"]);
  }, 15_000);
});

describe("mention suppression", () => {
  test("should send CRM data containing @everyone and role mentions without pinging, everywhere", async () => {
    const created = await h.app.rapport.runArgs({ actor: actorOf(h.admin), command: "new", args: { name: "@everyone Party Supplies <@&999>", fields: { city: "**Bold** City" } } });
    expect(created.isError).toBeFalsy();
    const party = await h.prisma.customer.findFirstOrThrow({ where: { tenantId: h.tenantId, city: "**Bold** City" } });
    const show = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "show", options: [{ name: "customer", type: 3, value: `#${party.id}` }] }),
    );
    const call = await h.callback(show);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    const embed = call.body.data.embeds[0];
    expect(embed.title).toBe("@\u200beveryone Party Supplies \\<@&999\\>");
    expect(JSON.stringify(embed)).toContain(JSON.stringify("\\*\\*Bold\\*\\* City").slice(1, -1));

    // Share posts the ephemeral result into the channel, still without pings.
    const message = original(show.id);
    const share = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: button(message, "Share"), message, ephemeral: true }));
    const shared = await h.callback(share);
    expect(shared.body.type).toBe(4);
    expect(shared.body.data.flags ?? 0).toBe(0);
    expect(shared.body.data.content).toBe(`Shared by <@${h.member.actor.user.id}>`);
    expect(shared.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(shared.body.data.embeds[0].title).toBe(embed.title);
    const sharedLabels = shared.body.data.components.flatMap((row: any) => row.components.map((c: any) => c.label));
    expect(sharedLabels).not.toContain("Share");

    // Channel posts (digests, reminders) too.
    const posted = await h.bot.postToChannel(h.fake.guild.channelId, reply.text("@everyone digest", "<@&1> @here"));
    const post = h.fake.calls.find((c) => c.method === "POST" && c.path === `/channels/${h.fake.guild.channelId}/messages`)!;
    expect(posted.messageId).toMatch(/^\d+$/);
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(post.body.embeds[0].description).toBe("\\<@&1\\> @\u200bhere");

    // A channel post carries the reply's files as multipart attachments.
    const csv = Buffer.from("name\nAcme\n");
    await h.bot.postToChannel(h.fake.guild.channelId, { ...reply.text("Weekly export"), attachments: [{ filename: "weekly.csv", contentType: "text/csv", data: csv, altText: "weekly export, 1 row" }] });
    const withFile = h.fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/${h.fake.guild.channelId}/messages`).at(-1)!;
    expect(withFile.files.map((file) => [file.name, file.data.equals(csv)])).toEqual([["weekly.csv", true]]);
    expect(withFile.body.attachments).toEqual([{ id: 0, filename: "weekly.csv", description: "weekly export, 1 row" }]);

    // Every message-bearing call the bot made in this suite carried allowed_mentions { parse: [] }.
    const bearing = h.fake.calls.filter(
      (c) => (c.path.endsWith("/callback") && c.body?.type === 4) || c.path.startsWith("/webhooks/") && c.method !== "DELETE" || c.path.startsWith("/channels/"),
    );
    expect(bearing.length).toBeGreaterThan(3);
    for (const c of bearing) {
      const body = c.path.endsWith("/callback") ? c.body.data : c.body;
      expect(body.allowed_mentions, `${c.method} ${c.path}`).toEqual({ parse: [] });
    }
  });
});
