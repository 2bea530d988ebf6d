/**
 * A modal (form) for a registry command, derived from its options, each inside a Label (Discord
 * allows 5 top-level components): Discord's own pickers where they fit (a channel select for a
 * channel, a user select for a member, a string select for at most 25 choices), a text input for
 * everything else. Used by the "Log to CRM" context menu and by `form` buttons.
 */
import type { APIComponentInLabel, APILabelComponent, APIModalInteractionResponseCallbackData } from "discord.js";
import type { CommandDefinition, CommandOption } from "../../../core/command.js";
import { truncate } from "../render/escape.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";
import { ACTION_OPTION, choiceLabel, formOptions, formText, formTitle, hasActionForms, isMultiline, optionsForAction } from "../../kit/form-options.js";
import { createTranslator, type Translate } from "../../../core/i18n/index.js";
import { POSTABLE_CHANNEL_TYPES } from "./slash-commands.js";

const SNOWFLAKE = /^\d{17,20}$/;

/** A channel as the core reads it (`<#id>`), as a typed mention or a slash CHANNEL option gives it. */
export function channelMention(id: string): string {
  return `<#${id}>`;
}

/** The Discord id inside a prefill (`<#id>`, `<@id>`, `<@!id>` or the bare id); undefined for anything else (`#12`, `me`). */
function prefilledId(prefill: string, kind: "channel" | "member"): string | undefined {
  const match = (kind === "channel" ? /^<#(\d{17,20})>$/ : /^<@!?(\d{17,20})>$/).exec(prefill);
  return match?.[1] ?? (SNOWFLAKE.test(prefill) ? prefill : undefined);
}

/**
 * Discord's channel or user picker for an option, when it can say what the option takes: a member
 * option that also takes words (`mine`, `all`) stays text, and so does a prefill the picker cannot
 * show (a Rapport reference such as `#12`), which a picker would silently drop.
 */
function pickerFor(option: CommandOption, prefill: string | undefined): APIComponentInLabel | undefined {
  const kind = option.kind === "channel" ? "channel" : option.kind === "member" && !option.scopes?.length ? "member" : undefined;
  if (!kind) return undefined;
  const picked = prefill ? prefilledId(prefill, kind) : undefined;
  if (prefill && !picked) return undefined;
  const common = {
    custom_id: option.name,
    required: option.required,
    min_values: option.required ? 1 : 0,
    max_values: 1,
  };
  if (kind === "channel") {
    return {
      type: 8,
      ...common,
      channel_types: [...POSTABLE_CHANNEL_TYPES],
      ...(picked ? { default_values: [{ id: picked, type: "channel" as const }] } : {}),
    } as APIComponentInLabel;
  }
  return { type: 5, ...common, ...(picked ? { default_values: [{ id: picked, type: "user" as const }] } : {}) } as APIComponentInLabel;
}

/** Discord text inputs carry one string each, so `field=value` lists stay with typed text and slash options. */
/** A modal cannot redraw itself: a per-action form (`deal`) opened for a known action shows only that action's inputs. */
export function modalOptions(command: CommandDefinition, omit: readonly string[] = [], action?: string): CommandOption[] {
  const options = formOptions(command, omit).filter((option) => option.kind !== "fields");
  return (action !== undefined && hasActionForms(command) ? optionsForAction(options, action) : options).slice(0, L.modalComponents);
}

function placeholderFor(option: CommandOption, t: Translate): string | undefined {
  if (option.kind === "choice" && option.choices?.length) return truncate(option.choices.map((choice) => choiceLabel(choice, t)).join(", "), L.placeholder);
  if (option.kind === "date") return t("form.datePlaceholder");
  if (option.kind === "customer") return t("form.customerPlaceholder");
  return undefined;
}

function label(command: CommandDefinition, option: CommandOption, prefill: string | undefined, neutralise: Neutraliser, t: Translate): APILabelComponent {
  const text = formText(command, option, t);
  const labelText = truncate(text.label, L.labelText);
  const labelDescription = text.description ? { description: truncate(text.description, 100) } : {};
  const picker = pickerFor(option, prefill);
  if (picker) return { type: 18, label: labelText, ...labelDescription, component: picker };
  const choices = option.kind === "choice" ? (option.choices ?? []) : [];
  if (choices.length > 0 && choices.length <= L.selectOptions) {
    return {
      type: 18,
      label: labelText,
      ...labelDescription,
      component: {
        type: 3,
        custom_id: option.name,
        required: option.required,
        min_values: option.required ? 1 : 0,
        max_values: 1,
        options: choices.map((choice) => ({
          label: truncate(neutralise(choiceLabel(choice, t)), 100),
          value: choice.slice(0, 100),
          ...(choice === prefill ? { default: true } : {}),
        })),
      },
    };
  }
  const placeholder = placeholderFor(option, t);
  // The person edits and saves this value: an override here would disguise what they save.
  const value = prefill ? truncate(neutralise(prefill), L.textInputValue) : undefined;
  return {
    type: 18,
    label: labelText,
    ...labelDescription,
    component: {
      type: 4,
      custom_id: option.name,
      style: isMultiline(option) ? 2 : 1,
      required: option.required,
      max_length: L.textInputValue,
      ...(value ? { value } : {}),
      ...(placeholder ? { placeholder } : {}),
    },
  };
}

export function buildCommandModal(
  command: CommandDefinition,
  /** `neutralise` is for tests (the identity shows the hostile-text check can fail); `t`: the reader's language (default English). */
  input: { customId: string; title?: string; prefill?: Record<string, string>; omit?: readonly string[]; neutralise?: Neutraliser; t?: Translate },
): APIModalInteractionResponseCallbackData {
  const neutralise = input.neutralise ?? neutraliseText;
  const t = input.t ?? createTranslator("en");
  return {
    custom_id: input.customId,
    title: truncate(neutralise(input.title ?? formTitle(command, t, command.summary)), L.modalTitle),
    components: modalOptions(command, input.omit, input.prefill?.[ACTION_OPTION]).map((option) => label(command, option, input.prefill?.[option.name], neutralise, t)),
  };
}

export type SubmittedField = { customId: string; value?: string; values?: readonly string[] };

/**
 * Modal fields back to raw command arguments; empty answers are left out so the schema sees "not
 * given". A picked channel goes to the core as its mention, as a slash CHANNEL option does; a picked
 * user as the user id, which the core reads as that member (also as a slash USER option does).
 */
export function readModalArgs(command: CommandDefinition, fields: Iterable<SubmittedField>): Record<string, string> {
  const byName = new Map(command.options.map((option) => [option.name, option]));
  const args: Record<string, string> = {};
  for (const field of fields) {
    const option = byName.get(field.customId);
    if (!option) continue;
    const raw = field.values ? field.values[0] : field.value;
    const value = raw?.trim();
    if (!value) continue;
    // A select's values are Discord ids; a text input (a form opened before pickers) is read as typed.
    args[field.customId] = option.kind === "channel" && field.values && SNOWFLAKE.test(value) ? channelMention(value) : value;
  }
  return args;
}
