/**
 * Issue 12, item 3: `digest add`, `run` and `remove` write, so they claim the idempotency key like
 * `log`: the same request delivered three times (one after another, or all at once as platform
 * retries arrive) makes one subscription, one post and one removal, and every delivery gets the
 * first reply. `list` and `preview` stay reads.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const slackAdmin: Actor = { platform: "slack", tenantExternalId: "T0REPLAY", userExternalId: "U0ADMIN", profile: { timeZone: "UTC", isPlatformAdmin: true } };
const ADD = "digest add followups <#C0SALES1|sales> 08:30 post-empty";

describe.each(testTargets)("digest replays on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  let tenantId: number;

  const subscriptions = () => app.database.prisma.digestSubscription.count({ where: { tenantId } });
  const audits = (action: string) => app.database.prisma.auditEvent.count({ where: { tenantId, action } });
  const send = (text: string, idempotencyKey: string) => app.rapport.runText({ actor: slackAdmin, text, idempotencyKey });
  const idOf = (reply: Reply) => Number(/Digest #(\d+)/.exec(reply.title)![1]);

  /** Three deliveries of one request: one after another, or all at once. */
  async function thrice(text: string, key: string, mode: "sequential" | "concurrent"): Promise<Reply[]> {
    if (mode === "concurrent") return Promise.all([send(text, key), send(text, key), send(text, key)]);
    const replies: Reply[] = [];
    for (let index = 0; index < 3; index++) replies.push(await send(text, key));
    return replies;
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    tenantId = (await app.rapport.identify(slackAdmin)).tenant.id;
    poster = createRecordingPoster();
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => {
    await app?.drop();
  });

  test.each(["sequential", "concurrent"] as const)("%s: add, run and remove three times with one key each act once", async (mode) => {
    const subsBefore = await subscriptions();
    const added = await thrice(ADD, `slack:T0REPLAY:trigger:add-${mode}`, mode);
    expect(added[0]!.isError).toBeFalsy();
    expect(added.map(idOf)).toEqual([idOf(added[0]!), idOf(added[0]!), idOf(added[0]!)]);
    expect(await subscriptions()).toBe(subsBefore + 1);
    const id = idOf(added[0]!);

    const postsBefore = poster.posts.length;
    const ran = await thrice(`digest run ${id}`, `slack:T0REPLAY:trigger:run-${mode}`, mode);
    expect(ran.map((reply) => reply.title)).toEqual([`Digest #${id} posted`, `Digest #${id} posted`, `Digest #${id} posted`]);
    expect(poster.posts.length - postsBefore).toBe(1);

    const removedBefore = await audits("digest.remove");
    const removed = await thrice(`digest remove ${id}`, `slack:T0REPLAY:trigger:remove-${mode}`, mode);
    expect(removed.map((reply) => reply.isError ?? false)).toEqual([false, false, false]);
    expect(await audits("digest.remove")).toBe(removedBefore + 1);
    expect(await subscriptions()).toBe(subsBefore);
  });

  test("different keys are different requests", async () => {
    const before = await subscriptions();
    await send(ADD, "slack:T0REPLAY:trigger:one");
    await send(ADD, "slack:T0REPLAY:trigger:two");
    expect(await subscriptions()).toBe(before + 2);
  });

  test("list and preview still answer fresh (reads take no claim)", async () => {
    const first = await send("digest list", "slack:T0REPLAY:trigger:list");
    await send(ADD, "slack:T0REPLAY:trigger:three");
    const again = await send("digest list", "slack:T0REPLAY:trigger:list");
    expect(again.title).not.toBe(first.title);
    expect(await app.database.prisma.idempotencyRecord.count({ where: { tenantId, key: "slack:T0REPLAY:trigger:list" } })).toBe(0);
  });
});
