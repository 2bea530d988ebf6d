/**
 * Reads `field=value` pairs typed after `new` and `edit` into a customer patch, with one clear
 * message per bad field. Empty values clear optional fields (`phone=`).
 */
import { z } from "zod";
import { CUSTOMER_STATUSES, EDITABLE_CUSTOMER_FIELDS, PIPELINE_STAGES, type CustomerPatch } from "../../core/domain.js";
import { parseMoney } from "../../core/money.js";
import { UserError } from "../../core/errors.js";
import { text } from "./arguments.js";

const FIELD_ALIASES: Record<string, string> = {
  province: "region",
  creditlimit: "credit_limit",
  "credit-limit": "credit_limit",
  alias: "aliases",
  tel: "phone",
  mail: "email",
  url: "website",
  note: "notes",
};

const optionalText = (label: string, max: number) => z.union([z.literal(""), text(label, max)]).transform((value) => value || null);

const FIELD_RULES = {
  name: text("name", 200),
  aliases: z.string().max(1000, "aliases is too long").transform((value) => value.split(/[,;，、]/).map((alias) => alias.trim()).filter(Boolean)),
  status: z.enum(CUSTOMER_STATUSES, { error: `status must be one of ${CUSTOMER_STATUSES.join(", ")}` }),
  stage: z.union([z.literal(""), z.enum(PIPELINE_STAGES, { error: `stage must be one of ${PIPELINE_STAGES.join(", ")}` })]).transform((value) => value || null),
  grade: z.union([z.literal(""), z.string().trim().toUpperCase().regex(/^[A-E]$/, "grade must be a letter A to E")]).transform((value) => value || null),
  type: optionalText("type", 60),
  industry: optionalText("industry", 100),
  source: optionalText("source", 100),
  region: optionalText("region", 100),
  city: optionalText("city", 100),
  address: optionalText("address", 300),
  phone: z.union([z.literal(""), z.string().trim().regex(/^[+\d][\d\s()\-.\/x]{2,40}$/, "phone must look like +86 21 5555 0101")]).transform((value) => value || null),
  email: z.union([z.literal(""), z.email("email must look like name@example.com").max(200)]).transform((value) => value || null),
  website: z.union([z.literal(""), z.string().trim().max(200).regex(/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i, "website must look like example.com")]).transform((value) => value || null),
  credit_limit: z.string(),
  notes: optionalText("notes", 3000),
} as const;

export const FIELDS_HELP = `Fields: ${EDITABLE_CUSTOMER_FIELDS.join(", ")}`;

export function parseCustomerFields(fields: Record<string, string>, currency: string, example: string): CustomerPatch {
  const patch: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [rawKey, rawValue] of Object.entries(fields)) {
    const key = FIELD_ALIASES[rawKey] ?? rawKey;
    if (!(EDITABLE_CUSTOMER_FIELDS as readonly string[]).includes(key)) {
      problems.push(`"${rawKey}" is not a customer field (${FIELDS_HELP}).`);
      continue;
    }
    if (key === "credit_limit") {
      if (rawValue.trim() === "") patch.creditLimit = null;
      else {
        const amount = parseMoney(rawValue, currency);
        if (amount === null || amount < 0) problems.push(`credit_limit must be an amount like 50000 or 50,000.00`);
        else patch.creditLimit = amount;
      }
      continue;
    }
    const result = FIELD_RULES[key as keyof typeof FIELD_RULES].safeParse(rawValue);
    if (!result.success) problems.push(result.error.issues[0]?.message ?? `${key} is not valid`);
    else patch[key] = result.data;
  }
  if (problems.length) throw new UserError("bad_field", problems.join(" "), { example });
  return patch as CustomerPatch;
}
