/**
 * People known before first use, Discord side: a server's members (the privileged Server Members
 * intent) -> RapportApi.syncPeople. The whole list at start and when the bot joins a server
 * (REST List Guild Members, 1,000 a page), and one person on guildMemberAdd / guildMemberUpdate /
 * guildMemberRemove. Bots are skipped; someone who left is marked inactive, never deleted.
 */
import type { Client, Guild, GuildMember, PartialGuildMember } from "discord.js";
import type { Logger } from "../../core/logger.js";
import type { PlatformPerson } from "../../core/people-sync.js";
import type { RapportApi } from "../../core/service-api.js";

const PAGE = 1_000;
/** A server of a million members is 1,000 pages; past this something loops. */
const MAX_PAGES = 1_000;

/** A member as Rapport keeps them, or null for bots. Discord tells bots no email, zone or guest flag. */
export function discordPerson(member: GuildMember | PartialGuildMember, gone = false): PlatformPerson | null {
  if (!member.user || member.user.bot) return null;
  const displayName = member.nickname ?? member.user.globalName ?? member.user.username ?? member.id;
  return { externalId: member.id, displayName, gone };
}

/** Everyone in the server, page by page; `complete`: a member missing from it has left. */
export async function listGuildPeople(guild: Guild): Promise<{ people: PlatformPerson[]; complete: boolean }> {
  const people: PlatformPerson[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const members = await guild.members.list({ limit: PAGE, ...(after ? { after } : {}), cache: false });
    for (const member of members.values()) {
      const person = discordPerson(member);
      if (person) people.push(person);
    }
    if (members.size < PAGE) break;
    after = members.lastKey();
  }
  return { people, complete: true };
}

/** Wires the member events and the full syncs (ready, guildCreate) to the core. */
export function registerPeopleSync(client: Client, options: { api: RapportApi; logger: Logger }): void {
  const logger = options.logger.child({ component: "people-sync" });
  const sync = options.api.syncPeople?.bind(options.api);
  if (!sync) return;

  const syncGuild = async (guild: Guild) => {
    try {
      const { people, complete } = await listGuildPeople(guild);
      const summary = await sync({ platform: "discord", tenantExternalId: guild.id, tenantName: guild.name, people, complete });
      logger.info({ guildId: guild.id, ...summary }, "Discord server's people synced");
    } catch (error) {
      logger.error({ err: error, guildId: guild.id }, "Could not sync the server's people; member events still update them");
    }
  };
  const syncOne = (member: GuildMember | PartialGuildMember, gone: boolean) => {
    const person = discordPerson(member, gone);
    if (!person) return;
    sync({ platform: "discord", tenantExternalId: member.guild.id, people: [person] }).catch((error: unknown) =>
      logger.error({ err: error, guildId: member.guild.id, userId: member.id }, "Could not sync a server member"),
    );
  };

  client.once("clientReady", (ready) => {
    void (async () => {
      for (const guild of ready.guilds.cache.values()) await syncGuild(guild);
    })();
  });
  client.on("guildCreate", (guild) => void syncGuild(guild));
  client.on("guildMemberAdd", (member) => syncOne(member, false));
  client.on("guildMemberUpdate", (_before, member) => syncOne(member, false));
  client.on("guildMemberRemove", (member) => syncOne(member, true));
}
