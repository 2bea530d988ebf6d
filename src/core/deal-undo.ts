/** Undo of deal writes (the 10-minute tokens of `deal new`, `edit`, `stage`, `won`, `lost`). */
import type { Member } from "./domain.js";
import type { Deal, DealPatch, DealEventKind } from "./deal-store.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";

export const DEAL_UNDO_KINDS = ["deal.create", "deal.change"] as const;
export type DealUndoKind = (typeof DEAL_UNDO_KINDS)[number];

/** `before`: the deal as it was, for `deal.change` (dates as ISO text). */
export type DealUndo = { dealId: number; before?: Omit<DealPatch, "stageChangedAt"> & { stageChangedAt: string } };

export function isDealUndo(kind: string): kind is DealUndoKind {
  return (DEAL_UNDO_KINDS as readonly string[]).includes(kind);
}

/** The fields a change may have touched, as the undo payload keeps them. */
export function dealSnapshot(deal: Deal): NonNullable<DealUndo["before"]> {
  return {
    title: deal.title,
    amount: deal.amount,
    stage: deal.stage,
    probability: deal.probability,
    closeOn: deal.closeOn,
    ownerId: deal.ownerId,
    status: deal.status,
    lostReason: deal.lostReason,
    lostNote: deal.lostNote,
    stageChangedAt: deal.stageChangedAt.toISOString(),
    closedOn: deal.closedOn,
  };
}

export async function runDealUndo(store: Store, member: Member, kind: DealUndoKind, payload: unknown, t: Translate): Promise<Reply> {
  const { dealId, before } = payload as DealUndo;
  const deal = await store.deals.get(dealId);
  if (!deal) throw new UserError("undo_unavailable", t("undo.entryGone"));
  if (kind === "deal.create") {
    await store.deals.remove(deal.id);
    await store.audit.record(member.id, { action: "deal.remove", entity: "deal", entityId: deal.id, before: deal, after: null });
    return reply.text(t("undo.title"), t("deal.undo.removed", { id: String(deal.id), title: deal.title }));
  }
  if (!before) throw new UserError("undo_unavailable", t("undo.entryGone"));
  const { after } = await store.deals.update(deal.id, { ...before, stageChangedAt: new Date(before.stageChangedAt) });
  const event: DealEventKind = deal.status !== "open" && after.status === "open" ? "reopened" : deal.stage !== after.stage ? "stage" : "edit";
  await store.deals.recordEvent({ dealId: deal.id, actorId: member.id, kind: event, fromStage: deal.stage, toStage: after.stage, detail: { undo: true, ...(event === "edit" ? { fields: ["undo"] } : {}) } });
  await store.audit.record(member.id, { action: "deal.undo", entity: "deal", entityId: deal.id, before: deal, after });
  return reply.text(t("undo.title"), t("deal.undo.restored", { id: String(deal.id), title: after.title }));
}
