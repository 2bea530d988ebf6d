/**
 * The Discord bot: a discord.js gateway Client (intent Guilds; with RAPPORT_PUBLIC_URL also GuildMessages and
 * MessageContent, to preview posted record links) whose interactions are turned into
 * RapportApi calls. Only this folder imports discord.js; the core sees Actors and Replies.
 */
import { Client, GatewayIntentBits, MessageFlags, RESTEvents, Routes, type Interaction } from "discord.js";
import { admitAll, type Admission } from "../../core/admission.js";
import type { CommandDefinition } from "../../core/command.js";
import { reply as replies, type Reply } from "../../core/reply.js";
import type { RapportApi } from "../../core/service-api.js";
import type { PlatformApiObserver } from "../../core/platform-api-events.js";
import { buildDiscordCommands } from "./commands/slash-commands.js";
import type { DiscordConfig } from "./config.js";
import { handleAutocomplete } from "./handlers/autocomplete.js";
import { handleButton } from "./handlers/button.js";
import { handleChatInput } from "./handlers/chat-input.js";
import { handleMessageContext } from "./handlers/message-context.js";
import { handleMessageCreate } from "./handlers/message-create.js";
import { handleModalSubmit } from "./handlers/modal-submit.js";
import { registerPeopleSync } from "./people.js";
import { handleTimeZoneChoice, TIMEZONE_SELECT_ID } from "./timezone-question.js";
import { SettledMembers } from "./settled-members.js";
import { loginWithBackoff, type SessionStartLimit } from "./login.js";
import type { Logger } from "../../core/logger.js";
import { createButtonCodec, type ButtonCodec } from "./render/button-codec.js";
import { renderReply, restUpload } from "./render/render-reply.js";
import { answerNotice, type HandlerContext } from "./respond.js";
import { platformTranslator } from "./platform-locale.js";
import { newErrorId } from "../../core/apology.js";

export type CreateDiscordBotInput = {
  api: RapportApi;
  config: DiscordConfig;
  logger: Logger;
  /**
   * Bounds the work taken on (shared with the other platforms: they use one database pool); a
   * refused interaction is answered "busy, try again" at once. Default: everything is admitted.
   */
  admission?: Admission;
  /**
   * RAPPORT_PUBLIC_URL: record links posted in channels with `settings previews on` get an embed.
   * Set, the bot also asks for the GuildMessages and the privileged MessageContent intents.
   */
  publicUrl?: string;
  options?: {
    /** Defer when the api takes longer than this (default 2000 ms; Discord allows 3000). */
    deferAfterMs?: number;
    /** Autocomplete answers with no choices rather than late (default 2000 ms). */
    autocompleteTimeoutMs?: number;
    /** Login retry backoff (defaults 1 s doubling to 5 min). */
    loginBaseDelayMs?: number;
    loginMaxDelayMs?: number;
    loginMaxAttempts?: number;
    /** Share: how long copying the reply's files may take before it is shared without them (default 15 s). */
    shareDownloadTimeoutMs?: number;
    /** Told about rate limits and failed REST calls (metrics). */
    onApiEvent?: PlatformApiObserver;
  };
};

export type DiscordBot = {
  readonly client: Client;
  /** Decodes the buttons of messages posted elsewhere (digests): pass it to createDiscordDigestPoster. */
  readonly codec: ButtonCodec;
  /** Log in (with backoff) and resolve once the gateway session is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Post a reply into a channel (digests, reminders), mentions disabled. Returns the message id. */
  postToChannel(channelId: string, reply: Reply): Promise<{ messageId: string }>;
};

/** Interaction ids seen recently: a replayed INTERACTION_CREATE (gateway resume) is dropped. */
function createSeenSet(ttlMs: number, maxEntries: number) {
  const seen = new Map<string, number>();
  return {
    /** True the first time an id is offered within the ttl. */
    claim(id: string, now = Date.now()): boolean {
      const expiresAt = seen.get(id);
      if (expiresAt !== undefined && expiresAt > now) return false;
      seen.delete(id);
      seen.set(id, now + ttlMs);
      while (seen.size > maxEntries) {
        const oldest = seen.keys().next().value;
        if (oldest === undefined) break;
        seen.delete(oldest);
      }
      return true;
    },
  };
}

