/**
 * Personal alerts in the database (table `alerts`, members.alerts_off / quiet_from / quiet_until):
 * the tenant-bound queries a command's transaction enqueues with (Store.alerts), and the delivery
 * store the flusher claims and marks with (not tenant-bound: it serves every workspace).
 */
import {
  isAlertKind,
  releaseAt,
  type AlertDeliveryStore,
  type AlertKind,
  type AlertPayload,
  type AlertQueries,
  type AlertRecipient,
  type QuietHours,
  type StoredAlert,
} from "../core/alerts.js";
import { EXPIRY_WARNING_DAYS } from "../core/quotes.js";
import { addDaysTo, type CalendarDate } from "../core/dates.js";
import type { ReminderTask } from "../core/reminders.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, toDbDate } from "./mappers.js";
import { DEMO_LABEL } from "./seed/demo-label.js";

type MemberPrefs = { alertsOff: string[]; reminders: boolean; quietFrom: number | null; quietUntil: number | null };

function quietOf(row: Pick<MemberPrefs, "quietFrom" | "quietUntil">): QuietHours | null {
  return row.quietFrom !== null && row.quietUntil !== null ? { from: row.quietFrom, until: row.quietUntil } : null;
}

function offOf(row: MemberPrefs): AlertKind[] {
  const off = row.alertsOff.filter(isAlertKind);
  // The morning task list is the morning reminder: `settings reminders off` turns it off too.
  return row.reminders ? off.filter((kind) => kind !== "tasks") : [...new Set([...off, "tasks" as const])];
}

/**
 * Customers the morning scan pages owners about: not the demo data set, whose overdue invoices and
 * expiring quotes are staged (its owners are made-up members, and the console user). Alerts that
 * someone's own action raises (a payment entered, a customer assigned) still go out, so trying
 * Rapport on the demo shows what an alert looks like. A demo customer whose source is changed
 * becomes a real one. (`source` may be NULL, which `not` alone would skip.)
 */
const REAL_CUSTOMER = { OR: [{ source: null }, { source: { not: DEMO_LABEL } }] } satisfies Prisma.CustomerWhereInput;

/** Whether the member gets alerts of this kind. */
export function kindOn(row: MemberPrefs, kind: AlertKind): boolean {
  return !offOf(row).includes(kind);
}

export function createAlertQueries(db: DbClient, tenantId: number): AlertQueries {
  const member = (id: number) => db.member.findFirst({ where: { id, tenantId } });
  return {
    async enqueue({ memberId, kind, dedupeKey, payload, now }) {
      const row = await member(memberId);
      if (!row || !row.active || !kindOn(row, kind)) return false;
      const { count } = await db.alert.createMany({
        data: [{ tenantId, memberId, kind, dedupeKey, payload: payload as Prisma.InputJsonValue, dueAt: releaseAt(now, row.timeZone, quietOf(row)), createdAt: now }],
        skipDuplicates: true,
      });
      return count === 1;
    },

    async dropUnsent(causes) {
      if (!causes.length) return 0;
      const { count } = await db.alert.deleteMany({ where: { tenantId, sentAt: null, OR: causes.map((cause) => ({ payload: { path: ["cause"], equals: cause } })) } });
      return count;
    },

    async preferences(memberId) {
      const row = await member(memberId);
      if (!row) return { off: [], tasks: true, quiet: null };
      return { off: offOf(row), tasks: row.reminders, quiet: quietOf(row) };
    },

    async setKind(memberId, kind, on) {
      const row = await member(memberId);
      if (!row) return { before: false, after: false };
      const before = kindOn(row, kind);
      if (kind === "tasks") {
        // One switch for the morning list: the reminders column, so `settings reminders` and `settings alerts tasks` agree.
        await db.member.update({ where: { id: row.id }, data: { reminders: on, alertsOff: row.alertsOff.filter((value) => value !== "tasks") } });
      } else {
        const off = new Set(row.alertsOff);
        if (on) off.delete(kind);
        else off.add(kind);
        await db.member.update({ where: { id: row.id }, data: { alertsOff: [...off] } });
      }
      return { before, after: on };
    },

    async setQuiet(memberId, quiet) {
      const row = await member(memberId);
      if (!row) return { before: null, after: null };
      const before = quietOf(row);
      await db.member.update({ where: { id: row.id }, data: { quietFrom: quiet?.from ?? null, quietUntil: quiet?.until ?? null } });
      return { before, after: quiet };
    },
  };
}

const recipientInclude = { tenant: { select: { externalId: true, platform: true, defaultLocale: true, currency: true, deliveriesPausedAt: true } } } as const;
type RecipientRow = Prisma.MemberGetPayload<{ include: typeof recipientInclude }>;

