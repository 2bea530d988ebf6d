import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import { isValidTimeZone } from "../core/dates.js";
import { CUSTOMER_VISIBILITIES, type CustomerVisibility } from "../core/domain.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { createTranslator, isMessageKey, localeFromTag, resolveLocale, type Locale } from "../core/i18n/index.js";
import { hasRole } from "../core/permissions.js";
import { reply, type Field } from "../core/reply.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { localizeTypedLine, typedWord } from "../core/i18n/typed-line.js";
import { localizeUsage } from "../core/i18n/usage-line.js";
import { REMINDER_TIME } from "../core/reminders.js";
import { QUOTE_PREFIX_EXAMPLE, readQuotePrefixWord, setQuotePrefix } from "./quote-settings.js";
import { linkPreviewsSetting, PREVIEWS_EXAMPLE } from "./settings-previews.js";
import { ALERTS_EXAMPLE, QUIET_EXAMPLE, alertsOverviewField, alertsSetting, quietSetting } from "./settings-alerts.js";

const SETTINGS = ["language", "timezone", "currency", "reminders", "quote-prefix", "previews", "alerts", "quiet", "visibility"] as const;
type Setting = (typeof SETTINGS)[number];

/** Typed to go back to following the platform (member) or the platform and RAPPORT_LOCALE (workspace). */
const AUTO = ["auto", "default", "reset"];

const VISIBILITY_EXAMPLE = "settings workspace visibility own";

const USAGE = {
  languageUsage: "settings language <en|zh-CN|zh-TW|ko>",
  timeZoneUsage: "settings timezone <Area/City>",
  workspaceUsage: "settings workspace language|timezone|currency|visibility <value>",
};

const EXAMPLES: Record<Setting, string> = { language: "settings language zh-TW", timezone: "settings timezone Asia/Seoul", currency: "settings workspace currency KRW", reminders: "settings reminders off", "quote-prefix": QUOTE_PREFIX_EXAMPLE, previews: PREVIEWS_EXAMPLE, alerts: ALERTS_EXAMPLE, quiet: QUIET_EXAMPLE, visibility: VISIBILITY_EXAMPLE };

/** The usage lines in the words the reader types. */
function usagesFor(ctx: CommandContext): Record<keyof typeof USAGE, string> {
  const local = (usage: string) => localizeUsage(usage, ctx.locale, ctx.t);
  return { languageUsage: local(USAGE.languageUsage), timeZoneUsage: local(USAGE.timeZoneUsage), workspaceUsage: local(USAGE.workspaceUsage) };
}

/** The currency a reader of each language most likely sets, for the example they are shown. */
const HOME_CURRENCY: Record<Locale, string> = { en: "KRW", "zh-CN": "CNY", "zh-TW": "TWD", ko: "KRW" };

function languageName(ctx: CommandContext, locale: Locale): string {
  return ctx.t(`language.${locale}`);
}

/** `settings [workspace] <language|timezone|currency> <value>`: "workspace" may lead, the value is one word. */
function parseSettings(words: string[]): Record<string, unknown> {
  const rest = words.flatMap(readQuotePrefixWord);
  const args: Record<string, unknown> = {};
  if (rest[0]?.toLowerCase() === "workspace") {
    args.workspace = true;
    rest.shift();
  }
  if (rest.length) args.setting = rest.shift()!.toLowerCase();
  // `settings alerts paid off`, `settings quiet 22:00 - 07:00`: the value is the rest of the line.
  if (rest.length && (args.setting === "alerts" || args.setting === "quiet")) args.value = rest.splice(0).join(" ");
  if (rest.length) args.value = rest.shift();
  if (rest.length) throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: rest[0] }), { example: "settings language ko" });
  return args;
}

/** Whether the member's language comes from their choice, the platform or the workspace (for display). */
function languageSource(ctx: CommandContext): Field["value"] {
  const language = languageName(ctx, ctx.locale);
  if (localeFromTag(ctx.member.locale)) return ctx.t("settings.chosen", { value: language });
  const workspace = localeFromTag(ctx.tenant.defaultLocale);
  const withoutPlatform = resolveLocale({ memberChoice: ctx.member.locale, workspaceDefault: ctx.tenant.defaultLocale });
  if (workspace && workspace === ctx.locale && withoutPlatform === ctx.locale) return ctx.t("settings.fromWorkspace", { value: language });
  return ctx.t("settings.fromPlatform", { value: language });
}

