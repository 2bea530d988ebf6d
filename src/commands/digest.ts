import { z } from "zod";
import { defineCommand, type OptionSpecs } from "../core/command.js";
import type { ValueSchemas } from "../core/command-options.js";
import { isValidTimeZone } from "../core/dates.js";
import { NotFound, UserError } from "../core/errors.js";
import { reply, type Block } from "../core/reply.js";
import type { CommandContext } from "../core/context.js";
import { DIGEST_KINDS, digestKindSummary, type DigestKind, type DigestService, type SubscriptionView } from "../core/digests.js";
import { describeWeekdays, parseLocalTime } from "../digests/schedule-time.js";
import { manualRunMarker } from "../digests/manual-run-marker.js";
import { readWeekdays } from "../core/dates/weekdays.js";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { LOCALES, localeFromTag, type Locale } from "../core/i18n/locale.js";
import { isMessageKey } from "../core/i18n/translator.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";

const ACTIONS = ["add", "list", "remove", "preview", "run"] as const;
const ADD_EXAMPLE = "digest add followups #sales 08:30 Europe/Berlin weekdays";

const SUBSCRIPTION_ID_HELP = englishOf("digest.opt.idHelp");

/** Declared once; which action needs which option is the schema below. */
const options = {
  action: { kind: "choice", description: "What to do", required: true, choices: ACTIONS },
  kind: {
    kind: "choice",
    description: "Digest kind (add, preview)",
    choices: DIGEST_KINDS,
    schema: z.enum(DIGEST_KINDS, { error: englishOf("digest.opt.kindOneOf", { choices: DIGEST_KINDS.join(", ") }) }),
  },
  channel: { kind: "channel", description: "Channel to post in (add)", schema: z.string({ error: englishOf("digest.opt.channelMissing", { example: ADD_EXAMPLE }) }).trim().min(1).max(200) },
  time: {
    kind: "text",
    description: "Local time HH:MM (add)",
    schema: z.string({ error: englishOf("digest.opt.timeMissing", { example: ADD_EXAMPLE }) }).transform((value, ctx) => {
      const time = parseLocalTime(value);
      if (!time) ctx.addIssue({ code: "custom", message: englishOf("digest.opt.notATime", { value }) });
      return time ?? "";
    }),
  },
  zone: {
    kind: "text",
    description: "IANA time zone, default yours (add)",
    schema: z.string().refine(isValidTimeZone, { error: (issue) => englishOf("digest.opt.notAZone", { value: String(issue.input) }) }),
  },
  days: {
    kind: "text",
    description: "weekdays, daily or mon,wed,fri (add)",
    // A form or Discord option gives the days as typed ("周一,周四", "월,목"); typed text gives them read.
    schema: z.preprocess(
      (value) => (typeof value === "string" ? (readWeekdays(value) ?? value) : value),
      z.array(z.number().int().min(1).max(7), { error: englishOf("digest.opt.days") }).min(1),
    ),
  },
  id: { kind: "integer", description: "Subscription number (remove, run)", schema: z.coerce.number({ error: SUBSCRIPTION_ID_HELP }).int(SUBSCRIPTION_ID_HELP).min(1, SUBSCRIPTION_ID_HELP) },
  language: {
    kind: "choice",
    description: "Language of the digest, default the workspace's (add: language=ko)",
    choices: LOCALES,
    typed: "key",
    typedOnly: true,
    schema: z.preprocess((value) => (typeof value === "string" ? (localeFromTag(value) ?? value) : value), z.enum(LOCALES, { error: englishOf("digest.opt.languageOneOf", { choices: LOCALES.join(", ") }) })),
  },
  postWhenEmpty: { kind: "flag", description: "Post even when there is nothing to report (add: post-empty)", typedOnly: true, schema: z.boolean().default(false) },
  confirmExternal: { kind: "flag", description: "Allow a channel shared with another organisation (add: confirm-external)", typedOnly: true, schema: z.boolean().default(false) },
  full: { kind: "flag", description: "Every row, not the first few (preview: all)", typedOnly: true, schema: z.boolean().default(false) },
} as const satisfies OptionSpecs;

type Values = ValueSchemas<typeof options>;

const argsSchema = (o: Values) =>
  z.discriminatedUnion(
    "action",
    [
      z.object({ action: z.literal("add"), kind: o.kind, channel: o.channel, time: o.time, zone: o.zone.optional(), days: o.days.optional(), language: o.language.optional(), postWhenEmpty: o.postWhenEmpty, confirmExternal: o.confirmExternal }),
      z.object({ action: z.literal("list") }),
      z.object({ action: z.literal("remove"), id: o.id }),
      z.object({ action: z.literal("preview"), kind: o.kind, full: o.full }),
      z.object({ action: z.literal("run"), id: o.id }),
    ],
    { error: englishOf("digest.opt.actionMissing", { actions: ACTIONS.join(", "), example: ADD_EXAMPLE }) },
  );

