/** Which options a platform form shows, and how, read from the options' form hints; and their words in the reader's language. */
import type { CommandDefinition, CommandOption } from "../../core/command.js";
import { createTranslator, isMessageKey, type MessageKey, type Translate } from "../../core/i18n/index.js";

/** Options a form shows, in declared order: not typed-only ones, not those kept out of forms (`page`). */
export function formOptions(command: CommandDefinition, omit: readonly string[] = []): CommandOption[] {
  return command.options.filter((option) => !option.typedOnly && option.inForms !== false && !omit.includes(option.name));
}

/** The option whose choice decides which other inputs a form shows (see `forActions`), if the command has one. */
export const ACTION_OPTION = "action";

export function hasActionForms(command: CommandDefinition): boolean {
  return command.options.some((option) => option.forActions !== undefined) && command.options.some((option) => option.name === ACTION_OPTION);
}

/**
 * The options a form shows for a chosen action: those without `forActions`, and those listing it.
 * No action chosen yet: only the options every action shares.
 */
export function optionsForAction(options: readonly CommandOption[], action: string | undefined): CommandOption[] {
  return options.filter((option) => option.forActions === undefined || (action !== undefined && option.forActions.includes(action)));
}

/** Options a platform's own command arguments show (Discord slash options): all but typed-only ones. */
export function structuredOptions(command: CommandDefinition): CommandOption[] {
  return command.options.filter((option) => !option.typedOnly);
}

/** The input's English label: the option's own, or its name in words ("dry_run" -> "Dry run"). */
export function formLabel(option: CommandOption): string {
  if (option.label) return option.label;
  const words = option.name.replace(/[-_]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A multi-line input: the option says so, and `field=value` lists always are. */
export function isMultiline(option: CommandOption): boolean {
  return option.multiline === true || option.kind === "fields";
}

/**
 * The catalog keys for an option's name or description, most specific first: the command's own
 * (`option.digest.kind.name`), then the one options of that name share (`option.kind.name`). Discord's
 * option localizations and every form read these, so all surfaces say the same.
 */
export function optionTextKeys(command: string, option: string, part: "name" | "label" | "description"): string[] {
  return [`option.${command}.${option}.${part}`, `option.${option}.${part}`];
}

/** The first of `keys` the catalogs have. */
export function firstMessageKey(keys: readonly string[]): MessageKey | undefined {
  return keys.find(isMessageKey);
}

export type FormText = { label: string; description: string };

/**
 * An option's label and hint from the catalogs, in `t`'s language; a part no catalog has is left
 * out (form-options.test.ts requires both for every option of every command, in every language).
 */
export function catalogFormText(command: CommandDefinition, option: CommandOption, t: Translate): Partial<FormText> {
  // A form's own label first, where the one-word name Discord needs reads poorly in a form.
  const label = firstMessageKey([...optionTextKeys(command.name, option.name, "label"), ...optionTextKeys(command.name, option.name, "name")]);
  const description = firstMessageKey(optionTextKeys(command.name, option.name, "description"));
  const text: Partial<FormText> = {};
  if (label && t(label).trim()) text.label = t(label);
  if (description && t(description).trim()) text.description = t(description);
  return text;
}

/**
 * What a form shows for an option, in the reader's language. English keeps the command's own
 * words (its label, or its name in words, and its description); another language takes the
 * catalogs' text and falls back to English only where a catalog has none.
 */
export function formText(command: CommandDefinition, option: CommandOption, t: Translate = createTranslator("en")): FormText {
  const english = { label: formLabel(option), description: option.description };
  if (t.locale === "en") return english;
  return { ...english, ...catalogFormText(command, option, t) };
}

/** A choice as the reader reads it; the canonical value is what the form sends back. */
export function choiceLabel(choice: string, t: Translate = createTranslator("en")): string {
  const key = `choice.${choice}`;
  return isMessageKey(key) ? t(key) : choice;
}

/** The form's title in the reader's language; `fallback` when no catalog names this command's form. */
export function formTitle(command: CommandDefinition, t: Translate, fallback: string): string {
  const key = `form.title.${command.name}`;
  if (isMessageKey(key)) return t(key);
  return command.formTitle ?? fallback;
}
