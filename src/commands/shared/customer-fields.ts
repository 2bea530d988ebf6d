/**
 * Reads `field=value` pairs typed after `new` and `edit` into a customer patch, with one clear
 * message per bad field. Empty values clear optional fields (`phone=`).
 */
import { z } from "zod";
import { CUSTOMER_STATUSES, EDITABLE_CUSTOMER_FIELDS, PIPELINE_STAGES, type CustomerPatch } from "../../core/domain.js";
import { formatMoney, isCurrencyCode, minorToSafeNumber, readAmount } from "../../core/money/index.js";
import { UserError } from "../../core/errors.js";
import { createTranslator, type Locale, type Translate } from "../../core/i18n/index.js";
import { typedChoiceList, typedWord } from "../../core/i18n/typed-line.js";
import { text } from "./arguments.js";
import { isPhoneNumber } from "../../core/text/phone-check.js";

const ENGLISH = createTranslator("en");

const FIELD_ALIASES: Record<string, string> = {
  province: "region",
  creditlimit: "credit_limit",
  "credit-limit": "credit_limit",
  payment_terms: "terms",
  alias: "aliases",
  tel: "phone",
  mail: "email",
  url: "website",
  note: "notes",
};

/** Local forms as well as international ones: (03)5555-1234, 031-200-1114, +86 138 0013 8000 (see phone-check.ts). */
export const phoneRule = z
  .union([z.literal(""), z.string().trim().refine(isPhoneNumber, ENGLISH("fields.phone"))])
  .transform((value) => (value ? value.normalize("NFKC") : null));

export const emailRule = z.union([z.literal(""), z.email(ENGLISH("fields.email")).max(200)]).transform((value) => value || null);

const optionalText = (label: string, max: number) => z.union([z.literal(""), text(label, max)]).transform((value) => value || null);

const FIELD_RULES = {
  name: text("name", 200),
  aliases: z.string().max(1000, ENGLISH("fields.tooLong", { field: "aliases", max: "1000" })).transform((value) => value.split(/[,;，、]/).map((alias) => alias.trim()).filter(Boolean)),
  status: z.enum(CUSTOMER_STATUSES, { error: ENGLISH("fields.status", { choices: CUSTOMER_STATUSES.join(", ") }) }),
  stage: z.union([z.literal(""), z.enum(PIPELINE_STAGES, { error: ENGLISH("fields.stage", { choices: PIPELINE_STAGES.join(", ") }) })]).transform((value) => value || null),
  grade: z.union([z.literal(""), z.string().trim().toUpperCase().regex(/^[A-E]$/, ENGLISH("fields.grade"))]).transform((value) => value || null),
  type: optionalText("type", 60),
  industry: optionalText("industry", 100),
  source: optionalText("source", 100),
  region: optionalText("region", 100),
  city: optionalText("city", 100),
  address: optionalText("address", 300),
  phone: phoneRule,
  email: emailRule,
  website: z.union([z.literal(""), z.string().trim().max(200).regex(/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i, ENGLISH("fields.website"))]).transform((value) => value || null),
  credit_limit: z.string(),
  notes: optionalText("notes", 3000),
} as const;

/** A list of words as the reader's language separates them (名称、别名 in Chinese). */
function joinFor(locale: Locale, words: readonly string[]): string {
  return words.join(locale.startsWith("zh") ? "、" : ", ");
}

/** The editable fields as the reader types them before `=` (`이름, 별칭, ...` in Korean). */
function fieldNames(locale: Locale): string {
  return joinFor(locale, EDITABLE_CUSTOMER_FIELDS.map((field) => typedWord("field", field, locale)));
}

/** "Fields: name, aliases, ..." in the reader's language and typed words. */
export function fieldsHelp(t: Translate): string {
  return t("fields.help", { fields: fieldNames(t.locale) });
}

/** The English of `fieldsHelp`, for option descriptions (which surfaces translate by their own keys). */
export const FIELDS_HELP = fieldsHelp(ENGLISH);

export type FieldReading = {
  /** The customer's currency before this change (its own, else the tenant's): what amounts are read in. */
  currency: string;
  /** The writer's language, for what a lone 元 or ¥ means. */
  locale: string;
  example: string;
};