export function createDiscordBot(input: CreateDiscordBotInput): DiscordBot {
  const { api, config } = input;
  const logger = input.logger.child({ component: "discord" });
  const options = input.options ?? {};
  const commandSet = buildDiscordCommands(api.commands);
  if (commandSet.skipped.length) logger.warn({ skipped: commandSet.skipped }, "commands beyond Discord's limits are not exposed");
  const byName = new Map<string, CommandDefinition>(api.commands.map((command) => [command.name, command]));
  const codec = createButtonCodec();
  const seen = createSeenSet(20 * 60_000, 50_000);

  const ctx: HandlerContext = {
    api,
    admission: input.admission ?? admitAll(),
    codec,
    commandSet,
    logger,
    deferAfterMs: options.deferAfterMs ?? 2_000,
    autocompleteTimeoutMs: options.autocompleteTimeoutMs ?? 2_000,
    findCommand: (name) => byName.get(name),
    // Discord's CDN is always trusted; a REST override (proxy, local fake) serves its own attachment URLs.
    attachmentOrigins: config.apiUrl ? [new URL(config.apiUrl).origin] : [],
    shareDownloadTimeoutMs: options.shareDownloadTimeoutMs ?? 15_000,
    timeZoneSettled: new SettledMembers(),
  };

  async function route(interaction: Interaction): Promise<void> {
    if (!seen.claim(interaction.id)) {
      logger.warn({ interactionId: interaction.id }, "replayed interaction ignored");
      return;
    }
    if (!interaction.inGuild()) {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) {
        const { embeds } = renderReply(replies.error("guild_only", platformTranslator(interaction)("surface.guildOnly")), codec);
        await interaction.reply({ embeds, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
      }
      return;
    }
    if (interaction.isChatInputCommand()) {
      if (commandSet.topLevel.has(interaction.commandName)) await handleChatInput(interaction, ctx);
      else await answerNotice(interaction, ctx, replies.error("unknown_command", platformTranslator(interaction)("surface.unknownCommand")));
    } else if (interaction.isAutocomplete()) {
      await handleAutocomplete(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      await handleMessageContext(interaction, ctx);
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx);
    } else if (interaction.isModalSubmit()) {
      await handleModalSubmit(interaction, ctx);
    } else if (interaction.isStringSelectMenu() && interaction.customId === TIMEZONE_SELECT_ID) {
      await handleTimeZoneChoice(interaction, ctx);
    }
  }

  /**
   * discord.js destroys a Client whose login failed and a destroyed Client cannot log in again, so
   * every login attempt gets a fresh one.
   */
  function makeClient(): { client: Client; ready: Promise<void> } {
    const client = new Client({
      // Reading posted links needs message events and their content (privileged: enable it in the Developer Portal).
      intents: [
        ...(input.publicUrl ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : [GatewayIntentBits.Guilds]),
        // People known before first use (privileged: DISCORD_MEMBERS_INTENT, see ./people.ts).
        ...(config.membersIntent ? [GatewayIntentBits.GuildMembers] : []),
      ],
      // Default for every message this client sends; each send also sets it explicitly.
      allowedMentions: { parse: [] },
      ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    });
    const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
    client.on("interactionCreate", (interaction) => {
      const started = Date.now();
      route(interaction)
        .then(() => logger.debug({ interactionId: interaction.id, type: interaction.type, ms: Date.now() - started }, "interaction handled"))
        .catch((error: unknown) => {
          logger.error({ err: error, errorId: newErrorId(), interactionId: interaction.id, type: interaction.type }, "discord interaction could not be answered");
        });
    });
    if (config.membersIntent) registerPeopleSync(client, { api, logger });
    client.on("messageCreate", (message) => {
      handleMessageCreate(message, { ...ctx, ...(input.publicUrl ? { publicUrl: input.publicUrl } : {}) }).catch((error: unknown) => {
        logger.error({ err: error, errorId: newErrorId(), messageId: message.id, channelId: message.channelId }, "link previews could not be posted");
      });
    });
    const onApiEvent = input.options?.onApiEvent;
    if (onApiEvent) {
      // discord.js retries a 429 after its Retry-After (and 5xx answers) by itself; count what Discord answered.
      client.rest.on(RESTEvents.Response, (_request, response) => {
        if (response.status === 429) onApiEvent({ platform: "discord", kind: "retry", code: "rate_limited" });
        else if (response.status >= 400) onApiEvent({ platform: "discord", kind: "error", code: String(response.status) });
      });
    }
    client.on("error", (error) => logger.error({ err: error }, "discord client error"));
    client.on("warn", (message) => logger.warn({ message }, "discord client warning"));
    client.on("shardDisconnect", (event, shardId) => {
      // Unrecoverable close (bad token, invalid intents): discord.js stops; do not re-identify in a loop.
      logger.error({ code: event.code, shardId }, "discord gateway closed for good; restart after fixing the configuration");
    });
    client.on("shardResume", (shardId, replayed) => logger.info({ shardId, replayed }, "discord gateway resumed"));
    return { client, ready };
  }

  let current = makeClient();

  return {
    get client() {
      return current.client;
    },
    codec,
    async start() {
      await loginWithBackoff({
        login: () => current.client.login(config.token),
        reset: async () => {
          await current.client.destroy();
          current = makeClient();
        },
        fetchSessionStartLimit: async () => {
          current.client.rest.setToken(config.token);
          const info = (await current.client.rest.get(Routes.gatewayBot())) as { session_start_limit: SessionStartLimit };
          return info.session_start_limit;
        },
        logger,
        ...(options.loginBaseDelayMs !== undefined ? { baseDelayMs: options.loginBaseDelayMs } : {}),
        ...(options.loginMaxDelayMs !== undefined ? { maxDelayMs: options.loginMaxDelayMs } : {}),
        ...(options.loginMaxAttempts !== undefined ? { maxAttempts: options.loginMaxAttempts } : {}),
      });
      await current.ready;
      logger.info({ user: current.client.user?.tag, guilds: current.client.guilds.cache.size }, "discord bot ready");
    },
    async stop() {
      await current.client.destroy();
    },
    async postToChannel(channelId, reply) {
      const message = renderReply({ ...reply, visibility: "channel" }, codec);
      const { attachments, files } = restUpload(message);
      const sent = (await current.client.rest.post(Routes.channelMessages(channelId), {
        body: { embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] }, ...(attachments ? { attachments } : {}) },
        ...(files ? { files } : {}),
      })) as { id: string };
      return { messageId: sent.id };
    },
  };
}
