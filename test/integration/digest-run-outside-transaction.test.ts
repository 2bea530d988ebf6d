/**
 * `digest run` posts after its transaction has committed. While the platform stalls, no transaction
 * is open (PostgreSQL: no session idle in a transaction; the embedded database: its one connection
 * answers other queries), the request is already recorded with the marker the post carries, and a
 * replay of the same request does not post again. When the post fails, the request stays recorded,
 * nothing claims it was posted, and a replay answers the same refusal without trying again.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

describe.each(testTargets)("digest run outside the transaction on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let poster: RecordingPoster;
  let id: number;

  const audits = (action: string) =>
    app.database.prisma.auditEvent.findMany({ where: { action, entity: "digest_subscription", entityId: String(id) }, orderBy: { id: "asc" } });
  /** Until the poster has been called `count` times (it counts synchronously on each call). */
  const postCalls = async (count: number) => {
    while (poster.calls.post < count) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-run", "you", { timeZone: "UTC" });
    poster = createRecordingPoster();
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
    id = Number(/Digest #(\d+)/.exec(await app.text(admin, "digest add followups console:stdout 08:30 post-empty"))![1]);
  });
  afterAll(async () => app?.drop());

  test("a stalled post holds no transaction; the request is recorded first and a replay does not post again", async () => {
    let release!: () => void;
    poster.failNextPosts({ kind: "stall", until: new Promise<void>((resolve) => (release = resolve)), lands: "end" });
    const running = app.text(admin, `digest run ${id}`, "press-1");
    await postCalls(1);

    if (target.name === "postgres") {
      const rows = await app.database.prisma.$queryRawUnsafe<{ open: number }[]>(
        `SELECT COUNT(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(rows).toEqual([{ open: 0 }]);
    }
    // On the embedded database this query waits for its one connection: it answers only if no transaction holds it.
    const [requested] = await audits("digest.run.requested");
    expect(requested?.after).toMatchObject({ marker: expect.stringContaining(`rapport-digest:${id}:manual:`) });
    expect(await audits("digest.run")).toEqual([]);
    expect(await app.text(admin, `digest run ${id}`, "press-1")).toContain(`Digest #${id} is being posted to console:stdout`);
    expect(poster.calls.post).toBe(1);

    release();
    expect(await running).toContain(`Digest #${id} posted to console:stdout`);
    expect(poster.posts).toHaveLength(1);
    const [recorded] = await audits("digest.run");
    expect(recorded?.after).toEqual({ messageId: poster.posts[0]!.messageId, marker: (requested!.after as { marker: string }).marker });
    expect(poster.posts[0]!.marker).toBe((requested!.after as { marker: string }).marker);
    expect(await app.text(admin, `digest run ${id}`, "press-1")).toContain(`Digest #${id} posted to console:stdout`);
    expect(poster.calls.post).toBe(1);
  }, 60_000);

  test("a failed post: the request stays recorded, no post is recorded, and a replay answers the same refusal without trying again", async () => {
    const before = poster.calls.post;
    const requestedBefore = (await audits("digest.run.requested")).length;
    const postedBefore = (await audits("digest.run")).length;
    poster.failNextPosts({ kind: "fatal", code: "channel_not_found" });
    const reply = await app.rapport.runText({ actor: admin, text: `digest run ${id}`, idempotencyKey: "press-2" });
    expect(reply.isError).toBe(true);
    expect(renderText(reply)).toContain("channel_not_found");
    expect(await audits("digest.run.requested")).toHaveLength(requestedBefore + 1);
    expect(await audits("digest.run")).toHaveLength(postedBefore);
    const replay = await app.rapport.runText({ actor: admin, text: `digest run ${id}`, idempotencyKey: "press-2" });
    expect(renderText(replay)).toBe(renderText(reply));
    expect(poster.calls.post).toBe(before + 1);
  }, 60_000);

  test("an unknown subscription is refused before anything is recorded or posted", async () => {
    const before = poster.calls.post;
    const reply = await app.rapport.runText({ actor: admin, text: "digest run 999" });
    expect(reply.isError).toBe(true);
    expect(renderText(reply)).toContain("No digest subscription 999");
    expect(await app.database.prisma.auditEvent.count({ where: { action: "digest.run.requested", entityId: "999" } })).toBe(0);
    expect(poster.calls.post).toBe(before);
  });
});
