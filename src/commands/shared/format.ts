/** Small formatting helpers for replies (plain text; renderers escape it). */
import { formatMoney } from "../../core/money/index.js";
import type { CommandContext } from "../../core/context.js";
import type { Paging } from "../../core/reply.js";
import { daysBetween } from "../../core/dates.js";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";

/** An amount in its own currency (a customer's, else the tenant's), for the reader's locale; never rescaled. */
export function money(ctx: CommandContext, minor: number, currency: string | null = null): string {
  return formatMoney(minor, currency ?? ctx.tenant.currency, ctx.locale);
}

/** How a due date reads from the reader's today, in their language: "tomorrow", "3 days overdue", "in 5 days". */
export function relativeDayLabel(ctx: Pick<CommandContext, "t" | "today">, date: string): string {
  const days = daysBetween(ctx.today, date);
  if (days === 0) return ctx.t("due.today");
  if (days === 1) return ctx.t("due.tomorrow");
  return days < 0 ? ctx.t("due.overdue", { days: -days }) : ctx.t("due.inDays", { days });
}

/** "2026-11-24 (tomorrow)", "2026-11-20 (3 days overdue)". */
export function dueLabel(ctx: CommandContext, date: string | null): string {
  return date ? ctx.t("due.label", { date, relative: relativeDayLabel(ctx, date) }) : ctx.t("due.notSet");
}

/** A moment in the member's zone: "2026-11-23 14:05". */
export function localTime(ctx: CommandContext, instant: Date | null): string {
  if (!instant) return ctx.t("time.never");
  return format(new TZDate(instant.getTime(), ctx.timeZone), "yyyy-MM-dd HH:mm");
}

export function paging(commandFor: (page: number) => string, page: number, total: number, pageSize: number): Paging | undefined {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return undefined;
  return {
    page,
    pageCount,
    totalItems: total,
    previous: page > 1 ? commandFor(page - 1) : undefined,
    next: page < pageCount ? commandFor(page + 1) : undefined,
  };
}

/** Quote a customer name for a command line when it has spaces. */
export function quoted(value: string): string {
  return /\s/.test(value) ? `"${value.replace(/"/g, "")}"` : value;
}
