/**
 * People known before first use on Discord, end to end: the real bot (discord.js, Server Members
 * intent) against the fake Discord and the real core (PGlite, demo data). The server's members
 * are synced at start (bots skipped), a member who joins is assignable before typing anything,
 * one who leaves is inactive (not deleted) and cannot be given customers, and `sync` brings the
 * list in on demand for admins.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/index.js";
import { startFakeDiscord, type FakeDiscord, type FakeGuildMember } from "../../fakes/discord/fake-discord.js";
import { chatInputInteraction, type SlashOption } from "../../fakes/discord/payloads.js";
import { guildMembers, memoryLogger, startDemoCore } from "./harness.js";

const LIN: FakeGuildMember = { user: { id: "600000000000000001", username: "lin", global_name: "Lin Wei" } };
const KIM: FakeGuildMember = { user: { id: "600000000000000002", username: "kim", global_name: "Kim Soo" }, nick: "Soo (Seoul)" };
const HELPER_BOT: FakeGuildMember = { user: { id: "600000000000000003", username: "helper", bot: true } };
const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });

describe("people sync on Discord (real core, fake Discord)", () => {
  let fake: FakeDiscord;
  let app: App;
  let tenantId: number;
  let bot: DiscordBot;
  let admin: ReturnType<typeof guildMembers>["admin"];
  let member: ReturnType<typeof guildMembers>["member"];

  const row = (externalId: string) => app.database.prisma.member.findUnique({ where: { tenantId_externalId: { tenantId, externalId } } });
  async function run(ctx: typeof admin, subcommand: string, options: SlashOption[] = []): Promise<string> {
    const interaction = fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand, options }));
    const call = await fake.waitForCall((recorded) => recorded.method === "POST" && recorded.path.startsWith(`/interactions/${interaction.id}/`), 20_000);
    return JSON.stringify(call.body);
  }

  beforeAll(async () => {
    const placeholder = await startFakeDiscord();
    ({ admin, member } = guildMembers(placeholder));
    await placeholder.close();
    fake = await startFakeDiscord({ members: [{ user: admin.actor.user }, { user: member.actor.user }, LIN, HELPER_BOT] });
    ({ admin, member } = guildMembers(fake));
    ({ app, tenantId } = await startDemoCore(admin));
    bot = createDiscordBot({
      api: app.rapport,
      config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, membersIntent: true },
      logger: memoryLogger(),
      options: { loginBaseDelayMs: 20, deferAfterMs: 20_000 },
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await app?.close();
  });

  test("the bot asks for the Server Members intent and syncs the server at start, skipping bots", async () => {
    await expect.poll(async () => (await row(LIN.user.id))?.displayName, { interval: 100, timeout: 20_000 }).toBe("Lin Wei");
    expect(fake.sessionIntents().some((intents) => (intents & (1 << 1)) !== 0)).toBe(true);
    expect(fake.calls.some((call) => call.method === "GET" && /\/guilds\/\d+\/members$/.test(call.path))).toBe(true);
    const lin = await row(LIN.user.id);
    expect({ role: lin?.role, active: lin?.active, synced: lin?.syncedAt !== null }).toEqual({ role: "rep", active: true, synced: true });
    expect(await row(HELPER_BOT.user.id)).toBeNull();
  });

  test("a member who joins is assignable before their first command", async () => {
    fake.addMember(KIM);
    await expect.poll(async () => (await row(KIM.user.id))?.displayName, { interval: 50, timeout: 10_000 }).toBe("Soo (Seoul)");
    const text = await run(admin, "assign", [opt("customer", "globex"), opt("member", "Soo (Seoul)")]);
    expect(text).toContain("Globex Corporation now belongs to Soo (Seoul)");
  });

  test("a member who leaves is inactive, keeps their customers, and cannot be given more", async () => {
    fake.removeMember(KIM.user.id);
    await expect.poll(async () => (await row(KIM.user.id))?.active, { interval: 50, timeout: 10_000 }).toBe(false);
    const kim = await row(KIM.user.id);
    expect(await app.database.prisma.customer.count({ where: { tenantId, ownerId: kim!.id } })).toBe(1);
    const text = await run(admin, "assign", [opt("customer", "acme"), opt("member", "Soo (Seoul)")]);
    expect(text).toContain("Soo (Seoul) is inactive here");
    expect(await app.rapport.pick({ actor: { platform: "discord", tenantExternalId: fake.guild.id, userExternalId: admin.actor.user.id }, kind: "member", query: "Soo", limit: 5 })).toEqual([]);
  });

  test("sync on demand: admins only; it reads the whole list, so a member gone while the bot was away is marked left", async () => {
    const refused = await run(member, "sync");
    expect(refused).toContain("admin");
    // Lin leaves while no event reaches the bot (the fake forgets them without dispatching).
    fake.removeMemberSilently(LIN.user.id);
    const text = await run(admin, "sync");
    expect(text).toContain("People synced");
    expect((await row(LIN.user.id))?.active).toBe(false);
  });
});
