import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { NotFound } from "../core/errors.js";

export const helpCommand = defineCommand({
  name: "help",
  summary: "List the commands, or explain one",
  usage: "help [command]",
  examples: ["help", "help log"],
  options: { command: { kind: "text", description: "A command name", schema: z.string().trim().max(40) } },
  writes: false,
  async handler({ command }, ctx) {
    if (command) {
      const definition = ctx.commands.find((candidate) => candidate.name === command.toLowerCase());
      if (!definition) throw new NotFound(`There is no command "${command}". Type help to list them.`, "help log");
      return reply.of(`/crm ${definition.usage}`, [
        { type: "text", text: definition.summary },
        { type: "text", text: `Usage: ${definition.usage}` },
        { type: "list", title: "Examples", items: definition.examples.map((example) => ({ title: example })) },
      ]);
    }
    return reply.of("Rapport commands", [
      {
        type: "table",
        title: "Rapport commands",
        columns: ["Command", "What it does"],
        rows: ctx.commands.map((definition) => [definition.usage, definition.summary]),
      },
      { type: "text", text: "Customers can be named by any part of their name, an alias, a contact, or #id.", tone: "muted" },
    ]);
  },
});
