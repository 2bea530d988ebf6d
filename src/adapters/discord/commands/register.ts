/**
 * `rapport discord register [--guild <id>]`: overwrite the application's commands with the set
 * derived from the registry. Global commands can take a while to show up in clients; guild commands
 * appear at once (use a guild while developing).
 */
import { REST, Routes } from "discord.js";
import type { CommandDefinition } from "../../../core/command.js";
import { buildDiscordCommands } from "./slash-commands.js";

export type RegisterDiscordCommandsInput = {
  token: string;
  applicationId: string;
  commands: readonly CommandDefinition[];
  /** REST base such as `http://127.0.0.1:1234/api` (tests); Discord's when omitted. */
  apiUrl?: string;
  /** Register for this guild only (instant) instead of globally. */
  guildId?: string;
};

export type RegisterDiscordCommandsResult = {
  scope: "global" | { guildId: string };
  registered: { id: string; name: string }[];
  skipped: string[];
};

export async function registerDiscordCommands(input: RegisterDiscordCommandsInput): Promise<RegisterDiscordCommandsResult> {
  const { body, skipped } = buildDiscordCommands(input.commands);
  const rest = new REST({ version: "10", ...(input.apiUrl ? { api: input.apiUrl } : {}) }).setToken(input.token);
  const route = input.guildId
    ? Routes.applicationGuildCommands(input.applicationId, input.guildId)
    : Routes.applicationCommands(input.applicationId);
  const stored = (await rest.put(route, { body })) as { id: string; name: string }[];
  return {
    scope: input.guildId ? { guildId: input.guildId } : "global",
    registered: stored.map(({ id, name }) => ({ id, name })),
    skipped,
  };
}
