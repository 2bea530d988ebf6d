/** Conversions between Prisma rows and domain types (BigInt money -> number, DATE -> "YYYY-MM-DD"). */
import type { CalendarDate } from "../core/dates.js";
import type { Customer, CustomerStatus, Interaction, InteractionChannel, InteractionOutcome, Member, Role, Tenant } from "../core/domain.js";
import type * as Db from "../generated/prisma/client.js";

export function toDbDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function fromDbDate(date: Date): CalendarDate;
export function fromDbDate(date: Date | null): CalendarDate | null;
export function fromDbDate(date: Date | null): CalendarDate | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function money(value: bigint | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}

export function optionalMoney(value: bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toCustomer(row: Db.Customer): Customer {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    status: row.status as CustomerStatus,
    stage: row.stage,
    grade: row.grade,
    type: row.type,
    industry: row.industry,
    source: row.source,
    region: row.region,
    city: row.city,
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    ownerId: row.ownerId,
    creditLimit: optionalMoney(row.creditLimit),
    currency: row.currency,
    nextFollowUp: fromDbDate(row.nextFollowUp),
    lastContactAt: row.lastContactAt,
    notes: row.notes,
    firstOrderAt: fromDbDate(row.firstOrderAt),
    lastOrderAt: fromDbDate(row.lastOrderAt),
    orderCount: row.orderCount,
    lifetimeSales: money(row.lifetimeSales),
    avgCycleDays: row.avgCycleDays,
    predictedNextAt: fromDbDate(row.predictedNextAt),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
    mergedIntoId: row.mergedIntoId,
    paymentTermsDays: row.paymentTermsDays,
  };
}

export function toTenant(row: Db.Tenant): Tenant {
  return {
    id: row.id,
    platform: row.platform,
    externalId: row.externalId,
    name: row.name,
    currency: row.currency,
    timeZone: row.timeZone,
    defaultLocale: row.defaultLocale,
    customerVisibility: row.customerVisibility === "own" ? "own" : "all",
  };
}

/** The member columns a command needs (directory.ts reads exactly these by plain SQL). */
export type MemberRow = Pick<Db.Member, "id" | "tenantId" | "externalId" | "displayName" | "email" | "role" | "timeZone" | "timeZoneChosen" | "locale" | "platformLocale" | "active" | "guest">;

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    tenantId: row.tenantId,
    externalId: row.externalId,
    displayName: row.displayName,
    email: row.email,
    role: row.role as Role,
    timeZone: row.timeZone,
    timeZoneChosen: row.timeZoneChosen,
    locale: row.locale,
    platformLocale: row.platformLocale,
    active: row.active,
    guest: row.guest,
  };
}

export function toInteraction(row: Db.Interaction & { loggedByName?: string }): Interaction {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: row.channel as InteractionChannel,
    outcome: row.outcome as InteractionOutcome | null,
    summary: row.summary,
    occurredAt: row.occurredAt,
    loggedById: row.loggedById,
    loggedByName: row.loggedByName,
    messageLink: row.messageLink,
    nextFollowUp: fromDbDate(row.nextFollowUp),
    undone: row.undone,
  };
}

/** JSON-safe snapshot for the audit trail (BigInt is not JSON). */
export function auditSnapshot(value: unknown): unknown {
  return JSON.parse(auditJson(value));
}

/** The snapshot as JSON text, for a plain-SQL `jsonb` parameter. */
export function auditJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? Number(item) : item));
}
