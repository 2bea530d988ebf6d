import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import { assertMayListOwner } from "../core/customer-visibility.js";
import { nextMonth, thisMonth, thisQuarter, type Window } from "../core/deal-periods.js";
import type { DealFilter } from "../core/deal-store.js";
import { UserError } from "../core/errors.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { resolveMember } from "../core/resolve.js";
import { reply, type Block } from "../core/reply.js";
import { splitFields } from "../core/tokenize.js";
import { PAGE_SIZE, pageNumber } from "./shared/arguments.js";
import { paging } from "./shared/format.js";
import { readStage, typed } from "./deal-input.js";
import { dealItem, stageLabel, totalsText } from "./deal-view.js";

export const CLOSING = ["this-month", "next-month", "quarter"] as const;
type Closing = (typeof CLOSING)[number];

const EXAMPLE = "deals all this-month stage=proposal";

export function closingWindow(closing: Closing, today: string): Window {
  if (closing === "this-month") return thisMonth(today);
  if (closing === "next-month") return nextMonth(today);
  return thisQuarter(today);
}

/** deals [mine|all|@member] [this-month|next-month|quarter] [stage=...] [closing=...] [page=N]. */
function parseDeals(words: string[]): Record<string, unknown> {
  const { words: plain, fields } = splitFields(words);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === "stage" || key === "closing" || key === "page") args[key] = key === "closing" ? value.toLowerCase() : value;
    else throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: `${key}=${value}` }), { example: EXAMPLE });
  }
  const who: string[] = [];
  for (const word of plain) {
    if (/^--?summary$/i.test(word)) args.summary = true;
    else if ((CLOSING as readonly string[]).includes(word.toLowerCase())) args.closing = word.toLowerCase();
    else who.push(word);
  }
  if (who.length) args.who = who.join(" ");
  return args;
}

export const dealsCommand = defineCommand({
  name: "deals",
  summary: "Open deals with totals, by owner, stage and closing month",
  usage: "deals [mine|all|@member] [this-month|next-month|quarter] [stage=]",
  examples: ["deals", EXAMPLE, "deals @bob next-month"],
  topic: "sales",
  options: {
    who: { kind: "member", scopes: ["mine", "all"], description: "mine, all, or a member (default mine)", schema: z.string().trim().min(1).max(100).default("mine") },
    closing: {
      kind: "choice",
      description: "Closing this month, next month or this quarter",
      choices: CLOSING,
      schema: z.enum(CLOSING, { error: englishOf("deals.opt.closingOneOf", { choices: CLOSING.join(", ") }) }),
    },
    stage: { kind: "text", description: "Only deals in this stage, e.g. proposal", schema: z.string().trim().min(1).max(60) },
    page: { kind: "integer", description: englishOf("option.page.description"), typed: "key", inForms: false, schema: pageNumber },
    summary: { kind: "flag", description: "Only the totals: count, open, weighted, closing this month (App Home)", typedOnly: true, schema: z.boolean().default(false) },
  },
  parseText: parseDeals,
  writes: false,
  async handler({ who, closing, stage: stageText, page, summary }, ctx) {
    if (summary) return pipelineSummary(ctx, who);
    return dealList(ctx, { who, closing, stageText, page });
  },
});

async function dealList(ctx: CommandContext, input: { who: string; closing?: Closing; stageText?: string; page: number }): Promise<ReturnType<typeof reply.of>> {
  const member = input.who === "all" ? null : await resolveMember(ctx, input.who);
  assertMayListOwner(ctx, member?.id ?? null, "deals");
  const stages = await ctx.store.deals.stages();
  const stage = input.stageText ? readStage(ctx, input.stageText, stages, EXAMPLE) : null;
  const window = input.closing ? closingWindow(input.closing, ctx.today) : null;
  const filter: DealFilter = { status: stage?.kind ?? "open" };
  if (member) filter.ownerId = member.id;
  if (stage) filter.stage = stage.key;
  if (window) {
    filter.closeFrom = window.from;
    filter.closeTo = window.to;
  }
  const { items, total, totals } = await ctx.store.deals.list({ ...filter, limit: PAGE_SIZE, offset: (input.page - 1) * PAGE_SIZE });
  const whose = member ? (member.id === ctx.member.id ? "mine" : "member") : "team";
  const title = ctx.t("deals.title", {
    whose,
    owner: member?.displayName ?? "",
    hasStage: stage ? "yes" : "no",
    stage: stage ? stageLabel(ctx, stage) : "",
    closing: input.closing === "this-month" ? "thisMonth" : input.closing === "next-month" ? "nextMonth" : (input.closing ?? "any"),
    count: total,
  });
  if (!items.length) {
    return reply.of(title, [{ type: "text", text: ctx.t("deals.none", { example: typed(ctx, "deal new acme Q1 volume deal amount=50000") }) }]);
  }
  const blocks: Block[] = [
    { type: "text", text: totalsText(ctx, totals) },
    { type: "list", items: items.map((deal) => dealItem(ctx, deal, stages)) },
  ];
  const rerun = (n: number) =>
    typed(ctx, ["deals", input.who, input.closing, stage ? `stage=${stage.key}` : undefined, `page=${n}`].filter(Boolean).join(" "));
  return reply.of(title, blocks, { paging: paging(rerun, input.page, total, PAGE_SIZE) });
}

/** A member's (or the team's) open pipeline in four figures, for App Home. */
async function pipelineSummary(ctx: CommandContext, who: string): Promise<ReturnType<typeof reply.of>> {
  const member = who === "all" ? null : await resolveMember(ctx, who);
  assertMayListOwner(ctx, member?.id ?? null, "deals");
  const ownerId = member?.id;
  const month = thisMonth(ctx.today);
  const [open, closing] = await Promise.all([
    ctx.store.deals.list({ status: "open", ownerId, limit: 1, offset: 0 }),
    ctx.store.deals.list({ status: "open", ownerId, closeFrom: month.from, closeTo: month.to, limit: 1, offset: 0 }),
  ]);
  const title = ctx.t("deals.summaryTitle", { count: open.total });
  if (!open.total) return reply.of(title, [{ type: "text", text: ctx.t("deals.none", { example: typed(ctx, "deal new acme Q1 volume deal amount=50000") }) }]);
  const blocks: Block[] = [{ type: "text", text: totalsText(ctx, open.totals) }];
  blocks.push({ type: "text", text: closing.total ? ctx.t("deals.closingThisMonth", { totals: totalsText(ctx, closing.totals) }) : ctx.t("deals.noneClosingThisMonth") });
  blocks.push({ type: "buttons", buttons: [{ label: ctx.t("deals.showAll"), action: { kind: "run", command: typed(ctx, `deals ${who}`) } }] });
  return reply.of(title, blocks);
}
