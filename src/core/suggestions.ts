/**
 * What Rapport suggests for free-text options whose good values it knows (Discord autocomplete,
 * issue 20): date phrases with the date each means in the member's zone (also for a quote's
 * validity), the workspace's deal stages, the member's open deals, recent quote numbers and the
 * open invoices a receipt can be applied to. Pure where it can be (dates, stages);
 * the store-backed lists are cheap, bounded queries, because autocomplete has no deferral.
 */
import { readDate, type DateLocale } from "./dates/read-date.js";
import { daysBetween, todayIn, type CalendarDate } from "./dates.js";
import type { Deal, DealStage } from "./deal-store.js";
import type { OpenInvoiceMatch } from "./ledger.js";
import { formatMoney } from "./money/index.js";
import { readValidityDays, validUntilFrom } from "./quotes.js";
import type { Translate } from "./i18n/index.js";
import type { PickerOption } from "./service-api.js";

/**
 * What an option suggests: dates, a validity (a date, or a period such as `30d`), deal stages,
 * deal ids, quote numbers, open invoices.
 */
export type SuggestionKind = "date" | "validity" | "dealStage" | "dealId" | "quoteNumber" | "openInvoice";

/**
 * Free-text options (by command and option name) whose values Rapport knows. A text option that
 * also reads dates (a quote's validity takes `30d` too) is named here, since its kind is not `date`.
 */
const NAMED: Readonly<Record<string, SuggestionKind>> = {
  "deal.stage": "dealStage",
  "deal.id": "dealId",
  "deals.stage": "dealStage",
  "quote.number": "quoteNumber",
  "quote.valid": "validity",
  "pay.customer_or_invoice": "openInvoice",
};

/** The suggestions an option gets, if any: every `date` option, and the named text options. */
export function suggestionKindOf(command: string, option: { name: string; kind: string }): SuggestionKind | undefined {
  if (option.kind === "date") return "date";
  if (option.kind !== "text") return undefined;
  return NAMED[`${command}.${option.name}`];
}

const MAX_LABEL = 100;
const cut = (text: string) => (Array.from(text).length > MAX_LABEL ? `${Array.from(text).slice(0, MAX_LABEL - 1).join("")}…` : text);

