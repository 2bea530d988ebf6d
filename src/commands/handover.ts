import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { reply } from "../core/reply.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { hasRole } from "../core/permissions.js";
import { resolveMember } from "../core/resolve.js";
import { raiseAlert } from "../core/alerts-raise.js";
import { memberReference } from "./shared/arguments.js";

const EXAMPLE = "handover @bob @alice --dry-run";

const yesNo = z.union([z.boolean(), z.enum(["yes", "no"]).transform((value) => value === "yes")]).optional();

export const handoverCommand = defineCommand({
  name: "handover",
  summary: "Move every customer, open follow-up and open order of a leaving member to another and close the leaver's access (managers)",
  usage: "handover <from member> <to member> [--dry-run] [--keep-active]",
  examples: [EXAMPLE, "handover @bob @alice", "handover @bob @alice --keep-active"],
  options: {
    from: { kind: "member", description: "The leaving member", required: true, schema: memberReference },
    to: { kind: "member", description: "Who takes over", required: true, schema: memberReference },
    dry_run: { kind: "choice", description: "Only show what would move", choices: ["yes", "no"], typed: "flag", schema: yesNo },
    keep_active: { kind: "choice", description: "Keep the leaver's access (a change of territory, not a departure)", choices: ["yes", "no"], typed: "flag", schema: yesNo },
  },
  topic: "team",
  writes: true,
  role: "manager",
  async handler(args, ctx) {
    // The leaver may already be inactive (deactivated in Slack, left the Discord server): their
    // customers stay theirs until handed over, so an inactive member is a valid `from`.
    const from = await resolveMember(ctx, args.from, { includeInactive: true });
    const to = await resolveMember(ctx, args.to);
    if (from.id === to.id) throw new UserError("bad_argument", ctx.t("handover.sameMember"), { example: EXAMPLE });
    if (!to.active) throw new UserError("bad_argument", ctx.t("handover.inactive", { member: to.displayName }), { example: EXAMPLE });
    const dryRun = args.dry_run === true;
    const closeAccess = args.keep_active !== true;
    if (closeAccess && from.id === ctx.member.id) {
      throw new UserError("bad_argument", ctx.t("handover.ownAccess"), { example: "handover @you @alice --keep-active" });
    }
    if (closeAccess && !hasRole(ctx.member, from.role)) {
      throw new PermissionDenied(ctx.t("handover.adminAccess", { member: from.displayName }));
    }
    const summary = dryRun
      ? await ctx.store.team.handoverPlan(from.id, ctx.today)
      : await ctx.store.team.handover({ fromId: from.id, toId: to.id, actorId: ctx.member.id, today: ctx.today });
    if (!dryRun && summary.customers.length) {
      const [first] = summary.customers;
      await raiseAlert(ctx.store, {
        recipientId: to.id,
        actorId: ctx.member.id,
        kind: "assigned",
        dedupeKey: `assigned:handover:${from.id}:${ctx.now.getTime()}`,
        payload: { cause: `handover:${from.id}`, actor: ctx.member.displayName, count: summary.customers.length, ...(summary.customers.length === 1 && first ? { customer: { id: first.id, name: first.name } } : {}) },
        now: ctx.now,
      });
    }
    if (closeAccess && !dryRun) {
      await ctx.store.members.update(from.id, { active: false });
      await ctx.store.audit.record(ctx.member.id, { action: "member.deactivate", entity: "member", entityId: from.id, before: { active: true }, after: { active: false, handedOverTo: to.id } });
    }
    const count = summary.customers.length;
    const title = ctx.t("handover.title", { dryRun: dryRun ? "yes" : "no", count, countText: String(count), from: from.displayName, to: to.displayName });
    const access = closeAccess
      ? ctx.t("handover.accessClosed", { member: from.displayName, dryRun: dryRun ? "yes" : "no", command: localizeTypedLine(`role #${from.id} rep`, ctx.locale) })
      : ctx.t("handover.accessKept", { member: from.displayName });
    return reply.of(title, [
      { type: "text", text: access, tone: "muted" },
      {
        type: "fields",
        fields: [
          { label: ctx.t("handover.customers"), value: String(summary.customers.length), inline: true },
          { label: ctx.t("handover.openFollowUps"), value: String(summary.followUps), inline: true },
          { label: ctx.t("handover.openOrders"), value: String(summary.openOrders), inline: true },
        ],
      },
      ...(summary.customers.length
        ? [{ type: "list" as const, title: ctx.t("handover.customers"), items: summary.customers.slice(0, 20).map((customer) => ({ title: `${customer.name} #${customer.id}` })) }]
        : []),
      ...(summary.customers.length > 20 ? [{ type: "text" as const, text: ctx.t("handover.more", { count: summary.customers.length - 20 }), tone: "muted" as const }] : []),
      ...(dryRun ? [{ type: "buttons" as const, buttons: [{ label: ctx.t("handover.now"), style: "danger" as const, action: { kind: "run" as const, command: `handover #${from.id} #${to.id}${closeAccess ? "" : " --keep-active"}` } }] }] : []),
    ]);
  },
});
