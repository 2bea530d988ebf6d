/**
 * The digest posting port (src/digests/poster.ts) on Discord, over REST only (no gateway needed).
 *
 * Retries are the scheduler's business, so this path uses its own @discordjs/rest instance with
 * `retries: 0` (by default it retries 5xx, timeouts and connection resets up to 3 times, POSTs
 * included, which could post a digest twice) and `rejectOnRateLimit` (by default it waits out a 429
 * and sends again; here the 429 surfaces as PostError.rateLimited with Discord's Retry-After).
 *
 * Idempotency: the marker travels as the message `nonce` (with `enforce_nonce`, Discord drops a
 * second message with the same nonce from the bot for a few minutes) and in the last embed's footer,
 * which `findPosted` looks for in the channel's recent history (the oldest copy wins; `delete`
 * withdraws a newer duplicate left by a process that stalled past its lease).
 *
 * One bot token serves every guild, so the tenant (guild id) does not choose a token here; it is
 * checked against the channel's guild where the channel is fetched anyway.
 */
import { createHash } from "node:crypto";
import {
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  PermissionsBitField,
  RateLimitError,
  REST,
  Routes,
  type APIChannel,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord.js";
import type { Reply } from "../../core/reply.js";
import { PostError, type CanPostResult, type DigestPoster } from "../../digests/poster.js";
import type { DiscordConfig } from "./config.js";
import { silentLogger, type Logger } from "../../core/logger.js";
import { createButtonCodec, type ButtonCodec } from "./render/button-codec.js";
import { DISCORD_LIMITS as L } from "./render/limits.js";
import { FOOTER_SEPARATOR, renderReply, restUpload } from "./render/render-reply.js";
import { englishOf } from "../../core/i18n/localized-messages.js";

export type DiscordDigestPosterInput = {
  config: Pick<DiscordConfig, "token" | "apiUrl">;
  logger?: Logger;
  /** The running bot's codec (`bot.codec`), so long button payloads parked here decode there. */
  codec?: ButtonCodec;
  /** A request taking longer is abandoned and reported as "maybe posted" (default 15 000 ms). */
  timeoutMs?: number;
  /** How far back `findPosted` looks (default one day). */
  lookbackMs?: number;
  now?: () => number;
};

/** Channel types digests post into: text and announcement channels. */
const POSTABLE_CHANNEL_TYPES = new Set([0, 5]);
/** As src/commands/digest.ts writes them (Discord snowflakes are 17-20 digits today). */
const CHANNEL_REF = /^discord:(\d{15,25})$/;
const DISCORD_EPOCH = 1420070400000n;
/** findPosted reads at most this many pages of 100 messages. */
const MAX_HISTORY_PAGES = 10;

/** Everything a digest post needs, checked up front so the first post does not fail on a 403. */
const REQUIRED = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages", PermissionFlagsBits.SendMessages],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
  ["Read Message History", PermissionFlagsBits.ReadMessageHistory],
] as const;

/** Discord nonces are at most 25 characters: longer markers travel as a digest of themselves. */
export function markerNonce(marker: string): string {
  return marker.length <= 25 ? marker : createHash("sha256").update(marker).digest("base64url").slice(0, 25);
}

export function parseChannelRef(channelRef: string): string | undefined {
  return channelRef.match(CHANNEL_REF)?.[1];
}

function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