function toRecipient(row: RecipientRow): AlertRecipient {
  return {
    memberId: row.id,
    tenantId: row.tenantId,
    tenantExternalId: row.tenant.externalId,
    platform: row.tenant.platform,
    externalId: row.externalId,
    displayName: row.displayName,
    timeZone: row.timeZone,
    locale: row.locale,
    platformLocale: row.platformLocale,
    workspaceLocale: row.tenant.defaultLocale,
    currency: row.tenant.currency,
    scannedOn: fromDbDate(row.remindedOn),
    tasks: row.reminders,
    off: offOf(row),
    quiet: quietOf(row),
  };
}

function toStoredAlert(row: { id: number; memberId: number; kind: string; dedupeKey: string; payload: Prisma.JsonValue; dueAt: Date; createdAt: Date }): StoredAlert {
  return { id: row.id, memberId: row.memberId, kind: row.kind as AlertKind, dedupeKey: row.dedupeKey, payload: (row.payload ?? {}) as AlertPayload, dueAt: row.dueAt, createdAt: row.createdAt };
}

/** The member's open tasks due on or before `today` (overdue first), on customers still in use: the morning task list. */
async function dueTasks(db: DbClient, tenantId: number, memberId: number, today: CalendarDate, limit: number): Promise<{ items: ReminderTask[]; total: number }> {
  const where = { tenantId, assigneeId: memberId, doneAt: null, dueOn: { lte: toDbDate(today) }, customer: { archivedAt: null } };
  const [rows, total] = await Promise.all([
    db.task.findMany({ where, include: { customer: { select: { name: true } } }, orderBy: [{ dueOn: "asc" }, { id: "asc" }], take: limit }),
    db.task.count({ where }),
  ]);
  return {
    total,
    items: rows.map((row) => ({ id: row.id, customerId: row.customerId, customerName: row.customer.name, text: row.text, dueOn: fromDbDate(row.dueOn) })),
  };
}