export function parseCustomerFields(fields: Record<string, string>, reading: FieldReading): CustomerPatch {
  const t = createTranslator(reading.locale as Locale);
  const patch: Record<string, unknown> = {};
  const problems: string[] = [];
  const entries = Object.entries(fields).map(([rawKey, rawValue]) => ({ rawKey, rawValue, key: FIELD_ALIASES[rawKey] ?? rawKey }));
  // A currency set in the same line is the one the amounts are written in.
  const currencyEntry = entries.find((entry) => entry.key === "currency");
  let currency = reading.currency;
  if (currencyEntry) {
    const code = currencyEntry.rawValue.trim().toUpperCase();
    if (code === "") patch.currency = null;
    else if (isCurrencyCode(code)) {
      patch.currency = code;
      currency = code;
    } else problems.push(t("fields.badCurrency", { value: currencyEntry.rawValue }));
  }
  for (const { rawKey, rawValue, key } of entries) {
    if (!(EDITABLE_CUSTOMER_FIELDS as readonly string[]).includes(key)) {
      problems.push(t("fields.unknown", { field: rawKey, fields: fieldNames(t.locale) }));
      continue;
    }
    if (key === "currency") continue;
    if (key === "terms") {
      // Payment terms in days (`terms=30`, `terms=30天`, `terms=30일`); empty goes back to the workspace default.
      const days = /^(\d{1,3})\s*(d|days?|天|日|일)?$/i.exec(rawValue.trim().normalize("NFKC"));
      if (rawValue.trim() === "") patch.paymentTermsDays = null;
      else if (days && Number(days[1]) <= 365) patch.paymentTermsDays = Number(days[1]);
      else problems.push(t("fields.terms"));
      continue;
    }
    if (key === "credit_limit") {
      if (rawValue.trim() === "") patch.creditLimit = null;
      else {
        const problem = readCreditLimit(rawValue, currency, reading.locale, patch, t);
        if (problem) problems.push(problem);
      }
      continue;
    }
    const result = FIELD_RULES[key as keyof typeof FIELD_RULES].safeParse(rawValue);
    if (!result.success) problems.push(fieldProblem(key, result.error.issues[0], t));
    else patch[key] = result.data;
  }
  if (problems.length) throw new UserError("bad_field", problems.join(" "), { example: reading.example });
  return patch as CustomerPatch;
}

/** The problem with one field's value, in the writer's language (English keeps zod's own wording). */
function fieldProblem(key: string, issue: z.core.$ZodIssue | undefined, t: Translate): string {
  if (!issue) return t("fields.invalid", { field: key });
  if (t.locale === "en") return issue.message;
  const field = typedWord("field", key, t.locale);
  if (issue.code === "too_big") return t("fields.tooLong", { field, max: String(issue.maximum) });
  switch (key) {
    case "status":
      return t("fields.status", { choices: joinFor(t.locale, typedChoiceList(CUSTOMER_STATUSES, t.locale, ["status"])) });
    case "stage":
      return t("fields.stage", { choices: joinFor(t.locale, typedChoiceList(PIPELINE_STAGES, t.locale, ["stage"])) });
    case "grade":
      return t("fields.grade");
    case "phone":
      return t("fields.phone");
    case "email":
      return t("fields.email");
    case "website":
      return t("fields.website");
  }
  if (issue.code === "too_small" || issue.code === "invalid_type") return t("fields.missing", { field });
  if (issue.code === "custom") return t("fields.controlCharacters", { field });
  return t("fields.invalid", { field });
}

/** Sample amounts in a currency, as its writers type them. */
const AMOUNT_EXAMPLES: Record<string, readonly [string, string, string]> = {
  CNY: ["50000", "¥50,000", "5万"],
  TWD: ["30000", "NT$30,000", "3萬"],
  KRW: ["50000000", "₩50,000,000", "5천만"],
  USD: ["50000", "$50,000.00", "50k"],
};

/** Sets patch.creditLimit in minor units of `currency`; returns the problem otherwise. */
function readCreditLimit(text: string, currency: string, locale: string, patch: Record<string, unknown>, t: Translate): string | null {
  const samples = AMOUNT_EXAMPLES[currency];
  const example = samples
    ? t("fields.examples", { first: samples[0], second: samples[1], third: samples[2] })
    : t("fields.exampleOr", { first: "50000", second: formatMoney(5_000_000, currency) });
  if (!isCurrencyCode(currency)) return t("fields.creditNoCurrency", { currency });
  const amount = readAmount(text, { currency, locale });
  if (amount.kind === "conflict") {
    return t("fields.creditConflict", { phrase: amount.phrase, written: amount.written, expected: amount.expected, example });
  }
  if (amount.kind === "unreadable") {
    if (amount.reason === "negative") return t("fields.creditNegative");
    if (amount.reason === "too-many-decimals") return t("fields.creditDecimals", { currency, example });
    return t("fields.creditUnreadable", { currency, example });
  }
  const minor = minorToSafeNumber(amount.minor);
  if (minor === null) return t("fields.creditTooLarge");
  patch.creditLimit = minor;
  return null;
}
