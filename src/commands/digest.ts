import { z } from "zod";
import { defineCommand, type OptionSpecs } from "../core/command.js";
import type { ValueSchemas } from "../core/command-options.js";
import { isValidTimeZone } from "../core/dates.js";
import { UserError } from "../core/errors.js";
import { reply, type Block } from "../core/reply.js";
import type { CommandContext } from "../core/context.js";
import { DIGEST_KINDS, DIGEST_KIND_SUMMARIES, type DigestKind, type DigestService, type SubscriptionView } from "../core/digests.js";
import { describeWeekdays, parseLocalTime } from "../digests/schedule-time.js";
import { readWeekdays } from "../core/dates/weekdays.js";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

const ACTIONS = ["add", "list", "remove", "preview", "run"] as const;
const ADD_EXAMPLE = "digest add followups #sales 08:30 Europe/Berlin weekdays";

const SUBSCRIPTION_ID_HELP = "Give the subscription number from digest list, e.g. digest remove 3.";

/** Declared once; which action needs which option is the schema below. */
const options = {
  action: { kind: "choice", description: "What to do", required: true, choices: ACTIONS },
  kind: {
    kind: "choice",
    description: "Digest kind (add, preview)",
    choices: DIGEST_KINDS,
    schema: z.enum(DIGEST_KINDS, { error: `The digest kind must be one of ${DIGEST_KINDS.join(", ")}.` }),
  },
  channel: { kind: "text", description: "Channel to post in (add)", schema: z.string({ error: `Say which channel, e.g. ${ADD_EXAMPLE}` }).trim().min(1).max(200) },
  time: {
    kind: "text",
    description: "Local time HH:MM (add)",
    schema: z.string({ error: `Say at what time, e.g. 08:30. Example: ${ADD_EXAMPLE}` }).transform((value, ctx) => {
      const time = parseLocalTime(value);
      if (!time) ctx.addIssue({ code: "custom", message: `"${value}" is not a time of day. Use 24-hour HH:MM (08:30) or 8:30am.` });
      return time ?? "";
    }),
  },
  zone: {
    kind: "text",
    description: "IANA time zone, default yours (add)",
    schema: z.string().refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not a time zone. Use an IANA name such as Europe/Berlin or America/New_York.` }),
  },
  days: {
    kind: "text",
    description: "weekdays, daily or mon,wed,fri (add)",
    // A form or Discord option gives the days as typed ("周一,周四", "월,목"); typed text gives them read.
    schema: z.preprocess(
      (value) => (typeof value === "string" ? (readWeekdays(value) ?? value) : value),
      z.array(z.number().int().min(1).max(7), { error: "Days are weekdays, daily, weekends or a list such as mon,thu, 周一,周四 or 월,목." }).min(1),
    ),
  },
  id: { kind: "integer", description: "Subscription number (remove, run)", schema: z.coerce.number({ error: SUBSCRIPTION_ID_HELP }).int(SUBSCRIPTION_ID_HELP).min(1, SUBSCRIPTION_ID_HELP) },
  postWhenEmpty: { kind: "flag", description: "Post even when there is nothing to report (add: post-empty)", typedOnly: true, schema: z.boolean().default(false) },
  confirmExternal: { kind: "flag", description: "Allow a channel shared with another organisation (add: confirm-external)", typedOnly: true, schema: z.boolean().default(false) },
  full: { kind: "flag", description: "Every row, not the first few (preview: all)", typedOnly: true, schema: z.boolean().default(false) },
} as const satisfies OptionSpecs;

type Values = ValueSchemas<typeof options>;

const argsSchema = (o: Values) =>
  z.discriminatedUnion(
    "action",
    [
      z.object({ action: z.literal("add"), kind: o.kind, channel: o.channel, time: o.time, zone: o.zone.optional(), days: o.days.optional(), postWhenEmpty: o.postWhenEmpty, confirmExternal: o.confirmExternal }),
      z.object({ action: z.literal("list") }),
      z.object({ action: z.literal("remove"), id: o.id }),
      z.object({ action: z.literal("preview"), kind: o.kind, full: o.full }),
      z.object({ action: z.literal("run"), id: o.id }),
    ],
    { error: `Say what to do: ${ACTIONS.join(", ")}. Example: ${ADD_EXAMPLE}` },
  );

function service(ctx: CommandContext): DigestService {
  if (!ctx.digests) throw new UserError("digests_unavailable", "Digests are not set up on this Rapport server (no poster configured). Ask whoever runs Rapport.");
  return ctx.digests;
}

/** The acting platform says how its channels are named; a channel of another platform is refused by the digest service. */
function badChannel(raw: string, ctx: CommandContext): UserError {
  return new UserError("bad_channel", `"${raw}" is not a channel I can post to. ${ctx.channels.howToPick}.`, {
    example: ADD_EXAMPLE.replace("#sales", ctx.channels.example),
  });
}

function localTime(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd HH:mm");
}

function describe(view: SubscriptionView, ctx: CommandContext): { title: string; detail: string } {
  const last = view.last
    ? `${view.last.date} ${view.last.state}${view.last.late ? " (late)" : ""}${view.last.error && view.last.state !== "posted" ? `: ${view.last.error}` : ""}`
    : "none yet";
  const misses = view.misses.length ? ` · missed ${view.misses.length} in 30 days (last ${view.misses[0]})` : "";
  return {
    title: `#${view.id} ${view.kind} → ${view.channelName ?? view.channelRef}, ${view.localTime} ${view.timeZone}, ${describeWeekdays(view.weekdays)}${view.postWhenEmpty ? ", posts when empty" : ""}`,
    detail: `next ${view.nextRun ? `${localTime(view.nextRun.at, view.timeZone)} (${localTime(view.nextRun.at, ctx.timeZone)} your time)` : "-"} · last ${last}${misses}`,
  };
}

