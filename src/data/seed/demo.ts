/**
 * The demo data set loaded into an empty embedded database (skipped with --no-demo). Every
 * customer's source is "DEMO" and the tenant is named "Demo workspace" so nobody mistakes it
 * for real data. Dates are relative to `today` so follow-ups and ageing always look current.
 */
import type { PrismaClient } from "../../generated/prisma/client.js";
import { addDaysTo, type CalendarDate } from "../../core/dates.js";
import { buildSearchKeys } from "../../core/text/search-keys.js";
import { toDbDate } from "../mappers.js";
import { createInvoice, createOrder, recordPayment } from "../order-writer.js";
import { loadDemoOrderEntry } from "./demo-orders.js";
import { loadDemoContacts } from "./demo-contacts.js";
import { loadDemoTasks } from "./demo-tasks.js";
import { loadDemoLedger } from "./demo-ledger.js";
import { loadDemoQuotes } from "./demo-quotes.js";
import { loadDemoDeals } from "./demo-deals.js";
import { DEMO_LABEL } from "./demo-label.js";

export { DEMO_LABEL };

type DemoCustomer = {
  key: string;
  name: string;
  aliases?: string[];
  status: "prospect" | "active" | "dormant" | "lost";
  stage?: string;
  grade?: string;
  type?: string;
  industry: string;
  region: string;
  city: string;
  phone?: string;
  email?: string;
  website?: string;
  owner: string;
  creditLimit?: number;
  followUpIn?: number;
  contacts: { name: string; title?: string; phone?: string; email?: string }[];
};

export const DEMO_MEMBERS = [
  { externalId: "you", displayName: "You (console)", role: "admin", timeZone: "UTC" },
  { externalId: "alice", displayName: "Alice Martin", role: "manager", timeZone: "America/New_York", email: "alice@example.com" },
  { externalId: "bob", displayName: "Bob Jones", role: "rep", timeZone: "Europe/Berlin", email: "bob@example.com" },
  { externalId: "chen", displayName: "陈伟 Chen Wei", role: "rep", timeZone: "Asia/Shanghai", email: "chen@example.com" },
  { externalId: "minji", displayName: "김민지 Kim Minji", role: "rep", timeZone: "Asia/Seoul", email: "minji@example.com" },
] as const;

const CUSTOMERS: DemoCustomer[] = [
  { key: "acme", name: "Acme Corp", aliases: ["ACME"], status: "active", grade: "A", type: "distributor", industry: "Manufacturing", region: "Massachusetts", city: "Boston", phone: "+1 617 555 0100", email: "buyers@acme.example", website: "acme.example", owner: "alice", creditLimit: 5_000_000, followUpIn: 0, contacts: [{ name: "John Smith", title: "Purchasing manager", phone: "+1 617 555 0101", email: "john.smith@acme.example" }, { name: "Jane Doe", title: "CFO", email: "jane.doe@acme.example" }] },
  { key: "muller", name: "Müller GmbH", status: "active", grade: "B", type: "end user", industry: "Automotive", region: "Bayern", city: "München", phone: "+49 89 5555 0200", email: "einkauf@mueller.example", owner: "bob", creditLimit: 1_000_000, followUpIn: -3, contacts: [{ name: "Jürgen Müller", title: "Geschäftsführer", phone: "+49 89 5555 0201" }] },
  { key: "hongda", name: "上海宏达贸易有限公司", aliases: ["宏达贸易", "Hongda Trading"], status: "active", grade: "A", type: "distributor", industry: "Trading", region: "上海", city: "上海", phone: "+86 21 5555 0300", email: "sales@hongda.example", owner: "chen", creditLimit: 3_000_000, followUpIn: 2, contacts: [{ name: "王伟", title: "采购经理", phone: "+86 138 0000 0301" }] },
  { key: "htc", name: "台灣宏達電子股份有限公司", aliases: ["宏達電子"], status: "prospect", stage: "proposal", grade: "B", industry: "Electronics", region: "台北", city: "台北", phone: "+886 2 5555 0400", owner: "chen", followUpIn: 5, contacts: [{ name: "林志明", title: "業務經理" }] },
  { key: "samsung", name: "삼성전자", aliases: ["Samsung Electronics"], status: "active", grade: "A", type: "OEM", industry: "Electronics", region: "경기도", city: "수원", phone: "+82 31 5555 0500", owner: "minji", creditLimit: 8_000_000, followUpIn: 1, contacts: [{ name: "김민준", title: "구매 과장", phone: "010-5555-0501", email: "mj.kim@samsung.example" }] },
  { key: "hyundai", name: "현대상사", status: "dormant", grade: "C", industry: "Trading", region: "서울", city: "서울", owner: "minji", followUpIn: -10, contacts: [{ name: "이서연", title: "대리" }] },
  { key: "huaqiang", name: "深圳华强电子有限公司", aliases: ["华强电子"], status: "active", grade: "B", industry: "Electronics", region: "广东", city: "深圳", owner: "chen", creditLimit: 500_000, followUpIn: 7, contacts: [{ name: "张丽", title: "总经理" }] },
  { key: "globex", name: "Globex Corporation", status: "prospect", stage: "negotiation", grade: "B", industry: "Energy", region: "California", city: "San Diego", email: "info@globex.example", owner: "bob", followUpIn: 0, contacts: [{ name: "Hank Scorpio", title: "CEO" }] },
  { key: "initech", name: "Initech LLC", status: "active", grade: "C", industry: "Software", region: "Texas", city: "Austin", owner: "alice", followUpIn: -1, contacts: [{ name: "Bill Lumbergh", title: "VP" }] },
  { key: "lumiere", name: "Café Lumière SARL", status: "active", grade: "C", industry: "Hospitality", region: "Île-de-France", city: "Paris", owner: "you", contacts: [{ name: "Amélie Poulain", title: "Gérante", email: "amelie@lumiere.example" }] },
];

