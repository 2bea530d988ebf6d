/**
 * A date argument as a command reads it, on every surface: the four-language reader in the
 * member's zone, and a question (with buttons that run the command again with the ISO date)
 * whenever the phrase could mean two dates or a follow-up would already be overdue.
 */
import type { CommandContext } from "./context.js";
import { addDaysTo, type CalendarDate } from "./dates.js";
import { readDate, type DatePurpose } from "./dates/read-date.js";
import { UserError } from "./errors.js";
import type { Locale } from "./i18n/locale.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dates a reader of each language can copy. */
const DATE_EXAMPLES: Record<Locale, string> = {
  en: 'tomorrow, "next fri", "in 3 days", 2026-12-01',
  "zh-CN": "明天、下周五、三天后、12月5日、2026-12-01",
  "zh-TW": "明天、下週五、三天後、12月5日、2026-12-01",
  ko: "내일, 다음 주 금요일, 3일 후, 12월 5일, 2026-12-01",
};

export type DateArgument = {
  /** The option's name, for form field errors. */
  field: string;
  purpose: DatePurpose;
  /** The command line that runs the same command with `date` (an ISO date) in place of the phrase. */
  rerun: (date: CalendarDate) => string;
  example: string;
  /** How the error names what was typed, when the phrase alone does not say which option it was (`from=someday`). */
  quote?: (phrase: string) => string;
};

/**
 * The calendar date `text` names, or a UserError that asks. A past follow-up date typed as an ISO
 * date (as the buttons do) is taken as meant: the question was asked when the phrase was typed.
 */
export function readDateArgument(text: string, ctx: CommandContext, argument: DateArgument): CalendarDate {
  const phrase = text.trim();
  const deliberate = ISO_DATE.test(phrase.normalize("NFKC"));
  const reading = readDate(phrase, {
    now: ctx.now,
    timeZone: ctx.timeZone,
    locale: ctx.locale,
    purpose: deliberate ? "any" : argument.purpose,
  });
  switch (reading.kind) {
    case "date":
      return reading.date;
    case "ambiguous":
      throw new UserError("ambiguous_date", ctx.t("date.ambiguous", { phrase, readings: new Intl.ListFormat(ctx.locale, { type: "disjunction" }).format(reading.readings) }), {
        field: argument.field,
        example: argument.rerun(reading.readings[0]!),
        choices: reading.readings.map((date) => ({ label: date, command: argument.rerun(date) })),
      });
    case "past": {
      const tomorrow = addDaysTo(ctx.today, 1);
      throw new UserError("past_date", ctx.t("date.past", { phrase, date: reading.date, days: reading.daysAgo, daysText: String(reading.daysAgo) }), {
        field: argument.field,
        example: argument.rerun(tomorrow),
        choices: [
          { label: ctx.t("date.keep", { date: reading.date }), command: argument.rerun(reading.date) },
          { label: ctx.t("date.today", { date: ctx.today }), command: argument.rerun(ctx.today) },
          { label: ctx.t("date.tomorrow", { date: tomorrow }), command: argument.rerun(tomorrow) },
        ],
      });
    }
    case "unreadable": {
      throw new UserError("bad_date", ctx.t("error.unreadableDate", { phrase: argument.quote ? argument.quote(reading.phrase) : reading.phrase, example: DATE_EXAMPLES[ctx.locale] }), {
        field: argument.field,
        example: argument.example,
      });
    }
  }
}

/** Whether `text` names a date at all (ambiguous and past count: the command asks about them later). */
export function readsAsDate(text: string): boolean {
  return readDate(text, { now: new Date(), timeZone: "UTC", locale: "en" }).kind !== "unreadable";
}
