/** What order, ship and invoice share: reading typed amounts, the order-entry rights, undo tokens. */
import { randomUUID } from "node:crypto";
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { isCurrencyCode, minorToSafeNumber, readAmount } from "../core/money/index.js";
import { can } from "../core/permissions.js";

/** Sample amounts a reader of each currency can copy. */
const AMOUNT_SAMPLES: Record<string, string> = {
  CNY: "1200, ¥1,200.50, 5万",
  TWD: "1200, NT$1,200, 3萬",
  KRW: "50000, ₩50,000, 5천만",
  USD: "1200, $1,200.50, 5k",
};

export const UNDO_WINDOW_MS = 10 * 60 * 1000;

export function currencyOf(ctx: CommandContext, customer: Pick<Customer, "currency">): string {
  return customer.currency ?? ctx.tenant.currency;
}

export type AmountProblem = { kind: "unreadable" | "conflict" | "tooLarge"; phrase: string; currency: string; written?: string; examples: string };

/** An amount typed in the customer's currency, in minor units, or the problem with it. */
export function readTypedAmount(phrase: string, currency: string, locale: string): { minor: number } | AmountProblem {
  const examples = AMOUNT_SAMPLES[currency] ?? "1200, 1,200.50";
  if (!isCurrencyCode(currency)) return { kind: "unreadable", phrase, currency, examples };
  const read = readAmount(phrase, { currency, locale });
  if (read.kind === "conflict") return { kind: "conflict", phrase, currency, written: read.written, examples };
  if (read.kind === "unreadable") return { kind: "unreadable", phrase, currency, examples };
  const minor = minorToSafeNumber(read.minor);
  return minor === null ? { kind: "tooLarge", phrase, currency, examples } : { minor };
}

/**
 * Entering and cancelling orders: anyone with the `orders` capability on any customer; a rep on
 * their own customers only. Finance does not enter orders.
 */
export function assertCanEnterOrder(ctx: CommandContext, customer: Pick<Customer, "name" | "ownerId">): void {
  if (can(ctx.member, "orders")) return;
  if (ctx.member.role === "rep") {
    if (customer.ownerId === ctx.member.id) return;
    throw new PermissionDenied(ctx.t("orderEntry.notYourCustomer", { customer: customer.name }));
  }
  throw new PermissionDenied(ctx.t("orderEntry.notAllowed"));
}

export async function undoToken(ctx: CommandContext, kind: string, payload: unknown): Promise<string> {
  const token = randomUUID();
  await ctx.store.undo.create({ token, memberId: ctx.member.id, kind, payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
  return token;
}

export function bad(code: string, message: string, example: string, field?: string): UserError {
  return new UserError(code, message, { example, field });
}
