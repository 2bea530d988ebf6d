/** A subscription's language decides what its digest says; `digest preview` speaks the asking member's. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

const pglite = testTargets.filter((target) => target.name === "pglite");

describe.each(pglite)("digest language on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let poster: RecordingPoster;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-l", "you", { timeZone: "Asia/Seoul" });
    const { tenant } = await app.rapport.identify(admin);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    poster = createRecordingPoster();
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => {
    await app?.drop();
  });

  test("a subscription added with language=ko posts Korean", async () => {
    const added = await app.text(admin, "digest add followups console:stdout 8:30 weekdays post-empty language=ko");
    expect(added).toContain("Digest #");
    const id = Number(/Digest #(\d+)/.exec(added)![1]);
    const row = await app.database.prisma.digestSubscription.findUniqueOrThrow({ where: { id } });
    expect(row.language).toBe("ko");

    expect(await app.text(admin, `digest run ${id}`)).toContain(`Digest #${id} posted to console:stdout`);
    const post = poster.posts.at(-1)!;
    const text = `${post.reply.title}\n${renderText(post.reply)}`;
    expect(text).toContain("오늘의 후속 연락");
    expect(text).not.toContain("Follow-ups for");
  });

  test("without language= the digest follows the workspace's default, and preview the member's language", async () => {
    const added = await app.text(admin, "digest add overdue console:stdout 9:00 post-empty");
    const id = Number(/Digest #(\d+)/.exec(added)![1]);
    expect((await app.database.prisma.digestSubscription.findUniqueOrThrow({ where: { id } })).language).toBeNull();
    await app.text(admin, `digest run ${id}`);
    expect(poster.posts.at(-1)!.reply.title).toContain("Overdue payments on");

    const { tenant } = await app.rapport.identify(admin);
    await app.database.prisma.tenant.update({ where: { id: tenant.id }, data: { defaultLocale: "zh-TW" } });
    await app.text(admin, `digest run ${id}`);
    expect(poster.posts.at(-1)!.reply.title).toContain("逾期應收帳款");
    await app.database.prisma.tenant.update({ where: { id: tenant.id }, data: { defaultLocale: null } });

    const preview = await app.text(app.actor("team-l", "you", { timeZone: "Asia/Seoul", locale: "zh-CN" }), "digest preview churn");
    expect(preview).toContain("流失预警");
  });
});
