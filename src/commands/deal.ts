import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { LOST_REASONS } from "../core/deal-store.js";
import { UserError } from "../core/errors.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { reply } from "../core/reply.js";
import { splitFields } from "../core/tokenize.js";
import { createDeal, editDeal, loseDeal, moveDeal, NEW_EXAMPLE, requireDeal, winDeal } from "./deal-actions.js";
import { readDealId, typed } from "./deal-input.js";
import { setStages, showStages } from "./deal-stages.js";
import { dealCard } from "./deal-view.js";
import { withRecordLink } from "./shared/record-link.js";

const ACTIONS = ["show", "new", "edit", "stage", "won", "lost", "stages"] as const;
type Action = (typeof ACTIONS)[number];

/** `key=` words each action reads; anything else is refused by the action. */
const KEYED = ["title", "amount", "stage", "close", "probability", "owner", "reason"] as const;

const HISTORY_SHOWN = 10;

/**
 * deal <id> | new <customer> <title...> | edit <id> k=v... | stage <id> <stage...> | won <id> |
 * lost <id> reason=<reason> [note...] | stages [set <stage:probability>... [move=<from>:<to>]].
 */
function parseDeal(words: string[]): Record<string, unknown> {
  const [first, ...rest] = words;
  if (first === undefined) return {};
  if (/^#?\d+$/.test(first.normalize("NFKC"))) return { action: "show", id: first.normalize("NFKC").replace(/^#/, "") };
  const action = first.toLowerCase();
  if (action === "stages") {
    const [set, ...pairs] = rest;
    return set?.toLowerCase() === "set" ? { action, set: pairs.join(" ") || undefined } : rest.length ? { action, set: rest.join(" ") } : { action };
  }
  const { words: plain, fields } = splitFields(rest);
  const args: Record<string, unknown> = { action };
  const others: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if ((KEYED as readonly string[]).includes(key)) args[key] = value;
    else others[key] = value;
  }
  if (Object.keys(others).length) args.fields = others;
  if (action === "new") {
    if (plain[0] !== undefined) args.customer = plain[0];
    if (plain.length > 1) args.title = plain.slice(1).join(" ");
    return args;
  }
  if (plain[0] !== undefined) args.id = plain[0];
  const tail = plain.slice(1).join(" ");
  if (tail) {
    if (action === "stage") args.stage = tail;
    else if (action === "lost") args.note = tail;
    else throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: plain[1] }), { example: NEW_EXAMPLE });
  }
  return args;
}

const optionalText = (max: number) => z.string().trim().min(1).max(max);
/** The actions whose form takes the deal's own fields. */
const EDITING = ["new", "edit"];

export const dealCommand = defineCommand({
  name: "deal",
  summary: "A deal: create, move through stages, win or lose, see history",
  usage: "deal <new|edit|stage|won|lost|stages> <id|customer> [amount=] [stage=] [close=DATE]",
  examples: [NEW_EXAMPLE, "deal 12", "deal stage 12 negotiation", "deal won 12", "deal lost 12 reason=price", "deal stages"],
  topic: "sales",
  options: {
    action: { kind: "choice", description: "show, new, edit, stage, won, lost or stages", required: true, choices: ACTIONS },
    id: { kind: "text", description: "Deal number, e.g. 12", schema: optionalText(20), forActions: ["show", "edit", "stage", "won", "lost"] },
    customer: { kind: "customer", description: "Customer name or #id (new)", schema: optionalText(200), forActions: ["new"] },
    title: { kind: "text", description: "What is sold (new, edit)", schema: optionalText(200), forActions: EDITING },
    amount: { kind: "text", description: "Expected amount, e.g. 50000", schema: optionalText(60), forActions: EDITING },
    stage: { kind: "text", description: "Stage, e.g. proposal", schema: optionalText(60), forActions: [...EDITING, "stage"] },
    close: { kind: "date", description: "Expected close date", schema: optionalText(60), forActions: EDITING },
    probability: { kind: "text", description: "Win chance in %, 0-100", schema: optionalText(10), forActions: EDITING },
    owner: { kind: "member", description: "Deal owner (managers)", schema: optionalText(100), forActions: EDITING },
    reason: {
      kind: "choice",
      description: "Why it was lost (lost)",
      choices: LOST_REASONS,
      schema: z.string().trim().min(1).max(40),
      forActions: ["lost"],
    },
    note: { kind: "text", description: "Note on the loss (lost)", multiline: true, schema: optionalText(1000), forActions: ["lost"] },
    set: { kind: "text", description: "Open stages, e.g. lead:10 demo:40", schema: optionalText(1000), forActions: ["stages"] },
    fields: { kind: "fields", description: "Other field=value pairs (refused with the list of fields)", typedOnly: true },
  },
  parseText: parseDeal,
  writes: (args) => args.action !== "show" && !(args.action === "stages" && args.set === undefined),
  async handler(args, ctx) {
    const action: Action = args.action;
    switch (action) {
      case "show": {
        const deal = await requireDeal(ctx, readDealId(ctx, args.id, "deal 12"));
        const [stages, events, quotes] = await Promise.all([ctx.store.deals.stages(), ctx.store.deals.events(deal.id, HISTORY_SHOWN), ctx.store.deals.quotesOf(deal.id)]);
        return reply.of(ctx.t("deal.title", { id: String(deal.id), title: deal.title }), withRecordLink(ctx, dealCard(ctx, deal, stages, { events, quotes }), "deal", deal.id));
      }
      case "new":
        if (args.fields) throw unknownField(ctx, Object.keys(args.fields)[0]!);
        return createDeal(ctx, args);
      case "edit":
        return editDeal(ctx, readDealId(ctx, args.id, "deal edit 12 amount=60000"), args);
      case "stage":
        return moveDeal(ctx, readDealId(ctx, args.id, "deal stage 12 negotiation"), args.stage);
      case "won":
        return winDeal(ctx, readDealId(ctx, args.id, "deal won 12"));
      case "lost":
        return loseDeal(ctx, readDealId(ctx, args.id, "deal lost 12 reason=price"), args.reason, args.note);
      case "stages":
        return args.set === undefined ? showStages(ctx) : setStages(ctx, args.set);
    }
  },
});

function unknownField(ctx: Parameters<typeof typed>[0], field: string): UserError {
  return new UserError("bad_field", ctx.t("deal.input.unknownField", { field }), { field: "fields", example: typed(ctx, NEW_EXAMPLE) });
}
