/** What pay and writeoff share: finding an invoice by number, and the reply with the new balance. */
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { assertMayReadCustomer, customerSearchScope } from "../core/customer-visibility.js";
import { NotFound } from "../core/errors.js";
import { statusSelector, openAmount, type LedgerInvoice } from "../core/ledger.js";
import { reply, type Block, type Reply } from "../core/reply.js";
import { money, quoted } from "./shared/format.js";

/** One word with a digit (INV-1042, 2026-0042): worth looking up as an invoice number first. */
export function looksLikeInvoiceNumber(reference: string): boolean {
  const trimmed = reference.trim();
  return trimmed.length > 0 && !/\s/.test(trimmed) && /\d/.test(trimmed) && !trimmed.startsWith("#");
}

/** The invoice with this number, or NotFound naming similar numbers. */
export async function resolveInvoice(ctx: CommandContext, number: string, example: string): Promise<LedgerInvoice> {
  const invoice = await ctx.store.ledger.invoiceByNumber(number);
  if (invoice) {
    const customer = await ctx.store.customers.get(invoice.customerId);
    if (customer) assertMayReadCustomer(ctx, customer, number);
    return invoice;
  }
  const digits = number.replace(/\D/g, "");
  const similar = digits ? await ctx.store.ledger.pickInvoices(digits.slice(0, 3), 5, customerSearchScope(ctx)) : [];
  throw new NotFound(ctx.t("ledger.invoiceNotFound", { number, similar: similar.length ? similar.join(", ") : "none" }), example);
}

export type LedgerRow = { invoice: LedgerInvoice; applied: number };

/**
 * The answer to a receipt or a write-off: what went to which invoice, what each still has open,
 * and the customer's balance and overdue figures as `show` and `overdue` now read them.
 */
export async function ledgerReply(
  ctx: CommandContext,
  input: { title: string; summary: string; customer: Customer; rows: LedgerRow[]; appliedLabel: string; token: string; fields?: { label: string; value: string }[] },
): Promise<Reply> {
  const { t } = ctx;
  const currency = input.customer.currency;
  const ageing = await ctx.store.receivables.ageing({ today: ctx.today, customerId: input.customer.id, limit: 1 });
  const balance = ageing.rows[0]?.balance ?? 0;
  const blocks: Block[] = [
    {
      type: "card",
      title: input.title,
      subtitle: input.customer.name,
      text: input.summary,
      fields: [
        ...(input.fields ?? []).map((field) => ({ ...field, inline: true })),
        { label: t("ledger.balance"), value: money(ctx, balance, currency), inline: true },
        { label: t("ledger.overdue"), value: money(ctx, ageing.total, currency), inline: true },
      ],
      buttons: [
        { label: t("button.undo"), style: "danger", action: { kind: "undo", token: input.token } },
        { label: t("ledger.showCustomer"), action: { kind: "run", command: `show ${quoted(`#${input.customer.id}`)}` } },
      ],
    },
    {
      type: "table",
      columns: [t("ledger.invoice"), t("ledger.due"), input.appliedLabel, t("ledger.open"), t("writeoff.status")],
      align: ["left", "left", "right", "right", "left"],
      rows: input.rows.map(({ invoice, applied }) => [
        invoice.number,
        invoice.dueOn,
        money(ctx, applied, currency),
        money(ctx, openAmount(invoice), currency),
        t("ledger.status", { status: statusSelector(invoice.status) }),
      ]),
    },
  ];
  return reply.of(input.title, blocks);
}
