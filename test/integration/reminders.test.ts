/** The morning task reminder on real databases, with a fake clock: once per member per local day, in their zone and language. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createReminderStore } from "../../src/data/reminder-queries.js";
import { createReminderScheduler } from "../../src/digests/reminders.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe.each(testTargets)("morning reminders on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await createTestApp(target);
    const zones: Record<string, string> = { seoul: "Asia/Seoul", ny: "America/New_York", quiet: "Europe/Berlin", idle: "America/Chicago" };
    for (const [user, timeZone] of Object.entries(zones)) {
      const { member, tenant } = await app.rapport.identify(app.actor("team-r", user, { timeZone }));
      ids[user] = member.id;
      ids.tenant = tenant.id;
    }
    const prisma = app.database.prisma;
    await prisma.member.update({ where: { id: ids.seoul }, data: { locale: "ko" } });
    await prisma.member.update({ where: { id: ids.quiet }, data: { reminders: false } });
    const customer = await prisma.customer.create({ data: { tenantId: ids.tenant!, name: "삼성전자", ownerId: ids.seoul } });
    const task = (assignee: string, due: string, text: string) =>
      prisma.task.create({ data: { tenantId: ids.tenant!, customerId: customer.id, assigneeId: ids[assignee], dueOn: date(due), text } });
    await task("seoul", "2026-11-20", "견적서 재발송");
    await task("seoul", "2026-11-23", "");
    await task("seoul", "2026-11-25", "다음 주 방문 준비");
    await task("ny", "2026-11-23", "Call about the PO");
    await task("quiet", "2026-11-23", "Quietly due");
    await task("idle", "2026-11-30", "Not yet");
    poster = createRecordingPoster();
  });
  afterAll(async () => app?.drop());

  const scheduler = () => createReminderScheduler({ store: createReminderStore(app.database.prisma), poster });
  const sentTo = () => poster.directs.map((direct) => direct.channelRef);

  test("nothing before 08:30 local; at 08:31 in Seoul one Korean message with the overdue and today's tasks", async () => {
    expect(await scheduler().tick(new Date("2026-11-22T23:00:00Z"))).toEqual({ sent: 0, empty: 0, failed: 0 }); // 08:00 Monday in Seoul
    const result = await scheduler().tick(new Date("2026-11-22T23:31:00Z"));
    expect(result).toEqual({ sent: 1, empty: 0, failed: 0 });
    expect(sentTo()).toEqual(["console:seoul"]);
    const text = renderText(poster.directs[0]!.reply);
    expect(poster.directs[0]!.reply.title).toContain("할 일이 2건");
    expect(text).toContain("견적서 재발송 · 삼성전자");
    expect(text).toContain("후속 연락 · 삼성전자");
    expect(text).not.toContain("다음 주 방문 준비");
    expect(text).toContain("설정 알림 끄기");
    expect(poster.directs[0]!.tenantExternalId).toBe("team-r");
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ids.seoul } })).remindedOn).toEqual(date("2026-11-23"));
  });

  test("a second tick the same local day sends nothing more", async () => {
    await scheduler().tick(new Date("2026-11-22T23:45:00Z"));
    await scheduler().tick(new Date("2026-11-23T02:00:00Z"));
    expect(sentTo()).toEqual(["console:seoul"]);
  });

  test("New York's morning comes later; two processes ticking together send one message; nothing due sends nothing; off sends nothing", async () => {
    // 08:31 in New York, 07:31 in Chicago: then 08:31 in Chicago.
    const [a, b] = await Promise.all([scheduler().tick(new Date("2026-11-23T13:31:00Z")), scheduler().tick(new Date("2026-11-23T13:31:00Z"))]);
    expect(a.empty + b.empty).toBe(0);
    const [c, d] = await Promise.all([scheduler().tick(new Date("2026-11-23T14:31:00Z")), scheduler().tick(new Date("2026-11-23T14:31:00Z"))]);
    expect(a.sent + b.sent).toBe(1);
    expect(c.empty + d.empty).toBe(1); // idle: claimed, nothing due, nothing sent
    expect(c.sent + d.sent).toBe(0);
    expect(sentTo()).toEqual(["console:seoul", "console:ny"]);
    expect(poster.directs[1]!.reply.title).toBe("Good morning, ny: 1 task due today or overdue");
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ids.quiet } })).remindedOn).toBeNull();
  });

  test("the next local day sends again; a Saturday does not", async () => {
    await scheduler().tick(new Date("2026-11-23T23:31:00Z")); // Tuesday 08:31 in Seoul
    expect(sentTo()).toEqual(["console:seoul", "console:ny", "console:seoul"]);
    expect(poster.directs[2]!.reply.title).toContain("할 일이 2건");
    await scheduler().tick(new Date("2026-11-27T23:31:00Z")); // Saturday 08:31 in Seoul
    expect(sentTo()).toHaveLength(3);
  });

  test("a refused send (rate limit) gives the day back for the next tick; long after the morning nothing is sent", async () => {
    poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 1000 });
    expect(await scheduler().tick(new Date("2026-11-24T13:31:00Z"))).toMatchObject({ sent: 0, failed: 1 }); // Tuesday 08:31 in New York
    expect(await scheduler().tick(new Date("2026-11-24T13:32:00Z"))).toMatchObject({ sent: 1 });
    expect(sentTo().filter((ref) => ref === "console:ny")).toHaveLength(2);
    // Wednesday: the process was down all morning, and comes back in the afternoon.
    await scheduler().tick(new Date("2026-11-25T20:00:00Z"));
    expect(sentTo().filter((ref) => ref === "console:ny")).toHaveLength(2);
  });

  test("turning reminders back on with settings brings the next morning's message", async () => {
    const quiet = app.actor("team-r", "quiet", { timeZone: "Europe/Berlin" });
    expect((await app.rapport.runText({ actor: quiet, text: "settings reminders on" })).isError).toBeFalsy();
    await scheduler().tick(new Date("2026-11-26T07:31:00Z")); // Thursday 08:31 in Berlin
    expect(sentTo()).toContain("console:quiet");
  });
});
