/** Undo of recent writes (10-minute window), only by the member who made them. */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";
import { sliceCodePoints } from "./text/normalize.js";

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
  if (claimed.kind === "interaction.create") {
    const payload = claimed.payload as InteractionUndo;
    const interaction = await store.interactions.get(payload.interactionId);
    if (!interaction) throw new UserError("undo_unavailable", t("undo.entryGone"));
    await store.interactions.markUndone(interaction.id);
    const latest = await store.interactions.latestFor(payload.customerId);
    await store.customers.update(payload.customerId, { nextFollowUp: payload.previousFollowUp });
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
