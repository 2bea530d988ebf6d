/**
 * Amount cells of an import file. The currency of an order, invoice or payment is its customer's,
 * and the customer is only known when the batch is written; so a cell is kept as its text and an
 * exact decimal until then, and turned into minor units once, in that currency (no rescaling).
 */
import { decimalToMinor, isCurrencyCode, minorToSafeNumber, readAmount, type CurrencyCode } from "./index.js";
import type { AmountProblem, ImportAmount } from "../import-sink.js";

/** "$1,250.50", "USD 1250.5", "₩33,000" -> "1250.50" / "1250.5" / "33000"; null when no plain decimal is left. */
export function decimalOfCell(raw: string): string | null {
  const cleaned = raw
    .replace(/^[A-Za-z]{3}\s*/, "")
    .replace(/\s*[A-Za-z]{3}$/, "")
    .replace(/[,\s_]/g, "")
    .replace(/^[^\d-]+/, "");
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? cleaned : null;
}

/** A currency cell as an ISO code ("krw" -> "KRW"), null when empty, undefined when not a currency. */
export function currencyOfCell(raw: string): CurrencyCode | null | undefined {
  const code = raw.trim().toUpperCase();
  if (!code) return null;
  return isCurrencyCode(code) ? code : undefined;
}

/** -1, 0 or 1 as a < b, exactly (no floating point), for two plain decimals. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function fractionLength(decimal: string): number {
  const dot = decimal.indexOf(".");
  return dot < 0 ? 0 : decimal.length - dot - 1;
}

function scaled(decimal: string, scale: number): bigint {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return BigInt(whole + fraction.padEnd(scale, "0"));
}

const PLAIN = /^[\d,.\s]+$/;

/**
 * An amount cell in minor units of `currency`. Plain numbers take the fast exact path; a cell with a
 * sign or code goes through readAmount, so "₩33,000" in a CNY row is a conflict, not ¥33,000.
 */
export function amountToMinor(field: string, amount: ImportAmount, currency: CurrencyCode): { minor: number } | { problem: AmountProblem } {
  const amountError: AmountProblem = { key: "import.row.amount", values: { field, value: amount.text } };
  if (PLAIN.test(amount.text)) {
    const result = decimalToMinor(amount.decimal, currency);
    if (!result.ok) return { problem: amountError };
    const minor = minorToSafeNumber(result.minor);
    return minor === null ? { problem: amountError } : { minor };
  }
  const read = readAmount(amount.text, { currency, locale: "en" });
  if (read.kind === "conflict") {
    return { problem: { key: "import.row.currencyConflict", values: { field, value: amount.text, written: read.written, expected: currency } } };
  }
  if (read.kind === "unreadable") {
    // Cells readAmount cannot read but the old reader accepted ("USD-less" codes it does not know): keep them exact.
    const result = decimalToMinor(amount.decimal, currency);
    if (!result.ok || read.reason === "too-many-decimals") return { problem: amountError };
    const minor = minorToSafeNumber(result.minor);
    return minor === null ? { problem: amountError } : { minor };
  }
  const minor = minorToSafeNumber(read.minor);
  return minor === null ? { problem: amountError } : { minor };
}