export const digestCommand = defineCommand({
  name: "digest",
  summary: "Scheduled digests (follow-ups, overdue, churn, pipeline) posted into a channel: add, list, remove, preview, run",
  usage: "digest add <kind> <channel> <HH:MM> [time zone] [weekdays|daily|mon,wed,...] [post-empty] [confirm-external] | digest list | digest remove <id> | digest preview <kind> [all] | digest run <id>",
  examples: [ADD_EXAMPLE, "digest add overdue #finance 9:00 mon,thu", "digest list", "digest preview churn", "digest run 3", "digest remove 3"],
  options,
  schema: argsSchema,
  parseText(words) {
    const [first, ...rest] = words;
    const action = first?.toLowerCase();
    if (action === "add") {
      const [kindWord, channel, time, ...extra] = rest;
      const args: Record<string, unknown> = { action, kind: kindWord?.toLowerCase(), channel, time };
      for (const word of extra) {
        const lower = word.toLowerCase();
        if (lower === "confirm-external") args.confirmExternal = true;
        else if (lower === "post-empty" || lower === "empty=post") args.postWhenEmpty = true;
        else if (lower === "skip-empty" || lower === "empty=skip") args.postWhenEmpty = false;
        else if (readWeekdays(word)) args.days = readWeekdays(word);
        else if (args.zone === undefined && (word.includes("/") || /^(utc|gmt)$/i.test(word))) args.zone = /^(utc|gmt)$/i.test(word) ? "UTC" : word;
        else throw new UserError("bad_argument", `I did not understand "${word}". After the time come an optional time zone, days (weekdays, daily, mon,wed) and post-empty or confirm-external.`, { example: ADD_EXAMPLE });
      }
      return args;
    }
    if (action === "preview") return { action, kind: rest[0]?.toLowerCase(), full: rest[1]?.toLowerCase() === "all" };
    if (action === "remove" || action === "run") return { action, id: rest[0]?.replace(/^#/, "") };
    if (action === "list") return { action };
    return { action };
  },
  // list and preview only read; add, remove and run (a post is a write too) claim the key.
  writes: (args) => args.action !== "list" && args.action !== "preview",
  role: "manager",
  async handler(args, ctx) {
    const digests = service(ctx);
    switch (args.action) {
      case "add": {
        const channelRef = ctx.channels.parse(args.channel);
        if (!channelRef) throw badChannel(args.channel, ctx);
        const timeZone = args.zone ?? ctx.timeZone;
        const weekdays = args.days ?? (args.kind === "pipeline" ? [1] : [1, 2, 3, 4, 5]);
        const added = await digests.add({
          tenant: ctx.tenant,
          createdById: ctx.member.id,
          kind: args.kind,
          channelRef,
          localTime: args.time,
          timeZone,
          weekdays,
          postWhenEmpty: args.postWhenEmpty,
          confirmExternal: args.confirmExternal,
          now: ctx.now,
        });
        await ctx.store.audit.record(ctx.member.id, { action: "digest.add", entity: "digest_subscription", entityId: added.id, after: { kind: args.kind, channelRef, localTime: args.time, timeZone, weekdays, external: added.external } });
        const [view] = (await digests.list(ctx.tenant.id, ctx.now)).filter((candidate) => candidate.id === added.id);
        const blocks: Block[] = [
          { type: "text", text: `Digest #${added.id} added: ${args.kind} (${DIGEST_KIND_SUMMARIES[args.kind]}) into ${added.channelName ?? channelRef} at ${args.time} ${timeZone}, ${describeWeekdays(weekdays)}.` },
        ];
        if (view) blocks.push({ type: "text", tone: "muted", text: describe(view, ctx).detail });
        if (added.external) blocks.push({ type: "text", tone: "warning", text: "This channel is shared with another organisation; you confirmed that the digest may be seen there." });
        blocks.push({ type: "buttons", buttons: [{ label: "Preview", action: { kind: "run", command: `digest preview ${args.kind}` } }, { label: "Post now", action: { kind: "run", command: `digest run ${added.id}` } }] });
        return reply.of(`Digest #${added.id} added`, blocks);
      }
      case "list": {
        const views = await digests.list(ctx.tenant.id, ctx.now);
        if (!views.length) return reply.text("No digests", `No digests are scheduled. Add one: /crm ${ADD_EXAMPLE}`);
        return reply.of(`Digests (${views.length})`, [
          {
            type: "list",
            title: `Scheduled digests (${views.length})`,
            items: views.map((view) => ({
              ...describe(view, ctx),
              buttons: [
                { label: "Post now", action: { kind: "run", command: `digest run ${view.id}` } },
                { label: "Remove", style: "danger", action: { kind: "run", command: `digest remove ${view.id}` } },
              ],
            })),
          },
        ]);
      }
      case "remove": {
        const removed = await digests.remove(ctx.tenant.id, args.id);
        if (!removed) throw new UserError("not_found", `No digest #${args.id} in this workspace.`, { example: "digest list" });
        await ctx.store.audit.record(ctx.member.id, { action: "digest.remove", entity: "digest_subscription", entityId: args.id, before: { kind: removed.kind, channelRef: removed.channelRef, localTime: removed.localTime, timeZone: removed.timeZone, weekdays: removed.weekdays } });
        return reply.text(`Digest #${args.id} removed`, `Digest #${args.id} (${removed.kind} into ${removed.channelName ?? removed.channelRef}) removed. It will not post again.`);
      }
      case "preview": {
        const built = await digests.preview({ tenantId: ctx.tenant.id, kind: args.kind, now: ctx.now, timeZone: ctx.timeZone, full: args.full });
        return { ...built.reply, visibility: "ephemeral" };
      }
      case "run": {
        const posted = await digests.runNow({ tenantId: ctx.tenant.id, id: args.id, now: ctx.now });
        await ctx.store.audit.record(ctx.member.id, { action: "digest.run", entity: "digest_subscription", entityId: args.id, after: { messageId: posted.messageId } });
        return reply.text(`Digest #${args.id} posted`, `Digest #${args.id} posted to ${posted.channelRef}${posted.empty ? " (nothing to report, so it says all clear)" : ""}.`);
      }
    }
  },
});
