// The money module's public surface. ../money.ts (the older number-based helpers) keeps working
// unchanged until the lead re-exports from here; minorUnitDigits and formatMoney(minor, currency)
// give the same results in both.
export {
  decimalToMinor,
  formatMoney,
  isCurrencyCode,
  minorToDecimal,
  minorToSafeNumber,
  minorUnitDigits,
  type CurrencyCode,
  type DecimalToMinorResult,
} from "./currency.js";
export { readAmount, type ReadAmountOptions, type ReadAmountResult, type UnreadableReason } from "./read-amount.js";
