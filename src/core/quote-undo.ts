/** Undo of quote writes (the 10-minute tokens of `quote new`, `quote send` and `quote reject`). */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";

export const QUOTE_UNDO_KINDS = ["quote.create", "quote.send", "quote.reject"] as const;
export type QuoteUndoKind = (typeof QUOTE_UNDO_KINDS)[number];

/** What the quote was before the write: send and reject put it back. */
export type QuoteUndo = { quoteId: number; number: string; status: string; sentAt: string | null; decidedAt: string | null; rejectReason: string | null };

export function isQuoteUndo(kind: string): kind is QuoteUndoKind {
  return (QUOTE_UNDO_KINDS as readonly string[]).includes(kind);
}

export async function runQuoteUndo(store: Store, member: Member, kind: QuoteUndoKind, payload: unknown, t: Translate): Promise<Reply> {
  const before = payload as QuoteUndo;
  const current = await store.quotes.getByNumber(before.number);
  if (!current || current.id !== before.quoteId) throw new UserError("undo_unavailable", t("undo.entryGone"));
  if (kind === "quote.create") {
    if (!(await store.quotes.removeDraft(current.id))) throw new UserError("undo_unavailable", t("quote.undo.inUse", { number: before.number }));
    await store.audit.record(member.id, { action: "quote.undo", entity: "quote", entityId: current.id, before: { number: before.number }, after: null });
    return reply.text(t("undo.title"), t("quote.undo.removed", { number: before.number }));
  }
  // Once accepted the quote is an order: that is undone by cancelling the order, not here.
  if (current.status === "accepted") throw new UserError("undo_unavailable", t("quote.undo.inUse", { number: before.number }));
  await store.quotes.restore(current.id, {
    status: before.status,
    sentAt: before.sentAt ? new Date(before.sentAt) : null,
    decidedAt: before.decidedAt ? new Date(before.decidedAt) : null,
    rejectReason: before.rejectReason,
  });
  await store.audit.record(member.id, { action: `${kind}.undo`, entity: "quote", entityId: current.id, before: { status: current.status }, after: { status: before.status } });
  return reply.text(t("undo.title"), t("quote.undo.restored", { number: before.number, status: t("quote.status", { status: before.status }) }));
}
