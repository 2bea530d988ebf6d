/**
 * Tasks on Discord end to end: `/crm task` through discord.js and the fake Discord to the real
 * core (PGlite, demo data), and the morning reminder sent as a direct message through the real
 * Discord poster (REST: open the DM channel, then post in it).
 */
import { describe, expect, test } from "vitest";
import { createDiscordDigestPoster } from "../../../src/adapters/discord/index.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { chatInputInteraction, type SlashOption } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();
const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });

describe("tasks on Discord (real core, fake Discord)", () => {
  test("/crm task add writes a task for the member who typed it", async () => {
    const interaction = h.fake.dispatchInteraction(
      chatInputInteraction(h.member, { subcommand: "task", options: [opt("action", "add"), opt("customer", "lumiere"), opt("date", "2026-11-23"), opt("text", "Taste the new menu")] }),
    );
    const call = await h.callback(interaction, 10_000);
    expect(call.body.data.embeds[0].title).toMatch(/^Task #\d+ added for Café Lumière SARL: Taste the new menu$/);
    const task = await h.prisma.task.findFirstOrThrow({ where: { tenantId: h.tenantA.id, text: "Taste the new menu" } });
    const ana = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    expect(task.assigneeId).toBe(ana.id);
  });

  test("the morning reminder reaches the member in a direct message, once", async () => {
    const poster = createRoutingPoster({ discord: createDiscordDigestPoster({ config: { token: h.fake.token, apiUrl: h.fake.apiUrl } }) });
    const scheduler = createAlertScheduler({ store: createAlertDeliveryStore(h.prisma), poster });
    const ana = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    const at = new Date(`2026-11-23T08:31:00Z`); // Monday 08:31 in Ana's zone
    expect(ana.timeZone).toBe("UTC");
    await scheduler.tick(at);
    await scheduler.tick(new Date("2026-11-23T08:40:00Z"));
    const dm = h.fake.directChannel(h.member.actor.user.id);
    expect(dm).toBeDefined();
    const sent = [...h.fake.messages.values()].filter((message) => message.channel_id === dm!.id);
    expect(sent).toHaveLength(1);
    const text = JSON.stringify(sent[0]!.embeds);
    expect(text).toContain("Good morning, Ana Rep: 1 task due today or overdue");
    expect(text).toContain("Taste the new menu · Café Lumière SARL");
  });
});
