/**
 * Personal alerts that must not go out: the morning scan's about the demo data set (its owners
 * are made-up members and its overdue invoices are staged), and any for members who left. A
 * hand-over gives the successor the leaver's unsent alerts about the customers it moved; whatever
 * else a leaver had queued is dropped by the flusher instead of staying queued forever.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createAlertDeliveryStore } from "../../src/data/alert-store.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { createAlertScheduler } from "../../src/digests/alerts.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe.each(testTargets)("alerts about demo data and leavers on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  let invoiceSeq = 0;

  const scheduler = (options: { scan?: boolean } = {}) =>
    createAlertScheduler({ store: createAlertDeliveryStore(app.database.prisma), poster, ...(options.scan ? {} : { weekdays: [] }) });
  const dmsTo = (user: string) => poster.directs.filter((direct) => direct.channelRef === `console:${user}`);
  const alertsOf = (memberId: number) => app.database.prisma.alert.findMany({ where: { memberId }, orderBy: { id: "asc" } });

  async function invoice(tenantId: number, customerId: number, amount: number, due: string): Promise<string> {
    const number = `INV-${9900 + ++invoiceSeq}`;
    await app.database.prisma.invoice.create({ data: { tenantId, number, customerId, issuedOn: date("2026-10-01"), dueOn: date(due), amount: BigInt(amount) } });
    return number;
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    poster = createRecordingPoster();
  });
  afterAll(async () => app?.drop());

  describe("the demo data set", () => {
    const TEAM = "team-demo-alerts";
    let tenantId: number;
    const member: Record<string, number> = {};

    beforeAll(async () => {
      const { tenant } = await app.rapport.identify(app.actor(TEAM, "you"));
      tenantId = tenant.id;
      await loadDemoData(app.database.prisma, tenantId, "2026-11-24");
      for (const row of await app.database.prisma.member.findMany({ where: { tenantId } })) member[row.externalId] = row.id;
    });

    test("the morning scan finds the demo's overdue invoices and expiring quotes but raises nothing; a real customer's overdue invoice still alerts", async () => {
      const prisma = app.database.prisma;
      const overdueDemo = await prisma.invoice.count({ where: { tenantId, status: "open", dueOn: { lt: date("2026-11-24") }, customer: { source: "DEMO" } } });
      expect(overdueDemo).toBeGreaterThan(0);

      // Tuesday 14:00 UTC: past 08:30 in every demo member's zone (New York to Seoul).
      const first = await scheduler({ scan: true }).tick(new Date("2026-11-24T14:00:00Z"));
      expect(first.scanned).toBeGreaterThanOrEqual(5);
      expect(await prisma.alert.count({ where: { tenantId, kind: { in: ["overdue", "quoteExpiring"] } } })).toBe(0);

      // The control: a customer of Alice's that is not demo data (source empty, and another source).
      const real = await prisma.customer.create({ data: { tenantId, name: "Real Trading Ltd", ownerId: member.alice } });
      const referred = await prisma.customer.create({ data: { tenantId, name: "Referred Corp", source: "referral", ownerId: member.alice } });
      const realNumber = await invoice(tenantId, real.id, 80_000, "2026-11-01");
      const referredNumber = await invoice(tenantId, referred.id, 60_000, "2026-11-02");
      await scheduler({ scan: true }).tick(new Date("2026-11-25T14:00:00Z"));
      const raised = await prisma.alert.findMany({ where: { tenantId, kind: "overdue" } });
      expect(raised.map((alert) => [alert.memberId, (alert.payload as { number: string }).number]).sort()).toEqual(
        [
          [member.alice, realNumber],
          [member.alice, referredNumber],
        ].sort(),
      );
    });

    test("a payment someone enters on a demo customer still alerts its owner, as on a real customer", async () => {
      const prisma = app.database.prisma;
      app.clock.now = new Date("2026-11-25T15:00:00Z");
      const acme = await prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Acme Corp" } });
      const demoNumber = await invoice(tenantId, acme.id, 30_000, "2026-12-20");
      await app.text(app.actor(TEAM, "you"), `pay ${demoNumber} 100`);
      expect(await prisma.alert.count({ where: { memberId: member.alice, kind: "paid" } })).toBe(1);

      const real = await prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Real Trading Ltd" } });
      const realNumber = await invoice(tenantId, real.id, 30_000, "2026-12-20");
      await app.text(app.actor(TEAM, "you"), `pay ${realNumber} 100`);
      expect(await prisma.alert.count({ where: { memberId: member.alice, kind: "paid" } })).toBe(2);
    });
  });

  describe("members who left", () => {
    const TEAM = "team-leaver-alerts";
    let tenantId: number;
    const member: Record<string, number> = {};
    const customer: Record<string, number> = {};
    const admin = () => app.actor(TEAM, "you");

    beforeAll(async () => {
      for (const user of ["you", "sam", "rita", "lee"]) {
        const { member: row, tenant } = await app.rapport.identify(user === "you" ? admin() : app.actor(TEAM, user, { timeZone: "UTC" }));
        member[user] = row.id;
        tenantId = tenant.id;
      }
      const prisma = app.database.prisma;
      await prisma.member.updateMany({ where: { tenantId }, data: { reminders: false } });
      for (const [name, owner] of [["Acme Corp", "sam"], ["Globex", "lee"]] as const) {
        customer[name] = (await prisma.customer.create({ data: { tenantId, name, ownerId: member[owner] } })).id;
      }
    });

    test("a hand-over gives the successor the leaver's unsent alerts about the moved customers; the rest is dropped, nothing reaches the leaver", async () => {
      const prisma = app.database.prisma;
      app.clock.now = new Date("2026-11-23T15:00:00Z");
      const number = await invoice(tenantId, customer["Acme Corp"]!, 50_000, "2026-12-20");
      await app.text(admin(), `pay ${number} 120.50`);
      // A deal alert: deals keep their owner at a hand-over, so it does not move.
      await prisma.alert.create({
        data: { tenantId, memberId: member.sam!, kind: "dealStage", dedupeKey: "dealStage:test", dueAt: app.clock.now, createdAt: app.clock.now, payload: { customer: { id: customer["Acme Corp"], name: "Acme Corp" }, deal: { id: 1, title: "Widgets", stage: { key: "won", name: null }, status: "won" } } },
      });
      expect((await alertsOf(member.sam!)).map((alert) => alert.kind)).toEqual(["paid", "dealStage"]);

      expect(await app.text(admin(), "handover @sam @rita")).toContain("Acme Corp");
      expect((await prisma.member.findUniqueOrThrow({ where: { id: member.sam! } })).active).toBe(false);
      expect((await alertsOf(member.rita!)).map((alert) => alert.kind).sort()).toEqual(["assigned", "paid"]);

      await scheduler().tick(new Date("2026-11-23T15:01:00Z"));
      expect(dmsTo("sam")).toHaveLength(0);
      expect(dmsTo("rita")).toHaveLength(1);
      expect(renderText(dmsTo("rita")[0]!.reply)).toContain("paid");
      expect(await alertsOf(member.sam!)).toEqual([]);
    });

    test("a member who left the platform (no hand-over yet): their queued alerts are dropped, not found again every minute", async () => {
      const prisma = app.database.prisma;
      app.clock.now = new Date("2026-11-23T16:00:00Z");
      const number = await invoice(tenantId, customer.Globex!, 20_000, "2026-12-20");
      await app.text(admin(), `pay ${number} 50`);
      expect((await alertsOf(member.lee!)).map((alert) => alert.kind)).toEqual(["paid"]);
      // What a people sync does when someone is deactivated in Slack or leaves the Discord server.
      await prisma.member.update({ where: { id: member.lee! }, data: { active: false } });

      await scheduler().tick(new Date("2026-11-23T16:01:00Z"));
      expect(dmsTo("lee")).toHaveLength(0);
      expect(await alertsOf(member.lee!)).toEqual([]);
      expect(await createAlertDeliveryStore(prisma).dueRecipients(new Date("2026-11-23T16:02:00Z"))).toEqual([]);
    });
  });
});
