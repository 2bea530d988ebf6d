/** zod building blocks shared by command schemas, with messages that say what is expected. */
import { z } from "zod";
import type { OptionSpec } from "../../core/command.js";

// Control characters other than tab and newline have no business in CRM text (and break chat renderers).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export function text(label: string, max: number) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing.`)
    .max(max, `${label} is too long (at most ${max} characters).`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${label} contains control characters.`);
}

export const customerReference = text("The customer", 200);
export const memberReference = text("The member", 100);
export const dateText = text("The date", 60);

export const pageNumber = z.coerce
  .number({ error: "page must be a number, e.g. page=2" })
  .int("page must be a whole number, e.g. page=2")
  .min(1, "page starts at 1")
  .max(10_000, "page is too large")
  .default(1);

/** `page=N` after a list command; forms leave it out (paging is for typing). */
export const pageOption = { kind: "integer", description: "Result page", typed: "key", inForms: false, schema: pageNumber } as const satisfies OptionSpec;

/** The `field=value` pairs typed after `new` and `edit`. */
export const fieldValues = z.record(z.string(), z.string().max(3000, "A field value is too long (at most 3000 characters)."));

export const PAGE_SIZE = 10;
