/**
 * Record links posted in Discord (issue 20): the real discord.js bot against the fake gateway, the
 * real core on PGlite with the demo data. Previews are off until a manager runs `settings previews
 * on` in the channel; then a posted link gets a reply with one compact embed per link, read as the
 * message's author.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../../src/core/actor.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import type { RecordedCall } from "../../fakes/discord/fake-discord.js";
import { chatInputInteraction } from "../../fakes/discord/payloads.js";
import { actorOf, startHarness, type Harness } from "./harness.js";

const BASE = "https://crm.example.com";
let h: Harness;
let acme: { id: number; name: string };
let order: string;
let otherServersCustomer: number;

beforeAll(async () => {
  h = await startHarness({ publicUrl: BASE });
  acme = (await h.prisma.customer.findFirst({ where: { tenantId: h.tenantId, name: "Acme Corp" }, select: { id: true, name: true } }))!;
  order = (await h.prisma.order.findFirst({ where: { tenantId: h.tenantId }, orderBy: { id: "asc" }, select: { number: true } }))!.number;
  // Another server using the same Rapport, with its own customers.
  const rival: Actor = { platform: "discord", tenantExternalId: "200000000000000077", userExternalId: "500000000000000077", profile: { displayName: "Eve", isPlatformAdmin: true } };
  const { tenant } = await h.app.rapport.identify(rival);
  await loadDemoData(h.prisma, tenant.id, "2026-11-23");
  otherServersCustomer = (await h.prisma.customer.findFirst({ where: { tenantId: tenant.id }, orderBy: { id: "desc" }, select: { id: true } }))!.id;
  const read = h.rapport.linkPreviews!;
  h.rapport.linkPreviews = async (input) => {
    const on = await read(input);
    decided.push(on);
    return on;
  };
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const replyTo = (messageId: string) => (call: RecordedCall) => call.method === "POST" && call.path === `/channels/${h.fake.guild.channelId}/messages` && call.body?.message_reference?.message_id === messageId;

async function settings(who: Harness["member"], value: string): Promise<string> {
  const interaction = h.fake.dispatchInteraction(
    chatInputInteraction(who, { subcommand: "settings", options: [{ name: "setting", type: 3, value: "previews" }, { name: "value", type: 3, value }] }),
  );
  const call = await h.callback(interaction);
  const embed = call.body.data.embeds[0];
  return [embed.title, embed.description].filter(Boolean).join("\n");
}

/** Every answer the core gave to "are previews on here?", in order (the bot asks once per message with links). */
const decided: boolean[] = [];

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Posts a message that must get no reply and waits until the bot has decided so (it then stops at once). */
async function postUnanswered(content: string, author = h.member.actor.user): Promise<string> {
  const count = decided.length;
  const posted = h.fake.postUserMessage({ author, content });
  await until(() => decided.length > count, "the previews setting to be read");
  await new Promise((resolve) => setImmediate(resolve));
  return posted.id as string;
}

async function postAndAwaitReply(content: string): Promise<RecordedCall> {
  const posted = h.fake.postUserMessage({ author: h.member.actor.user, content });
  return h.fake.waitForCall(replyTo(posted.id as string), 10_000);
}

describe("link previews on Discord", () => {
  test("should ask for the message intents (MessageContent is privileged) when RAPPORT_PUBLIC_URL is set", () => {
    const intents = h.fake.sessionIntents()[0]!;
    expect(intents & (1 << 0)).toBeTruthy(); // Guilds
    expect(intents & (1 << 9)).toBeTruthy(); // GuildMessages
    expect(intents & (1 << 15)).toBeTruthy(); // MessageContent
  });

  test("should post nothing while the channel has not turned previews on, and answer once a manager turns them on", async () => {
    const before = await postUnanswered(`look: ${BASE}/c/${acme.id}`);
    expect(decided).toEqual([false]);
    expect(await settings(h.member, "on")).toContain("Only managers and admins turn link previews on or off");
    const byRep = await postUnanswered(`still off: ${BASE}/c/${acme.id}`);
    expect(await settings(h.admin, "on")).toContain("Rapport links posted in this channel now get a preview card");
    await postAndAwaitReply(`now: ${BASE}/c/${acme.id}`);
    expect(h.fake.calls.filter(replyTo(before))).toEqual([]);
    expect(h.fake.calls.filter(replyTo(byRep))).toEqual([]);
    const row = await h.prisma.channelSetting.findFirst({ where: { tenantId: h.tenantId, channelRef: `discord:${h.fake.guild.channelId}` } });
    expect(row?.linkPreviews).toBe(true);
  });

  test("should answer a posted link with a compact embed read as the author, leaving out another server's record", async () => {
    const content = `Acme: ${BASE}/c/${acme.id} and the rival's ${BASE}/c/${otherServersCustomer}, order <${BASE}/o/${order}>`;
    const posted = h.fake.postUserMessage({ author: h.member.actor.user, content });
    const call = await h.fake.waitForCall(replyTo(posted.id as string));
    expect(call.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embeds = call.body.embeds as { title: string; url: string; fields: { name: string; value: string }[] }[];
    expect(embeds.map((embed) => [embed.title, embed.url])).toEqual([
      [`${acme.name}  #${acme.id}`, `${BASE}/c/${acme.id}`],
      [`Order ${order}`, `${BASE}/o/${order}`],
    ]);
    expect(embeds[0]!.fields.length).toBeLessThanOrEqual(6);
    expect(embeds[0]!.fields[0]!.name).toBe("Owner");
    expect(call.body.components ?? []).toEqual([]);
    // Read as Ana, the author: every record command ran with her identity.
    const reads = h.rapport.calls.filter((entry) => entry.fn === "runText" && /^(show #|order )/.test(entry.text));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((entry) => entry.fn === "runText" && entry.actor.userExternalId === h.member.actor.user.id)).toBe(true);
  });

  test("should write the embed in the author's language", async () => {
    await h.app.rapport.runText({ actor: actorOf(h.member), text: "settings language zh-TW" });
    const posted = h.fake.postUserMessage({ author: h.member.actor.user, content: `${BASE}/c/${acme.id}` });
    const call = await h.fake.waitForCall(replyTo(posted.id as string));
    expect(call.body.embeds[0].fields[0].name).toBe("負責業務");
    await h.app.rapport.runText({ actor: actorOf(h.member), text: "settings language auto" });
  });

  test("should ignore messages from bots and stop after `settings previews off`", async () => {
    const fromBot = h.fake.postUserMessage({ author: { id: "700000000000000001", username: "otherbot", bot: true }, content: `${BASE}/c/${acme.id}` });
    expect(await settings(h.admin, "off")).toContain("no longer get a preview");
    const afterOff = await postUnanswered(`${BASE}/c/${acme.id}`);
    expect(decided.at(-1)).toBe(false);
    expect(h.fake.calls.filter(replyTo(fromBot.id as string))).toEqual([]);
    expect(h.fake.calls.filter(replyTo(afterOff))).toEqual([]);
  });
});
