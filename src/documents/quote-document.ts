/**
 * The quote document as its reader sees it, before any file format: every word in the reader's
 * language, every amount in the customer's currency. The PDF and XLSX renderers lay this out.
 */
import type { Translate } from "../core/i18n/index.js";
import type { Locale } from "../core/i18n/locale.js";
import { formatMoney, minorToDecimal } from "../core/money/index.js";
import type { Quote } from "../core/quotes.js";

export type QuoteDocumentLine = {
  sku: string;
  description: string;
  quantity: number;
  unitPrice: string;
  discount: string;
  amount: string;
  /** Decimal strings in the currency's unit, for spreadsheet cells that stay numbers. */
  unitPriceDecimal: string;
  amountDecimal: string;
  discountFraction: number;
};

export type QuoteDocument = {
  locale: Locale;
  currency: string;
  title: string;
  company: string;
  heading: string;
  customerLabel: string;
  customer: string;
  facts: { label: string; value: string }[];
  columns: { sku: string; description: string; quantity: string; unitPrice: string; discount: string; amount: string };
  lines: QuoteDocumentLine[];
  totals: { label: string; value: string; decimal: string; strong?: boolean }[];
  notes: { label: string; value: string }[];
  footer: string;
  sheetName: string;
};

const percent = (basisPoints: number, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(basisPoints / 10_000);

/** `terms`: the payment terms to print (the quote's own, else the customer's default, already in words). */
export function quoteDocument(quote: Quote, options: { t: Translate; locale: Locale; company: string; currency: string; terms: string | null }): QuoteDocument {
  const { t, locale, currency } = options;
  const amount = (minor: number) => formatMoney(minor, currency, locale);
  const facts = [
    { label: t("quote.doc.number"), value: quote.number },
    { label: t("quote.doc.date"), value: quote.issuedOn },
    { label: t("quote.doc.validUntil"), value: quote.validUntil ?? "—" },
    { label: t("quote.doc.currency"), value: currency },
  ];
  if (quote.createdByName) facts.push({ label: t("quote.doc.preparedBy"), value: quote.createdByName });
  const notes = [{ label: t("quote.doc.terms"), value: options.terms ?? "—" }];
  if (quote.notes) notes.push({ label: t("quote.doc.notes"), value: quote.notes });
  return {
    locale,
    currency,
    title: t("quote.doc.title", { number: quote.number }),
    company: options.company,
    heading: t("quote.doc.heading"),
    customerLabel: t("quote.doc.customer"),
    customer: quote.customerName,
    facts,
    columns: {
      sku: t("column.sku"),
      description: t("column.description"),
      quantity: t("column.quantity"),
      unitPrice: t("column.unitPrice"),
      discount: t("quote.doc.discount"),
      amount: t("column.amount"),
    },
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      description: line.description ?? "",
      quantity: line.quantity,
      unitPrice: amount(line.unitPrice),
      discount: line.discountBp ? percent(line.discountBp, locale) : "",
      amount: amount(line.amount),
      unitPriceDecimal: minorToDecimal(line.unitPrice, currency),
      amountDecimal: minorToDecimal(line.amount, currency),
      discountFraction: line.discountBp / 10_000,
    })),
    totals: [
      { label: t("quote.doc.subtotal"), value: amount(quote.subtotal), decimal: minorToDecimal(quote.subtotal, currency) },
      { label: t("quote.doc.tax", { rate: percent(quote.taxRateBp, locale) }), value: amount(quote.tax), decimal: minorToDecimal(quote.tax, currency) },
      { label: t("quote.doc.total"), value: amount(quote.total), decimal: minorToDecimal(quote.total, currency), strong: true },
    ],
    notes,
    footer: t("quote.doc.footer", { date: quote.validUntil ?? "—" }),
    sheetName: t("quote.doc.sheet"),
  };
}