function service(ctx: CommandContext): DigestService {
  if (!ctx.digests) throw new UserError("digests_unavailable", ctx.t("digest.cmd.unavailable"));
  return ctx.digests;
}

/** The acting platform says how its channels are named; a channel of another platform is refused by the digest service. */
function badChannel(raw: string, ctx: CommandContext): UserError {
  // The acting platform's hint in the reader's words (platform.howToPick.<platform>), else as the platform gives it.
  const hintKey = `platform.howToPick.${ctx.platform}`;
  const howToPick = isMessageKey(hintKey) ? ctx.t(hintKey) : ctx.channels.howToPick;
  return new UserError("bad_channel", ctx.t("digest.cmd.badChannel", { raw, howToPick }), {
    example: ADD_EXAMPLE.replace("#sales", ctx.channels.example),
  });
}

function localTime(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd HH:mm");
}

function weekdaysText(weekdays: readonly number[], ctx: CommandContext): string {
  if (ctx.locale === "en") return describeWeekdays(weekdays);
  const key = [...weekdays].sort((a, b) => a - b).join(",");
  if (key === "1,2,3,4,5,6,7") return ctx.t("digest.cmd.daily");
  if (key === "1,2,3,4,5") return ctx.t("digest.cmd.weekdays");
  if (key === "6,7") return ctx.t("digest.cmd.weekends");
  const names = new Intl.DateTimeFormat(ctx.locale, { weekday: "short", timeZone: "UTC" });
  // 2026-11-23 is a Monday: ISO weekday n is that date plus n - 1 days.
  return [...weekdays]
    .sort((a, b) => a - b)
    .map((day) => names.format(new Date(Date.UTC(2026, 10, 22 + day))))
    .join(ctx.locale === "ko" ? ", " : "、");
}

function describe(view: SubscriptionView, ctx: CommandContext): { title: string; detail: string } {
  const last = view.last
    ? ctx.t("digest.cmd.last", {
        date: view.last.date,
        state: view.last.state,
        late: view.last.late ? "yes" : "no",
        error: view.last.error && view.last.state !== "posted" ? `: ${view.last.error}` : "",
      })
    : ctx.t("digest.cmd.lastNone");
  const misses = view.misses.length ? ctx.t("digest.cmd.misses", { count: String(view.misses.length), date: view.misses[0] }) : "";
  return {
    title: ctx.t("digest.cmd.item", {
      id: String(view.id),
      kind: view.kind,
      channel: view.channelName ?? view.channelRef,
      time: view.localTime,
      zone: view.timeZone,
      days: weekdaysText(view.weekdays, ctx),
      postsEmpty: view.postWhenEmpty ? "yes" : "no",
    }),
    detail: ctx.t("digest.cmd.itemDetail", {
      next: view.nextRun ? ctx.t("digest.cmd.nextAt", { at: localTime(view.nextRun.at, view.timeZone), mine: localTime(view.nextRun.at, ctx.timeZone) }) : "-",
      last,
      misses,
    }),
  };
}

function kindSummary(kind: DigestKind, ctx: CommandContext): string {
  return digestKindSummary(kind, ctx.t);
}

