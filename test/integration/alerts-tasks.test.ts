/**
 * The morning task list (the `tasks` kind of personal alerts) on real databases, with a fake clock:
 * one direct message per member per local working day, at 08:30 in their zone and language, listing
 * only tasks due today or overdue; off with `settings reminders off` or `settings alerts tasks off`
 * (one switch); never for a member who left.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createAlertDeliveryStore } from "../../src/data/alert-store.js";
import { createAlertScheduler } from "../../src/digests/alerts.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TEAM = "team-r";

describe.each(testTargets)("morning task list on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  const ids: Record<string, number> = {};
  let customerId = 0;

  const zones: Record<string, string> = { seoul: "Asia/Seoul", ny: "America/New_York", quiet: "Europe/Berlin", idle: "America/Chicago", gone: "Asia/Tokyo" };
  const as = (user: string) => app.actor(TEAM, user, { timeZone: zones[user]! });
  const task = (assignee: string, due: string, text: string) =>
    app.database.prisma.task.create({ data: { tenantId: ids.tenant!, customerId, assigneeId: ids[assignee], dueOn: date(due), text } });

  beforeAll(async () => {
    app = await createTestApp(target);
    for (const user of ["seoul", "ny", "quiet", "idle"]) {
      const { member, tenant } = await app.rapport.identify(as(user));
      ids[user] = member.id;
      ids.tenant = tenant.id;
    }
    const prisma = app.database.prisma;
    await prisma.member.update({ where: { id: ids.seoul }, data: { locale: "ko" } });
    expect(await app.text(as("quiet"), "settings reminders off")).not.toMatch(/error/i);
    customerId = (await prisma.customer.create({ data: { tenantId: ids.tenant!, name: "삼성전자", ownerId: ids.seoul } })).id;
    await task("seoul", "2026-11-20", "견적서 재발송");
    await task("seoul", "2026-11-23", "");
    await task("seoul", "2026-11-25", "다음 주 방문 준비");
    await task("ny", "2026-11-23", "Call about the PO");
    await task("quiet", "2026-11-23", "Quietly due");
    await task("idle", "2026-11-30", "Not yet");
    poster = createRecordingPoster();
  });
  afterAll(async () => app?.drop());

  const scheduler = () => createAlertScheduler({ store: createAlertDeliveryStore(app.database.prisma), poster });
  const sentTo = () => poster.directs.map((direct) => direct.channelRef);
  const tasksAlertsOf = (user: string) => app.database.prisma.alert.findMany({ where: { memberId: ids[user], kind: "tasks" }, orderBy: { id: "asc" } });

  test("nothing before 08:30 local; at 08:31 in Seoul one Korean message with the overdue and today's tasks", async () => {
    expect(await scheduler().tick(new Date("2026-11-22T23:00:00Z"))).toMatchObject({ scanned: 0, sent: 0, failed: 0 }); // 08:00 Monday in Seoul
    const result = await scheduler().tick(new Date("2026-11-22T23:31:00Z"));
    expect(result).toEqual({ scanned: 1, enqueued: 1, sent: 1, alerts: 1, postponed: 0, failed: 0 });
    expect(sentTo()).toEqual(["console:seoul"]);
    const text = renderText(poster.directs[0]!.reply);
    expect(poster.directs[0]!.reply.title).toContain("할 일이 2건");
    expect(text).toContain("견적서 재발송 · 삼성전자");
    expect(text).toContain("후속 연락 · 삼성전자");
    expect(text).not.toContain("다음 주 방문 준비");
    expect(text).toContain("설정 알림 끄기");
    expect(poster.directs[0]!.tenantExternalId).toBe(TEAM);
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ids.seoul } })).remindedOn).toEqual(date("2026-11-23"));
  });

  test("a second tick the same local day sends nothing more", async () => {
    await scheduler().tick(new Date("2026-11-22T23:45:00Z"));
    await scheduler().tick(new Date("2026-11-23T02:00:00Z"));
    expect(sentTo()).toEqual(["console:seoul"]);
    expect(await tasksAlertsOf("seoul")).toHaveLength(1);
  });

  test("reminders off sends nothing; New York's morning comes later; two processes ticking together send one message; nothing due sends nothing", async () => {
    // 08:31 in Berlin: the quiet member's day is scanned, but their task list is off.
    expect(await scheduler().tick(new Date("2026-11-23T07:31:00Z"))).toMatchObject({ scanned: 1, enqueued: 0, sent: 0 });
    expect(await tasksAlertsOf("quiet")).toEqual([]);
    // 08:31 in New York, 07:31 in Chicago: then 08:31 in Chicago.
    const [a, b] = await Promise.all([scheduler().tick(new Date("2026-11-23T13:31:00Z")), scheduler().tick(new Date("2026-11-23T13:31:00Z"))]);
    expect(a.scanned + b.scanned).toBe(1);
    expect(a.sent + b.sent).toBe(1);
    const [c, d] = await Promise.all([scheduler().tick(new Date("2026-11-23T14:31:00Z")), scheduler().tick(new Date("2026-11-23T14:31:00Z"))]);
    expect(c.scanned + d.scanned).toBe(1); // idle: claimed, nothing due, nothing sent
    expect(c.enqueued + d.enqueued + c.sent + d.sent).toBe(0);
    expect(sentTo()).toEqual(["console:seoul", "console:ny"]);
    expect(poster.directs[1]!.reply.title).toBe("Good morning, ny: 1 task due today or overdue");
    expect(await tasksAlertsOf("idle")).toEqual([]);
  });

  test("the next local day sends again", async () => {
    await scheduler().tick(new Date("2026-11-23T23:31:00Z")); // Tuesday 08:31 in Seoul
    expect(sentTo()).toEqual(["console:seoul", "console:ny", "console:seoul"]);
    expect(poster.directs[2]!.reply.title).toContain("할 일이 2건");
  });

  test("a refused send (rate limit) is retried on the next tick; long after the morning nothing is sent", async () => {
    poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 1000 });
    expect(await scheduler().tick(new Date("2026-11-24T13:31:00Z"))).toMatchObject({ sent: 0, failed: 1 }); // Tuesday 08:31 in New York
    expect(await scheduler().tick(new Date("2026-11-24T13:32:00Z"))).toMatchObject({ sent: 1 });
    expect(sentTo().filter((ref) => ref === "console:ny")).toHaveLength(2);
    // Wednesday: the process was down all morning, and comes back in the afternoon.
    await scheduler().tick(new Date("2026-11-25T20:00:00Z"));
    expect(sentTo().filter((ref) => ref === "console:ny")).toHaveLength(2);
  });

  test("`settings reminders on` brings the next morning's message; `settings alerts tasks off` is the same switch", async () => {
    expect((await app.rapport.runText({ actor: as("quiet"), text: "settings reminders on" })).isError).toBeFalsy();
    await scheduler().tick(new Date("2026-11-26T07:31:00Z")); // Thursday 08:31 in Berlin
    expect(sentTo().filter((ref) => ref === "console:quiet")).toHaveLength(1);
    expect(renderText(poster.directs.find((direct) => direct.channelRef === "console:quiet")!.reply)).toContain("Quietly due · 삼성전자");

    expect(await app.text(as("quiet"), "settings")).toContain("On (about 08:30 your time)");
    expect((await app.rapport.runText({ actor: as("quiet"), text: "settings alerts tasks off" })).isError).toBeFalsy();
    expect(await app.text(as("quiet"), "settings")).not.toContain("On (about 08:30 your time)");
    await scheduler().tick(new Date("2026-11-27T07:31:00Z")); // Friday 08:31 in Berlin
    expect(sentTo().filter((ref) => ref === "console:quiet")).toHaveLength(1);
  });

  test("a Saturday sends nothing", async () => {
    const before = sentTo().length;
    expect(await scheduler().tick(new Date("2026-11-27T23:31:00Z"))).toMatchObject({ sent: 0 }); // Saturday 08:31 in Seoul
    expect(sentTo()).toHaveLength(before);
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ids.seoul } })).remindedOn).toEqual(date("2026-11-27")); // Friday's scan, not Saturday's
  });

  test("a member who left gets nothing, not even a list found before they left", async () => {
    const { member } = await app.rapport.identify(as("gone"));
    ids.gone = member.id;
    await task("gone", "2026-11-26", "Hand over the account");
    expect(await app.text(as("gone"), "settings quiet 08:00-09:00")).toContain("08:00-09:00");
    // Friday 08:31 in Tokyo: the list is found, held until 09:00 by quiet hours; they leave meanwhile.
    await scheduler().tick(new Date("2026-11-26T23:31:00Z"));
    expect(await tasksAlertsOf("gone")).toHaveLength(1);
    await app.database.prisma.member.update({ where: { id: ids.gone }, data: { active: false } });
    await scheduler().tick(new Date("2026-11-27T00:00:00Z"));
    await scheduler().tick(new Date("2026-11-29T23:31:00Z")); // Monday 08:31 in Tokyo
    expect(sentTo()).not.toContain("console:gone");
    // Dropped, not left queued for someone who will never read it.
    expect(await tasksAlertsOf("gone")).toHaveLength(0);
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ids.gone } })).remindedOn).toEqual(date("2026-11-27"));
  });
});
