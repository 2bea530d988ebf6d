/** Undo of recent writes (10-minute window), only by the member who made them. */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";
import { sliceCodePoints } from "./text/normalize.js";
import { isRecordUndo, runRecordUndo } from "./record-undo.js";
import { isTaskUndo, runTaskUndo } from "./task-undo.js";
import { isOrderEntryUndo, runOrderEntryUndo } from "./order-entry-undo.js";
import { isDealUndo, runDealUndo } from "./deal-undo.js";
import { isQuoteUndo, runQuoteUndo } from "./quote-undo.js";
import { isLedgerUndo, runLedgerUndo } from "./ledger-undo.js";
import { undoneCauses } from "./alerts.js";

type InteractionUndo = {
  interactionId: number;
  customerId: number;
  previousFollowUp: string | null;
  previousLastContactAt: string | null;
};

export async function runUndo(store: Store, member: Member, token: string, now: Date, t: Translate): Promise<Reply> {
  const claimed = await store.undo.consume(token, member.id, now);
  if (!claimed) {
    throw new UserError("undo_unavailable", t("undo.unavailable"));
  }
  // An undone write leaves no unsent alert saying the opposite (a payment taken back, a deal moved back).
  await store.alerts.dropUnsent(undoneCauses(claimed.kind, claimed.payload));
  if (isRecordUndo(claimed.kind)) return runRecordUndo(store, member, claimed.kind, claimed.payload, t);
  if (isTaskUndo(claimed.kind)) return runTaskUndo(store, member, claimed.kind, claimed.payload, t);
  if (isOrderEntryUndo(claimed.kind)) return runOrderEntryUndo(store, member, claimed.kind, claimed.payload, t);
  if (isDealUndo(claimed.kind)) return runDealUndo(store, member, claimed.kind, claimed.payload, t);
  if (isQuoteUndo(claimed.kind)) return runQuoteUndo(store, member, claimed.kind, claimed.payload, t);
  if (isLedgerUndo(claimed.kind)) return runLedgerUndo(store, member, claimed.kind, claimed.payload, t, now);
  if (claimed.kind === "interaction.create") {
    const payload = claimed.payload as InteractionUndo;
    const interaction = await store.interactions.get(payload.interactionId);
    if (!interaction) throw new UserError("undo_unavailable", t("undo.entryGone"));
    await store.interactions.markUndone(interaction.id);
    const latest = await store.interactions.latestFor(payload.customerId);
    // The follow-up the log's `next` created goes with it (the customer's next follow-up follows its tasks).
    const task = await store.tasks.createdByInteraction(interaction.id);
    if (task) await store.tasks.remove(task.id);
    await store.customers.touchLastContact(payload.customerId, latest?.occurredAt ?? (payload.previousLastContactAt ? new Date(payload.previousLastContactAt) : null));
    await store.audit.record(member.id, {
      action: "interaction.undo",
      entity: "interaction",
      entityId: interaction.id,
      before: { undone: false },
      after: { undone: true },
    });
    return reply.text(t("undo.title"), t("undo.removed", { channel: t("interaction.channel", { channel: interaction.channel }), summary: sliceCodePoints(interaction.summary, 80) }));
  }
  throw new UserError("undo_unavailable", t("undo.unsupported"));
}
