/**
 * The writes of `deal`: new, edit, stage, won, lost. Each checks who may, writes the deal, a
 * deal_events row (who, when, from and to) and an audit entry in the command's one transaction.
 */
import type { CommandContext } from "../core/context.js";
import type { Deal, DealEventKind, DealPatch, DealStage } from "../core/deal-store.js";
import { assertCanChangeDeal, assertCanCreateDeal } from "../core/deal-permissions.js";
import { assertMayReadCustomer } from "../core/customer-visibility.js";
import { NotFound, PermissionDenied, UserError } from "../core/errors.js";
import { hasRole } from "../core/permissions.js";
import { resolveCustomer, resolveMember } from "../core/resolve.js";
import { reply, type Reply } from "../core/reply.js";
import { randomUUID } from "node:crypto";
import { dealSnapshot, type DealUndoKind } from "../core/deal-undo.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { quoted } from "./shared/format.js";
import { readCloseDate, readDealAmount, readLostReason, readProbability, readStage, typed } from "./deal-input.js";
import { dealCard, stageLabelOf } from "./deal-view.js";
import { raiseAlert } from "../core/alerts-raise.js";

export const NEW_EXAMPLE = "deal new acme Q1 volume deal amount=50000 stage=proposal close=2026-12-18";
export const EDIT_EXAMPLE = "deal edit 12 amount=60000 close=2026-12-31 probability=60";
export const STAGE_EXAMPLE = "deal stage 12 negotiation";
export const LOST_EXAMPLE = "deal lost 12 reason=price Went with a cheaper offer";

export type DealInput = {
  customer?: string;
  title?: string;
  amount?: string;
  stage?: string;
  close?: string;
  probability?: string | number;
  owner?: string;
};

function missing(ctx: CommandContext, field: string, example: string): UserError {
  return new UserError("missing_argument", ctx.t("deal.input.missing", { field: ctx.t(`deal.field.${field as "title"}`), example: typed(ctx, example) }), {
    field,
    example: typed(ctx, example),
  });
}

export async function requireDeal(ctx: CommandContext, id: number): Promise<Deal> {
  const deal = await ctx.store.deals.get(id);
  if (!deal) throw new NotFound(ctx.t("deal.notFound", { id: String(id) }), typed(ctx, "deals all"));
  assertMayReadCustomer(ctx, { ownerId: deal.customerOwnerId }, `#${id}`);
  return deal;
}

async function record(ctx: CommandContext, deal: Deal, kind: DealEventKind, extra: { from?: string | null; to?: string | null; detail?: Record<string, unknown> } = {}) {
  await ctx.store.deals.recordEvent({ dealId: deal.id, actorId: ctx.member.id, kind, fromStage: extra.from ?? null, toStage: extra.to ?? null, detail: extra.detail ?? null });
}

async function audit(ctx: CommandContext, action: string, deal: { id: number }, before: unknown, after: unknown) {
  await ctx.store.audit.record(ctx.member.id, { action, entity: "deal", entityId: deal.id, before, after });
}

/** The owner a write names: only managers and admins give a deal to someone else. */
async function readOwner(ctx: CommandContext, text: string): Promise<number> {
  const member = await resolveMember(ctx, text);
  if (member.id !== ctx.member.id && !hasRole(ctx.member, "manager")) throw new PermissionDenied(ctx.t("deal.denied.giveAway"));
  return member.id;
}

/** Tells the deal's owner that someone else moved it (stage, won, lost); an undo drops it while unsent. */
async function alertOwner(ctx: CommandContext, deal: Deal, stage: DealStage): Promise<void> {
  await raiseAlert(ctx.store, {
    recipientId: deal.ownerId,
    actorId: ctx.member.id,
    kind: "dealStage",
    dedupeKey: `dealStage:deal:${deal.id}:${stage.key}:${ctx.now.getTime()}`,
    payload: {
      cause: `deal:${deal.id}`,
      actor: ctx.member.displayName,
      customer: { id: deal.customerId, name: deal.customerName },
      deal: { id: deal.id, title: deal.title, stage: { key: stage.key, name: stage.name ?? null }, status: stage.kind },
    },
    now: ctx.now,
  });
}

function statusOfStage(stage: DealStage): "open" | "won" | "lost" {
  return stage.kind;
}

