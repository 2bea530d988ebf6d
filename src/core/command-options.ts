/**
 * What a command's options give without more code: the zod schema of its arguments and the
 * default reading of typed words. Forms read the same options in the adapters.
 */
import { z } from "zod";
import type { CommandOption, OptionSpec, OptionSpecs, TypedAs } from "./command.js";
import { UserError } from "./errors.js";
import { splitFields } from "./tokenize.js";

type KindSchema<S extends OptionSpec> = S["choices"] extends readonly (infer C)[]
  ? z.ZodType<C>
  : S["kind"] extends "integer"
    ? z.ZodType<number>
    : S["kind"] extends "fields"
      ? z.ZodType<Record<string, string>>
      : S["kind"] extends "flag"
        ? z.ZodType<boolean>
        : z.ZodType<string>;

/** Each option's value schema: its own, or the one its kind gives. */
export type ValueSchemas<O extends OptionSpecs> = { [K in keyof O]: O[K]["schema"] extends z.ZodType ? O[K]["schema"] : KindSchema<O[K]> };

const FIELD_VALUE_MAX = 3000;

function kindSchema(name: string, spec: OptionSpec): z.ZodType {
  switch (spec.kind) {
    case "choice": {
      const choices = (spec.choices ?? []) as readonly [string, ...string[]];
      return z.enum(choices, { error: `The ${name} must be one of ${choices.join(", ")}.` });
    }
    case "integer":
      return z.coerce.number({ error: `${name} must be a number.` }).int(`${name} must be a whole number.`);
    case "fields":
      return z.record(z.string(), z.string().max(FIELD_VALUE_MAX, `A field value is too long (at most ${FIELD_VALUE_MAX} characters).`));
    case "flag":
      return z.boolean();
    default:
      return z.string({ error: `${name} is missing.` }).trim().min(1, `${name} is missing.`).max(200, `${name} is too long (at most 200 characters).`);
  }
}

export function valueSchemas<O extends OptionSpecs>(options: O): ValueSchemas<O> {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.schema ?? kindSchema(name, spec)])) as ValueSchemas<O>;
}

/** The arguments object: required options as declared; optional ones may be absent unless their schema fills a default. */
export function optionsSchema(options: OptionSpecs, values: Record<string, z.ZodType>): z.ZodType {
  const shape = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => {
      const value = values[name]!;
      return [name, spec.required || value.safeParse(undefined).success ? value : value.optional()];
    }),
  );
  return z.object(shape);
}

function typedAs(option: CommandOption): TypedAs | undefined {
  if (option.typed) return option.typed;
  if (option.kind === "flag") return "flag";
  return option.kind === "fields" ? undefined : "word";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `dry_run` -> `--dry-run`, `-dry-run`, `--dryrun` (any case). */
function flagPattern(name: string): RegExp {
  return new RegExp(`^--?${name.split(/[-_]/).map(escapeRegExp).join("-?")}$`, "i");
}

function typedValue(option: CommandOption, word: string): string {
  return option.kind === "choice" ? word.toLowerCase() : word;
}

function belongs(option: CommandOption, word: string): boolean {
  if (option.choices) return option.choices.includes(word.toLowerCase());
  return option.match ? option.match.test(word) : false;
}

/**
 * The default reading of typed words (see `TypedAs`): `key=value` words, flags, named and
 * anywhere options first, then positional words in declared order. A word nothing takes is an error.
 */
export function parseWords(options: readonly CommandOption[], words: readonly string[], example?: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const of = (kind: TypedAs) => options.filter((option) => typedAs(option) === kind);
  let rest = [...words];

  const fieldsOption = options.find((option) => option.kind === "fields");
  const keyed = of("key");
  if (fieldsOption || keyed.length) {
    const split = splitFields(rest);
    rest = split.words;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(split.fields)) {
      const option = keyed.find((candidate) => candidate.name === key);
      if (option) args[option.name] = typedValue(option, value);
      else fields[key] = value;
    }
    if (fieldsOption) args[fieldsOption.name] = fields;
  }

  for (const option of of("flag")) {
    const pattern = flagPattern(option.name);
    if (rest.some((word) => pattern.test(word))) args[option.name] = true;
    rest = rest.filter((word) => !pattern.test(word));
  }

  for (const option of of("named")) {
    const at = rest.findIndex((word) => word.toLowerCase() === option.name.toLowerCase());
    if (at < 0) continue;
    const value = rest[at + 1];
    if (value !== undefined) args[option.name] = typedValue(option, value);
    rest.splice(at, 2);
  }

  for (const option of of("anywhere")) {
    const at = rest.findIndex((word) => belongs(option, word));
    if (at < 0) continue;
    args[option.name] = typedValue(option, rest[at]!);
    rest.splice(at, 1);
  }

  const positional = options.filter((option) => typedAs(option) === "word" || typedAs(option) === "rest");
  const restAt = positional.findIndex((option) => typedAs(option) === "rest");
  const front = restAt < 0 ? positional : positional.slice(0, restAt);
  for (const option of front) {
    const word = rest.shift();
    if (word !== undefined) args[option.name] = typedValue(option, word);
  }
  if (restAt >= 0) {
    // Options after the `rest` one take their words from the end, leaving it at least one.
    for (const option of positional.slice(restAt + 1).reverse()) {
      if (rest.length > 1) args[option.name] = typedValue(option, rest.pop()!);
    }
    if (rest.length) args[positional[restAt]!.name] = rest.join(" ");
    rest = [];
  }
  if (rest.length) throw new UserError("bad_argument", `I did not understand "${rest[0]}".`, { example });
  return args;
}
