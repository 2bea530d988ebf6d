/**
 * Discord application commands, derived from the command registry (`api.commands`): one chat-input
 * command per desk (`/crm`, `/sales`, `/team`: CommandDefinition.topic) with a subcommand per registry command,
 * plus the "Log to CRM" message context menu when the registry has a `log` command. Nothing here is hand-listed, so a new command appears
 * on Discord once `rapport discord register` runs again.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDefinition, CommandOption } from "../../../core/command.js";
import { truncate } from "../render/escape.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";
import { optionTextKeys, structuredOptions } from "../../kit/form-options.js";
import { LOG_COMMAND, LOG_FROM_MESSAGE_TITLE } from "../../kit/log-from-message.js";
import {
  COMMAND_WORDS,
  commandName,
  createTranslator,
  isMessageKey,
  type CommandWord,
  type Locale,
  type MessageKey,
  type Translate,
} from "../../../core/i18n/index.js";

export const CRM_COMMAND_NAME = "crm";
/** The top-level commands, one per desk (CommandDefinition.topic), in the order Discord lists them. */
const TOP_LEVEL_NAMES = [CRM_COMMAND_NAME, "sales", "team"] as const;

/** The top-level command a registry command sits under: Discord allows 25 subcommands per command. */
export function topLevelOf(command: Pick<CommandDefinition, "topic">): (typeof TOP_LEVEL_NAMES)[number] {
  return command.topic ?? CRM_COMMAND_NAME;
}

/** The `subcommands` key of `/<command> <subcommand>`. */
export function subcommandKey(command: string, subcommand: string): string {
  return `${command} ${subcommand}`;
}
export const LOG_CONTEXT_MENU_NAME = LOG_FROM_MESSAGE_TITLE;

const enum OptionType {
  Subcommand = 1,
  String = 3,
  Integer = 4,
  Boolean = 5,
}

/** Where a Discord subcommand/option name leads back to in the registry. */
export type SubcommandBinding = {
  command: CommandDefinition;
  /** Discord option name -> registry option. */
  options: Map<string, CommandOption>;
};

export type DiscordCommandSet = {
  body: RESTPostAPIApplicationCommandsJSONBody[];
  /** `subcommandKey(top-level, subcommand)` -> registry command and option names. */
  subcommands: Map<string, SubcommandBinding>;
  /** The chat-input commands registered (`crm`, `sales`). */
  topLevel: Set<string>;
  /** Registry commands or options left out because Discord's limits (25 per level) were reached. */
  skipped: string[];
};

/** Discord names: lowercase, `[-_a-z0-9]` (plus letters of other scripts), 1-32 characters. */
export function discordName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return (cleaned || "option").slice(0, L.commandName);
}

function description(text: string, fallback: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return truncate(oneLine || fallback, L.commandDescription);
}

/** The Discord locales Rapport has catalogs for; English is the commands' own text. */
export const DISCORD_LOCALES = ["zh-CN", "zh-TW", "ko"] as const satisfies readonly Exclude<Locale, "en">[];
type Localizations = Partial<Record<(typeof DISCORD_LOCALES)[number], string>>;

const TRANSLATORS = DISCORD_LOCALES.map((locale) => [locale, createTranslator(locale)] as const);

/** One text per locale from the first catalog key that exists; undefined when none does. */
function localized(keys: readonly string[], shape: (text: string) => string): Localizations | undefined {
  const key = keys.find(isMessageKey) as MessageKey | undefined;
  if (!key) return undefined;
  return Object.fromEntries(TRANSLATORS.map(([locale, t]) => [locale, shape(t(key))]));
}

function byLocale(text: (t: Translate, locale: (typeof DISCORD_LOCALES)[number]) => string): Localizations {
  return Object.fromEntries(TRANSLATORS.map(([locale, t]) => [locale, text(t, locale)]));
}

/** `name_localizations` and `description_localizations`, left out where no catalog has the text. */
function localizationsOf(names: Localizations | undefined, descriptions: Localizations | undefined) {
  return { ...(names ? { name_localizations: names } : {}), ...(descriptions ? { description_localizations: descriptions } : {}) };
}

const describe = (text: string) => description(text, text);