const NOT_POSTED_NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A REST failure as a PostError the scheduler can act on. */
export function toDiscordPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof RateLimitError) {
    return PostError.rateLimited(Math.max(0, Math.ceil(Math.max(error.retryAfter, error.timeToReset, error.sublimitTimeout))));
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 429) return PostError.rateLimited(1_000);
    if (error.status >= 500) return PostError.server(error.status);
    // 403 Missing Access / Missing Permissions, 404 Unknown Channel, 400 invalid body, 401 bad token.
    return PostError.fatal(`discord_${error.code}`, `Discord refused the message (${error.status} ${error.code}): ${error.message}`);
  }
  if (error instanceof HTTPError) {
    return error.status >= 500 ? PostError.server(error.status) : PostError.fatal(`http_${error.status}`, error.message);
  }
  if (error instanceof Error && error.name === "AbortError") return PostError.lostResponse();
  const code = networkCode(error);
  if (code && NOT_POSTED_NETWORK_CODES.has(code)) {
    return new PostError("network", `Discord could not be reached (${code})`, { retryable: true, cause: error });
  }
  if (error instanceof TypeError || code) {
    // The request may have reached Discord: connection reset / closed before the answer.
    const lost = PostError.lostResponse();
    return new PostError(lost.code, `${lost.message}${code ? ` (${code})` : ""}`, { retryable: true, maybePosted: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PostError("unexpected", message, { retryable: true, maybePosted: true, cause: error });
}

/**
 * The bot's permissions in a guild channel, computed like Discord does: the @everyone role and the
 * bot's roles, Administrator grants everything, then the @everyone, role and member overwrites.
 */
export function channelPermissions(input: {
  guildId: string;
  botUserId: string;
  memberRoleIds: readonly string[];
  roles: readonly Pick<APIRole, "id" | "permissions">[];
  overwrites: readonly { id: string; type: number; allow: string; deny: string }[];
}): PermissionsBitField {
  const mine = new Set(input.memberRoleIds);
  let base = 0n;
  for (const role of input.roles) if (role.id === input.guildId || mine.has(role.id)) base |= BigInt(role.permissions);
  if (base & PermissionFlagsBits.Administrator) return new PermissionsBitField(PermissionsBitField.All);
  const everyone = input.overwrites.find((o) => o.id === input.guildId);
  if (everyone) base = (base & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && mine.has(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  base = (base & ~deny) | allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.botUserId);
  if (member) base = (base & ~BigInt(member.deny)) | BigInt(member.allow);
  return new PermissionsBitField(base);
}

export function createDiscordDigestPoster(input: DiscordDigestPosterInput): DigestPoster {
  const logger = (input.logger ?? silentLogger).child({ component: "discord-digest-poster" });
  const codec = input.codec ?? createButtonCodec();
  const now = input.now ?? Date.now;
  const lookbackMs = input.lookbackMs ?? 24 * 60 * 60 * 1000;
  const rest = new REST({
    version: "10",
    ...(input.config.apiUrl ? { api: input.config.apiUrl } : {}),
    retries: 0,
    rejectOnRateLimit: () => true,
    offset: 0,
    timeout: input.timeoutMs ?? 15_000,
  }).setToken(input.config.token);

  let botUserId: string | undefined;
  async function botId(): Promise<string> {
    botUserId ??= ((await rest.get(Routes.user())) as APIUser).id;
    return botUserId;
  }

  type Inspection = { ok: true; channel: APIChannel & { guild_id: string }; missing: string[] } | { ok: false; reason: string };

  /** The channel and what the bot lacks there. Refusals (403/404) are answers; other failures throw. */
  async function inspect(channelId: string): Promise<Inspection> {
    let channel: APIChannel;
    try {
      channel = (await rest.get(Routes.channel(channelId))) as APIChannel;
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403)) {
        return { ok: false, reason: error.status === 404 ? englishOf("posters.discord.noSuchChannel") : englishOf("posters.discord.cannotSee") };
      }
      throw toDiscordPostError(error);
    }
    if (!("guild_id" in channel) || !channel.guild_id) return { ok: false, reason: englishOf("posters.discord.notServerChannel") };
    if (!POSTABLE_CHANNEL_TYPES.has(channel.type)) {
      return { ok: false, reason: englishOf("posters.discord.wrongType") };
    }
    const guildId = channel.guild_id;
    const me = await botId();
    const [member, roles] = (await Promise.all([rest.get(Routes.guildMember(guildId, me)), rest.get(Routes.guildRoles(guildId))])) as [APIGuildMember, APIRole[]];
    const permissions = channelPermissions({
      guildId,
      botUserId: me,
      memberRoleIds: member.roles,
      roles,
      overwrites: "permission_overwrites" in channel ? (channel.permission_overwrites ?? []) : [],
    });
    const missing = REQUIRED.filter(([, flag]) => !permissions.has(flag, true)).map(([name]) => name);
    return { ok: true, channel: channel as APIChannel & { guild_id: string }, missing };
  }

  return {
    async canPost(channelRef, { tenantExternalId }): Promise<CanPostResult> {
      const channelId = parseChannelRef(channelRef);
      if (!channelId) return { ok: false, external: false, reason: englishOf("posters.discord.reference") };
      try {
        const found = await inspect(channelId);
        if (!found.ok) return { ok: false, external: false, reason: found.reason };
        const channelName = "name" in found.channel && found.channel.name ? `#${found.channel.name}` : channelId;
        // A guild is a tenant: a channel of another server never gets this tenant's digest.
        if (found.channel.guild_id !== tenantExternalId) return { ok: false, external: false, reason: englishOf("posters.discord.otherServer"), channelName };
        if (found.missing.length) return { ok: false, external: false, reason: englishOf("posters.discord.needs", { permissions: found.missing.join(", "), channel: channelName }), channelName };
        return { ok: true, external: false, channelName };
      } catch (error) {
        const failure = toDiscordPostError(error);
        logger.warn({ err: failure, channelRef }, "discord channel check failed");
        return { ok: false, external: false, reason: englishOf("posters.discord.askFailed", { error: failure.message }) };
      }
    },

    async post(channelRef, reply: Reply, { idempotencyMarker }) {
      const channelId = parseChannelRef(channelRef);
      if (!channelId) throw PostError.fatal("channel_not_found", `Not a Discord channel ref: ${channelRef}`);
      const message = renderReply({ ...reply, visibility: "channel" }, codec, { footerSuffix: idempotencyMarker });
      // Mentions in embeds never notify; the owners named by the digest are pinged from `content`,
      // and allowed_mentions lets exactly those users through (no @everyone, roles or others).
      const users: string[] = [];
      let content = "";
      for (const id of message.mentionedUserIds ?? []) {
        const next = `${content ? `${content} ` : ""}<@${id}>`;
        if (next.length > L.content) break;
        content = next;
        users.push(id);
      }
      const upload = restUpload(message);
      const body: RESTPostAPIChannelMessageJSONBody = {
        ...(content ? { content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: users.length ? { parse: [], users } : { parse: [] },
        nonce: markerNonce(idempotencyMarker),
        enforce_nonce: true,
        ...(upload.attachments ? { attachments: upload.attachments } : {}),
      };
      try {
        const sent = (await rest.post(Routes.channelMessages(channelId), { body, ...(upload.files ? { files: upload.files } : {}) })) as APIMessage;
        return { messageId: sent.id };
      } catch (error) {
        const failure = toDiscordPostError(error);
        logger.warn({ err: failure, code: failure.code, channelRef, marker: idempotencyMarker }, "discord digest post failed");
        throw failure;
      }
    },

    async postDirect(userRef, reply: Reply) {
      const userId = /^discord:(\d{15,25})$/.exec(userRef)?.[1];
      if (!userId) throw PostError.fatal("bad_user_ref", `Not a Discord user ref: ${userRef}`);
      const message = renderReply({ ...reply, visibility: "channel" }, codec);
      try {
        // The bot's DM channel with the user (created on first use, the same one afterwards), then the message.
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
        const body: RESTPostAPIChannelMessageJSONBody = { embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
        const sent = (await rest.post(Routes.channelMessages(dm.id), { body })) as APIMessage;
        return { messageId: sent.id };
      } catch (error) {
        const failure = toDiscordPostError(error);
        logger.warn({ err: failure, code: failure.code, userRef }, "discord direct message failed");
        throw failure;
      }
    },

    async findPosted(channelRef, marker, { tenantExternalId }) {
      const channelId = parseChannelRef(channelRef);
      if (!channelId) throw PostError.fatal("channel_not_found", `Not a Discord channel ref: ${channelRef}`);
      // Without Read Message History Discord answers an empty list, which must not read as "not posted".
      const found = await inspect(channelId).catch((error: unknown) => {
        throw toDiscordPostError(error);
      });
      if (!found.ok) throw PostError.fatal("history_unreadable", found.reason);
      if (found.channel.guild_id !== tenantExternalId) throw PostError.fatal("wrong_guild", `${channelRef} belongs to another Discord server.`);
      if (found.missing.includes("Read Message History") || found.missing.includes("View Channel")) {
        throw PostError.fatal("history_unreadable", `Rapport cannot read the history of ${channelRef}.`);
      }
      const me = await botId();
      const since = now() - lookbackMs;
      // Pages come newest first: the last match seen is the oldest copy.
      let oldestCopy: string | null = null;
      let before: string | undefined;
      for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
        let batch: APIMessage[];
        try {
          batch = (await rest.get(Routes.channelMessages(channelId), {
            query: new URLSearchParams({ limit: "100", ...(before ? { before } : {}) }),
          })) as APIMessage[];
        } catch (error) {
          throw toDiscordPostError(error);
        }
        for (const message of batch) {
          if (message.author.id !== me) continue;
          const carries = message.embeds.some((embed) => embed.footer?.text.split(FOOTER_SEPARATOR).includes(marker));
          if (carries) oldestCopy = message.id;
        }
        const oldest = batch.at(-1);
        if (batch.length < 100 || !oldest || snowflakeTime(oldest.id) < since) return oldestCopy;
        before = oldest.id;
      }
      // A copy was seen, so it was posted (an older one further back would only stay a duplicate).
      if (oldestCopy) return oldestCopy;
      // Busier than ten pages a day: cannot tell for sure.
      throw PostError.fatal("history_too_long", `More than ${MAX_HISTORY_PAGES * 100} messages in ${channelRef} since the digest could have been posted.`);
    },

    async delete(channelRef, messageId) {
      const channelId = parseChannelRef(channelRef);
      if (!channelId) throw PostError.fatal("channel_not_found", `Not a Discord channel ref: ${channelRef}`);
      try {
        await rest.delete(Routes.channelMessage(channelId, messageId));
      } catch (error) {
        // 10008 Unknown Message: already gone (another process removed the same duplicate).
        if (error instanceof DiscordAPIError && error.code === 10008) return;
        throw toDiscordPostError(error);
      }
    },
  };
}
