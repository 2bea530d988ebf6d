/**
 * Discord conventions end to end (real discord.js against the fake Discord, the real core on
 * PGlite): /crm-admin registered for Manage Server only and answering, members picked with
 * Discord's user picker (USER option) and digest channels with its channel picker (CHANNEL option).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { buildDiscordCommands } from "../../../src/adapters/discord/index.js";
import { commands } from "../../../src/commands/index.js";
import { createDigestService } from "../../../src/digests/service.js";
import { createRecordingPoster } from "../../../src/digests/recording-poster.js";
import { chatInputInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

async function run(ctx: InteractionContext, subcommand: string, options: SlashOption[] = []) {
  const payload = chatInputInteraction(ctx, { subcommand, options });
  const interaction = h.fake.dispatchInteraction(payload);
  const call = await h.callback(interaction, 10_000);
  return { payload, data: call.body.data as { embeds?: unknown[]; content?: string } };
}

describe("Discord platform conventions on the real core", () => {
  beforeAll(async () => {
    h.app.useDigests(createDigestService({ store: h.app.digestStore, poster: createRecordingPoster(), sleep: async () => undefined }));
    // Ana uses Rapport once, so she is a member the admin can pick.
    await run(h.member, "find", [{ name: "text", type: 3, value: "acme" }]);
  });

  test("GIVEN the registered commands THEN /crm-admin carries Manage Server as its default permission", () => {
    const admin = buildDiscordCommands(commands).body.find((command) => command.name === "crm-admin") as { default_member_permissions?: string } | undefined;
    expect(admin?.default_member_permissions).toBe("32");
  });

  test("GIVEN /crm-admin role with a USER option THEN the picked member's role changes", async () => {
    const { payload, data } = await run(h.admin, "role", [
      { name: "member", type: 6, value: h.member.actor.user.id },
      { name: "role", type: 3, value: "manager" },
    ]);
    expect(payload.data.name).toBe("crm-admin");
    expect(JSON.stringify(data)).not.toMatch(/No member|out of date/i);
    const ana = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    expect(ana.role).toBe("manager");
  });

  test("GIVEN /crm-admin digest add with a CHANNEL option THEN the subscription posts to that channel", async () => {
    const { payload, data } = await run(h.admin, "digest", [
      { name: "action", type: 3, value: "add" },
      { name: "kind", type: 3, value: "followups" },
      { name: "channel", type: 7, value: h.fake.guild.channelId },
      { name: "time", type: 3, value: "08:30" },
    ]);
    expect(payload.data.name).toBe("crm-admin");
    expect(JSON.stringify(data)).not.toMatch(/not a channel/i);
    const added = await h.prisma.digestSubscription.findFirst({ where: { tenantId: h.tenantA.id }, orderBy: { id: "desc" } });
    expect(added?.channelRef).toBe(`discord:${h.fake.guild.channelId}`);
  });

  test("GIVEN a member without the role THEN the core still refuses /crm-admin role (a server may show it to them)", async () => {
    const rep: InteractionContext = { ...h.member, actor: { user: { id: "500000000000000077", username: "rex", global_name: "Rex Rep" }, permissions: h.member.actor.permissions } };
    const { data } = await run(rep, "role", [
      { name: "member", type: 6, value: h.member.actor.user.id },
      { name: "role", type: 3, value: "admin" },
    ]);
    expect(JSON.stringify(data)).toMatch(/admin/i);
    const ana = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    expect(ana.role).not.toBe("admin");
  });
});
