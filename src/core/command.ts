import type { z } from "zod";
import type { Reply } from "./reply.js";
import type { CommandContext } from "./context.js";
import type { Capability } from "./permissions.js";
import type { CommandTopic } from "./command-topic.js";

export type { CommandTopic } from "./command-topic.js";
import { optionsSchema, parseWords, valueSchemas, type CommandOption, type OptionSpec, type OptionSpecs, type ValueSchemas } from "./command-options.js";

export type { CommandOption, OptionKind, OptionSpec, OptionSpecs, TypedAs } from "./command-options.js";

/**
 * One `/crm` command. `parseText` turns the words typed after the command name into the raw
 * argument object; `schema` validates that object whichever surface produced it (typed text,
 * Discord options, a modal submission), so every surface gets the same rules and messages.
 * Commands declare `options` once (see `defineCommand`); the schema, the default parser and the
 * platform forms derive from them.
 */
export type CommandDefinition<Args = any> = {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Form hint: the title of the command's form ("New customer"); adapters fall back to the name or summary. */
  formTitle?: string;
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
  /** The desk (see CommandTopic): Discord's /crm, /sales or /team, and help's tables. */
  topic?: CommandTopic;
  /** Desk work only some roles do (receipts, write-offs...): checked before the handler, like `role`. */
  capability?: Capability;
  handler: (args: Args, ctx: CommandContext) => Promise<Reply>;
};

type KindValue<S extends OptionSpec> = S["choices"] extends readonly (infer C)[]
  ? C
  : S["kind"] extends "integer"
    ? number
    : S["kind"] extends "fields"
      ? Record<string, string>
      : S["kind"] extends "flag"
        ? boolean
        : string;

type Absent<S extends OptionSpec, Input> = S["required"] extends true ? never : undefined extends Input ? never : undefined;

/** The argument a handler receives for one option: the schema's output, `undefined` when optional. */
export type OptionValue<S extends OptionSpec> = S["schema"] extends z.ZodType
  ? z.output<S["schema"]> | Absent<S, z.input<S["schema"]>>
  : KindValue<S> | Absent<S, never>;

export type ArgsOf<O extends OptionSpecs> = { [K in keyof O]: OptionValue<O[K]> };

export type CommandSpec<O extends OptionSpecs, Args> = Omit<CommandDefinition<Args>, "options" | "schema" | "parseText"> & {
  options: O;
  /**
   * For commands whose arguments depend on each other (digest's sub-actions): builds the schema
   * from the options' value schemas. Without it, an object of the options.
   */
  schema?: (values: ValueSchemas<O>) => z.ZodType<Args>;
  /** For commands whose grammar the default parser cannot read (see `TypedAs`). */
  parseText?: (words: string[]) => Record<string, unknown>;
};

/** Whether this call of the command writes (and so needs the transaction and idempotency claim). */
export function writesWith<Args>(definition: CommandDefinition<Args>, args: Args): boolean {
  return typeof definition.writes === "function" ? definition.writes(args) : definition.writes;
}

/** A command from its options, declared once: schema, text parser and forms derive from them. */
export function defineCommand<const O extends OptionSpecs, Args = ArgsOf<O>>(spec: CommandSpec<O, Args>): CommandDefinition<Args> {
  const options: CommandOption[] = Object.entries(spec.options).map(([name, { schema: _schema, required, ...hints }]) => ({
    name,
    ...hints,
    required: required ?? false,
  }));
  const values = valueSchemas(spec.options);
  const schema = spec.schema ? spec.schema(values) : (optionsSchema(spec.options, values) as unknown as z.ZodType<Args>);
  const example = spec.examples[0];
  return {
    ...spec,
    options,
    schema,
    parseText: spec.parseText ?? ((words) => parseWords(options, words, example)),
  };
}
