/** zod building blocks shared by command schemas, with messages that say what is expected. */
import { z } from "zod";
import type { OptionSpec } from "../../core/command.js";
import type { MessageKey } from "../../core/i18n/index.js";
import { createTranslator } from "../../core/i18n/index.js";
import { englishOf, localizable } from "../../core/i18n/localized-messages.js";

const ENGLISH = createTranslator("en");

// Control characters other than tab and newline have no business in CRM text (and break chat renderers).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/**
 * The labels options pass to `text`, with the catalog word each stands for; any other label is a
 * field's own name (`type`, `region`), shown as typed in every language.
 */
export const FORM_LABELS: Readonly<Record<string, MessageKey>> = {
  "The customer": "forms.label.customer",
  "The contact": "forms.label.contact",
  "The member": "forms.label.member",
  "The date": "forms.label.date",
  "Search text": "forms.label.searchText",
  "The summary": "forms.label.summary",
  "The next follow-up date": "forms.label.nextFollowUp",
  "The owner": "forms.label.owner",
  "The from date": "forms.label.fromDate",
  "The to date": "forms.label.toDate",
  "The order number": "forms.label.orderNumber",
  "The customer name": "forms.label.customerName",
  "The amount": "forms.label.amount",
  "The invoice number": "forms.label.invoiceNumber",
  "The reason": "forms.label.reason",
  "The customer or invoice": "forms.label.customerOrInvoice",
  "The reference": "forms.label.reference",
  "The task": "forms.label.task",
  name: "forms.label.name",
};

export function text(label: string, max: number) {
  const labelKey = Object.hasOwn(FORM_LABELS, label) ? FORM_LABELS[label] : undefined;
  // English says the label as written; other languages the catalog's word for it, else the field's name.
  const values = { max: String(max), label };
  const english = { ...values, label: labelKey ? ENGLISH(labelKey) : label };
  const say = (key: MessageKey) => localizable(ENGLISH(key, english), key, values, labelKey);
  const missing = say("forms.missing");
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, say("forms.tooLong"))
    .refine((value) => !CONTROL_CHARACTERS.test(value), say("forms.controlCharacters"));
}

export const customerReference = text("The customer", 200);
export const memberReference = text("The member", 100);
export const dateText = text("The date", 60);

export const pageNumber = z.coerce
  .number({ error: localizable("page must be a number, e.g. page=2", "forms.pageNotNumber") })
  .int(localizable("page must be a whole number, e.g. page=2", "forms.pageNotWhole"))
  .min(1, localizable("page starts at 1", "forms.pageStartsAtOne"))
  .max(10_000, localizable("page is too large", "forms.pageTooLarge"))
  .default(1);

/** `page=N` after a list command; forms leave it out (paging is for typing). */
export const pageOption = { kind: "integer", description: englishOf("option.page.description"), typed: "key", inForms: false, schema: pageNumber } as const satisfies OptionSpec;

/** The `field=value` pairs typed after `new` and `edit`. */
export const fieldValues = z.record(z.string(), z.string().max(3000, localizable("A field value is too long (at most 3000 characters).", "forms.fieldValueTooLong")));

export const PAGE_SIZE = 10;
