import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { UserError } from "../core/errors.js";
import { resolveMember } from "../core/resolve.js";
import { memberReference } from "./shared/arguments.js";

const EXAMPLE = "handover @bob @alice --dry-run";

export const handoverCommand = defineCommand({
  name: "handover",
  summary: "Move every customer, open follow-up and open order of a leaving member to another (managers)",
  usage: "handover <from member> <to member> [--dry-run]",
  examples: [EXAMPLE, "handover @bob @alice"],
  options: [
    { name: "from", kind: "member", description: "The leaving member", required: true },
    { name: "to", kind: "member", description: "Who takes over", required: true },
    { name: "dry_run", kind: "choice", description: "Only show what would move", required: false, choices: ["yes", "no"] },
  ],
  schema: z.object({
    from: memberReference,
    to: memberReference,
    dry_run: z.union([z.boolean(), z.enum(["yes", "no"]).transform((value) => value === "yes")]).optional(),
  }),
  parseText: (words) => {
    const dry = words.some((word) => /^--?dry-?run$/i.test(word));
    const rest = words.filter((word) => !/^--?dry-?run$/i.test(word));
    return { from: rest[0], to: rest[1], dry_run: dry };
  },
  writes: true,
  role: "manager",
  async handler(args, ctx) {
    const from = await resolveMember(ctx, args.from);
    const to = await resolveMember(ctx, args.to);
    if (from.id === to.id) throw new UserError("bad_argument", "Hand over to someone else.", { example: EXAMPLE });
    if (!to.active) throw new UserError("bad_argument", `${to.displayName} is not active.`, { example: EXAMPLE });
    const dryRun = args.dry_run === true;
    const summary = dryRun
      ? await ctx.store.team.handoverPlan(from.id, ctx.today)
      : await ctx.store.team.handover({ fromId: from.id, toId: to.id, actorId: ctx.member.id, today: ctx.today });
    const verb = dryRun ? "Would move" : "Moved";
    const title = `${verb} ${summary.customers.length} customer${summary.customers.length === 1 ? "" : "s"} from ${from.displayName} to ${to.displayName}`;
    return reply.of(title, [
      {
        type: "fields",
        fields: [
          { label: "Customers", value: String(summary.customers.length), inline: true },
          { label: "Open follow-ups", value: String(summary.followUps), inline: true },
          { label: "Open orders", value: String(summary.openOrders), inline: true },
        ],
      },
      ...(summary.customers.length
        ? [{ type: "list" as const, title: "Customers", items: summary.customers.slice(0, 20).map((customer) => ({ title: `${customer.name} #${customer.id}` })) }]
        : []),
      ...(summary.customers.length > 20 ? [{ type: "text" as const, text: `and ${summary.customers.length - 20} more.`, tone: "muted" as const }] : []),
      ...(dryRun ? [{ type: "buttons" as const, buttons: [{ label: "Hand over now", style: "danger" as const, action: { kind: "run" as const, command: `handover #${from.id} #${to.id}` } }] }] : []),
    ]);
  },
});