function toDiscordOption(option: CommandOption, command: string): APIApplicationCommandBasicOption {
  const keys = (part: "name" | "description") => optionTextKeys(command, option.name, part);
  const base = {
    name: discordName(option.name),
    ...localizationsOf(localized(keys("name"), discordName), localized(keys("description"), describe)),
    description: description(option.description, option.name),
    required: option.required,
  };
  switch (option.kind) {
    case "integer":
      return { ...base, type: OptionType.Integer as 4 };
    case "customer":
    case "order":
    case "member":
      return { ...base, type: OptionType.String as 3, autocomplete: true };
    case "flag":
      return { ...base, type: OptionType.Boolean as 5 };
    case "choice": {
      const choices = option.choices ?? [];
      if (choices.length === 0 || choices.length > L.autocompleteChoices) {
        // More than 25 choices cannot be listed; autocomplete filters them instead.
        return { ...base, type: OptionType.String as 3, autocomplete: choices.length > 0 };
      }
      return {
        ...base,
        type: OptionType.String as 3,
        choices: choices.map((choice) => ({
          name: truncate(choice, L.choiceName),
          ...localizationsOf(localized([`choice.${choice}`], (text) => truncate(text, L.choiceName)), undefined),
          value: choice.slice(0, L.choiceValue),
        })),
      };
    }
    case "text":
    case "date":
    case "fields":
      return { ...base, type: OptionType.String as 3 };
  }
}

export function buildDiscordCommands(commands: readonly CommandDefinition[]): DiscordCommandSet {
  const subcommands = new Map<string, SubcommandBinding>();
  const skipped: string[] = [];
  const byTopLevel = new Map<string, APIApplicationCommandSubcommandOption[]>();
  for (const top of TOP_LEVEL_NAMES) if (top === CRM_COMMAND_NAME || commands.some((command) => topLevelOf(command) === top)) byTopLevel.set(top, []);

  for (const command of commands) {
    const name = discordName(command.name);
    const top = topLevelOf(command);
    const subcommandOptions = byTopLevel.get(top)!;
    if (subcommands.has(subcommandKey(top, name)) || subcommandOptions.length >= L.optionsPerCommand) {
      skipped.push(command.name);
      continue;
    }
    const binding: SubcommandBinding = { command, options: new Map() };
    // Discord rejects a required option after an optional one: required first, order otherwise kept.
    const shown = structuredOptions(command);
    const ordered = [...shown.filter((o) => o.required), ...shown.filter((o) => !o.required)];
    const options: APIApplicationCommandBasicOption[] = [];
    for (const option of ordered) {
      const discordOption = toDiscordOption(option, command.name);
      if (binding.options.has(discordOption.name) || options.length >= L.optionsPerCommand) {
        skipped.push(`${command.name}.${option.name}`);
        continue;
      }
      binding.options.set(discordOption.name, option);
      options.push(discordOption);
    }
    subcommands.set(subcommandKey(top, name), binding);
    const word = Object.hasOwn(COMMAND_WORDS, command.name) ? (command.name as CommandWord) : undefined;
    subcommandOptions.push({
      type: OptionType.Subcommand as 1,
      name,
      ...localizationsOf(
        word ? byLocale((_t, locale) => discordName(commandName(word, locale))) : undefined,
        localized([`command.${command.name}.summary`], describe),
      ),
      description: description(command.summary, command.name),
      options,
    });
  }

  const body: RESTPostAPIApplicationCommandsJSONBody[] = [...byTopLevel].map(([top, subcommandOptions]) => ({
    type: 1 as const,
    name: top,
    description: describe(createTranslator("en")(`command.${top as (typeof TOP_LEVEL_NAMES)[number]}.summary`)),
    // The command words stay /crm, /sales and /team everywhere, as on Slack; what they do is said in the reader's language.
    description_localizations: localized([`command.${top}.summary`], describe)!,
    options: subcommandOptions,
    // Guild installs, used inside servers only: a guild is a tenant.
    contexts: [0],
    integration_types: [0],
  }));
  if (commands.some((command) => command.name === LOG_COMMAND)) {
    body.push({
      type: 3,
      name: LOG_CONTEXT_MENU_NAME,
      // Context-menu names may hold spaces and capitals (only chat-input names are restricted).
      name_localizations: localized(["command.logToCrm.name"], (text) => truncate(text, L.commandName))!,
      contexts: [0],
      integration_types: [0],
    });
  }
  return { body, subcommands, topLevel: new Set(byTopLevel.keys()), skipped };
}
