/**
 * Currencies with their real minor units, and exact conversion between what people write
 * ("12,345.50") and what is stored (integer minor units: cents, fen, won, yen).
 *
 * Amounts are stored as integers in the amount's own currency's minor unit, so a stored value never
 * depends on a workspace or display setting: 33000 stored as KRW is ₩33,000 whatever the workspace
 * currency or the reader's language. Conversions go through strings and BigInt, never through
 * floating point, because 0.1 + 0.2 and amounts above 2^53 both lose money silently.
 */

/** An ISO 4217 alphabetic code in upper case, such as "KRW". Check unknown input with isCurrencyCode. */
export type CurrencyCode = string;

let knownCurrencies: ReadonlySet<string> | undefined;

/**
 * True for a real ISO 4217 code in upper case. Intl.NumberFormat alone is not enough: it accepts any
 * three letters ("XYZ") and formats them with two decimals, so we check ICU's list of currencies.
 */
export function isCurrencyCode(value: string): value is CurrencyCode {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(value);
}

const minorDigitsCache = new Map<CurrencyCode, number>();

/**
 * Number of minor-unit digits of a currency: 0 for KRW and JPY, 2 for CNY, TWD, HKD, USD and EUR.
 *
 * Read from ICU (CLDR), which matches ISO 4217 for every currency Rapport serves. CLDR differs from
 * ISO for a few others (IQD, IDR and HUF are 0 in CLDR, 3/2/2 in ISO); currency.test.ts pins the values
 * we serve, because a change here after an ICU upgrade would rescale every stored amount.
 * Same name and values as minorUnitDigits in ../money.ts, so that one can re-export this.
 */
export function minorUnitDigits(currency: CurrencyCode): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    assertCurrency(currency);
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

export type DecimalToMinorResult =
  | { ok: true; minor: bigint }
  | { ok: false; reason: "not-a-decimal" | "too-many-decimals" };

/**
 * "12345.5" in CNY → 1234550n; "1000.5" in KRW → too-many-decimals (a won has no fractions).
 * Trailing zeros beyond the minor units are fine ("1000.00" KRW → 1000n) because the value is exact.
 * Takes a plain decimal only (optional "-", digits, optional "." and digits); people's writing goes
 * through readAmount instead.
 */
export function decimalToMinor(decimal: string, currency: CurrencyCode): DecimalToMinorResult {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) return { ok: false, reason: "not-a-decimal" };
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = minorUnitDigits(currency);
  const extra = fraction.slice(digits);
  if (/[1-9]/.test(extra)) return { ok: false, reason: "too-many-decimals" };
  const minor = BigInt(whole + fraction.slice(0, digits).padEnd(digits, "0"));
  return { ok: true, minor: sign ? -minor : minor };
}

/** 1234550n CNY → "12345.50"; 33000n KRW → "33000". Exact for any size. */
export function minorToDecimal(minor: bigint | number, currency: CurrencyCode): string {
  const value = toBigInt(minor);
  const digits = minorUnitDigits(currency);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return (negative ? "-" : "") + (digits > 0 ? `${whole}.${fraction}` : whole);
}

/**
 * A bigint amount as a number for the existing number-typed columns, or null when it would lose
 * precision (above Number.MAX_SAFE_INTEGER): callers refuse such an amount rather than round it.
 */
export function minorToSafeNumber(minor: bigint): number | null {
  const value = Number(minor);
  return Number.isSafeInteger(value) ? value : null;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * An amount for a reader: formatMoney(33000n, "KRW", "ko") → "₩33,000".
 *
 * The result depends only on the amount, its own currency and the reader's locale; never on a
 * workspace currency, so changing that setting cannot rescale what is shown. The symbol is whatever
 * ICU gives for that locale, which tells readers in one place what they already expect (Node 20, ICU 78):
 * - zh-CN: CNY "¥12,345.00", JPY "JP¥12,345", USD "US$12,345.00"
 * - zh-TW: TWD "$12,345.00" (Taiwan's own dollar needs no prefix there), CNY "CN¥12,345.00",
 *   JPY "¥12,345", KRW "￦12,345" (full-width won sign)
 * - ko: KRW "₩33,000", USD "US$12,345.00", CNY "CN¥12,345.00"
 * - en: TWD "NT$12,345.00", CNY "CN¥12,345.00", JPY "¥12,345", USD "$12,345.00"
 * readAmount reads every one of these back to the same currency for a customer in that currency.
 * The locale defaults to "en" so that this can replace formatMoney in ../money.ts unchanged.
 */
export function formatMoney(minor: bigint | number, currency: CurrencyCode, locale = "en"): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    assertCurrency(currency);
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  // A decimal string keeps amounts above 2^53 exact (Intl.NumberFormat v3 formats strings as decimals).
  return formatter.format(minorToDecimal(minor, currency) as `${number}`);
}

function toBigInt(minor: bigint | number): bigint {
  if (typeof minor === "bigint") return minor;
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer, got ${minor}`);
  return BigInt(minor);
}

function assertCurrency(currency: string): void {
  // A bad code here is a programming or data error, not something a user typed: fail loudly.
  if (!isCurrencyCode(currency)) throw new RangeError(`Unknown ISO 4217 currency code: ${JSON.stringify(currency)}`);
}
