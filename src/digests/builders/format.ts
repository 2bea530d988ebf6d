/** Formatting shared by the digest builders. All CRM text goes through `plain` (see mention.ts). */
import { daysBetween, type CalendarDate } from "../../core/dates.js";
import { createTranslator, type Translate } from "../../core/i18n/translator.js";
import type { MessageKey } from "../../core/i18n/catalogs/index.js";
import { localizeTypedLine } from "../../core/i18n/typed-line.js";
import { formatMoney } from "../../core/money/currency.js";
import type { Block, Button } from "../../core/reply.js";
import { mention, plain } from "../mention.js";
import type { DigestContext, MemberRef } from "./types.js";

const english = createTranslator("en");

export function translator(ctx: DigestContext): Translate {
  return ctx.t ?? english;
}

/** A message in the digest's language. Counts go in as strings: no digit grouping, as before. */
export function say(ctx: DigestContext, key: MessageKey, values: Record<string, string | number> = {}): string {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) strings[name] = String(value);
  return translator(ctx)(key, strings);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in `currency` (a customer's own; the workspace's when absent). */
export function money(ctx: DigestContext, minor: number, currency: string = ctx.currency): string {
  const locale = translator(ctx).locale;
  if (locale === "en") return formatMoney(minor, currency);
  const cacheKey = `${locale}:${currency}`;
  let format = moneyFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    moneyFormats.set(cacheKey, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * A sum over customers of several currencies, one amount per currency ("US$12,500.00 + ₩3,300,000"):
 * adding won to dollars would be a number in no currency.
 */
export function moneyPerCurrency(ctx: DigestContext, amounts: { currency: string; minor: number }[]): string {
  const shown = amounts.filter((amount) => amount.minor !== 0);
  if (shown.length === 0) return money(ctx, 0);
  return shown.map((amount) => money(ctx, amount.minor, amount.currency)).join(" + ");
}

/** A calendar date as the reader writes it: ISO in English, `11月27日（周五）` / `11월 27일 (금)` otherwise. */
export function day(ctx: DigestContext, date: CalendarDate): string {
  const locale = translator(ctx).locale;
  if (locale === "en") return date;
  const at = new Date(`${date}T12:00:00Z`);
  const monthDay = new Intl.DateTimeFormat(locale, { month: "long", day: "numeric", timeZone: "UTC" }).format(at);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: locale === "zh-TW" ? "narrow" : "short", timeZone: "UTC" }).format(at);
  return locale === "ko" ? `${monthDay} (${weekday})` : `${monthDay}（${weekday}）`;
}

export function relative(ctx: DigestContext, today: CalendarDate, date: CalendarDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return say(ctx, "digest.relative.today");
  if (days === 1) return say(ctx, "digest.relative.tomorrow");
  if (days < 0) return say(ctx, "digest.relative.overdue", { days: -days });
  return say(ctx, "digest.relative.in", { days });
}

export function customerLabel(item: { customerName: string; customerId: number }): string {
  return `${plain(item.customerName)} #${item.customerId}`;
}

export function ownerLabel(owner: MemberRef | null, ctx?: DigestContext): string {
  return owner ? mention(owner) : (ctx ? translator(ctx) : english)("digest.unassigned");
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((part / whole) * 100)}%`;
}

/** "and 12 more: /crm followups week all" */
export function moreLine(hidden: number, command: string, ctx?: DigestContext): Block[] {
  const t = ctx ? translator(ctx) : english;
  const text = t("digest.more", { count: String(hidden), command: localizeTypedLine(command, t.locale) });
  return hidden > 0 ? [{ type: "text", tone: "muted", text }] : [];
}

export function showButton(customerId: number, ctx?: DigestContext): Button {
  return { label: (ctx ? translator(ctx) : english)("digest.button.open"), action: { kind: "run", command: `show #${customerId}` } };
}
