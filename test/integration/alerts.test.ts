/**
 * Personal alerts on real databases with a fake clock: raised in the write's transaction, posted
 * once as one direct message per batch, in the member's language, held during quiet hours (real
 * time zone), off per kind, never for the member's own action, dropped by an undo, retried after a
 * crashed post's lease; the morning scan folds overdue invoices, expiring quotes and the task list
 * into one message.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createAlertDeliveryStore } from "../../src/data/alert-store.js";
import { createAlertScheduler } from "../../src/digests/alerts.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { ALERT_LEASE_MS } from "../../src/core/alerts.js";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TEAM = "team-alerts";

describe.each(testTargets)("personal alerts on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  const ids: Record<string, number> = {};
  const customers: Record<string, number> = {};
  let invoiceSeq = 0;

  const you = () => app.actor(TEAM, "you");
  const as = (user: string) => app.actor(TEAM, user, { timeZone: user === "rita" ? "Asia/Seoul" : "America/New_York" });
  // The flush tests run without the morning scan (no working days); the scan test turns it on.
  const scheduler = (options: { scan?: boolean } = {}) =>
    createAlertScheduler({ store: createAlertDeliveryStore(app.database.prisma), poster, ...(options.scan ? {} : { weekdays: [] }) });
  const dmsTo = (user: string) => poster.directs.filter((direct) => direct.channelRef === `console:${user}`);
  const alertsOf = (user: string) => app.database.prisma.alert.findMany({ where: { memberId: ids[user] }, orderBy: { id: "asc" } });
  const at = (iso: string) => {
    app.clock.now = new Date(iso);
    return app.clock.now;
  };

  async function invoice(customer: string, amount: number, due: string): Promise<string> {
    const number = `INV-${900 + ++invoiceSeq}`;
    await app.database.prisma.invoice.create({ data: { tenantId: ids.tenant!, number, customerId: customers[customer]!, issuedOn: date("2026-10-01"), dueOn: date(due), amount: BigInt(amount) } });
    return number;
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    for (const user of ["you", "rita", "sam"]) {
      const { member, tenant } = await app.rapport.identify(user === "you" ? you() : as(user));
      ids[user] = member.id;
      ids.tenant = tenant.id;
    }
    const prisma = app.database.prisma;
    await prisma.member.update({ where: { id: ids.rita }, data: { locale: "ko", reminders: false } });
    await prisma.member.update({ where: { id: ids.sam }, data: { reminders: false } });
    await prisma.member.update({ where: { id: ids.you }, data: { reminders: false } });
    for (const [name, owner] of [["Acme Corp", "sam"], ["Globex", "you"], ["삼성전자", "rita"]] as const) {
      customers[name] = (await prisma.customer.create({ data: { tenantId: ids.tenant!, name, ownerId: ids[owner] } })).id;
    }
    for (let index = 1; index <= 12; index++) {
      customers[`Batch ${index}`] = (await prisma.customer.create({ data: { tenantId: ids.tenant!, name: `Batch Trading ${index}`, ownerId: ids.you } })).id;
    }
    poster = createRecordingPoster();
  });
  afterAll(async () => app?.drop());

  test("a payment on Sam's customer by someone else: one DM to Sam, posted once however often the flusher ticks", async () => {
    at("2026-11-23T15:00:00Z");
    const number = await invoice("Acme Corp", 50_000, "2026-12-20");
    await app.text(you(), `pay ${number} 120.50`);
    expect((await alertsOf("sam")).map((alert) => alert.kind)).toEqual(["paid"]);
    await scheduler().tick(new Date("2026-11-23T15:00:30Z"));
    await scheduler().tick(new Date("2026-11-23T15:01:30Z"));
    expect(dmsTo("sam")).toHaveLength(1);
    const text = renderText(dmsTo("sam")[0]!.reply);
    expect(text).toContain(`Acme Corp #${customers["Acme Corp"]} paid $120.50`);
    expect(text).toContain(`Invoice ${number} · by you`);
    expect(dmsTo("sam")[0]!.tenantExternalId).toBe(TEAM);
    const [alert] = await alertsOf("sam");
    expect(alert!.sentAt).toEqual(new Date("2026-11-23T15:00:30Z"));
    expect(alert!.batchId).not.toBeNull();
  });

  test("nobody is told about their own action: paying your own customer raises nothing", async () => {
    const number = await invoice("Globex", 10_000, "2026-12-20");
    await app.text(you(), `pay ${number} 10`);
    expect(await alertsOf("you")).toEqual([]);
  });

  test("an undone payment leaves no alert behind; a kind turned off is not raised", async () => {
    const number = await invoice("Acme Corp", 30_000, "2026-12-20");
    const paid = await app.text(you(), `pay ${number} 20`);
    const token = /undo ([0-9a-f-]{36})/.exec(paid)?.[1];
    expect(token, paid).toBeDefined();
    expect(await alertsOf("sam")).toHaveLength(2);
    await app.rapport.undo({ actor: you(), token: token! });
    expect(await alertsOf("sam")).toHaveLength(1);

    expect(await app.text(as("sam"), "settings alerts paid off")).toContain("Alerts off: A customer of yours paid");
    await app.text(you(), `pay ${number} 20`);
    expect(await alertsOf("sam")).toHaveLength(1);
    await scheduler().tick(new Date("2026-11-23T15:05:00Z"));
    expect(dmsTo("sam")).toHaveLength(1);
    expect(await app.text(as("sam"), "settings alerts")).toMatch(/A customer of yours paid \(paid\)\s+Off/);
  });

  test("many alerts at once make ONE message in the member's language, capped with “and N more”", async () => {
    for (let index = 1; index <= 12; index++) await app.text(you(), `assign #${customers[`Batch ${index}`]} rita`);
    expect(await alertsOf("rita")).toHaveLength(12);
    const result = await scheduler().tick(new Date("2026-11-23T15:10:00Z")); // 00:10 in Seoul, no quiet hours yet
    expect(result).toMatchObject({ sent: 1, alerts: 12 });
    expect(dmsTo("rita")).toHaveLength(1);
    const text = renderText(dmsTo("rita")[0]!.reply);
    expect(dmsTo("rita")[0]!.reply.title).toBe("rita님, 담당 업무에 새 소식이 12건 있습니다");
    expect(text).toContain("새 담당 거래처: Batch Trading 1");
    expect(text).toContain("처리: you");
    expect(text).toContain("…외 2건");
    expect(text).not.toContain("Batch Trading 11 ");
    expect(text).toContain("설정 개인알림");
    expect(new Set((await alertsOf("rita")).map((alert) => alert.batchId)).size).toBe(1);
  });

  test("quiet hours in Seoul hold an alert until they end, then it is posted once", async () => {
    expect(await app.text(as("rita"), "settings quiet 22:00-07:00")).toContain("22:00-07:00");
    at("2026-11-23T14:30:00Z"); // 23:30 in Seoul
    await app.text(you(), `assign #${customers.Globex} rita`);
    const [held] = (await alertsOf("rita")).filter((alert) => alert.sentAt === null);
    expect(held!.dueAt).toEqual(new Date("2026-11-23T22:00:00Z")); // 07:00 in Seoul
    await scheduler().tick(new Date("2026-11-23T14:31:00Z"));
    await scheduler().tick(new Date("2026-11-23T21:59:00Z"));
    expect(dmsTo("rita")).toHaveLength(1);
    await scheduler().tick(new Date("2026-11-23T22:00:00Z"));
    await scheduler().tick(new Date("2026-11-23T22:01:00Z"));
    expect(dmsTo("rita")).toHaveLength(2);
    expect(renderText(dmsTo("rita")[1]!.reply)).toContain("새 담당 거래처: Globex");
  });

  test("quiet hours set after an alert was raised postpone it at flush", async () => {
    await app.text(as("sam"), "settings quiet 09:00-17:00"); // New York
    at("2026-11-24T14:00:00Z"); // 09:00 in New York
    await app.text(you(), `assign #${customers["Batch 1"]} sam`);
    // The alert was raised inside quiet hours: due at 17:00 New York.
    const pending = (await alertsOf("sam")).filter((alert) => alert.sentAt === null);
    expect(pending.map((alert) => alert.dueAt)).toEqual([new Date("2026-11-24T22:00:00Z")]);
    await app.database.prisma.alert.updateMany({ where: { id: pending[0]!.id }, data: { dueAt: new Date("2026-11-24T13:00:00Z") } });
    const result = await scheduler().tick(new Date("2026-11-24T15:00:00Z"));
    expect(result.postponed).toBe(1);
    expect((await app.database.prisma.alert.findUniqueOrThrow({ where: { id: pending[0]!.id } })).dueAt).toEqual(new Date("2026-11-24T22:00:00Z"));
    await scheduler().tick(new Date("2026-11-24T22:00:00Z"));
    expect(dmsTo("sam")).toHaveLength(2);
    await app.text(as("sam"), "settings quiet off");
  });

  test("two flushers at once post once; a crashed post is retried after its lease; a failed post that surely did not land is retried", async () => {
    at("2026-11-25T15:00:00Z");
    await app.text(you(), `assign #${customers["Batch 2"]} sam`);
    await Promise.all([scheduler().tick(new Date("2026-11-25T15:00:10Z")), scheduler().tick(new Date("2026-11-25T15:00:10Z"))]);
    expect(dmsTo("sam")).toHaveLength(3);

    await app.text(you(), `assign #${customers["Batch 3"]} sam`);
    // A process claimed it and died before posting.
    const claimed = await createAlertDeliveryStore(app.database.prisma).claim(ids.sam!, { now: new Date("2026-11-25T15:01:00Z"), token: "dead-process", leaseUntil: new Date(Date.parse("2026-11-25T15:01:00Z") + ALERT_LEASE_MS) });
    expect(claimed).toHaveLength(1);
    await scheduler().tick(new Date("2026-11-25T15:02:00Z"));
    expect(dmsTo("sam")).toHaveLength(3);
    await scheduler().tick(new Date(Date.parse("2026-11-25T15:01:00Z") + ALERT_LEASE_MS + 60_000));
    expect(dmsTo("sam")).toHaveLength(4);

    await app.text(you(), `assign #${customers["Batch 4"]} sam`);
    poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 1000 });
    expect((await scheduler().tick(new Date("2026-11-25T16:00:00Z"))).failed).toBe(1);
    expect(dmsTo("sam")).toHaveLength(4);
    await scheduler().tick(new Date("2026-11-25T16:01:00Z"));
    expect(dmsTo("sam")).toHaveLength(5);

    // A 5xx may have posted it: sent twice is worse than missing, so it is not retried.
    await app.text(you(), `assign #${customers["Batch 5"]} sam`);
    poster.failNextPosts({ kind: "server-error", status: 503 });
    await scheduler().tick(new Date("2026-11-25T16:02:00Z"));
    await scheduler().tick(new Date("2026-11-25T17:00:00Z"));
    expect(dmsTo("sam")).toHaveLength(5);
    expect((await alertsOf("sam")).at(-1)!.batchId).toMatch(/^failed:server_error:/);
  });

  test("the morning scan folds overdue invoices, expiring quotes and today's tasks into one message", async () => {
    const prisma = app.database.prisma;
    await prisma.member.update({ where: { id: ids.sam }, data: { reminders: true } });
    const overdue = await invoice("Acme Corp", 80_000, "2026-11-20");
    await prisma.quote.create({ data: { tenantId: ids.tenant!, number: "Q-2026-0900", customerId: customers["Acme Corp"]!, status: "sent", issuedOn: date("2026-11-01"), validUntil: date("2026-11-28"), total: 150_000n } });
    await prisma.task.create({ data: { tenantId: ids.tenant!, customerId: customers["Acme Corp"]!, assigneeId: ids.sam, dueOn: date("2026-11-26"), text: "Call about the PO" } });
    const before = dmsTo("sam").length;
    // 08:00 Thursday in New York: too early; 08:31: the scan and the flush in one tick.
    await scheduler({ scan: true }).tick(new Date("2026-11-26T13:00:00Z"));
    expect(dmsTo("sam")).toHaveLength(before);
    const result = await scheduler({ scan: true }).tick(new Date("2026-11-26T13:31:00Z"));
    expect(result).toMatchObject({ sent: 1 });
    expect(dmsTo("sam")).toHaveLength(before + 1);
    const text = renderText(dmsTo("sam").at(-1)!.reply);
    expect(text).toContain(`Invoice ${overdue} of Acme Corp #${customers["Acme Corp"]} is overdue: $800.00 open`);
    expect(text).toContain("Quote Q-2026-0900 for Acme Corp");
    expect(text).toContain("1 task due today or overdue");
    expect(text).toContain("Call about the PO · Acme Corp");
    // Once a day: later ticks send nothing; the overdue invoice is not raised again the next day.
    await scheduler({ scan: true }).tick(new Date("2026-11-26T15:00:00Z"));
    await scheduler({ scan: true }).tick(new Date("2026-11-27T13:31:00Z"));
    const friday = dmsTo("sam").slice(before + 1).map((direct) => renderText(direct.reply));
    expect(friday.every((message) => !message.includes(overdue))).toBe(true);
  });

  test("settings alerts and quiet answer bad input with an example", async () => {
    expect(await app.text(as("sam"), "settings alerts parrot off")).toContain("There is no alert kind “parrot”");
    expect(await app.text(as("sam"), "settings alerts paid maybe")).toContain("settings alerts paid off");
    expect(await app.text(as("sam"), "settings quiet late")).toContain("settings quiet 22:00-07:00");
    expect(await app.text(as("rita"), "설정 방해금지 끄기")).toContain("방해 금지 시간을 해제했습니다");
  });
});
