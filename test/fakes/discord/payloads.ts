/**
 * Gateway payloads shaped as Discord sends them (API v10), for the fake gateway and the tests.
 * Only what discord.js reads is filled in, but every required key is present.
 */
import { snowflake } from "./snowflake.js";
import { commands } from "../../../src/commands/index.js";
import { topLevelOf as adapterTopLevelOf } from "../../../src/adapters/discord/commands/slash-commands.js";

export const PERMISSIONS = {
  /** View channel + send messages + read history: an ordinary member. */
  member: (0x400n | 0x800n | 0x10000n).toString(),
  /** Manage Server (ManageGuild, 1 << 5) on top of the ordinary member permissions. */
  manager: (0x400n | 0x800n | 0x10000n | 0x20n).toString(),
} as const;

export type FakeUser = { id: string; username: string; global_name?: string | null; bot?: boolean };

export type FakeGuild = { id: string; name: string; channelId: string; ownerId: string };

export function apiUser(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    global_name: user.global_name ?? null,
    discriminator: "0",
    avatar: null,
    bot: user.bot ?? false,
    public_flags: 0,
  };
}

export function guildCreatePayload(guild: FakeGuild, botUser: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: "@everyone",
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: PERMISSIONS.member,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      { user: apiUser(botUser), roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    channels: [
      {
        id: guild.channelId,
        type: 0,
        guild_id: guild.id,
        name: "general",
        position: 0,
        permission_overwrites: [],
        topic: null,
        nsfw: false,
        last_message_id: null,
        rate_limit_per_user: 0,
        parent_id: null,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export type InteractionActor = {
  user: FakeUser;
  /** Guild member permissions bitfield as a decimal string (see PERMISSIONS). */
  permissions?: string;
  nick?: string | null;
};

export type InteractionContext = {
  applicationId: string;
  guild: FakeGuild;
  actor: InteractionActor;
  /** Defaults to a fresh snowflake; pass the same id twice to replay an interaction. */
  id?: string;
  /** The user's client language (`interaction.locale`); default "en-US". */
  locale?: string;
  /** The guild's preferred locale (`interaction.guild_locale`); default "en-US". */
  guildLocale?: string;
  token?: string;
};

function base(ctx: InteractionContext, type: number) {
  const id = ctx.id ?? snowflake();
  return {
    id,
    application_id: ctx.applicationId,
    type,
    token: ctx.token ?? `itok-${id}`,
    version: 1,
    guild_id: ctx.guild.id,
    guild: { id: ctx.guild.id, locale: "en-US", features: [] },
    channel_id: ctx.guild.channelId,
    channel: { id: ctx.guild.channelId, type: 0, guild_id: ctx.guild.id, name: "general", permissions: PERMISSIONS.member },
    member: {
      user: apiUser(ctx.actor.user),
      nick: ctx.actor.nick ?? null,
      avatar: null,
      roles: [],
      joined_at: "2024-01-01T00:00:00.000Z",
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      permissions: ctx.actor.permissions ?? PERMISSIONS.member,
    },
    app_permissions: PERMISSIONS.member,
    locale: ctx.locale ?? "en-US",
    guild_locale: ctx.guildLocale ?? "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": ctx.guild.id },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

export type SlashOption = { name: string; type: number; value: string | number; focused?: boolean };

/** The top-level command a registry command sits under on Discord (`/sales`, `/team`, `/crm-admin`), as the adapter registers it. */
function topLevelOf(subcommand: string): string {
  const command = commands.find((candidate) => candidate.name === subcommand);
  return command ? adapterTopLevelOf(command) : "crm";
}

/** `/crm <subcommand> option:value ...` (type 2, data.type 1, options nested under the subcommand). */
export function chatInputInteraction(
  ctx: InteractionContext,
  input: { commandId?: string; command?: string; subcommand: string; options?: SlashOption[] },
) {
  return {
    ...base(ctx, 2),
    data: {
      id: input.commandId ?? snowflake(),
      name: input.command ?? topLevelOf(input.subcommand),
      type: 1,
      guild_id: ctx.guild.id,
      options: [{ name: input.subcommand, type: 1, options: input.options ?? [] }],
    },
  };
}

/** Autocomplete (type 4): same shape as the command, one option carries `focused: true`. */
export function autocompleteInteraction(
  ctx: InteractionContext,
  input: { subcommand: string; options: SlashOption[] },
) {
  const { id: _ignored, ...rest } = chatInputInteraction(ctx, input);
  void _ignored;
  return { ...rest, id: ctx.id ?? snowflake(), type: 4 };
}

export type FakeMessage = { id: string; content: string; author: FakeUser; channelId: string };

export function apiMessage(message: FakeMessage, extra: Record<string, unknown> = {}) {
  return {
    id: message.id,
    channel_id: message.channelId,
    type: 0,
    content: message.content,
    author: apiUser(message.author),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    ...extra,
  };
}

/** Message context menu (type 2, data.type 3) with the target message in `resolved.messages`. */
export function messageContextInteraction(ctx: InteractionContext, input: { commandName: string; message: FakeMessage }) {
  return {
    ...base(ctx, 2),
    data: {
      id: snowflake(),
      name: input.commandName,
      type: 3,
      guild_id: ctx.guild.id,
      target_id: input.message.id,
      resolved: { messages: { [input.message.id]: apiMessage(input.message) } },
    },
  };
}

/** Button press (type 3, component_type 2) on a message the bot sent (`message` is that message). */
export function buttonInteraction(
  ctx: InteractionContext,
  input: { customId: string; message: Record<string, unknown> & { id: string }; ephemeral?: boolean },
) {
  return {
    ...base(ctx, 3),
    message: { ...input.message, flags: input.ephemeral ? 64 : 0 },
    data: { custom_id: input.customId, component_type: 2 },
  };
}

/** A channel as a modal's channel select resolves it (`data.resolved.channels`); type 0 is a text channel. */
export type PickedChannel = { id: string; name: string; type?: number };

export type ModalValue =
  | { customId: string; value: string }
  | { customId: string; values: string[] }
  | { customId: string; channels: PickedChannel[] }
  | { customId: string; users: FakeUser[] };

/** The submitted component inside a Label: its type, and `values` (ids for the pickers). */
function submittedComponent(field: ModalValue, id: number) {
  if ("value" in field) return { type: 4, id, custom_id: field.customId, value: field.value };
  if ("channels" in field) return { type: 8, id, custom_id: field.customId, values: field.channels.map((channel) => channel.id) };
  if ("users" in field) return { type: 5, id, custom_id: field.customId, values: field.users.map((user) => user.id) };
  return { type: 3, id, custom_id: field.customId, values: field.values };
}

/** What Discord resolves for the pickers: channels, and users with their guild members; absent when nothing was picked. */
function resolvedPicks(values: readonly ModalValue[]) {
  const channels = values.flatMap((field) => ("channels" in field ? field.channels : []));
  const users = values.flatMap((field) => ("users" in field ? field.users : []));
  const resolved: Record<string, Record<string, unknown>> = {};
  if (channels.length) {
    resolved.channels = Object.fromEntries(
      channels.map((channel) => [channel.id, { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions: PERMISSIONS.member }]),
    );
  }
  if (users.length) {
    resolved.users = Object.fromEntries(users.map((user) => [user.id, apiUser(user)]));
    resolved.members = Object.fromEntries(
      users.map((user) => [user.id, { nick: null, avatar: null, roles: [], joined_at: "2024-01-01T00:00:00.000Z", premium_since: null, flags: 0, pending: false, permissions: PERMISSIONS.member }]),
    );
  }
  return Object.keys(resolved).length ? { resolved } : {};
}

/**
 * Modal submit (type 5): Label (18) components wrapping a text input (4), a string select (3), a
 * user select (5) or a channel select (8); picked users and channels also in `data.resolved`.
 */
export function modalSubmitInteraction(ctx: InteractionContext, input: { customId: string; values: ModalValue[] }) {
  return {
    ...base(ctx, 5),
    data: {
      custom_id: input.customId,
      components: input.values.map((field, index) => ({ type: 18, id: index + 1, component: submittedComponent(field, 100 + index) })),
      ...resolvedPicks(input.values),
    },
  };
}
