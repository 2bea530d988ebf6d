/**
 * The Discord adapter's public surface, for the CLI:
 *   rapport discord          -> createDiscordBot({ api, config: loadDiscordConfig(), logger }).start()
 *   rapport discord register -> registerDiscordCommands({ ...loadDiscordConfig(), commands: api.commands, guildId })
 *   digests                  -> createDiscordDigestPoster({ config: loadDiscordConfig(), logger, codec: bot.codec })
 */
// Must stay the first import (see the file): discord.js cannot load under vega-lite's Set patch.
export { createDiscordBot, type CreateDiscordBotInput, type DiscordBot } from "./bot.js";
export { loadDiscordConfig, type DiscordConfig } from "./config.js";
export {
  registerDiscordCommands,
  type RegisterDiscordCommandsInput,
  type RegisterDiscordCommandsResult,
} from "./commands/register.js";
export { buildDiscordCommands, CRM_COMMAND_NAME, LOG_CONTEXT_MENU_NAME } from "./commands/slash-commands.js";
export { renderReply, type DiscordMessage, type DiscordFile } from "./render/render-reply.js";
export { createDiscordDigestPoster, type DiscordDigestPosterInput } from "./digest-poster.js";
// Must stay the last import.
