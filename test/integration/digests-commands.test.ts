/** The `digest` command and the digest queries end to end on real databases (PGlite and PostgreSQL). */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { buildDigest } from "../../src/digests/build.js";
import { DIGEST_KINDS } from "../../src/core/digests.js";
import { mentionsAsNames } from "../../src/digests/mention.js";
import { renderText } from "../../src/adapters/console/render-text.js";

describe.each(testTargets)("digest command on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let bob: Actor;
  let poster: RecordingPoster;
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-d", "you", { timeZone: "Europe/Berlin" });
    bob = app.actor("team-d", "bob");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    poster = createRecordingPoster();
    poster.channels.set("console:file:/tmp/shared.log", { ok: true, external: true, channelName: "shared-with-partner" });
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => {
    await app?.drop();
  });

  test("add, list, run and remove a subscription; the time zone defaults to the member's", async () => {
    const added = await app.text(admin, "digest add followups console:stdout 8:30 weekdays post-empty");
    expect(added).toContain("Digest #");
    expect(added).toContain("into console:stdout at 08:30 Europe/Berlin, weekdays");
    const id = Number(/Digest #(\d+)/.exec(added)![1]);
    const list = await app.text(admin, "digest list");
    // Monday 2026-11-23 15:00Z: the next run is Tuesday 08:30 Berlin.
    expect(list).toContain(`#${id} followups → console:stdout, 08:30 Europe/Berlin, weekdays`);
    expect(list).toContain("next 2026-11-24 08:30");
    expect(list).toContain("last none yet");
    expect(await app.text(admin, `digest run ${id}`)).toContain(`Digest #${id} posted to console:stdout`);
    expect(poster.posts).toHaveLength(1);
    expect(mentionsAsNames(renderText(poster.posts[0]!.reply))).toContain("@Alice Martin");
    expect(await app.text(admin, `digest remove ${id}`)).toContain(`Digest #${id} (followups into console:stdout) removed`);
    expect(await app.text(admin, "digest list")).toContain("No digests are scheduled");
  });

  test("reps cannot manage digests", async () => {
    expect(await app.text(bob, "digest list")).toContain("Only managers can use digest");
  });

  test("an externally shared channel needs confirm-external", async () => {
    expect(await app.text(admin, "digest add overdue console:file:/tmp/shared.log 09:00")).toContain("shared with another organisation");
    const confirmed = await app.text(admin, "digest add overdue console:file:/tmp/shared.log 09:00 confirm-external");
    expect(confirmed).toContain("you confirmed that the digest may be seen there");
  });

  test.each([
    ["digest", "Say what to do"],
    ["digest add weekly console:stdout 08:00", "The digest kind must be one of followups, overdue, churn, pipeline."],
    ["digest add followups console:stdout 25:00", '"25:00" is not a time of day'],
    ["digest add followups console:stdout 08:00 Mars/Olympus", '"Mars/Olympus" is not a time zone'],
    ["digest add followups console:stdout 08:00 sometimes", 'I did not understand "sometimes"'],
    ["digest add followups slack:C0123ABCD 08:00", "cannot post digests into a slack channel"],
    ["digest add followups #general 08:00", '"#general" is not a channel I can post to'],
    ["digest run 999", "No digest subscription 999"],
  ])("%s -> %s", async (line, message) => {
    const reply = await app.rapport.runText({ actor: admin, text: line });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain(message);
  });

  test("preview returns each digest to the caller, built from the demo data", async () => {
    const followups = await app.text(admin, "digest preview followups");
    expect(followups).toContain("due today");
    expect(followups).toContain("Globex Corporation");
    const overdue = await app.text(admin, "digest preview overdue");
    expect(overdue).toContain("Largest debtors");
    expect(overdue).toContain("Next step:");
    expect(overdue).toContain("Over credit limit");
    for (const kind of DIGEST_KINDS) {
      const built = await buildDigest({ store: app.digestStore, tenantId, kind, now: app.clock.now, timeZone: "UTC" });
      expect(built.reply.blocks.length, kind).toBeGreaterThan(0);
    }
  });
});
