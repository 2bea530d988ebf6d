/**
 * What a command's options give without more code: the zod schema of its arguments and the
 * default reading of typed words. Forms read the same options in the adapters.
 */
import { z } from "zod";
import { UserError } from "./errors.js";
import { splitFields } from "./tokenize.js";
import { englishOf, localizable } from "./i18n/localized-messages.js";

/**
 * What kind of value an option takes. Adapters use it: Discord turns `customer` and `order` into
 * autocompleted string options, `member` into its user picker (an autocompleted string when the
 * option also takes `scopes` words), `channel` into its channel picker, `choice` into fixed choices,
 * `date` into a string; Slack forms pick channels with a conversations select. `fields` is a set of
 * `key=value` pairs, `flag` a yes/no switch typed as a keyword (`--dry-run`). A `channel` value is
 * what the acting platform's ChannelRefs read (`<#C0123|sales>`, `<#1234>`, `console:stdout`).
 */
export type OptionKind = "text" | "customer" | "order" | "member" | "channel" | "date" | "choice" | "integer" | "fields" | "flag";

/**
 * How the default text parser reads an option from the words after the command name.
 * - `word`: the next positional word.
 * - `rest`: the positional words left over, joined by spaces (at most one per command; options
 *   declared after it take their word from the end).
 * - `anywhere`: a word matching `choices` (or `match`), wherever it stands.
 * - `named`: the option's name followed by the value (`by region`).
 * - `key`: only as `name=value`.
 * - `flag`: the keyword `--name` (also `-name`, with `-` or nothing for `_`); present means true.
 * `fields` options collect every `key=value` word that no `key` option claims.
 */
export type TypedAs = "word" | "rest" | "anywhere" | "named" | "key" | "flag";

/** One option as a command declares it; everything else about the option is derived from this. */
export type OptionSpec = {
  kind: OptionKind;
  description: string;
  required?: boolean;
  choices?: readonly string[];
  /** The value's rules and messages; without it, derived from `kind` and `choices`. */
  schema?: z.ZodType;
  /** How typed text gives it; `word` unless the kind says otherwise (`flag`, `fields`). */
  typed?: TypedAs;
  /** For `anywhere` options without choices: which words belong to this option. */
  match?: RegExp;
  /** Form hint: the input's label when the name does not read well ("Next follow-up" for `next`). */
  label?: string;
  /** Form hint: a multi-line input. */
  multiline?: boolean;
  /** Form hint: left out of forms (paging through results only makes sense when typing). */
  inForms?: boolean;
  /** Only typed text has it: neither forms nor Discord options show it. */
  typedOnly?: boolean;
  /**
   * Form hint for commands with an `action` option (`deal new|stage|lost`): the form shows this
   * option only once one of these actions is chosen, so a "lost" form does not ask for an amount.
   */
  forActions?: readonly string[];
  /**
   * For `member` options: words taken besides a member (`mine`, `all`), so a platform's member
   * picker alone would not do (Discord then offers these words and members by autocomplete).
   */
  scopes?: readonly string[];
};

export type OptionSpecs = Record<string, OptionSpec>;

/** An option as every surface reads it from a definition: the declaration with its name, without its schema. */
export type CommandOption = Omit<OptionSpec, "schema" | "required"> & { name: string; required: boolean };

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
      const list = choices.join(", ");
      return z.enum(choices, { error: localizable(`The ${name} must be one of ${list}.`, "forms.mustBeOneOf", { choices: list }, undefined, name) });
    }
    case "integer":
      return z.coerce
        .number({ error: localizable(`${name} must be a number.`, "forms.notANumber", undefined, undefined, name) })
        .int(localizable(`${name} must be a whole number.`, "forms.notWhole", undefined, undefined, name));
    case "fields":
      return z.record(
        z.string(),
        z.string().max(FIELD_VALUE_MAX, localizable(`A field value is too long (at most ${FIELD_VALUE_MAX} characters).`, "forms.fieldValueTooLong")),
      );
    case "flag":
      return z.boolean();
    default: {
      const missing = localizable(`${name} is missing.`, "error.argumentMissing", undefined, undefined, name);
      return z
        .string({ error: missing })
        .trim()
        .min(1, missing)
        .max(200, localizable(`${name} is too long (at most 200 characters).`, "forms.fieldTooLong", { max: "200" }, undefined, name));
    }
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
  if (rest.length) throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: rest[0] }), { example });
  return args;
}
