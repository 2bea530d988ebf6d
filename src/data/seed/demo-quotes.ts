/**
 * Quote demo data: a draft, two sent (one expiring in two days, so the follow-up digest and App
 * Home show it), one accepted into an order and one declined, numbered Q-{year}-NNNN with the
 * "quote" number sequence set after them, so `quote new` continues the series.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { addDaysTo, type CalendarDate } from "../../core/dates.js";
import { formatQuoteNumber, quotePrefixFor, quoteTotals, type QuoteLineInput } from "../../core/quotes.js";
import { toDbDate } from "../mappers.js";

type DemoQuote = {
  customer: string;
  by: string;
  status: "draft" | "sent" | "accepted" | "rejected";
  issuedIn: number;
  validIn: number;
  taxRateBp: number;
  terms?: string;
  rejectReason?: string;
  lines: QuoteLineInput[];
};

const QUOTES: DemoQuote[] = [
  {
    customer: "acme",
    by: "alice",
    status: "draft",
    issuedIn: 0,
    validIn: 30,
    taxRateBp: 625,
    terms: "Net 30",
    lines: [
      { sku: "WID-200", quantity: 500, unitPrice: 38_000, discountBp: 500, description: "Widget, heavy duty (2027 price list)" },
      { sku: "SVC-INST", quantity: 1, unitPrice: 150_000, discountBp: 0, description: "On-site installation" },
    ],
  },
  {
    customer: "hongda",
    by: "chen",
    status: "sent",
    issuedIn: -5,
    validIn: 20,
    taxRateBp: 1300,
    terms: "月结30天",
    lines: [
      { sku: "WID-100", quantity: 1000, unitPrice: 1_250, discountBp: 800, description: "标准部件（蓝色）" },
      { sku: "WID-300", quantity: 200, unitPrice: 9_900, discountBp: 0, description: "工业级部件" },
    ],
  },
  {
    customer: "samsung",
    by: "minji",
    status: "sent",
    issuedIn: -28,
    validIn: 2,
    taxRateBp: 1000,
    terms: "월말 마감 30일 이내 결제",
    lines: [{ sku: "WID-200", quantity: 500, unitPrice: 40_000, discountBp: 300, description: "견적 요청 품목 (중량형)" }],
  },
  {
    customer: "muller",
    by: "bob",
    status: "rejected",
    issuedIn: -20,
    validIn: 10,
    taxRateBp: 1900,
    rejectReason: "price",
    lines: [{ sku: "WID-100", quantity: 400, unitPrice: 1_300, discountBp: 0, description: "Standardteil" }],
  },
  {
    customer: "initech",
    by: "alice",
    status: "accepted",
    issuedIn: -14,
    validIn: 16,
    taxRateBp: 825,
    lines: [{ sku: "SVC-SUP", quantity: 12, unitPrice: 20_000, discountBp: 1000, description: "Support plan, monthly" }],
  },
];

export async function loadDemoQuotes(
  tx: Prisma.TransactionClient,
  tenantId: number,
  customers: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, number>,
  today: CalendarDate,
): Promise<void> {
  const prefix = quotePrefixFor(null, today);
  const at = (offset: number) => new Date(`${addDaysTo(today, offset)}T09:00:00Z`);
  for (const [index, quote] of QUOTES.entries()) {
    const totals = quoteTotals(quote.lines, quote.taxRateBp);
    const customerId = customers.get(quote.customer)!;
    const decided = quote.status === "accepted" || quote.status === "rejected";
    const row = await tx.quote.create({
      data: {
        tenantId,
        number: formatQuoteNumber(prefix, index + 1),
        customerId,
        status: quote.status,
        issuedOn: toDbDate(addDaysTo(today, quote.issuedIn)),
        validUntil: toDbDate(addDaysTo(today, quote.validIn)),
        subtotal: BigInt(totals.subtotal),
        taxRateBp: quote.taxRateBp,
        tax: BigInt(totals.tax),
        total: BigInt(totals.total),
        paymentTerms: quote.terms ?? null,
        createdById: members.get(quote.by)!,
        sentAt: quote.status === "draft" ? null : at(quote.issuedIn),
        decidedAt: decided ? at(quote.issuedIn + 3) : null,
        rejectReason: quote.rejectReason ?? null,
        lines: {
          create: quote.lines.map((line, position) => ({ ...line, description: line.description ?? null, unitPrice: BigInt(line.unitPrice), position })),
        },
      },
    });
    if (quote.status === "accepted") {
      // An accepted quote is an order already: the customer's most recent demo order came from it.
      const order = await tx.order.findFirst({ where: { tenantId, customerId }, orderBy: { orderedOn: "desc" } });
      if (order) {
        await tx.order.update({ where: { id: order.id }, data: { quoteId: row.id } });
        await tx.quote.update({ where: { id: row.id }, data: { orderId: order.id } });
      }
    }
  }
  await tx.numberSequence.upsert({
    where: { tenantId_kind: { tenantId, kind: "quote" } },
    create: { tenantId, kind: "quote", nextValue: QUOTES.length + 1 },
    update: { nextValue: QUOTES.length + 1 },
  });
  // The older demo quote predates subtotals and tax: its subtotal is its total.
  await tx.$executeRaw`UPDATE quotes SET subtotal = total WHERE tenant_id = ${tenantId} AND subtotal = 0 AND tax = 0`;
}
