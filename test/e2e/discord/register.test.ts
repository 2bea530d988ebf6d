import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDiscordCommands, registerDiscordCommands } from "../../../src/adapters/discord/index.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { commands } from "../../../src/commands/index.js";
import { topLevelOf } from "../../../src/adapters/discord/commands/slash-commands.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
});

describe("rapport discord register", () => {
  test("should PUT the registry-derived commands globally", async () => {
    const result = await registerDiscordCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, commands: commands });
    expect(result.scope).toBe("global");
    expect(result.registered.map((c) => c.name)).toEqual(["crm", "sales", "team", "crm-admin", "Log to CRM", "Find in CRM", "Order status"]);
    const put = fake.calls.find((c) => c.method === "PUT" && c.path === `/applications/${fake.applicationId}/commands`)!;
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    expect(put.body).toEqual(buildDiscordCommands(commands).body);
    const subcommandsOf = (index: number) => put.body[index].options.map((o: { name: string }) => o.name);
    expect(subcommandsOf(0)).toEqual(commands.filter((c) => topLevelOf(c) === "crm").map((c) => c.name));
    expect(subcommandsOf(1)).toEqual(commands.filter((c) => topLevelOf(c) === "sales").map((c) => c.name));
    expect(subcommandsOf(2)).toEqual(commands.filter((c) => topLevelOf(c) === "team").map((c) => c.name));
    expect(subcommandsOf(3)).toEqual(commands.filter((c) => topLevelOf(c) === "crm-admin").map((c) => c.name));
    expect(subcommandsOf(3)).toEqual(expect.arrayContaining(["merge", "role", "handover", "digest"]));
    // Only /crm-admin is hidden from members without Manage Server (bit 0x20).
    expect(put.body.map((c: { default_member_permissions?: string }) => c.default_member_permissions)).toEqual([undefined, undefined, undefined, "32", undefined, undefined, undefined]);
  });

  test("should PUT per guild with --guild, surviving a 429 with retry_after", async () => {
    fake.injectFault({ method: "PUT", path: /\/guilds\/\d+\/commands$/, status: 429, retryAfter: 0.1 });
    const result = await registerDiscordCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      guildId: fake.guild.id,
      commands: commands,
    });
    expect(result.scope).toEqual({ guildId: fake.guild.id });
    expect(fake.guildCommands.get(fake.guild.id)?.map((c) => c.name)).toEqual(["crm", "sales", "team", "crm-admin", "Log to CRM", "Find in CRM", "Order status"]);
    const puts = fake.calls.filter((c) => c.method === "PUT" && c.path.includes("/guilds/"));
    expect(puts.map((c) => c.status)).toEqual([429, 200]);
  });

  test("should fail with a 401 on a wrong token", async () => {
    await expect(
      registerDiscordCommands({ token: "nope", applicationId: fake.applicationId, apiUrl: fake.apiUrl, commands: commands }),
    ).rejects.toThrow(/401|Unauthorized/);
  });
});
