/** Undo of contact removal, merges and archiving (the 10-minute tokens of `contact remove`, `merge`, `archive`). */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";
import type { MergeResult } from "./merge-store.js";

export const RECORD_UNDO_KINDS = ["contact.remove", "customer.merge", "customer.archive"] as const;
export type RecordUndoKind = (typeof RECORD_UNDO_KINDS)[number];

export type ContactRemoveUndo = { contactId: number; wasPrimary: boolean };
export type MergeUndo = { duplicateId: number; keepId: number } & MergeResult;
export type ArchiveUndo = { customerId: number; previousArchivedAt: string | null };

export function isRecordUndo(kind: string): kind is RecordUndoKind {
  return (RECORD_UNDO_KINDS as readonly string[]).includes(kind);
}

export async function runRecordUndo(store: Store, member: Member, kind: RecordUndoKind, payload: unknown, t: Translate): Promise<Reply> {
  switch (kind) {
    case "contact.remove": {
      const { contactId, wasPrimary } = payload as ContactRemoveUndo;
      const contact = await store.contacts.get(contactId);
      if (!contact) throw new UserError("undo_unavailable", t("undo.entryGone"));
      await store.contacts.setRemoved(contactId, null);
      if (wasPrimary) await store.contacts.update(contactId, { isPrimary: true });
      await store.audit.record(member.id, { action: "contact.restore", entity: "contact", entityId: contactId, before: { removedAt: contact.removedAt }, after: { removedAt: null } });
      return reply.text(t("undo.title"), t("contact.restored", { contact: contact.name, customer: contact.customerName }));
    }
    case "customer.merge": {
      const moves = payload as MergeUndo;
      const [duplicate, kept] = await Promise.all([store.customers.get(moves.duplicateId), store.customers.get(moves.keepId)]);
      if (!duplicate || !kept || duplicate.mergedIntoId !== kept.id) throw new UserError("undo_unavailable", t("undo.entryGone"));
      await store.merges.unmerge(moves);
      await store.audit.record(member.id, { action: "customer.unmerge", entity: "customer", entityId: duplicate.id, before: { mergedIntoId: kept.id }, after: { mergedIntoId: null, moved: moves.moves } });
      return reply.text(t("undo.title"), t("merge.undone", { duplicate: duplicate.name, customer: kept.name }));
    }
    case "customer.archive": {
      const { customerId, previousArchivedAt } = payload as ArchiveUndo;
      const customer = await store.customers.get(customerId);
      if (!customer) throw new UserError("undo_unavailable", t("undo.entryGone"));
      const at = previousArchivedAt ? new Date(previousArchivedAt) : null;
      await store.merges.setArchived(customerId, at);
      await store.audit.record(member.id, { action: at ? "customer.archive" : "customer.unarchive", entity: "customer", entityId: customerId, before: { archivedAt: customer.archivedAt ?? null }, after: { archivedAt: at } });
      return reply.text(t("undo.title"), at ? t("archive.archived", { customer: customer.name }) : t("archive.restored", { customer: customer.name }));
    }
  }
}
