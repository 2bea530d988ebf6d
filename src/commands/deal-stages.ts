/**
 * `deal stages` shows the workspace's stages; `deal stages set lead:10 demo:40 ...` (admins)
 * replaces the open ones, keeping won and lost last. A stage that still has deals can only go
 * when the line says where they move: `move=qualified:demo`.
 */
import type { CommandContext } from "../core/context.js";
import { BUILT_IN_STAGE_KEYS, type DealStage } from "../core/deal-store.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { hasRole } from "../core/permissions.js";
import { lookupWord, matchKey } from "../core/i18n/vocabulary.js";
import { reply, type Reply } from "../core/reply.js";
import { findStage, typed } from "./deal-input.js";
import { stageLabel } from "./deal-view.js";

/** `deal stages set lead:10 qualified:30 demo:40 ...` with the stage names in the reader's words. */
function stagesExample(ctx: CommandContext): string {
  const named = (key: string) => stageLabel(ctx, { key, name: null });
  const pairs = [`${named("lead")}:10`, `${named("qualified")}:30`, `${ctx.t("deal.stages.exampleCustom")}:40`, `${named("proposal")}:60`, `${named("negotiation")}:80`];
  return `${typed(ctx, "deal stages set")} ${pairs.join(" ")}`;
}

const MAX_STAGES = 20;

export async function showStages(ctx: CommandContext, title?: string): Promise<Reply> {
  const stages = await ctx.store.deals.stages();
  const counts = await ctx.store.deals.countByStage();
  return reply.of(title ?? ctx.t("deal.stages.title"), [
    {
      type: "table",
      columns: [ctx.t("deal.stages.colStage"), ctx.t("deal.stages.colProbability"), ctx.t("deal.stages.colDeals")],
      align: ["left", "right", "right"],
      rows: stages.map((stage) => [stageLabel(ctx, stage), `${stage.probability}%`, String(counts.get(stage.key) ?? 0)]),
    },
    { type: "text", tone: "muted", text: ctx.t("deal.stages.howToChange", { example: stagesExample(ctx) }) },
  ]);
}

function bad(ctx: CommandContext, message: string): UserError {
  return new UserError("bad_stages", message, { field: "set", example: stagesExample(ctx) });
}

/** A typed stage name: a built-in stage word keeps its key (and so its translations); anything else is custom. */
function stageOf(name: string, position: number, probability: number): DealStage {
  const builtIn = lookupWord("stage", name);
  if (builtIn && BUILT_IN_STAGE_KEYS.includes(builtIn)) return { key: builtIn, name: null, position, probability, kind: "open" };
  return { key: matchKey(name), name: name.trim(), position, probability, kind: "open" };
}

export async function setStages(ctx: CommandContext, line: string | undefined): Promise<Reply> {
  if (!hasRole(ctx.member, "admin")) throw new PermissionDenied(ctx.t("deal.stages.adminOnly"));
  const words = (line ?? "").normalize("NFKC").split(/\s+/).filter(Boolean);
  if (!words.length) throw bad(ctx, ctx.t("deal.stages.empty"));
  const current = await ctx.store.deals.stages();
  const open: DealStage[] = [];
  const moves: { from: DealStage; to: string }[] = [];
  for (const word of words) {
    const move = /^move=(.+?):(.+)$/i.exec(word);
    if (move) {
      const from = findStage(move[1]!, current);
      if (!from) throw bad(ctx, ctx.t("deal.stages.unknownMove", { stage: move[1]! }));
      moves.push({ from, to: move[2]! });
      continue;
    }
    const pair = /^(.+):(\d{1,3})%?$/.exec(word);
    const probability = pair ? Number(pair[2]) : NaN;
    if (!pair || probability > 100) throw bad(ctx, ctx.t("deal.stages.badPair", { word }));
    const stage = stageOf(pair[1]!, open.length + 1, probability);
    if (stage.key === "won" || stage.key === "lost") throw bad(ctx, ctx.t("deal.stages.closedKept"));
    if (open.some((existing) => existing.key === stage.key)) throw bad(ctx, ctx.t("deal.stages.duplicate", { stage: pair[1]! }));
    open.push(stage);
  }
  if (!open.length) throw bad(ctx, ctx.t("deal.stages.empty"));
  if (open.length > MAX_STAGES) throw bad(ctx, ctx.t("deal.stages.tooMany", { max: String(MAX_STAGES) }));
  const closed = current.filter((stage) => stage.kind !== "open");
  const next = [...open, ...closed.map((stage, index) => ({ ...stage, position: 100 + index }))];
  const counts = await ctx.store.deals.countByStage();
  const removed = current.filter((stage) => stage.kind === "open" && !open.some((kept) => kept.key === stage.key));
  for (const stage of removed) {
    const inUse = counts.get(stage.key) ?? 0;
    const move = moves.find((candidate) => candidate.from.key === stage.key);
    if (!inUse) continue;
    if (!move) throw bad(ctx, ctx.t("deal.stages.inUse", { stage: stageLabel(ctx, stage), count: inUse }));
    const target = findStage(move.to, open);
    if (!target) throw bad(ctx, ctx.t("deal.stages.unknownMove", { stage: move.to }));
    const moved = await ctx.store.deals.moveStage(stage.key, target.key, ctx.now);
    for (const dealId of moved) {
      await ctx.store.deals.recordEvent({ dealId, actorId: ctx.member.id, kind: "stage", fromStage: stage.key, toStage: target.key, detail: { stagesSet: true } });
    }
  }
  await ctx.store.deals.replaceStages(next);
  await ctx.store.audit.record(ctx.member.id, { action: "deal.stages", entity: "deal_stages", before: current, after: next });
  return showStages(ctx, ctx.t("deal.stages.saved"));
}