/** Customers in the whole database, or in one tenant: the demo data goes only where there are none. */
export async function countCustomers(prisma: PrismaClient, tenantId?: number): Promise<number> {
  return tenantId === undefined ? prisma.customer.count() : prisma.customer.count({ where: { tenantId } });
}

/** Loads the demo data set into the given tenant. Returns the number of customers created. */
export async function loadDemoData(prisma: PrismaClient, tenantId: number, today: CalendarDate): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const members = new Map<string, number>();
      for (const member of DEMO_MEMBERS) {
        const row = await tx.member.upsert({
          where: { tenantId_externalId: { tenantId, externalId: member.externalId } },
          create: { tenantId, ...member },
          update: {},
        });
        members.set(member.externalId, row.id);
      }
      const ids = new Map<string, number>();
      for (const customer of CUSTOMERS) {
        const { key, owner, followUpIn, contacts, creditLimit, aliases = [], ...fields } = customer;
        const row = await tx.customer.create({
          data: {
            tenantId,
            ...fields,
            aliases,
            source: DEMO_LABEL,
            ownerId: members.get(owner)!,
            creditLimit: creditLimit === undefined ? null : BigInt(creditLimit),
            nextFollowUp: followUpIn === undefined ? null : toDbDate(addDaysTo(today, followUpIn)),
            notes: "Demo data: safe to change or delete.",
            contacts: { create: contacts.map((contact, index) => ({ tenantId, ...contact, isPrimary: index === 0 })) },
            ...buildSearchKeys({ ...customer, aliases, contacts }),
          },
        });
        ids.set(key, row.id);
      }
      const day = (offset: number) => addDaysTo(today, offset);
      let orderNumber = 1030;
      let invoiceNumber = 5000;
      // Regular buyers: orders at a steady cycle; Initech stopped ordering (churn risk).
      const history: [string, number[], number][] = [
        ["acme", [-150, -120, -90, -60, -30, -2], 1_250_000],
        ["muller", [-200, -140, -80, -20], 480_000],
        ["hongda", [-100, -70, -40, -10], 2_100_000],
        ["samsung", [-60, -45, -30, -15], 3_300_000],
        ["huaqiang", [-95, -50], 260_000],
        ["initech", [-400, -340, -280, -220], 150_000],
        ["hyundai", [-500], 90_000],
        ["lumiere", [-35], 45_000],
      ];
      for (const [key, offsets, amount] of history) {
        for (const [index, offset] of offsets.entries()) {
          const number = `SO-${orderNumber++}`;
          const isLatest = index === offsets.length - 1;
          const orderId = await createOrder(tx, tenantId, {
            number,
            customerId: ids.get(key)!,
            orderedOn: day(offset),
            status: isLatest && offset > -5 ? "confirmed" : isLatest && offset > -25 ? "shipped" : offset > -60 ? "invoiced" : "closed",
            ownerId: null,
            lines: [
              { sku: "WID-100", description: "Widget, standard", quantity: 100, unitPrice: Math.round((amount * 0.6) / 100), unitCost: Math.round((amount * 0.4) / 100) },
              { sku: "WID-200", description: "Widget, heavy duty", quantity: 10, unitPrice: Math.round((amount * 0.4) / 10), unitCost: Math.round((amount * 0.25) / 10) },
            ],
            shipments: offset < -5 ? [{ shippedOn: day(offset + 3), warehouse: "Main warehouse", carrier: "DHL", tracking: `JD0146${Math.abs(offset)}${index}`, status: offset < -20 ? "delivered" : "shipped" }] : [],
          });
          if (offset < -5) {
            const total = Math.round(amount * 0.6) + Math.round(amount * 0.4);
            // Older invoices mostly paid; a few left open to fill every ageing bucket.
            await createInvoice(tx, tenantId, {
              number: `INV-${invoiceNumber++}`,
              customerId: ids.get(key)!,
              orderId,
              issuedOn: day(offset + 3),
              dueOn: day(offset + 33),
              amount: total,
            });
          }
        }
      }
      // Payments: most customers pay on time; Initech and Hyundai do not.
      for (const [key, amount] of [["acme", 5_000_000], ["muller", 1_400_000], ["hongda", 4_200_000], ["samsung", 9_900_000], ["lumiere", 45_000]] as const) {
        await recordPayment(tx, tenantId, { customerId: ids.get(key)!, amount, receivedOn: day(-5), method: "bank" });
      }
      const interactions: [string, string, string, string | null, number, string][] = [
        ["acme", "call", "Discussed Q1 volume discount; John wants a revised quote.", "high-value", -2, "alice"],
        ["acme", "email", "Sent price list 2027.", "effective", -9, "alice"],
        ["muller", "visit", "Werksbesuch: neue Produktlinie vorgestellt.", "effective", -12, "bob"],
        ["hongda", "meeting", "与王经理讨论明年框架协议。", "high-value", -4, "chen"],
        ["htc", "call", "報價已發送，等待回覆。", "effective", -6, "chen"],
        ["samsung", "chat", "견적 요청 받음 (WID-200 500개).", "effective", -1, "minji"],
        ["hyundai", "call", "No answer; left voicemail.", "unsuccessful", -20, "minji"],
        ["globex", "meeting", "Negotiation on payment terms.", "effective", -3, "bob"],
        ["initech", "call", "Lumbergh says budget is frozen.", "unsuccessful", -15, "alice"],
      ];
      for (const [key, channel, summary, outcome, offset, by] of interactions) {
        const occurredAt = new Date(`${day(offset)}T10:00:00Z`);
        await tx.interaction.create({
          data: { tenantId, customerId: ids.get(key)!, channel, summary, outcome, occurredAt, loggedById: members.get(by)! },
        });
      }
      for (const id of ids.values()) {
        const latest = await tx.interaction.findFirst({ where: { tenantId, customerId: id }, orderBy: { occurredAt: "desc" } });
        if (latest) await tx.customer.update({ where: { id }, data: { lastContactAt: latest.occurredAt } });
      }
      await tx.quote.create({
        data: {
          tenantId,
          number: "QT-2001",
          customerId: ids.get("globex")!,
          status: "sent",
          issuedOn: toDbDate(day(-3)),
          validUntil: toDbDate(day(27)),
          total: 12_000_000n,
          lines: { create: [{ sku: "WID-200", description: "Widget, heavy duty", quantity: 300, unitPrice: 40_000n }] },
        },
      });
      await loadDemoOrderEntry(tx, tenantId, ids);
      await loadDemoContacts(tx, tenantId, ids, members, DEMO_LABEL);
      await loadDemoTasks(tx, tenantId, ids, members, today);
      await loadDemoLedger(tx, tenantId, ids, members, today);
      await loadDemoDeals(tx, tenantId, ids, members, today);
      await loadDemoQuotes(tx, tenantId, ids, members, today);
      return CUSTOMERS.length;
    },
    { timeout: 60_000 },
  );
}
