/** How deals read: stage names in the reader's language, the deal card, a deal as a list line. */
import type { CommandContext } from "../core/context.js";
import { daysBetween, todayIn } from "../core/dates.js";
import { effectiveProbability, type CurrencyTotal, type Deal, type DealEvent, type DealStage } from "../core/deal-store.js";
import type { Block, Button, ListItem } from "../core/reply.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { localTime, money } from "./shared/format.js";

const BUILT_IN = new Set(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);

/** A built-in stage by the catalogs' word (GLOSSARY: 线索, 阶段...), a custom one by the name it was given. */
export function stageLabel(ctx: Pick<CommandContext, "t">, stage: Pick<DealStage, "key" | "name">): string {
  if (stage.name) return stage.name;
  return BUILT_IN.has(stage.key) ? ctx.t(`deal.stage.${stage.key as "lead"}`) : stage.key;
}

export function stageLabelOf(ctx: Pick<CommandContext, "t">, key: string, stages: readonly DealStage[]): string {
  return stageLabel(ctx, stages.find((stage) => stage.key === key) ?? { key, name: null });
}

export function statusLabel(ctx: CommandContext, deal: Deal): string {
  return ctx.t("deal.status", { status: deal.status });
}

/** Days since the deal entered its stage, in the reader's calendar. */
export function daysInStage(ctx: CommandContext, deal: Deal): number {
  return Math.max(0, daysBetween(todayIn(ctx.timeZone, deal.stageChangedAt), ctx.today));
}

function eventLine(ctx: CommandContext, event: DealEvent, stages: readonly DealStage[]): ListItem {
  const who = event.actorName ?? "-";
  const stage = (key: string | null) => (key ? stageLabelOf(ctx, key, stages) : "-");
  const changes = event.detail && Array.isArray(event.detail.fields) ? (event.detail.fields as string[]).join(", ") : "";
  const title = ctx.t("deal.event", {
    kind: event.kind,
    from: stage(event.fromStage),
    to: stage(event.toStage),
    fields: changes,
    reason: typeof event.detail?.reason === "string" ? ctx.t(`deal.reason.${event.detail.reason as "price"}`) : "",
  });
  return { title, detail: `${localTime(ctx, event.at)} · ${who}` };
}

export function dealCard(
  ctx: CommandContext,
  deal: Deal,
  stages: readonly DealStage[],
  extra: { events?: DealEvent[]; quotes?: { number: string; status: string; total: number; validUntil: string | null }[] } = {},
): Block[] {
  const probability = effectiveProbability(deal, stages);
  const fields = [
    { label: ctx.t("deal.field.customer"), value: deal.customerName, inline: true },
    { label: ctx.t("deal.field.owner"), value: deal.ownerName ?? ctx.t("deal.noOwner"), inline: true },
    { label: ctx.t("deal.field.amount"), value: money(ctx, deal.amount, deal.currency), inline: true },
    { label: ctx.t("deal.field.stage"), value: stageLabelOf(ctx, deal.stage, stages), inline: true },
    {
      label: ctx.t("deal.field.probability"),
      value: deal.probability === null && deal.status === "open" ? ctx.t("deal.probabilityOfStage", { percent: String(probability) }) : `${probability}%`,
      inline: true,
    },
    { label: ctx.t("deal.field.close"), value: deal.closeOn ?? ctx.t("deal.noClose"), inline: true },
  ];
  if (deal.status === "open") {
    fields.push({ label: ctx.t("deal.field.age"), value: ctx.t("deal.days", { days: daysInStage(ctx, deal) }), inline: true });
  } else {
    fields.push({ label: ctx.t("deal.field.status"), value: statusLabel(ctx, deal), inline: true });
    if (deal.closedOn) fields.push({ label: ctx.t("deal.field.closed"), value: deal.closedOn, inline: true });
    if (deal.lostReason) {
      const reason = ctx.t(`deal.reason.${deal.lostReason}`);
      fields.push({ label: ctx.t("deal.field.reason"), value: deal.lostNote ? `${reason}: ${deal.lostNote}` : reason, inline: false });
    }
  }
  const run = (line: string) => localizeTypedLine(line, ctx.locale);
  const buttons: Button[] =
    deal.status === "open"
      ? [
          { label: ctx.t("deal.button.won"), style: "primary", action: { kind: "run", command: run(`deal won ${deal.id}`) } },
          { label: ctx.t("deal.button.lost"), action: { kind: "form", command: "deal", prefill: { action: "lost", id: String(deal.id) } } },
          { label: ctx.t("deal.button.customer"), action: { kind: "run", command: `show #${deal.customerId}` } },
        ]
      : [{ label: ctx.t("deal.button.customer"), action: { kind: "run", command: `show #${deal.customerId}` } }];
  const blocks: Block[] = [{ type: "card", title: ctx.t("deal.title", { id: String(deal.id), title: deal.title }), subtitle: statusLabel(ctx, deal), fields, buttons }];
  if (extra.quotes?.length) {
    blocks.push({
      type: "list",
      title: ctx.t("deal.quotes"),
      items: extra.quotes.map((quote) => ({
        title: `${quote.number} · ${money(ctx, quote.total, deal.currency)}`,
        detail: ctx.t("deal.quoteDetail", { status: quote.status, validUntil: quote.validUntil ?? "-" }),
        buttons: [{ label: ctx.t("deal.button.quote"), action: { kind: "run", command: `quote ${quote.number}` } }],
      })),
    });
  }
  if (extra.events?.length) blocks.push({ type: "list", title: ctx.t("deal.history"), items: extra.events.map((event) => eventLine(ctx, event, stages)) });
  return blocks;
}

/** One deal in a list: title, customer, amount, stage, close date and a button to open it. */
export function dealItem(ctx: CommandContext, deal: Deal, stages: readonly DealStage[]): ListItem {
  const probability = effectiveProbability(deal, stages);
  return {
    title: ctx.t("deal.item", { id: String(deal.id), title: deal.title, customer: deal.customerName }),
    detail: ctx.t("deal.itemDetail", {
      amount: money(ctx, deal.amount, deal.currency),
      stage: stageLabelOf(ctx, deal.stage, stages),
      probability: String(probability),
      close: deal.closeOn ?? ctx.t("deal.noClose"),
      owner: deal.ownerName ?? ctx.t("deal.noOwner"),
    }),
    buttons: [{ label: ctx.t("deal.button.open"), action: { kind: "run", command: localizeTypedLine(`deal ${deal.id}`, ctx.locale) } }],
  };
}

/** "Open $12,000.00 · weighted $6,000.00" per currency, the workspace's first. */
export function totalsText(ctx: CommandContext, totals: readonly CurrencyTotal[]): string {
  return [...totals]
    .sort((a, b) => (a.currency === null ? -1 : b.currency === null ? 1 : a.currency.localeCompare(b.currency)))
    .map((total) => ctx.t("deal.totals", { count: total.count, amount: money(ctx, total.amount, total.currency), weighted: money(ctx, total.weighted, total.currency) }))
    .join("\n");
}

/** The customer's open deals for the customer file (`show`); null when there are none. */
export async function openDealsBlock(ctx: CommandContext, customerId: number): Promise<Block | null> {
  const { items, total } = await ctx.store.deals.list({ status: "open", customerId, limit: 5, offset: 0 });
  if (!items.length) return null;
  const stages = await ctx.store.deals.stages();
  return { type: "list", title: ctx.t("deal.openDeals", { count: total }), items: items.map((deal) => dealItem(ctx, deal, stages)) };
}
