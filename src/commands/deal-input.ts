/**
 * What people type for a deal, read and checked: stage words in four languages (or a custom
 * stage's name), amounts in the customer's currency, probabilities and close dates. Each refusal
 * names the field and shows an example the reader can copy.
 */
import type { CommandContext } from "../core/context.js";
import type { DealStage } from "../core/deal-store.js";
import { LOST_REASONS, type LostReason } from "../core/deal-store.js";
import { UserError } from "../core/errors.js";
import { readDateArgument } from "../core/date-input.js";
import type { CalendarDate } from "../core/dates.js";
import { isCurrencyCode, minorToSafeNumber, readAmount } from "../core/money/index.js";
import { lookupWord, matchKey } from "../core/i18n/vocabulary.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { stageLabel } from "./deal-view.js";

/** A line of canonical words as the reader types it. */
export function typed(ctx: CommandContext, line: string): string {
  return localizeTypedLine(line, ctx.locale);
}

function refuse(ctx: CommandContext, code: string, message: string, field: string, example: string): UserError {
  return new UserError(code, message, { field, example: typed(ctx, example) });
}

/** The stage `text` names: a built-in stage word in any language, or a stage's key or name. */
export function findStage(text: string, stages: readonly DealStage[]): DealStage | null {
  const canonical = lookupWord("stage", text);
  const key = matchKey(text);
  return stages.find((stage) => stage.key === canonical || matchKey(stage.key) === key || (stage.name !== null && matchKey(stage.name) === key)) ?? null;
}

export function readStage(ctx: CommandContext, text: string, stages: readonly DealStage[], example: string): DealStage {
  const stage = findStage(text, stages);
  if (stage) return stage;
  const names = stages.map((candidate) => stageLabel(ctx, candidate)).join(ctx.locale.startsWith("zh") ? "、" : ", ");
  throw refuse(ctx, "bad_stage", ctx.t("deal.input.unknownStage", { stage: text, stages: names }), "stage", example);
}

export function readDealAmount(ctx: CommandContext, text: string, currency: string, example: string): number {
  if (!isCurrencyCode(currency)) throw refuse(ctx, "bad_amount", ctx.t("deal.input.amountUnreadable", { amount: text }), "amount", example);
  const amount = readAmount(text, { currency, locale: ctx.locale });
  if (amount.kind === "conflict") {
    throw refuse(ctx, "bad_amount", ctx.t("deal.input.amountCurrency", { amount: text, written: amount.written, expected: amount.expected }), "amount", example);
  }
  if (amount.kind === "unreadable") {
    const key = amount.reason === "negative" ? "deal.input.amountNegative" : "deal.input.amountUnreadable";
    throw refuse(ctx, "bad_amount", ctx.t(key, { amount: text }), "amount", example);
  }
  const minor = minorToSafeNumber(amount.minor);
  if (minor === null) throw refuse(ctx, "bad_amount", ctx.t("deal.input.amountUnreadable", { amount: text }), "amount", example);
  return minor;
}

export function readProbability(ctx: CommandContext, text: string, example: string): number {
  const value = text.normalize("NFKC").trim().replace(/%$/, "");
  const number = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 0 && number <= 100)) throw refuse(ctx, "bad_probability", ctx.t("deal.input.probability", { value: text }), "probability", example);
  return number;
}

/** A close date, today or later. */
export function readCloseDate(ctx: CommandContext, text: string, example: string, rerun: (date: CalendarDate) => string): CalendarDate {
  const date = readDateArgument(text, ctx, { field: "close", purpose: "any", rerun, example: typed(ctx, example) });
  if (date < ctx.today) throw refuse(ctx, "past_close", ctx.t("deal.input.closeInPast", { date, today: ctx.today }), "close", example);
  return date;
}

export function readLostReason(ctx: CommandContext, text: string | undefined, example: string): LostReason {
  const reason = text === undefined ? undefined : (lookupWord("lostReason", text) ?? text.trim().toLowerCase());
  if (reason && (LOST_REASONS as readonly string[]).includes(reason)) return reason as LostReason;
  const reasons = LOST_REASONS.map((value) => ctx.t(`deal.reason.${value}`)).join(ctx.locale.startsWith("zh") ? "、" : ", ");
  throw refuse(ctx, "bad_reason", ctx.t("deal.input.reason", { reasons }), "reason", example);
}

/** `#12` or `12`: the deal's number. */
export function readDealId(ctx: CommandContext, text: string | number | undefined, example: string): number {
  const value = typeof text === "number" ? text : Number((text ?? "").normalize("NFKC").trim().replace(/^#/, ""));
  if (!Number.isInteger(value) || value < 1) throw refuse(ctx, "bad_id", ctx.t("deal.input.id"), "id", example);
  return value;
}
