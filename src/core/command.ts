import type { z } from "zod";
import type { Reply } from "./reply.js";
import type { CommandContext } from "./context.js";

/**
 * What kind of value an option takes. Adapters use it: Discord turns `customer`, `order` and
 * `member` into autocompleted string options, `choice` into fixed choices, `date` into a string.
 */
export type OptionKind = "text" | "customer" | "order" | "member" | "date" | "choice" | "integer" | "fields";

export type CommandOption = {
  name: string;
  kind: OptionKind;
  description: string;
  required: boolean;
  choices?: readonly string[];
};

/**
 * One `/crm` command. `parseText` turns the words typed after the command name into the raw
 * argument object; `schema` validates that object whichever surface produced it (typed text,
 * Discord options, a modal submission), so every surface gets the same rules and messages.
 */
export type CommandDefinition<Args = any> = {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  options: CommandOption[];
  schema: z.ZodType<Args>;
  parseText: (words: string[]) => Record<string, unknown>;
  /**
   * Writes run in one transaction, are audited, and are idempotent per idempotency key. Anything
   * that changes a row or posts somewhere is a write. A function decides per call, for a command
   * whose sub-actions differ (digest list reads, digest add writes). Before arguments exist, a
   * form's label treats a function as "may write"; `/crm <name>` alone opens a form only when
   * the command always writes (`true`).
   */
  writes: boolean | ((args: Args) => boolean);
  /** Minimum role. Defaults to rep. */
  role?: "rep" | "manager" | "admin";
  handler: (args: Args, ctx: CommandContext) => Promise<Reply>;
};

/** Whether this call of the command writes (and so needs the transaction and idempotency claim). */
export function writesWith<Args>(definition: CommandDefinition<Args>, args: Args): boolean {
  return typeof definition.writes === "function" ? definition.writes(args) : definition.writes;
}

export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition<Args> {
  return definition;
}