async function overview(ctx: CommandContext) {
  const { t } = ctx;
  const reminders = await ctx.store.tasks.remindersOn(ctx.member.id);
  const workspaceLocale = localeFromTag(ctx.tenant.defaultLocale);
  const fields: Field[] = [
    { label: t("settings.yourLanguage"), value: languageSource(ctx), inline: true },
    {
      label: t("settings.yourTimeZone"),
      value: ctx.member.timeZoneChosen ? t("settings.chosen", { value: ctx.timeZone }) : t("settings.fromPlatform", { value: ctx.timeZone }),
      inline: true,
    },
    {
      label: t("settings.workspaceLanguage"),
      value: workspaceLocale ? languageName(ctx, workspaceLocale) : t("settings.notSet", { value: typedWord("settingValue", "auto", ctx.locale) }),
      inline: true,
    },
    { label: t("settings.reminders"), value: reminders ? t("settings.remindersOn", { time: REMINDER_TIME }) : t("settings.remindersOff"), inline: true },
    await alertsOverviewField(ctx),
    { label: t("settings.workspaceTimeZone"), value: ctx.tenant.timeZone, inline: true },
    { label: t("settings.workspaceCurrency"), value: ctx.tenant.currency, inline: true },
    { label: t("settings.workspaceVisibility"), value: t("settings.visibility", { visibility: ctx.tenant.customerVisibility ?? "all" }), inline: true },
  ];
  return reply.of(t("settings.title"), [
    { type: "fields", fields },
    { type: "text", text: t("settings.howToChange", { ...usagesFor(ctx), auto: typedWord("settingValue", "auto", ctx.locale) }), tone: "muted" },
  ]);
}

function readLocale(ctx: CommandContext, value: string): Locale | null {
  if (AUTO.includes(value.toLowerCase())) return null;
  const locale = localeFromTag(value);
  if (!locale) throw new UserError("bad_argument", ctx.t("settings.unknownLanguage", { value }), { example: EXAMPLES.language, field: "value" });
  return locale;
}

function readTimeZone(ctx: CommandContext, value: string): string {
  if (!isValidTimeZone(value)) throw new UserError("bad_argument", ctx.t("settings.unknownTimeZone", { value }), { example: EXAMPLES.timezone, field: "value" });
  // Intl knows zones case-insensitively; store the canonical spelling (asia/seoul -> Asia/Seoul).
  return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
}

function readCurrency(ctx: CommandContext, value: string): string {
  const code = value.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf("currency").includes(code)) {
    throw new UserError("bad_argument", ctx.t("settings.unknownCurrency", { value }), { example: EXAMPLES.currency, field: "value" });
  }
  return code;
}

/** `settings workspace visibility own|all` (customer-visibility.ts); the words as typed in any language arrive canonical. */
function readVisibility(ctx: CommandContext, value: string): CustomerVisibility {
  const word = value.toLowerCase();
  if ((CUSTOMER_VISIBILITIES as readonly string[]).includes(word)) return word as CustomerVisibility;
  throw new UserError("bad_argument", ctx.t("settings.unknownVisibility", { value, example: localizeTypedLine(VISIBILITY_EXAMPLE, ctx.locale) }), { example: VISIBILITY_EXAMPLE, field: "value" });
}

/** `settings reminders on|off`: the member's morning list of tasks due, the `tasks` kind of personal alerts (src/digests/alerts.ts). */
async function setReminders(ctx: CommandContext, value: string) {
  const on = ["on", "yes", "true"].includes(value.toLowerCase()) ? true : ["off", "no", "false"].includes(value.toLowerCase()) ? false : null;
  if (on === null) {
    throw new UserError("bad_argument", ctx.t("settings.remindersValue", { example: localizeTypedLine(EXAMPLES.reminders, ctx.locale) }), { example: EXAMPLES.reminders, field: "value" });
  }
  const { before, after } = await ctx.store.tasks.setReminders(ctx.member.id, on);
  await ctx.store.audit.record(ctx.member.id, { action: "member.settings", entity: "member", entityId: ctx.member.id, before: { reminders: before }, after: { reminders: after } });
  return reply.text(on ? ctx.t("settings.remindersSetOn", { time: REMINDER_TIME }) : ctx.t("settings.remindersSetOff", { command: localizeTypedLine("settings reminders on", ctx.locale) }));
}

