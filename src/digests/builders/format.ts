/** Formatting shared by the digest builders. All CRM text goes through `plain` (see mention.ts). */
import { daysBetween, type CalendarDate } from "../../core/dates.js";
import { createTranslator, type Translate } from "../../core/i18n/translator.js";
import type { MessageKey } from "../../core/i18n/catalogs/index.js";
import { formatMoney } from "../../core/money.js";
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

export function money(ctx: DigestContext, minor: number): string {
  const locale = translator(ctx).locale;
  if (locale === "en") return formatMoney(minor, ctx.currency);
  const cacheKey = `${locale}:${ctx.currency}`;
  let format = moneyFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: ctx.currency });
    moneyFormats.set(cacheKey, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
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
  return owner ? mention(owner) : ctx ? say(ctx, "digest.unassigned") : "Unassigned";
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((part / whole) * 100)}%`;
}

/** "and 12 more: /crm followups week all" */
export function moreLine(hidden: number, command: string, ctx?: DigestContext): Block[] {
  const text = ctx ? say(ctx, "digest.more", { count: hidden, command }) : `…and ${hidden} more. See all: /crm ${command}`;
  return hidden > 0 ? [{ type: "text", tone: "muted", text }] : [];
}

export function showButton(customerId: number, ctx?: DigestContext): Button {
  return { label: ctx ? say(ctx, "digest.button.open") : "Open", action: { kind: "run", command: `show #${customerId}` } };
}
