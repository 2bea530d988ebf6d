/**
 * `settings alerts [<kind> on|off]` and `settings quiet <22:00-07:00|off>`: which personal alerts a
 * member gets by direct message (src/core/alerts.ts) and when they wait. `tasks` is the morning
 * reminder: `settings reminders off` and `settings alerts tasks off` are the same switch.
 */
import type { CommandContext } from "../core/context.js";
import { UserError } from "../core/errors.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { reply, type Field, type Reply } from "../core/reply.js";
import { ALERT_KINDS, formatQuietHours, parseQuietHours, type AlertKind, type AlertPreferences } from "../core/alerts.js";

export const ALERTS_EXAMPLE = "settings alerts paid off";
export const QUIET_EXAMPLE = "settings quiet 22:00-07:00";

const ON = ["on", "yes", "true"];
const OFF = ["off", "no", "false"];

/** `creditLimit`, `credit-limit` and `creditlimit` all name the same kind. */
function readKind(word: string): AlertKind | null {
  const key = word.toLowerCase().replace(/[-_]/g, "");
  return ALERT_KINDS.find((kind) => kind.toLowerCase() === key) ?? null;
}

function quietText(ctx: CommandContext, preferences: AlertPreferences): string {
  return preferences.quiet ? ctx.t("alerts.settings.quietHours", { hours: formatQuietHours(preferences.quiet), zone: ctx.timeZone }) : ctx.t("alerts.settings.quietNone");
}

/** The line in the `settings` overview. */
export async function alertsOverviewField(ctx: CommandContext): Promise<Field> {
  const preferences = await ctx.store.alerts.preferences(ctx.member.id);
  const on = ALERT_KINDS.length - preferences.off.length;
  return { label: ctx.t("settings.alerts"), value: ctx.t("settings.alertsSummary", { on: String(on), total: String(ALERT_KINDS.length), quiet: quietText(ctx, preferences) }), inline: true };
}

async function showAlerts(ctx: CommandContext): Promise<Reply> {
  const { t } = ctx;
  const preferences = await ctx.store.alerts.preferences(ctx.member.id);
  const fields: Field[] = ALERT_KINDS.map((kind) => ({
    label: `${t(`alerts.kind.${kind}`)} (${kind})`,
    value: preferences.off.includes(kind) ? t("alerts.settings.off") : t("alerts.settings.on"),
    inline: true,
  }));
  fields.push({ label: t("alerts.settings.quiet"), value: quietText(ctx, preferences), inline: true });
  const command = (line: string) => localizeTypedLine(line, ctx.locale);
  return reply.of(t("alerts.settings.title"), [
    { type: "fields", fields },
    { type: "text", tone: "muted", text: t("alerts.settings.howTo", { example: command(ALERTS_EXAMPLE), quiet: command(QUIET_EXAMPLE), quietOff: command("settings quiet off") }) },
  ]);
}

export async function alertsSetting(ctx: CommandContext, value: string | undefined): Promise<Reply> {
  if (!value) return showAlerts(ctx);
  const { t } = ctx;
  const [kindWord = "", state = "", ...extra] = value.trim().split(/\s+/);
  const kind = readKind(kindWord);
  if (!kind) {
    throw new UserError("bad_argument", t("alerts.settings.unknownKind", { value: kindWord, kinds: ALERT_KINDS.join(", "), example: localizeTypedLine(ALERTS_EXAMPLE, ctx.locale) }), { example: ALERTS_EXAMPLE, field: "value" });
  }
  const on = ON.includes(state.toLowerCase()) ? true : OFF.includes(state.toLowerCase()) ? false : null;
  if (on === null || extra.length) {
    const example = `settings alerts ${kind} off`;
    throw new UserError("bad_argument", t("alerts.settings.value", { example: localizeTypedLine(example, ctx.locale) }), { example, field: "value" });
  }
  const { before, after } = await ctx.store.alerts.setKind(ctx.member.id, kind, on);
  await ctx.store.audit.record(ctx.member.id, { action: "member.settings", entity: "member", entityId: ctx.member.id, before: { alert: kind, on: before }, after: { alert: kind, on: after } });
  const label = t(`alerts.kind.${kind}`);
  return reply.text(on ? t("alerts.settings.kindOn", { kind: label }) : t("alerts.settings.kindOff", { kind: label, command: localizeTypedLine(`settings alerts ${kind} on`, ctx.locale) }));
}

export async function quietSetting(ctx: CommandContext, value: string | undefined): Promise<Reply> {
  if (!value) return showAlerts(ctx);
  const { t } = ctx;
  const off = OFF.includes(value.trim().toLowerCase());
  const quiet = off ? null : parseQuietHours(value);
  if (!off && !quiet) {
    throw new UserError("bad_argument", t("alerts.settings.quietBad", { value, example: localizeTypedLine(QUIET_EXAMPLE, ctx.locale) }), { example: QUIET_EXAMPLE, field: "value" });
  }
  const { before, after } = await ctx.store.alerts.setQuiet(ctx.member.id, quiet);
  await ctx.store.audit.record(ctx.member.id, { action: "member.settings", entity: "member", entityId: ctx.member.id, before: { quiet: before }, after: { quiet: after } });
  return reply.text(quiet ? t("alerts.settings.quietSet", { hours: formatQuietHours(quiet), zone: ctx.timeZone }) : t("alerts.settings.quietOff"));
}