async function setForMember(ctx: CommandContext, setting: Setting, value: string) {
  if (setting === "reminders") return setReminders(ctx, value);
  if (setting === "quote-prefix" || setting === "visibility") return setForWorkspace(ctx, setting, value);
  if (setting === "currency") {
    const command = localizeTypedLine(`settings workspace currency ${HOME_CURRENCY[ctx.locale]}`, ctx.locale);
    throw new UserError("bad_argument", ctx.t("settings.currencyIsWorkspace", { command }), { example: EXAMPLES.currency });
  }
  const audit = (before: unknown, after: unknown) =>
    ctx.store.audit.record(ctx.member.id, { action: "member.settings", entity: "member", entityId: ctx.member.id, before, after });
  if (setting === "language") {
    const locale = readLocale(ctx, value);
    const { before, after } = await ctx.store.members.update(ctx.member.id, { locale });
    await audit({ locale: before.locale ?? null }, { locale: after.locale ?? null });
    if (!locale) return reply.text(ctx.t("settings.languageAuto"));
    // The answer is already in the language the member now reads.
    const t = createTranslator(locale);
    const answer = reply.text(t("settings.languageSet", { language: t(`language.${locale}`) }));
    return { ...answer, locale };
  }
  const zone = AUTO.includes(value.toLowerCase()) ? null : readTimeZone(ctx, value);
  const { before, after } = await ctx.store.members.update(ctx.member.id, zone ? { timeZone: zone, timeZoneChosen: true } : { timeZoneChosen: false });
  await audit({ timeZone: before.timeZone, timeZoneChosen: before.timeZoneChosen ?? false }, { timeZone: after.timeZone, timeZoneChosen: after.timeZoneChosen ?? false });
  return reply.text(zone ? ctx.t("settings.timeZoneSet", { zone }) : ctx.t("settings.timeZoneAuto", { zone: after.timeZone }));
}

async function setForWorkspace(ctx: CommandContext, setting: Exclude<Setting, "reminders">, value: string) {
  if (!hasRole(ctx.member, "admin")) {
    const key = `platform.admins.${ctx.platform}`;
    throw new PermissionDenied(ctx.t("settings.workspaceAdminsOnly", { whoAreAdmins: ctx.t(isMessageKey(key) ? key : "platform.admins.unknown") }));
  }
  if (setting === "quote-prefix") return setQuotePrefix(ctx, value);
  const changes =
    setting === "language"
      ? { defaultLocale: readLocale(ctx, value) }
      : setting === "timezone"
        ? { timeZone: readTimeZone(ctx, value) }
        : setting === "visibility"
          ? { customerVisibility: readVisibility(ctx, value) }
          : { currency: readCurrency(ctx, value) };
  const { before, after } = await ctx.store.workspace.update(changes);
  const snapshot = (tenant: typeof before) => ({
    defaultLocale: tenant.defaultLocale ?? null,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    customerVisibility: tenant.customerVisibility ?? "all",
  });
  await ctx.store.audit.record(ctx.member.id, { action: "workspace.settings", entity: "tenant", entityId: ctx.tenant.id, before: snapshot(before), after: snapshot(after) });
  if (setting === "language") {
    const locale = localeFromTag(after.defaultLocale);
    return reply.text(locale ? ctx.t("settings.workspaceLanguageSet", { language: languageName(ctx, locale) }) : ctx.t("settings.workspaceLanguageAuto"));
  }
  if (setting === "timezone") return reply.text(ctx.t("settings.workspaceTimeZoneSet", { zone: after.timeZone }));
  if (setting === "visibility") {
    const own = after.customerVisibility === "own";
    const undo = localizeTypedLine(`settings workspace visibility ${own ? "all" : "own"}`, ctx.locale);
    return reply.text(ctx.t(own ? "settings.workspaceVisibilityOwn" : "settings.workspaceVisibilityAll", { command: undo }));
  }
  return reply.text(ctx.t("settings.workspaceCurrencySet", { currency: after.currency, previous: before.currency }));
}

export const settingsCommand = defineCommand({
  name: "settings",
  summary: "Your language and time zone; the workspace's language, time zone, currency, visibility (admins)",
  usage: "settings [workspace] [language|timezone|currency|visibility|reminders <value>]",
  examples: ["settings", "settings language zh-TW", "settings timezone Asia/Seoul", "settings reminders off", "settings workspace currency KRW", VISIBILITY_EXAMPLE],
  options: {
    setting: { kind: "choice", description: "language, timezone, currency, visibility or reminders", choices: SETTINGS },
    value: { kind: "text", description: "The new value; auto goes back to the default", schema: z.string().trim().min(1).max(64).optional() },
    workspace: { kind: "flag", description: "Change the workspace default (admins)" },
  },
  parseText: parseSettings,
  writes: (args) => Boolean(args.setting && args.value),
  async handler(args, ctx) {
    if (!args.setting) return overview(ctx);
    if (args.setting === "previews") return linkPreviewsSetting(ctx, args.value);
    if (args.setting === "alerts") return alertsSetting(ctx, args.value);
    if (args.setting === "quiet") return quietSetting(ctx, args.value);
    if (!args.value) {
      const example = args.workspace && args.setting !== "currency" && args.setting !== "reminders" && args.setting !== "visibility" ? `settings workspace ${args.setting} ${args.setting === "language" ? "ko" : "Asia/Seoul"}` : EXAMPLES[args.setting];
      throw new UserError("bad_argument", ctx.t("settings.missingValue", { example: localizeTypedLine(example, ctx.locale) }), { example, field: "value" });
    }
    return args.workspace && args.setting !== "reminders" ? setForWorkspace(ctx, args.setting, args.value) : setForMember(ctx, args.setting, args.value);
  },
});
