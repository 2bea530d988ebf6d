/**
 * An amount typed for the ledger (pay, writeoff), read in the customer's currency as people write
 * it (1,200.50, ¥5万, ₩5천만), or a UserError naming the field with an example in that currency.
 */
import type { CommandContext } from "./context.js";
import { UserError } from "./errors.js";
import { isCurrencyCode, minorToSafeNumber, readAmount } from "./money/index.js";

/** Sample amounts in a currency, as its writers type them. */
const SAMPLES: Readonly<Record<string, string>> = {
  CNY: "5万",
  TWD: "3萬",
  KRW: "5천만",
  USD: "1,200.50",
};

export function amountSample(currency: string): string {
  return SAMPLES[currency] ?? "1200";
}

/**
 * Minor units of `currency` (the customer's, else the workspace's). `exampleFor` gives the command
 * line to show with a sample amount in place of the typed one.
 */
export function readLedgerAmount(
  text: string,
  ctx: Pick<CommandContext, "t" | "locale">,
  options: { currency: string; customer: string; field: string; exampleFor: (amount: string) => string },
): number {
  const { t } = ctx;
  const example = options.exampleFor(amountSample(options.currency));
  const fail = (message: string): never => {
    throw new UserError("bad_amount", message, { field: options.field, example });
  };
  if (!isCurrencyCode(options.currency)) return fail(t("ledger.amountUnreadable", { phrase: text, currency: options.currency, example }));
  const amount = readAmount(text, { currency: options.currency, locale: ctx.locale });
  if (amount.kind === "conflict") {
    return fail(t("ledger.amountConflict", { phrase: amount.phrase, written: amount.written, expected: amount.expected, customer: options.customer, example }));
  }
  if (amount.kind === "unreadable") {
    if (amount.reason === "too-many-decimals") return fail(t("ledger.amountDecimals", { phrase: amount.phrase, currency: options.currency, example }));
    return fail(t("ledger.amountUnreadable", { phrase: amount.phrase, currency: options.currency, example }));
  }
  if (amount.minor <= 0n) return fail(t("ledger.amountZero", { example }));
  const minor = minorToSafeNumber(amount.minor);
  if (minor === null) return fail(t("ledger.amountTooLarge"));
  return minor;
}