export const digestCommand = defineCommand({
  name: "digest",
  summary: "Scheduled digests (follow-ups, overdue, churn, pipeline) posted into a channel: add, list, remove, preview, run",
  usage: "digest add <kind> <channel> <HH:MM> [time zone] [weekdays|daily|mon,wed,...] [language=en|zh-CN|zh-TW|ko] [post-empty] [confirm-external] | digest list | digest remove <id> | digest preview <kind> [all] | digest run <id>",
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
        else if (/^(language|lang)=/i.test(word)) args.language = word.slice(word.indexOf("=") + 1);
        else if (readWeekdays(word)) args.days = readWeekdays(word);
        else if (args.zone === undefined && (word.includes("/") || /^(utc|gmt)$/i.test(word))) args.zone = /^(utc|gmt)$/i.test(word) ? "UTC" : word;
        else throw new UserError("bad_argument", englishOf("digest.opt.extraWord", { word }), { example: ADD_EXAMPLE });
      }
      return args;
    }
    if (action === "preview") return { action, kind: rest[0]?.toLowerCase(), full: rest[1]?.toLowerCase() === "all" };
    if (action === "remove" || action === "run") return { action, id: rest[0]?.replace(/^#/, "") };
    if (action === "list") return { action };
    return { action };
  },
  // list and preview only read; add, remove and run (a post is a write too) claim the key.
  topic: "team",
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
          t: ctx.t,
          tenant: ctx.tenant,
          createdById: ctx.member.id,
          kind: args.kind,
          channelRef,
          localTime: args.time,
          timeZone,
          weekdays,
          postWhenEmpty: args.postWhenEmpty,
          language: (args.language as Locale | undefined) ?? null,
          confirmExternal: args.confirmExternal,
          now: ctx.now,
        });
        await ctx.store.audit.record(ctx.member.id, { action: "digest.add", entity: "digest_subscription", entityId: added.id, after: { kind: args.kind, channelRef, localTime: args.time, timeZone, weekdays, external: added.external } });
        const [view] = (await digests.list(ctx.tenant.id, ctx.now)).filter((candidate) => candidate.id === added.id);
        const blocks: Block[] = [
          {
            type: "text",
            text: ctx.t("digest.cmd.added", {
              id: String(added.id),
              kind: args.kind,
              summary: kindSummary(args.kind, ctx),
              channel: added.channelName ?? channelRef,
              time: args.time,
              zone: timeZone,
              days: weekdaysText(weekdays, ctx),
            }),
          },
        ];
        if (view) blocks.push({ type: "text", tone: "muted", text: describe(view, ctx).detail });
        if (added.external) blocks.push({ type: "text", tone: "warning", text: ctx.t("digest.cmd.external") });
        blocks.push({ type: "buttons", buttons: [{ label: ctx.t("digest.cmd.preview"), action: { kind: "run", command: `digest preview ${args.kind}` } }, { label: ctx.t("digest.cmd.postNow"), action: { kind: "run", command: `digest run ${added.id}` } }] });
        return reply.of(ctx.t("digest.cmd.addedTitle", { id: String(added.id) }), blocks);
      }
      case "list": {
        const views = await digests.list(ctx.tenant.id, ctx.now);
        if (!views.length) return reply.text(ctx.t("digest.cmd.noneTitle"), ctx.t("digest.cmd.none", { example: localizeTypedLine(ADD_EXAMPLE, ctx.locale) }));
        return reply.of(ctx.t("digest.cmd.listTitle", { count: String(views.length) }), [
          {
            type: "list",
            title: ctx.t("digest.cmd.listHeading", { count: String(views.length) }),
            items: views.map((view) => ({
              ...describe(view, ctx),
              buttons: [
                { label: ctx.t("digest.cmd.postNow"), action: { kind: "run", command: `digest run ${view.id}` } },
                { label: ctx.t("digest.cmd.remove"), style: "danger", action: { kind: "run", command: `digest remove ${view.id}` } },
              ],
            })),
          },
        ]);
      }
      case "remove": {
        const removed = await digests.remove(ctx.tenant.id, args.id);
        if (!removed) throw new UserError("not_found", ctx.t("digest.cmd.notFound", { id: String(args.id) }), { example: "digest list" });
        await ctx.store.audit.record(ctx.member.id, { action: "digest.remove", entity: "digest_subscription", entityId: args.id, before: { kind: removed.kind, channelRef: removed.channelRef, localTime: removed.localTime, timeZone: removed.timeZone, weekdays: removed.weekdays } });
        return reply.text(
          ctx.t("digest.cmd.removedTitle", { id: String(args.id) }),
          ctx.t("digest.cmd.removed", { id: String(args.id), kind: removed.kind, channel: removed.channelName ?? removed.channelRef }),
        );
      }
      case "preview": {
        const built = await digests.preview({ tenantId: ctx.tenant.id, kind: args.kind, now: ctx.now, timeZone: ctx.timeZone, full: args.full, locale: ctx.locale });
        return { ...built.reply, visibility: "ephemeral" };
      }
      case "run": {
        // The post (with its retries) runs after the transaction commits: a slow platform holds no
        // transaction (on the embedded database, its only connection), and a failed post cannot roll
        // back the record that it was asked for. That record names the marker the post carries, so a
        // post whose outcome was never recorded can be found in the channel.
        const marker = manualRunMarker(args.id, ctx.now);
        const post = async (service: DigestService, store: typeof ctx.store) => {
          const posted = await service.runNow({ tenantId: ctx.tenant.id, id: args.id, now: ctx.now, t: ctx.t, marker });
          await store.audit.record(ctx.member.id, { action: "digest.run", entity: "digest_subscription", entityId: args.id, after: { messageId: posted.messageId, marker } });
          return reply.text(
            ctx.t("digest.cmd.postedTitle", { id: String(args.id) }),
            ctx.t("digest.cmd.posted", { id: String(args.id), channel: posted.channelRef, empty: posted.empty ? "yes" : "no" }),
          );
        };
        if (!ctx.afterCommit) return post(digests, ctx.store);
        const view = await digests.get(ctx.tenant.id, args.id, ctx.now);
        if (!view) throw new NotFound(ctx.t("digests.noSubscription", { id: String(args.id) }), "digest list");
        await ctx.store.audit.record(ctx.member.id, { action: "digest.run.requested", entity: "digest_subscription", entityId: args.id, after: { marker } });
        ctx.afterCommit((outside) => post(outside.digests ?? digests, outside.store));
        // What a replay of this request answers until the post's outcome replaces it.
        return reply.text(ctx.t("digest.cmd.postingTitle", { id: String(args.id) }), ctx.t("digest.cmd.posting", { id: String(args.id), channel: view.channelName ?? view.channelRef }));
      }
    }
  },
});