/** The card after a write, with an Undo button (10 minutes, this member only) when there is something to take back. */
async function shown(ctx: CommandContext, title: string, id: number, undo?: { kind: DealUndoKind; before?: Deal }): Promise<Reply> {
  const deal = await requireDeal(ctx, id);
  const stages = await ctx.store.deals.stages();
  const blocks = dealCard(ctx, deal, stages);
  if (undo) {
    const token = randomUUID();
    const payload = { dealId: deal.id, ...(undo.before ? { before: dealSnapshot(undo.before) } : {}) };
    await ctx.store.undo.create({ token, memberId: ctx.member.id, kind: undo.kind, payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
    blocks.push({ type: "buttons", buttons: [{ label: ctx.t("button.undo"), action: { kind: "undo", token } }] });
  }
  return reply.of(title, blocks);
}

export async function createDeal(ctx: CommandContext, input: DealInput): Promise<Reply> {
  if (!input.customer) throw missing(ctx, "customer", NEW_EXAMPLE);
  const customer = await resolveCustomer(ctx, input.customer, (ref) => `deal new ${ref} ${quoted(input.title ?? "")}`);
  if (!input.title) throw missing(ctx, "title", NEW_EXAMPLE);
  assertCanCreateDeal(ctx.member, customer, ctx.t);
  const stages = await ctx.store.deals.stages();
  const currency = customer.currency ?? null;
  const stage = input.stage ? readStage(ctx, input.stage, stages, NEW_EXAMPLE) : stages.find((candidate) => candidate.kind === "open")!;
  if (stage.kind !== "open") throw new UserError("bad_stage", ctx.t("deal.input.newClosed"), { field: "stage", example: typed(ctx, NEW_EXAMPLE) });
  const amount = input.amount ? readDealAmount(ctx, input.amount, currency ?? ctx.tenant.currency, NEW_EXAMPLE) : 0;
  const probability = input.probability !== undefined ? readProbability(ctx, String(input.probability), NEW_EXAMPLE) : null;
  const closeOn = input.close ? readCloseDate(ctx, input.close, NEW_EXAMPLE, (date) => `deal new #${customer.id} ${quoted(input.title!)} close=${date}`) : null;
  const ownerId = input.owner ? await readOwner(ctx, input.owner) : ctx.member.id;
  const deal = await ctx.store.deals.create({
    customerId: customer.id,
    ownerId,
    createdById: ctx.member.id,
    title: input.title,
    amount,
    currency,
    stage: stage.key,
    probability,
    closeOn,
    status: statusOfStage(stage),
    closedOn: null,
    at: ctx.now,
  });
  await record(ctx, deal, "created", { to: deal.stage });
  await audit(ctx, "deal.create", deal, null, deal);
  return shown(ctx, ctx.t("deal.created", { id: String(deal.id), title: deal.title, customer: deal.customerName }), deal.id, { kind: "deal.create" });
}

export async function editDeal(ctx: CommandContext, id: number, input: DealInput & { fields?: Record<string, string> }): Promise<Reply> {
  const deal = await requireDeal(ctx, id);
  assertCanChangeDeal(ctx.member, deal, ctx.t);
  const unknown = Object.keys(input.fields ?? {})[0];
  if (unknown) throw new UserError("bad_field", ctx.t("deal.input.unknownField", { field: unknown }), { field: "fields", example: typed(ctx, EDIT_EXAMPLE) });
  const patch: DealPatch = {};
  const stages = await ctx.store.deals.stages();
  if (input.title !== undefined) patch.title = input.title;
  if (input.amount !== undefined) patch.amount = readDealAmount(ctx, input.amount, deal.currency ?? ctx.tenant.currency, EDIT_EXAMPLE);
  if (input.probability !== undefined) patch.probability = readProbability(ctx, String(input.probability), EDIT_EXAMPLE);
  if (input.close !== undefined) patch.closeOn = readCloseDate(ctx, input.close, EDIT_EXAMPLE, (date) => `deal edit ${deal.id} close=${date}`);
  if (input.owner !== undefined) {
    if (!hasRole(ctx.member, "manager")) throw new PermissionDenied(ctx.t("deal.denied.giveAway"));
    patch.ownerId = await readOwner(ctx, input.owner);
  }
  if (input.stage !== undefined) {
    const stage = readStage(ctx, input.stage, stages, EDIT_EXAMPLE);
    if (stage.key !== deal.stage) Object.assign(patch, stagePatch(ctx, deal, stage));
  }
  const fields = Object.keys(patch).filter((key) => key !== "stageChangedAt" && key !== "status" && key !== "closedOn" && key !== "stage");
  if (!fields.length && patch.stage === undefined) throw missing(ctx, "fields", EDIT_EXAMPLE);
  const { before, after } = await ctx.store.deals.update(deal.id, patch);
  if (fields.length) await record(ctx, after, "edit", { detail: { fields } });
  if (patch.stage !== undefined) await record(ctx, after, eventOfStage(after), { from: before.stage, to: after.stage });
  await audit(ctx, "deal.update", after, before, after);
  return shown(ctx, ctx.t("deal.updated", { id: String(deal.id), title: after.title }), deal.id, { kind: "deal.change", before });
}

function eventOfStage(deal: Deal): DealEventKind {
  return deal.status === "won" ? "won" : deal.status === "lost" ? "lost" : "stage";
}

/** Moving into `stage`: its status follows the stage's kind; closing dates come and go with it. */
function stagePatch(ctx: CommandContext, deal: Deal, stage: DealStage): DealPatch {
  const patch: DealPatch = { stage: stage.key, stageChangedAt: ctx.now, status: stage.kind };
  if (stage.kind === "open") {
    patch.closedOn = null;
    if (deal.status === "lost") {
      patch.lostReason = null;
      patch.lostNote = null;
    }
  } else {
    patch.closedOn = ctx.today;
  }
  return patch;
}

export async function moveDeal(ctx: CommandContext, id: number, stageText: string | undefined): Promise<Reply> {
  const deal = await requireDeal(ctx, id);
  assertCanChangeDeal(ctx.member, deal, ctx.t);
  if (!stageText) throw missing(ctx, "stage", STAGE_EXAMPLE);
  const stages = await ctx.store.deals.stages();
  const stage = readStage(ctx, stageText, stages, STAGE_EXAMPLE);
  if (stage.kind === "lost") throw new UserError("bad_stage", ctx.t("deal.input.lostNeedsReason"), { field: "stage", example: typed(ctx, LOST_EXAMPLE.replace("12", String(deal.id))) });
  if (stage.key === deal.stage) return shown(ctx, ctx.t("deal.alreadyIn", { id: String(deal.id), stage: stageLabelOf(ctx, stage.key, stages) }), deal.id);
  const { before, after } = await ctx.store.deals.update(deal.id, stagePatch(ctx, deal, stage));
  const kind: DealEventKind = stage.kind === "won" ? "won" : before.status !== "open" ? "reopened" : "stage";
  await record(ctx, after, kind, { from: before.stage, to: after.stage });
  await audit(ctx, kind === "won" ? "deal.won" : "deal.stage", after, before, after);
  await alertOwner(ctx, after, stage);
  const title = stage.kind === "won" ? ctx.t("deal.wonTitle", { id: String(deal.id), title: deal.title }) : ctx.t("deal.moved", { id: String(deal.id), stage: stageLabelOf(ctx, stage.key, stages) });
  return shown(ctx, title, deal.id, { kind: "deal.change", before });
}

export async function winDeal(ctx: CommandContext, id: number): Promise<Reply> {
  const deal = await requireDeal(ctx, id);
  assertCanChangeDeal(ctx.member, deal, ctx.t);
  if (deal.status === "won") return shown(ctx, ctx.t("deal.alreadyWon", { id: String(deal.id) }), deal.id);
  const stages = await ctx.store.deals.stages();
  const won = stages.find((stage) => stage.kind === "won")!;
  return moveDeal(ctx, id, won.key);
}

export async function loseDeal(ctx: CommandContext, id: number, reasonText: string | undefined, note: string | undefined): Promise<Reply> {
  const deal = await requireDeal(ctx, id);
  assertCanChangeDeal(ctx.member, deal, ctx.t);
  const example = LOST_EXAMPLE.replace("12", String(deal.id));
  const reason = readLostReason(ctx, reasonText, example);
  if (deal.status === "lost") return shown(ctx, ctx.t("deal.alreadyLost", { id: String(deal.id) }), deal.id);
  const stages = await ctx.store.deals.stages();
  const lost = stages.find((stage) => stage.kind === "lost")!;
  const patch: DealPatch = { ...stagePatch(ctx, deal, lost), lostReason: reason, lostNote: note?.trim() || null };
  const { before, after } = await ctx.store.deals.update(deal.id, patch);
  await record(ctx, after, "lost", { from: before.stage, to: after.stage, detail: { reason, ...(after.lostNote ? { note: after.lostNote } : {}) } });
  await audit(ctx, "deal.lost", after, before, after);
  await alertOwner(ctx, after, lost);
  return shown(ctx, ctx.t("deal.lostTitle", { id: String(deal.id), title: deal.title, reason: ctx.t(`deal.reason.${reason}`) }), deal.id, { kind: "deal.change", before });
}
