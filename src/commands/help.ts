import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext, CommandSummary } from "../core/context.js";
import { reply } from "../core/reply.js";
import { NotFound } from "../core/errors.js";
import { COMMAND_WORDS, commandName, isMessageKey, type CommandWord } from "../core/i18n/index.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { localizeUsage } from "../core/i18n/usage-line.js";

/** The reader's word for a command; English readers see the canonical name only. */
function localName(name: string, ctx: CommandContext): string {
  return Object.hasOwn(COMMAND_WORDS, name) ? commandName(name as CommandWord, ctx.locale) : name;
}

/** A command's summary in the reader's language, English where no translation exists yet. */
function summaryOf(definition: CommandSummary, ctx: CommandContext): string {
  const key = `command.${definition.name}.summary`;
  return ctx.locale !== "en" && isMessageKey(key) ? ctx.t(key) : definition.summary;
}

/** Other languages show the reader's command word next to its usage in the reader's words. */
function helpTable(definitions: readonly CommandSummary[], ctx: CommandContext): { columns: string[]; rows: string[][] } {
  const { t } = ctx;
  return ctx.locale === "en"
    ? { columns: [t("help.columnCommand"), t("help.columnWhat")], rows: definitions.map((definition) => [definition.usage, definition.summary]) }
    : {
        columns: [t("help.columnCommand"), t("help.columnUsage"), t("help.columnWhat")],
        rows: definitions.map((definition) => [localName(definition.name, ctx), localizeUsage(definition.usage, ctx.locale, t), summaryOf(definition, ctx)]),
      };
}

export const helpCommand = defineCommand({
  name: "help",
  summary: "List the commands, or explain one",
  usage: "help [command]",
  examples: ["help", "help log"],
  options: { command: { kind: "text", description: "A command name", schema: z.string().trim().max(40) } },
  writes: false,
  async handler({ command }, ctx) {
    const { t } = ctx;
    const help = localName("help", ctx);
    if (command) {
      const definition = ctx.commands.find((candidate) => candidate.name === command.toLowerCase());
      if (!definition) throw new NotFound(t("error.noSuchCommandHelp", { command, help }), `${help} ${localName("log", ctx)}`);
      const usage = localizeUsage(definition.usage, ctx.locale, t);
      return reply.of(`/crm ${usage}`, [
        { type: "text", text: summaryOf(definition, ctx) },
        { type: "text", text: t("help.usage", { usage }) },
        // Examples in the reader's own command words; each still runs as shown.
        { type: "list", title: t("help.examples"), items: definition.examples.map((example) => ({ title: localizeTypedLine(example, ctx.locale) })) },
      ]);
    }
    // One table per desk (as Discord groups them under /crm, /sales, /team), so each stays readable.
    const desks = [undefined, "sales", "team"] as const;
    const tables = desks
      .map((desk) => ({ desk, definitions: ctx.commands.filter((definition) => definition.topic === desk) }))
      .filter(({ definitions }) => definitions.length > 0)
      .map(({ desk, definitions }) => ({ type: "table" as const, title: t("help.desk", { desk: desk ?? "crm" }), ...helpTable(definitions, ctx) }));
    // The naming hint leads: a reply whose first block has no title is headed by the reply's own title.
    return reply.of(t("help.title"), [{ type: "text", text: t("help.naming"), tone: "muted" }, ...tables]);
  },
});
