/** Undo of a receipt or a write-off: the invoices get their open amounts back; the rows stay, marked undone, for the audit trail. */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";
import { formatMoney } from "./money/index.js";
import { todayIn } from "./dates.js";

const KINDS = ["payment.create", "writeoff.create"] as const;
type LedgerUndoKind = (typeof KINDS)[number];

export function isLedgerUndo(kind: string): kind is LedgerUndoKind {
  return (KINDS as readonly string[]).includes(kind);
}

export async function runLedgerUndo(store: Store, member: Member, kind: LedgerUndoKind, payload: unknown, t: Translate, now: Date): Promise<Reply> {
  const balanceOf = async (customerId: number) => {
    const customer = await store.customers.get(customerId);
    const currency = customer?.currency ?? store.tenant.currency;
    const ageing = await store.receivables.ageing({ today: todayIn(store.tenant.timeZone, now), customerId, limit: 1 });
    const shown = (minor: number) => formatMoney(minor, currency, t.locale);
    return { name: customer?.name ?? `#${customerId}`, shown, balance: shown(ageing.rows[0]?.balance ?? 0) };
  };
  if (kind === "payment.create") {
    const { paymentId } = payload as { paymentId: number };
    const undone = await store.ledger.undoReceipt(paymentId, now);
    if (!undone) throw new UserError("undo_unavailable", t("undo.entryGone"));
    await store.audit.record(member.id, {
      action: "payment.undo",
      entity: "payment",
      entityId: paymentId,
      before: { allocations: undone.allocations, undone: false },
      after: { undone: true },
    });
    const customer = await balanceOf(undone.customerId);
    return reply.text(
      t("undo.receiptTitle"),
      t("undo.receipt", {
        amount: customer.shown(undone.amount),
        customer: customer.name,
        numbers: undone.allocations.map((allocation) => allocation.number).join(", "),
        count: undone.allocations.length,
        balance: customer.balance,
      }),
    );
  }
  const { writeOffId } = payload as { writeOffId: number };
  const undone = await store.ledger.undoWriteOff(writeOffId, now);
  if (!undone) throw new UserError("undo_unavailable", t("undo.entryGone"));
  await store.audit.record(member.id, { action: "writeoff.undo", entity: "write_off", entityId: writeOffId, before: { undone: false }, after: { undone: true } });
  const customer = await balanceOf(undone.customerId);
  return reply.text(
    t("undo.writeOffTitle"),
    t("undo.writeOff", { amount: customer.shown(undone.amount), number: undone.invoiceNumber, customer: customer.name, balance: customer.balance }),
  );
}
