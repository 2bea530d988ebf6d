/**
 * The deals section of the Store. Sums run in SQL grouped by stage (and owner, currency, status);
 * the stage's probability is applied here to the deals that have none of their own, since a
 * workspace without its own stage rows uses the default list, which lives in code.
 */
import { NotFound } from "../core/errors.js";
import {
  DEFAULT_STAGES,
  effectiveProbability,
  type CurrencyTotal,
  type Deal,
  type DealEvent,
  type DealEventKind,
  type DealFilter,
  type DealQueries,
  type DealStage,
  type DealStatus,
  type LostReason,
  type StageKind,
} from "../core/deal-store.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { DbClient } from "./client-types.js";
import type { SqlReader } from "./sql-runner.js";
import { fromDbDate, toDbDate } from "./mappers.js";
import { readForecast } from "./deal-forecast.js";
import { listFitsTotals, listTotals, type SumRow } from "./deal-month-totals.js";

export type { SumRow };

/** Parameters and SQL conditions for a filter; `$1` is the tenant. */
function conditions(filter: DealFilter): { sql: string; params: unknown[] } {
  const parts = ["d.tenant_id = $1"];
  const params: unknown[] = [];
  const add = (sql: (at: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length + 1}`));
  };
  if (filter.status) add((at) => `d.status = ${at}`, filter.status);
  if (filter.ownerId !== undefined) add((at) => `d.owner_id = ${at}`, filter.ownerId);
  if (filter.stage) add((at) => `d.stage = ${at}`, filter.stage);
  if (filter.customerId !== undefined) add((at) => `d.customer_id = ${at}`, filter.customerId);
  if (filter.closeFrom) add((at) => `d.close_on >= ${at}::date`, filter.closeFrom);
  if (filter.closeTo) add((at) => `d.close_on <= ${at}::date`, filter.closeTo);
  return { sql: parts.join(" AND "), params };
}


/** The probability-weighted sum of a group: deals with their own probability, then the rest at the stage's. */
export function weightedOf(row: SumRow, stages: readonly DealStage[]): number {
  const stageProbability = effectiveProbability({ probability: null, stage: row.stage, status: row.status as DealStatus }, stages);
  if (row.status !== "open") return Number(row.amount ?? 0) * (stageProbability / 100);
  return Math.round(Number(row.explicit ?? 0) / 100 + (Number(row.unset ?? 0) * stageProbability) / 100);
}

export const SUMS = `COUNT(*) AS count, SUM(d.amount) AS amount,
  SUM(d.amount * d.probability) FILTER (WHERE d.probability IS NOT NULL) AS explicit,
  SUM(d.amount) FILTER (WHERE d.probability IS NULL) AS unset`;

/** A deal row as DEAL_COLUMNS reads it: dates as calendar strings, times as instants. */
type ListedRow = Omit<Deal, "amount" | "status" | "lostReason"> & { amount: string | number | bigint; status: string; lostReason: string | null };

// Calendar dates as text and times as instants: the drivers would read a DATE or a timestamp
// without time zone in the process's own zone. The owner's name (null: no owner, or not a member
// of this workspace) comes from a subquery, not a join: inside a transaction PostgreSQL plans
// every execution, and one more joined table cost more to plan than the lookups cost to run.
// `$1` is the tenant.
const DEAL_COLUMNS = `d.id, d.customer_id AS "customerId", c.name AS "customerName", c.owner_id AS "customerOwnerId", d.owner_id AS "ownerId",
  (SELECT m.display_name FROM members m WHERE m.id = d.owner_id AND m.tenant_id = $1) AS "ownerName",
  d.title, d.amount, d.currency, d.stage, d.probability, to_char(d.close_on, 'YYYY-MM-DD') AS "closeOn", d.status,
  d.lost_reason AS "lostReason", d.lost_note AS "lostNote", d.stage_changed_at AT TIME ZONE 'UTC' AS "stageChangedAt",
  to_char(d.closed_on, 'YYYY-MM-DD') AS "closedOn", d.created_at AT TIME ZONE 'UTC' AS "createdAt"`;


function dealOf(row: ListedRow): Deal {
  return { ...row, amount: Number(row.amount), status: row.status as DealStatus, lostReason: row.lostReason as LostReason | null };
}

/**
 * Reads are plain SQL: through `read` outside a transaction (Database.read), else through the
 * transaction's client. The ORM's query compiler cost more CPU than these reads, which every
 * `deals` and `forecast` makes. Writes stay with the ORM.
 */
export function createDealQueries(db: DbClient, tenantId: number, read: SqlReader | null = null): DealQueries {
  const query: SqlReader = read ?? (<T,>(sql: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(sql, ...params));

  async function memberNames(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!wanted.length) return new Map();
    const rows = await query<{ id: number; display_name: string }>(`SELECT id, display_name FROM members WHERE tenant_id = $1 AND id = ANY($2::int[])`, [tenantId, wanted]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** The deals with these ids, in that order, with their customer and owner names (unknown ids skipped). */
  async function dealsById(ids: number[]): Promise<Deal[]> {
    if (!ids.length) return [];
    const found = await query<ListedRow>(`SELECT ${DEAL_COLUMNS} FROM deals d JOIN customers c ON c.id = d.customer_id WHERE d.tenant_id = $1 AND d.id = ANY($2::int[])`, [tenantId, ids]);
    const byId = new Map(found.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((row): row is ListedRow => row !== undefined).map(dealOf);
  }

  async function require(id: number): Promise<Deal> {
    const [deal] = await dealsById([id]);
    if (!deal) throw new NotFound(`No deal #${id} in this workspace.`);
    return deal;
  }

  // A command asks for the stage list more than once (the forecast weighs by it and its reply
  // labels by it): one read per store, which lives for one command or digest run.
  let stagesRead: Promise<DealStage[]> | null = null;
  function stages(): Promise<DealStage[]> {
    stagesRead ??= readStages().catch((error: unknown) => {
      stagesRead = null;
      throw error;
    });
    return stagesRead.then((list) => list.map((stage) => ({ ...stage })));
  }

  async function readStages(): Promise<DealStage[]> {
    const rows = await query<{ key: string; name: string | null; position: number; probability: number; kind: string }>(
      `SELECT key, name, position, probability, kind FROM deal_stages WHERE tenant_id = $1 ORDER BY position`,
      [tenantId],
    );
    if (!rows.length) return DEFAULT_STAGES.map((stage) => ({ ...stage }));
    return rows.map((row) => ({ key: row.key, name: row.name, position: row.position, probability: row.probability, kind: row.kind as StageKind }));
  }

  return {
    stages,

    async replaceStages(list) {
      stagesRead = null;
      await db.dealStage.deleteMany({ where: { tenantId } });
      await db.dealStage.createMany({
        data: list.map((stage) => ({ tenantId, key: stage.key, name: stage.name, position: stage.position, probability: stage.probability, kind: stage.kind })),
      });
    },

    async moveStage(from, to, at) {
      const rows = await db.deal.findMany({ where: { tenantId, stage: from }, select: { id: true } });
      await db.deal.updateMany({ where: { tenantId, stage: from }, data: { stage: to, stageChangedAt: at } });
      return rows.map((row) => row.id);
    },

    async countByStage() {
      const rows = await db.deal.groupBy({ by: ["stage"], where: { tenantId }, _count: { _all: true } });
      return new Map(rows.map((row) => [row.stage, row._count._all]));
    },

    async get(id) {
      return (await dealsById([id]))[0] ?? null;
    },

    async create(input) {
      const row = await db.deal.create({
        data: {
          tenantId,
          customerId: input.customerId,
          ownerId: input.ownerId,
          createdById: input.createdById,
          title: input.title,
          amount: BigInt(input.amount),
          currency: input.currency,
          stage: input.stage,
          probability: input.probability,
          closeOn: input.closeOn ? toDbDate(input.closeOn) : null,
          status: input.status,
          closedOn: input.closedOn ? toDbDate(input.closedOn) : null,
          stageChangedAt: input.at,
          createdAt: input.at,
          externalId: input.externalId ?? null,
        },
        select: { id: true },
      });
      return require(row.id);
    },

    async update(id, patch) {
      const before = await require(id);
      const data: Prisma.DealUncheckedUpdateInput = {};
      if (patch.title !== undefined) data.title = patch.title;
      if (patch.amount !== undefined) data.amount = BigInt(patch.amount);
      if (patch.stage !== undefined) data.stage = patch.stage;
      if (patch.probability !== undefined) data.probability = patch.probability;
      if (patch.closeOn !== undefined) data.closeOn = patch.closeOn ? toDbDate(patch.closeOn) : null;
      if (patch.ownerId !== undefined) data.ownerId = patch.ownerId;
      if (patch.status !== undefined) data.status = patch.status;
      if (patch.lostReason !== undefined) data.lostReason = patch.lostReason;
      if (patch.lostNote !== undefined) data.lostNote = patch.lostNote;
      if (patch.stageChangedAt !== undefined) data.stageChangedAt = patch.stageChangedAt;
      if (patch.closedOn !== undefined) data.closedOn = patch.closedOn ? toDbDate(patch.closedOn) : null;
      await db.deal.updateMany({ where: { id, tenantId }, data: data as Prisma.DealUpdateManyMutationInput });
      return { before, after: await require(id) };
    },

    async remove(id) {
      await db.deal.deleteMany({ where: { id, tenantId } });
    },

    async recordEvent(input) {
      await db.dealEvent.create({
        data: {
          tenantId,
          dealId: input.dealId,
          actorId: input.actorId,
          kind: input.kind,
          fromStage: input.fromStage ?? null,
          toStage: input.toStage ?? null,
          detail: (input.detail ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    },

    async events(dealId, limit) {
      const rows = await db.dealEvent.findMany({ where: { tenantId, dealId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
      const names = await memberNames(rows.map((row) => row.actorId));
      return rows.map(
        (row): DealEvent => ({
          id: row.id,
          actorId: row.actorId,
          actorName: row.actorId === null ? null : (names.get(row.actorId) ?? null),
          at: row.at,
          kind: row.kind as DealEventKind,
          fromStage: row.fromStage,
          toStage: row.toStage,
          detail: (row.detail as Record<string, unknown> | null) ?? null,
        }),
      );
    },

    async list(filter) {
      const where = conditions(filter);
      // The page's ids first, read index-only in the list's order; then those deals and their names.
      const page = await query<ListedRow>(
        `SELECT ${DEAL_COLUMNS} FROM (SELECT d.id FROM deals d WHERE ${where.sql} ORDER BY d.close_on ASC NULLS LAST, d.id ASC LIMIT ${Math.max(1, filter.limit)} OFFSET ${Math.max(0, filter.offset)}) page
         JOIN deals d ON d.id = page.id JOIN customers c ON c.id = d.customer_id ORDER BY d.close_on ASC NULLS LAST, d.id ASC`,
        [tenantId, ...where.params],
      );
      // A team's whole open pipeline comes from the monthly totals; anything narrower is a short range scan.
      const sums = listFitsTotals(filter)
        ? await listTotals(query, tenantId, filter)
        : await query<SumRow>(`SELECT d.stage, d.currency, d.status, ${SUMS} FROM deals d WHERE ${where.sql} GROUP BY d.stage, d.currency, d.status`, [tenantId, ...where.params]);
      const items = page.map(dealOf);
      const list = await stages();
      const totals = new Map<string | null, CurrencyTotal>();
      for (const row of sums) {
        const total = totals.get(row.currency) ?? { currency: row.currency, count: 0, amount: 0, weighted: 0 };
        total.count += Number(row.count);
        total.amount += Number(row.amount ?? 0);
        total.weighted += weightedOf(row, list);
        totals.set(row.currency, total);
      }
      return { items, total: [...totals.values()].reduce((sum, row) => sum + row.count, 0), totals: [...totals.values()] };
    },

    async forecast(input) {
      return readForecast(query, tenantId, await stages(), input);
    },

    async outcomes({ from, to, ownerId }) {
      const where: Prisma.DealWhereInput = { tenantId, status: { in: ["won", "lost"] }, closedOn: { gte: toDbDate(from), lte: toDbDate(to) } };
      if (ownerId !== undefined) where.ownerId = ownerId;
      const rows = await db.deal.groupBy({ by: ["status", "lostReason"], where, _count: { _all: true } });
      let won = 0;
      let lost = 0;
      const reasons = new Map<string, number>();
      for (const row of rows) {
        if (row.status === "won") won += row._count._all;
        else {
          lost += row._count._all;
          const reason = row.lostReason ?? "other";
          reasons.set(reason, (reasons.get(reason) ?? 0) + row._count._all);
        }
      }
      return {
        won,
        lost,
        reasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      };
    },

    async quotesOf(dealId) {
      const rows = await db.quote.findMany({ where: { tenantId, dealId }, orderBy: [{ issuedOn: "desc" }, { id: "desc" }], take: 10 });
      return rows.map((row) => ({ number: row.number, status: row.status, total: Number(row.total), validUntil: fromDbDate(row.validUntil) }));
    },
  };
}
