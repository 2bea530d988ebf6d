/** Money is integer minor units (cents, fen) everywhere; formatting uses Intl per tenant currency. */
const formatters = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs more than many a query: each currency's answer is kept. */
const minorDigits = new Map<string, number>();

export function minorUnitDigits(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

export function formatMoney(minor: number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter.format(minor / 10 ** minorUnitDigits(currency));
}

/** "12,500.50" -> 1250050 (for a 2-digit currency). Returns null when it is not a plain amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[,\s_]/g, "").replace(/^[^\d-]+/, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const digits = minorUnitDigits(currency);
  const [whole, fraction = ""] = cleaned.replace("-", "").split(".");
  if (fraction.length > digits) return null;
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(value)) return null;
  return cleaned.startsWith("-") ? -value : value;
}