/** "Sat 28 Nov" / "11月28日周六" / "11월 28일 (토)": a calendar date as the reader writes it, the year only when it is not this year's. */
export function dateLabel(date: CalendarDate, locale: DateLocale, today: CalendarDate): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const tag = locale === "en" ? "en-GB" : locale;
  const format = new Intl.DateTimeFormat(tag, {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(date.slice(0, 4) !== today.slice(0, 4) ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
  return format.format(new Date(Date.UTC(year, month - 1, day))).replace(/,/g, "");
}

/**
 * Date suggestions: what was typed first (with the date it means, each reading of an ambiguous
 * "5/12", or that it does not read), then the language's usual phrases that match it. A chosen
 * date goes back as YYYY-MM-DD, so the command reads exactly the date that was shown.
 */
export function dateSuggestions(input: { query: string; t: Translate; timeZone: string; now: Date; limit: number }): PickerOption[] {
  const { t, timeZone, now } = input;
  const locale = t.locale as DateLocale;
  const today = todayIn(timeZone, now);
  const query = input.query.trim();
  const options: PickerOption[] = [];
  // One suggestion per date (choices are told apart by their value): the first phrase meaning it wins.
  const shown = new Set<CalendarDate>();
  const show = (phrase: string, date: CalendarDate) => {
    if (shown.has(date)) return;
    shown.add(date);
    options.push({ label: cut(t("suggest.date", { phrase, date: dateLabel(date, locale, today) })), value: date });
  };
  let unreadable: PickerOption | undefined;
  if (query) {
    const reading = readDate(query, { now, timeZone, locale });
    if (reading.kind === "date" || reading.kind === "past") show(query, reading.date);
    else if (reading.kind === "ambiguous") for (const date of reading.readings) show(query, date);
    else unreadable = { label: cut(t("suggest.unreadable", { phrase: query })), value: query.slice(0, MAX_LABEL) };
  }
  const needle = query.toLowerCase().normalize("NFKC").replace(/\s+/g, "");
  for (const phrase of t("suggest.datePhrases").split("|")) {
    if (needle && !phrase.toLowerCase().replace(/\s+/g, "").includes(needle)) continue;
    const reading = readDate(phrase, { now, timeZone, locale });
    if (reading.kind === "date") show(phrase, reading.date);
  }
  // Text that does not read as a date is said so after the phrases it may be the start of ("明" → 明天).
  if (unreadable) options.push(unreadable);
  return options.slice(0, input.limit);
}

/**
 * A quote's validity: a typed period (`30d`, `30天`, `30일`) with the date it ends on, sent back as
 * that date; anything else gets the date suggestions every date option gets.
 */
export function validitySuggestions(input: { query: string; t: Translate; timeZone: string; now: Date; limit: number }): PickerOption[] {
  const days = readValidityDays(input.query);
  if (days === null) return dateSuggestions(input);
  const today = todayIn(input.timeZone, input.now);
  const until = validUntilFrom(today, days);
  return [{ label: cut(input.t("suggest.date", { phrase: input.query.trim(), date: dateLabel(until, input.t.locale as DateLocale, today) })), value: until }];
}

/**
 * Open invoices as `INV-1042 · Acme · €1,200.00 open · 3 days overdue` (the open amount in the
 * customer's currency, else the workspace's), sending back the invoice number; in the order given
 * (most overdue first).
 */
export function invoiceSuggestions(input: { invoices: readonly OpenInvoiceMatch[]; workspaceCurrency: string; t: Translate; today: CalendarDate }): PickerOption[] {
  const { t, today } = input;
  const locale = t.locale as DateLocale;
  return input.invoices.map((invoice) => {
    const amount = formatMoney(invoice.open, invoice.currency ?? input.workspaceCurrency, t.locale);
    const overdueDays = daysBetween(invoice.dueOn, today);
    const common = { number: invoice.number, customer: invoice.customerName, amount };
    const label = overdueDays > 0
      ? t("suggest.invoiceOverdue", { ...common, days: overdueDays })
      : t("suggest.invoiceDue", { ...common, date: dateLabel(invoice.dueOn, locale, today) });
    return { label: cut(label), value: invoice.number };
  });
}

/** The workspace's stages a deal can be moved to (open ones and won; lost needs a reason), matching what was typed. */
export function stageSuggestions(input: { stages: readonly DealStage[]; query: string; t: Translate; limit: number }): PickerOption[] {
  const needle = input.query.trim().toLowerCase();
  return input.stages
    .filter((stage) => stage.kind !== "lost")
    .map((stage) => {
      const name = stage.name ?? (BUILT_IN.has(stage.key) ? input.t(`deal.stage.${stage.key as "lead"}`) : stage.key);
      return { name, stage };
    })
    .filter(({ name, stage }) => !needle || stage.key.toLowerCase().includes(needle) || name.toLowerCase().includes(needle))
    .slice(0, input.limit)
    .map(({ name, stage }) => ({ label: cut(input.t("suggest.stage", { stage: name, probability: stage.probability })), value: stage.key }));
}

const BUILT_IN = new Set(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);

/** Open deals matching what was typed (its id, title or customer), as `#12 · title · customer` sending back `12`. */
export function dealSuggestions(input: { deals: readonly Deal[]; query: string; t: Translate; limit: number }): PickerOption[] {
  const needle = input.query.trim().replace(/^#?d?/i, "").toLowerCase();
  const raw = input.query.trim().toLowerCase();
  return input.deals
    .filter((deal) => !raw || String(deal.id).startsWith(needle) || deal.title.toLowerCase().includes(raw) || deal.customerName.toLowerCase().includes(raw))
    .slice(0, input.limit)
    .map((deal) => ({ label: cut(input.t("suggest.deal", { id: deal.id, title: deal.title, customer: deal.customerName })), value: String(deal.id) }));
}

/** Open quotes as `Q-2026-0001 · customer · sent` (status in the reader's words), sending back the number. */
export function quoteSuggestions(input: { quotes: readonly { number: string; customerName: string; status: string }[]; t: Translate }): PickerOption[] {
  return input.quotes.map((quote) => ({
    label: cut(input.t("suggest.quote", { number: quote.number, customer: quote.customerName, status: input.t("quote.status", { status: quote.status }) })),
    value: quote.number,
  }));
}
