/**
 * Discord application commands, derived from the command registry (`api.commands`): one chat-input
 * command per desk (`/crm`, `/sales`, `/team`: CommandDefinition.topic) with a subcommand per registry command,
 * plus the "Log to CRM" message context menu when the registry has a `log` command. Nothing here is hand-listed, so a new command appears
 * on Discord once `rapport discord register` runs again.
 *
 * Commands only managers and admins may run (`managersOnly`: role, handover, digest, merge) sit
 * under `/crm-admin`, registered with `default_member_permissions` = Manage Server: Discord's
 * permissions apply per top-level command, so this is how members who cannot use them do not see
 * them (a server may grant it to other roles under Server Settings > Integrations; the core checks
 * Rapport's roles on every run anyway). Options use Discord's own types: a user picker for members,
 * a channel picker for channels, booleans for flags, integers for numbers.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDefinition, CommandOption } from "../../../core/command.js";
import { managersOnly } from "../../../core/command-topic.js";
import { suggestionKindOf } from "../../../core/suggestions.js";
import { truncate } from "../render/escape.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";
import { optionTextKeys, structuredOptions } from "../../kit/form-options.js";
import { LOG_COMMAND, LOG_FROM_MESSAGE_TITLE } from "../../kit/log-from-message.js";
import { MESSAGE_LOOKUP_SHORTCUTS } from "../../kit/message-lookup.js";
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
/** The top-level command of the commands only managers and admins may run. */
export const ADMIN_COMMAND_NAME = "crm-admin";
/** The top-level commands, one per desk (CommandDefinition.topic), in the order Discord lists them. */
const TOP_LEVEL_NAMES = [CRM_COMMAND_NAME, "sales", "team", ADMIN_COMMAND_NAME] as const;
type TopLevelName = (typeof TOP_LEVEL_NAMES)[number];

/** Discord's MANAGE_GUILD permission bit ("Manage Server"), as the decimal string the API takes. */
export const MANAGE_SERVER_PERMISSION = String(1 << 5);

/** The catalog key of a top-level command's description. */
const TOP_LEVEL_SUMMARY = {
  crm: "command.crm.summary",
  sales: "command.sales.summary",
  team: "command.team.summary",
  "crm-admin": "command.crmAdmin.summary",
} as const satisfies Record<TopLevelName, MessageKey>;

/** The top-level command a registry command sits under: Discord allows 25 subcommands per command. */
export function topLevelOf(command: Pick<CommandDefinition, "topic" | "role" | "capability">): TopLevelName {
  if (managersOnly(command)) return ADMIN_COMMAND_NAME;
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
  User = 6,
  Channel = 7,
}

/** Channels a digest can be posted in: text and announcement channels (slash options and form pickers). */
export const POSTABLE_CHANNEL_TYPES = [0, 5] as const;

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

/**
 * A description within Discord's 100 characters. The registry and the catalogs keep theirs short
 * (slash-commands.test.ts fails on one that would be cut); should one still be longer, it is cut
 * after the last whole word, never inside one.
 */
export function description(text: string, fallback: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim() || fallback;
  if (oneLine.length <= L.commandDescription) return oneLine;
  const room = truncate(oneLine, L.commandDescription).replace(/…$/, "");
  const atWord = room.replace(/[\s,;:(-]*[^\s,;:(-]*$/u, "");
  // A script written without spaces (Chinese) has no word boundary to cut at.
  return `${atWord.length >= L.commandDescription / 2 ? atWord : room}…`;
}

/** The English text: the registry's own when it fits, else the English catalog's (written short for this). */
function englishDescription(own: string, keys: readonly string[], fallback: string): string {
  const oneLine = own.replace(/\s+/g, " ").trim();
  if (oneLine && oneLine.length <= L.commandDescription) return oneLine;
  const key = keys.find(isMessageKey) as MessageKey | undefined;
  return description(key ? ENGLISH(key) : own, fallback);
}

const ENGLISH = createTranslator("en");

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
    description: englishDescription(option.description, keys("description"), option.name),
    required: option.required,
  };
  switch (option.kind) {
    case "integer":
      return { ...base, type: OptionType.Integer as 4 };
    case "customer":
    case "order":
      return { ...base, type: OptionType.String as 3, autocomplete: true };
    case "member":
      // Words besides a member (`mine`, `all`) do not fit Discord's user picker: autocomplete offers both.
      if (option.scopes?.length) return { ...base, type: OptionType.String as 3, autocomplete: true };
      return { ...base, type: OptionType.User as 6 };
    case "channel":
      return { ...base, type: OptionType.Channel as 7, channel_types: [...POSTABLE_CHANNEL_TYPES] };
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
      // Dates, deal stages, deal ids, quote numbers, open invoices: the core suggests values as the member types.
      return { ...base, type: OptionType.String as 3, ...(suggestionKindOf(command, option) ? { autocomplete: true } : {}) };
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
      description: englishDescription(command.summary, [`command.${command.name}.summary`], command.name),
      options,
    });
  }

  const body: RESTPostAPIApplicationCommandsJSONBody[] = [...byTopLevel].map(([top, subcommandOptions]) => ({
    type: 1 as const,
    name: top,
    description: describe(ENGLISH(TOP_LEVEL_SUMMARY[top as TopLevelName])),
    // The command words stay /crm, /sales and /team everywhere, as on Slack; what they do is said in the reader's language.
    description_localizations: localized([TOP_LEVEL_SUMMARY[top as TopLevelName]], describe)!,
    options: subcommandOptions,
    // Hidden from members without Manage Server (server admins may change that per role or channel).
    ...(top === ADMIN_COMMAND_NAME ? { default_member_permissions: MANAGE_SERVER_PERMISSION } : {}),
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
  // "Find in CRM" and "Order status" (Discord allows 5 message context menus per application).
  for (const shortcut of MESSAGE_LOOKUP_SHORTCUTS) {
    if (!commands.some((command) => command.name === shortcut.requires)) continue;
    body.push({
      type: 3,
      name: shortcut.name,
      name_localizations: localized([shortcut.nameKey], (text) => truncate(text, L.commandName))!,
      contexts: [0],
      integration_types: [0],
    });
  }
  return { body, subcommands, topLevel: new Set(byTopLevel.keys()), skipped };
}
