/** Undo of order entry (the 10-minute tokens of `order new`, `ship` and `invoice`), while nothing depends on the record yet. */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";

export const ORDER_ENTRY_UNDO_KINDS = ["order.create", "shipment.create", "invoice.create"] as const;
export type OrderEntryUndoKind = (typeof ORDER_ENTRY_UNDO_KINDS)[number];

type OrderEntryUndo = { orderId?: number; shipmentId?: number; invoiceId?: number; number: string };

export function isOrderEntryUndo(kind: string): kind is OrderEntryUndoKind {
  return (ORDER_ENTRY_UNDO_KINDS as readonly string[]).includes(kind);
}

export async function runOrderEntryUndo(store: Store, member: Member, kind: OrderEntryUndoKind, payload: unknown, t: Translate): Promise<Reply> {
  const { orderId, shipmentId, invoiceId, number } = payload as OrderEntryUndo;
  const audit = (action: string, entity: string, entityId: number) => store.audit.record(member.id, { action, entity, entityId, before: { number }, after: null });
  switch (kind) {
    case "order.create":
      if (!(await store.orderEntry.removeOrder(orderId!))) throw new UserError("undo_unavailable", t("orderEntry.undo.orderInUse", { number }));
      await audit("order.undo", "order", orderId!);
      return reply.text(t("undo.title"), t("orderEntry.undo.order", { number }));
    case "shipment.create":
      if (!(await store.orderEntry.removeShipment(shipmentId!))) throw new UserError("undo_unavailable", t("undo.entryGone"));
      await audit("shipment.undo", "shipment", shipmentId!);
      return reply.text(t("undo.title"), t("orderEntry.undo.shipment", { number }));
    case "invoice.create":
      if (!(await store.orderEntry.removeInvoice(invoiceId!))) throw new UserError("undo_unavailable", t("orderEntry.undo.invoiceInUse", { number }));
      await audit("invoice.undo", "invoice", invoiceId!);
      return reply.text(t("undo.title"), t("orderEntry.undo.invoice", { number }));
  }
}
