/**
 * Discord as a Platform: channel mentions and ids, and `start`, which wraps createDiscordBot and
 * the Discord digest poster. discord.js loads only when Discord starts (./index.js is imported in
 * `start`, which keeps that file's import order).
 */
import type { ChannelRefs, Platform } from "../../core/platform.js";
import type { DiscordConfig } from "./config.js";
import { createTranslator } from "../../core/i18n/index.js";

/** This platform's words in English; the catalogs (platform.admins.discord, platform.howToPick.discord) have them in every language. */
const ENGLISH = createTranslator("en");

const SNOWFLAKE = /^\d{15,25}$/;
const MENTION = /^<#(\d{15,25})>$/;
const CHANNEL_REF = /^discord:\d{15,25}$/;

/** A channel picked with # arrives as a mention (<#1234>); Discord users may also paste the id. */
export const discordChannels: ChannelRefs = {
  parse(typed, typedOn) {
    const text = typed.trim();
    const mention = MENTION.exec(text);
    if (mention) return `discord:${mention[1]}`;
    if (CHANNEL_REF.test(text)) return text;
    if (typedOn === "discord" && SNOWFLAKE.test(text)) return `discord:${text}`;
    return null;
  },
  format: (channelRef) => `<#${channelRef.slice("discord:".length)}>`,
  howToPick: ENGLISH("platform.howToPick.discord"),
  example: "#sales",
};

export const discordPlatform: Platform<{ discord?: DiscordConfig; RAPPORT_PUBLIC_URL?: string }> = {
  id: "discord",
  name: "Discord",
  admins: ENGLISH("platform.admins.discord"),
  channels: discordChannels,
  forms: true,
  files: "upload",
  isConfigured: (config) => Boolean(config.discord),
  async start({ api, admission, config, logger, onApiEvent }) {
    const discordConfig = config.discord;
    if (!discordConfig) throw new Error("Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID.");
    const { createDiscordBot, createDiscordDigestPoster } = await import("./index.js");
    const discordLogger = logger.child({ platform: "discord" });
    const bot = createDiscordBot({ api, admission, config: discordConfig, logger: discordLogger, options: { onApiEvent }, ...(config.RAPPORT_PUBLIC_URL ? { publicUrl: config.RAPPORT_PUBLIC_URL } : {}) });
    await bot.start();
    logger.info("Discord adapter started");
    return { poster: createDiscordDigestPoster({ config: discordConfig, logger: discordLogger, codec: bot.codec }), stop: () => bot.stop() };
  },
};
