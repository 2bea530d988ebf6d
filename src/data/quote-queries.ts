/**
 * Quote storage (see core/quotes.ts): numbering through `number_sequences` (kind "quote"), quotes
 * with their lines, the deal a quote prices and the quotes whose validity ends soon.
 */
import type { QuoteQueries } from "../core/quote-store.js";
import { lineAmount, quoteTotals, type Quote, type QuoteStatus } from "../core/quotes.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, money, toDbDate } from "./mappers.js";
import { recomputePurchaseStats } from "./order-writer.js";
import { visibleCustomers } from "./customer-scope.js";

const WITH_LINES = { lines: { orderBy: [{ position: "asc" as const }, { id: "asc" as const }] }, customer: { select: { name: true, ownerId: true } } } satisfies Prisma.QuoteInclude;
type QuoteRow = Prisma.QuoteGetPayload<{ include: typeof WITH_LINES }>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function createQuoteQueries(db: DbClient, tenantId: number): QuoteQueries {
  async function toQuote(row: QuoteRow): Promise<Quote> {
    const [deal, creator, order] = await Promise.all([
      row.dealId === null ? null : db.deal.findFirst({ where: { id: row.dealId, tenantId }, select: { title: true } }),
      row.createdById === null ? null : db.member.findFirst({ where: { id: row.createdById, tenantId }, select: { displayName: true } }),
      row.orderId === null ? null : db.order.findFirst({ where: { id: row.orderId, tenantId }, select: { number: true } }),
    ]);
    return {
      id: row.id,
      number: row.number,
      customerId: row.customerId,
      customerName: row.customer.name,
      customerOwnerId: row.customer.ownerId,
      currency: row.currency,
      dealId: row.dealId,
      dealTitle: deal?.title ?? null,
      status: row.status as QuoteStatus,
      issuedOn: fromDbDate(row.issuedOn),
      validUntil: fromDbDate(row.validUntil),
      subtotal: money(row.subtotal),
      taxRateBp: row.taxRateBp,
      tax: money(row.tax),
      total: money(row.total),
      paymentTerms: row.paymentTerms,
      notes: row.notes,
      createdById: row.createdById,
      createdByName: creator?.displayName ?? null,
      sentAt: row.sentAt,
      decidedAt: row.decidedAt,
      rejectReason: row.rejectReason,
      orderId: row.orderId,
      orderNumber: order?.number ?? null,
      lines: row.lines.map((line) => {
        const input = { sku: line.sku, quantity: line.quantity, unitPrice: money(line.unitPrice), discountBp: line.discountBp, ...(line.description ? { description: line.description } : {}) };
        return { ...input, amount: lineAmount(input) };
      }),
    };
  }

  return {
    async prefixTemplate() {
      const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { quotePrefix: true } });
      return row?.quotePrefix ?? null;
    },

    async setPrefixTemplate(template) {
      const before = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { quotePrefix: true } });
      await db.tenant.update({ where: { id: tenantId }, data: { quotePrefix: template } });
      return { before: before.quotePrefix, after: template };
    },

    async nextNumber(prefix) {
      // The highest number already used under this prefix (imports, demo data), so the sequence never collides with one.
      const [highest] = await db.$queryRawUnsafe<{ max: bigint | number | null }[]>(
        `SELECT MAX(CAST(SUBSTRING(number FROM $2) AS BIGINT)) AS max FROM quotes WHERE tenant_id = $1 AND number ~ $3`,
        tenantId,
        `^${escapeRegExp(prefix)}(\\d{1,9})$`,
        `^${escapeRegExp(prefix)}\\d{1,9}$`,
      );
      const floor = Math.max(1, Number(highest?.max ?? 0) + 1);
      // One statement, safe with two processes: the row lock makes the second wait for the first's commit.
      const [row] = await db.$queryRawUnsafe<{ issued: number }[]>(
        `INSERT INTO number_sequences (tenant_id, kind, next_value) VALUES ($1, 'quote', $2 + 1)
         ON CONFLICT (tenant_id, kind) DO UPDATE SET next_value = GREATEST(number_sequences.next_value, $2) + 1
         RETURNING next_value - 1 AS issued`,
        tenantId,
        floor,
      );
      return `${prefix}${String(row!.issued).padStart(4, "0")}`;
    },

    async create(quote) {
      const totals = quoteTotals(quote.lines, quote.taxRateBp);
      const row = await db.quote.create({
        data: {
          tenantId,
          number: quote.number,
          customerId: quote.customerId,
          dealId: quote.dealId,
          currency: quote.currency,
          status: "draft",
          issuedOn: toDbDate(quote.issuedOn),
          validUntil: toDbDate(quote.validUntil),
          subtotal: BigInt(totals.subtotal),
          taxRateBp: quote.taxRateBp,
          tax: BigInt(totals.tax),
          total: BigInt(totals.total),
          paymentTerms: quote.paymentTerms,
          notes: quote.notes,
          createdById: quote.createdById,
          lines: {
            create: quote.lines.map((line, position) => ({
              sku: line.sku,
              description: line.description ?? null,
              quantity: line.quantity,
              unitPrice: BigInt(line.unitPrice),
              discountBp: line.discountBp,
              position,
            })),
          },
        },
        include: WITH_LINES,
      });
      return toQuote(row);
    },

    async getByNumber(number) {
      const row = await db.quote.findFirst({ where: { tenantId, number: { equals: number.trim(), mode: "insensitive" } }, include: WITH_LINES });
      return row ? toQuote(row) : null;
    },

    async similar(fragment, limit, scope = {}) {
      const rows = await db.quote.findMany({
        where: { tenantId, number: { contains: fragment.trim(), mode: "insensitive" }, ...visibleCustomers(scope) },
        orderBy: { id: "desc" },
        take: limit,
        select: { number: true },
      });
      return rows.map((row) => row.number);
    },

    async recentOpen({ fragment, memberId, limit, scope = {} }) {
      const rows = await db.quote.findMany({
        where: { tenantId, status: { in: ["draft", "sent"] }, number: { contains: fragment.trim(), mode: "insensitive" }, ...visibleCustomers(scope) },
        orderBy: { id: "desc" },
        // Enough to find the member's own among the newest without reading the whole table.
        take: Math.min(limit * 4, 200),
        select: { number: true, status: true, createdById: true, customer: { select: { name: true, ownerId: true } } },
      });
      const mine = (row: (typeof rows)[number]) => row.createdById === memberId || row.customer.ownerId === memberId;
      return [...rows.filter(mine), ...rows.filter((row) => !mine(row))]
        .slice(0, limit)
        .map((row) => ({ number: row.number, customerName: row.customer.name, status: row.status }));
    },

    async markSent(id, at) {
      await db.quote.updateMany({ where: { id, tenantId }, data: { status: "sent", sentAt: at } });
    },

    async reject(id, reason, at) {
      await db.quote.updateMany({ where: { id, tenantId }, data: { status: "rejected", rejectReason: reason, decidedAt: at } });
    },

    async accept(id, orderId, at) {
      const quote = await db.quote.findFirstOrThrow({ where: { id, tenantId }, select: { total: true, customerId: true } });
      await db.quote.updateMany({ where: { id, tenantId }, data: { status: "accepted", orderId, decidedAt: at } });
      // The order owes what the quote promised: its discounted lines plus the quote's tax.
      await db.order.updateMany({ where: { id: orderId, tenantId }, data: { quoteId: id, total: quote.total } });
      await recomputePurchaseStats(db, tenantId, quote.customerId);
      return { orderTotal: money(quote.total) };
    },

    async removeDraft(id) {
      const { count } = await db.quote.deleteMany({ where: { id, tenantId, status: "draft", orderId: null } });
      return count === 1;
    },

    async restore(id, state) {
      await db.quote.updateMany({ where: { id, tenantId }, data: state });
    },

    async deal(id) {
      const row = await db.deal.findFirst({ where: { id, tenantId }, select: { id: true, customerId: true, title: true, status: true, stage: true } });
      return row;
    },

    async winDeal(dealId, actorId, at, today, quoteNumber) {
      const deal = await db.deal.findFirst({ where: { id: dealId, tenantId } });
      if (!deal || deal.status !== "open") return false;
      const wonStage = await db.dealStage.findFirst({ where: { tenantId, kind: "won" }, orderBy: { position: "asc" }, select: { key: true } });
      const toStage = wonStage?.key ?? "won";
      await db.deal.update({ where: { id: dealId }, data: { status: "won", stage: toStage, stageChangedAt: at, closedOn: toDbDate(today) } });
      await db.dealEvent.create({ data: { tenantId, dealId, actorId, at, kind: "won", fromStage: deal.stage, toStage, detail: { quote: quoteNumber } } });
      return true;
    },

    async expiring({ from, to, ownerId, limit }) {
      const rows = await db.quote.findMany({
        where: {
          tenantId,
          status: { in: ["draft", "sent"] },
          validUntil: { gte: toDbDate(from), lte: toDbDate(to) },
          ...(ownerId !== undefined ? { customer: { ownerId } } : {}),
        },
        orderBy: [{ validUntil: "asc" }, { number: "asc" }],
        take: limit,
        include: { customer: { select: { name: true, ownerId: true } } },
      });
      return rows.map((row) => ({
        number: row.number,
        customerId: row.customerId,
        customerName: row.customer.name,
        ownerId: row.customer.ownerId,
        validUntil: fromDbDate(row.validUntil)!,
        total: money(row.total),
        currency: row.currency,
      }));
    },
  };
}