export function createAlertDeliveryStore(db: DbClient): AlertDeliveryStore {
  /** Inserts the alerts a scan found, skipping keys the member already has (sent or not). */
  async function insertAll(recipient: AlertRecipient, now: Date, alerts: { kind: AlertKind; dedupeKey: string; payload: AlertPayload }[]): Promise<number> {
    const wanted = alerts.filter((alert) => !recipient.off.includes(alert.kind));
    if (!wanted.length) return 0;
    const dueAt = releaseAt(now, recipient.timeZone, recipient.quiet);
    const { count } = await db.alert.createMany({
      data: wanted.map((alert) => ({ tenantId: recipient.tenantId, memberId: recipient.memberId, kind: alert.kind, dedupeKey: alert.dedupeKey, payload: alert.payload as Prisma.InputJsonValue, dueAt, createdAt: now })),
      skipDuplicates: true,
    });
    return count;
  }

  return {
    async scanCandidates(notScannedSince) {
      const rows = await db.member.findMany({
        // A paused tenant (its workspace took Rapport's access away) is neither scanned nor messaged.
        where: { active: true, tenant: { deliveriesPausedAt: null }, OR: [{ remindedOn: null }, { remindedOn: { lt: toDbDate(notScannedSince) } }] },
        include: recipientInclude,
        orderBy: { id: "asc" },
      });
      return rows.map(toRecipient);
    },

    async claimDay(memberId, localDate) {
      const day = toDbDate(localDate);
      // One conditional UPDATE: of two processes ticking together, exactly one sees the row change.
      const { count } = await db.member.updateMany({ where: { id: memberId, OR: [{ remindedOn: null }, { remindedOn: { lt: day } }] }, data: { remindedOn: day } });
      return count === 1;
    },

    async scanDaily(recipient, { today, now, withTasks, taskLimit }) {
      const found: { kind: AlertKind; dedupeKey: string; payload: AlertPayload }[] = [];
      const currencyOf = (currency: string | null) => currency ?? recipient.currency;
      if (!recipient.off.includes("overdue")) {
        const invoices = await db.invoice.findMany({
          where: { tenantId: recipient.tenantId, status: "open", dueOn: { lt: toDbDate(today) }, customer: { ownerId: recipient.memberId, ...REAL_CUSTOMER } },
          include: { customer: { select: { id: true, name: true, currency: true } } },
          orderBy: [{ dueOn: "asc" }, { id: "asc" }],
        });
        for (const invoice of invoices) {
          const open = Number(invoice.amount - invoice.paid);
          if (open <= 0) continue;
          found.push({
            kind: "overdue",
            dedupeKey: `overdue:invoice:${invoice.id}`,
            payload: { customer: { id: invoice.customer.id, name: invoice.customer.name }, number: invoice.number, amount: open, currency: currencyOf(invoice.customer.currency), date: fromDbDate(invoice.dueOn) },
          });
        }
      }
      if (!recipient.off.includes("quoteExpiring")) {
        const quotes = await db.quote.findMany({
          where: {
            tenantId: recipient.tenantId,
            status: { in: ["draft", "sent"] },
            validUntil: { gte: toDbDate(today), lte: toDbDate(addDaysTo(today, EXPIRY_WARNING_DAYS)) },
            customer: { ownerId: recipient.memberId, ...REAL_CUSTOMER },
          },
          include: { customer: { select: { id: true, name: true } } },
          orderBy: [{ validUntil: "asc" }, { id: "asc" }],
        });
        for (const quote of quotes) {
          found.push({
            kind: "quoteExpiring",
            dedupeKey: `quoteExpiring:quote:${quote.id}`,
            payload: { customer: { id: quote.customer.id, name: quote.customer.name }, number: quote.number, amount: Number(quote.total), currency: currencyOf(quote.currency), date: fromDbDate(quote.validUntil)! },
          });
        }
      }
      if (withTasks && !recipient.off.includes("tasks")) {
        const { items, total } = await dueTasks(db, recipient.tenantId, recipient.memberId, today, taskLimit);
        if (total > 0) found.push({ kind: "tasks", dedupeKey: `tasks:${today}`, payload: { tasks: { date: today, total, items } } });
      }
      return insertAll(recipient, now, found);
    },

    async dueRecipients(now) {
      const due = await db.alert.findMany({
        where: { sentAt: null, dueAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        select: { memberId: true },
        distinct: ["memberId"],
        orderBy: { memberId: "asc" },
      });
      if (!due.length) return [];
      const rows = await db.member.findMany({ where: { id: { in: due.map((row) => row.memberId) } }, include: recipientInclude, orderBy: { id: "asc" } });
      // A member who left since the alert was raised is not messaged, and their alerts are dropped
      // rather than found again every minute. A hand-over already gave the successor the alerts about
      // the customers it moved (handOverAlerts). A claim still leased is another process's post in flight.
      const left = rows.filter((row) => !row.active).map((row) => row.id);
      if (left.length) {
        await db.alert.deleteMany({ where: { memberId: { in: left }, sentAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] } });
      }
      return rows.filter((row) => row.active && row.tenant.deliveriesPausedAt === null).map(toRecipient);
    },

    async claim(memberId, { now, token, leaseUntil }) {
      // One UPDATE: rows another process claimed (lease not expired) or sent are left alone.
      await db.alert.updateMany({
        where: { memberId, sentAt: null, dueAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        data: { claimToken: token, claimedUntil: leaseUntil },
      });
      const rows = await db.alert.findMany({ where: { claimToken: token, sentAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toStoredAlert);
    },

    async postpone(token, dueAt) {
      await db.alert.updateMany({ where: { claimToken: token, sentAt: null }, data: { dueAt, claimToken: null, claimedUntil: null } });
    },

    async discard(token, ids) {
      if (ids.length) await db.alert.deleteMany({ where: { claimToken: token, sentAt: null, id: { in: [...ids] } } });
    },

    async markSent(token, { at, batchId }) {
      await db.alert.updateMany({ where: { claimToken: token, sentAt: null }, data: { sentAt: at, batchId } });
    },

    async release(token) {
      await db.alert.updateMany({ where: { claimToken: token, sentAt: null }, data: { claimToken: null, claimedUntil: null } });
    },
  };
}


/** Kinds about a customer's money and quotes: they follow the customer to its new owner. */
const CUSTOMER_KINDS: readonly AlertKind[] = ["paid", "overdue", "creditLimit", "quoteExpiring", "quoteAccepted"];

/**
 * A hand-over (src/data/team-queries.ts, in its transaction): the leaver's unsent alerts about the
 * customers it moved go to the successor, as the customers, their orders and tasks do, unless the
 * successor turned that kind off or already has the same alert. Deal alerts stay (deals keep their
 * owner), as do assignments and the morning task list (the successor's own scan lists the moved
 * tasks). A closed leaver's remaining alerts are dropped by the flusher (dueRecipients).
 */
export async function handOverAlerts(db: DbClient, input: { tenantId: number; fromId: number; toId: number; customerIds: readonly number[]; now: Date }): Promise<number> {
  if (!input.customerIds.length) return 0;
  const successor = await db.member.findFirst({ where: { id: input.toId, tenantId: input.tenantId } });
  if (!successor) return 0;
  const kinds = CUSTOMER_KINDS.filter((kind) => kindOn(successor, kind));
  if (!kinds.length) return 0;
  // Rows another process has claimed (lease running) are being posted: left to that post.
  return db.$executeRaw`
    UPDATE alerts a SET member_id = ${input.toId}, claim_token = NULL, claimed_until = NULL
    WHERE a.tenant_id = ${input.tenantId} AND a.member_id = ${input.fromId} AND a.sent_at IS NULL
      AND (a.claimed_until IS NULL OR a.claimed_until < ${input.now})
      AND a.kind = ANY(${[...kinds]}::text[])
      AND (a.payload -> 'customer' ->> 'id')::int = ANY(${[...input.customerIds]}::int[])
      AND NOT EXISTS (SELECT 1 FROM alerts b WHERE b.member_id = ${input.toId} AND b.dedupe_key = a.dedupe_key)`;
}
