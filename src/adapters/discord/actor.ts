import { GatewayIntentBits, PermissionFlagsBits, type BaseInteraction } from "discord.js";
import { listGuildPeople } from "./people.js";
import type { Actor } from "../../core/actor.js";

/**
 * The acting member. A guild is a tenant; the user id is the member; Manage Server (or Administrator)
 * makes a Rapport admin. Only for interactions inside a guild.
 */
export function actorFromInteraction(interaction: BaseInteraction & { guildId: string }): Actor {
  const member = interaction.member;
  const memberName = member ? ("displayName" in member ? member.displayName : (member.nick ?? undefined)) : undefined;
  const displayName = memberName ?? interaction.user.globalName ?? interaction.user.username;
  const guild = interaction.guild;
  return {
    platform: "discord",
    tenantExternalId: interaction.guildId,
    ...(interaction.guild?.name ? { tenantName: interaction.guild.name } : {}),
    userExternalId: interaction.user.id,
    ...(interaction.channelId ? { channelRef: `discord:${interaction.channelId}` } : {}),
    // `sync` on demand: the server's members, where the bot has the Server Members intent.
    ...(guild && interaction.client.options.intents.has(GatewayIntentBits.GuildMembers) ? { listPeople: () => listGuildPeople(guild) } : {}),
    profile: {
      displayName,
      ...(interaction.locale ? { locale: interaction.locale } : {}),
      ...(interaction.guildLocale ? { workspaceLocale: interaction.guildLocale } : {}),
      isPlatformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    },
  };
}
