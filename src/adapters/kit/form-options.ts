/** Which options a platform form shows, and how, read from the options' form hints. */
import type { CommandDefinition, CommandOption } from "../../core/command.js";

/** Options a form shows, in declared order: not typed-only ones, not those kept out of forms (`page`). */
export function formOptions(command: CommandDefinition, omit: readonly string[] = []): CommandOption[] {
  return command.options.filter((option) => !option.typedOnly && option.inForms !== false && !omit.includes(option.name));
}

/** Options a platform's own command arguments show (Discord slash options): all but typed-only ones. */
export function structuredOptions(command: CommandDefinition): CommandOption[] {
  return command.options.filter((option) => !option.typedOnly);
}

/** The input's label: the option's own, or its name in words ("dry_run" -> "Dry run"). */
export function formLabel(option: CommandOption): string {
  if (option.label) return option.label;
  const words = option.name.replace(/[-_]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A multi-line input: the option says so, and `field=value` lists always are. */
export function isMultiline(option: CommandOption): boolean {
  return option.multiline === true || option.kind === "fields";
}
