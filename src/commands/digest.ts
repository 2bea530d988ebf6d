import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { isValidTimeZone } from "../core/dates.js";
import { UserError } from "../core/errors.js";
import { reply, type Block } from "../core/reply.js";
import type { CommandContext } from "../core/context.js";
import { DIGEST_KINDS, DIGEST_KIND_SUMMARIES, type DigestKind } from "../digests/kinds.js";
import { boundDigestService, type DigestService, type SubscriptionView } from "../digests/service.js";
import { isConsoleRef } from "../digests/file-destination.js";
import { describeWeekdays, parseLocalTime, parseWeekdays } from "../digests/schedule-time.js";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

const ACTIONS = ["add", "list", "remove", "preview", "run"] as const;
const ADD_EXAMPLE = "digest add followups #sales 08:30 Europe/Berlin weekdays";
const EXAMPLES: Record<(typeof ACTIONS)[number], string> = {
  add: ADD_EXAMPLE,
  list: "digest list",
  remove: "digest remove 3",
  preview: "digest preview overdue",
  run: "digest run 3",
};

const kind = z.enum(DIGEST_KINDS, { error: `The digest kind must be one of ${DIGEST_KINDS.join(", ")}.` });
const subscriptionId = z.coerce
  .number({ error: "Give the subscription number from digest list, e.g. digest remove 3." })
  .int("Give the subscription number from digest list, e.g. digest remove 3.")
  .min(1, "Give the subscription number from digest list, e.g. digest remove 3.");

const schema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("add"),
      kind,
      channel: z.string({ error: `Say which channel, e.g. ${ADD_EXAMPLE}` }).trim().min(1).max(200),
      time: z
        .string({ error: `Say at what time, e.g. 08:30. Example: ${ADD_EXAMPLE}` })
        .transform((value, ctx) => {
          const time = parseLocalTime(value);
          if (!time) ctx.addIssue({ code: "custom", message: `"${value}" is not a time of day. Use 24-hour HH:MM (08:30) or 8:30am.` });
          return time ?? "";
        }),
      zone: z
        .string()
        .refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not a time zone. Use an IANA name such as Europe/Berlin or America/New_York.` })
        .optional(),
      days: z.array(z.number().int().min(1).max(7)).min(1).optional(),
      postWhenEmpty: z.boolean().default(false),
      confirmExternal: z.boolean().default(false),
    }),
    z.object({ action: z.literal("list") }),
    z.object({ action: z.literal("remove"), id: subscriptionId }),
    z.object({ action: z.literal("preview"), kind, full: z.boolean().default(false) }),
    z.object({ action: z.literal("run"), id: subscriptionId }),
  ],
  { error: `Say what to do: ${ACTIONS.join(", ")}. Example: ${ADD_EXAMPLE}` },
);

type Args = z.infer<typeof schema>;

/**
 * Channel references: Slack's linked channel text (<#C0123|sales>), Discord's channel mention
 * (<#1234>), an explicit ref (slack:C0123, discord:1234, console:stdout), or a bare id. Console
 * refs (the server's stdout and files) only from the console: a chat user never names a server path.
 */
export function parseChannelRef(raw: string, platform: string): string | null {
  const text = raw.trim();
  const slackLink = /^<#([CG][A-Z0-9]{6,})(\|[^>]*)?>$/.exec(text);
  if (slackLink) return `slack:${slackLink[1]}`;
  const discordMention = /^<#(\d{15,25})>$/.exec(text);
  if (discordMention) return `discord:${discordMention[1]}`;
  if (/^(slack:[CG][A-Z0-9]{6,}|discord:\d{15,25})$/.test(text)) return text;
  if (platform === "console" && /^(console:stdout|console:file:\S+)$/.test(text)) return text;
  if (platform === "slack" && /^[CG][A-Z0-9]{6,}$/.test(text)) return `slack:${text}`;
  if (platform === "discord" && /^\d{15,25}$/.test(text)) return `discord:${text}`;
  if (platform === "console" && (text === "stdout" || text === "here")) return "console:stdout";
  return null;
}

function service(ctx: CommandContext): DigestService {
  const bound = boundDigestService();
  if (!bound) throw new UserError("digests_unavailable", "Digests are not set up on this Rapport server (no poster configured). Ask whoever runs Rapport.");
  return bound.within(ctx.store);
}

function badChannel(raw: string, platform: string): UserError {
  const hint = isConsoleRef(raw)
    ? `${raw.trim()} is on the Rapport server; only the console may post digests there. Pick a channel of this workspace with #.`
    : `"${raw}" is not a channel I can post to. Pick it with # so it becomes a link${platform === "console" ? ", or use console:stdout" : ""}.`;
  return new UserError("bad_channel", hint, { example: platform === "console" ? "digest add followups console:stdout 08:30" : EXAMPLES.add });
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

export const digestCommand = defineCommand<Args>({
  name: "digest",
  summary: "Scheduled digests (follow-ups, overdue, churn, pipeline) posted into a channel: add, list, remove, preview, run",
  usage: "digest add <kind> <channel> <HH:MM> [time zone] [weekdays|daily|mon,wed,...] [post-empty] [confirm-external] | digest list | digest remove <id> | digest preview <kind> [all] | digest run <id>",
  examples: [ADD_EXAMPLE, "digest add overdue #finance 9:00 mon,thu", "digest list", "digest preview churn", "digest run 3", "digest remove 3"],
  options: [
    { name: "action", kind: "choice", description: "What to do", required: true, choices: ACTIONS },
    { name: "kind", kind: "choice", description: "Digest kind (add, preview)", required: false, choices: DIGEST_KINDS },
    { name: "channel", kind: "text", description: "Channel to post in (add)", required: false },
    { name: "time", kind: "text", description: "Local time HH:MM (add)", required: false },
    { name: "zone", kind: "text", description: "IANA time zone, default yours (add)", required: false },
    { name: "days", kind: "text", description: "weekdays, daily or mon,wed,fri (add)", required: false },
    { name: "id", kind: "integer", description: "Subscription number (remove, run)", required: false },
  ],
  schema: schema as unknown as z.ZodType<Args>,
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
        else if (parseWeekdays(lower)) args.days = parseWeekdays(lower);
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
        const channelRef = parseChannelRef(args.channel, ctx.platform);
        if (!channelRef) throw badChannel(args.channel, ctx.platform);
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
