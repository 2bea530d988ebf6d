/**
 * Exactly-once digests on real databases: three schedulers with separate connections tick
 * concurrently every simulated 15 minutes across DST changes in two zones; crashes between claim
 * and post, 429 / 5xx / lost responses, catch-up after downtime and the cut-off.
 */
import { afterEach, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createHarness, type Harness } from "../digests/harness.js";
import { addDaysTo } from "../../src/core/dates.js";
import { fireInstant, isoWeekday } from "../../src/digests/schedule-time.js";
import { idempotencyMarker } from "../../src/digests/scheduler.js";
import { runLeaseStall } from "../digests/lease-stall.js";

const QUARTER_HOUR = 15 * 60_000;
const HOUR = 3600_000;

type Sub = { id: number; localTime: string; timeZone: string; weekdays: number[] };

async function simulate(h: Harness, from: string, days: number, schedulers = 3): Promise<void> {
  const instances = Array.from({ length: schedulers }, (_, index) => h.scheduler(index));
  const start = new Date(`${from}T00:00:00Z`).getTime();
  for (let at = start; at < start + days * 86_400_000; at += QUARTER_HOUR) {
    h.clock.now = new Date(at);
    await Promise.all(instances.map((scheduler) => scheduler.tick(new Date(at))));
  }
}

/** Every (subscription, local date) whose time falls inside the simulated window. */
function expectedSlots(subs: Sub[], from: string, days: number): Map<string, number> {
  const start = new Date(`${from}T00:00:00Z`).getTime();
  const end = start + days * 86_400_000 - QUARTER_HOUR;
  const expected = new Map<string, number>();
  for (const sub of subs) {
    for (let date = addDaysTo(from, -1); date <= addDaysTo(from, days + 1); date = addDaysTo(date, 1)) {
      if (!sub.weekdays.includes(isoWeekday(date))) continue;
      const at = fireInstant(date, sub.localTime, sub.timeZone).getTime();
      if (at >= start && at <= end) expected.set(idempotencyMarker(sub.id, date), at);
    }
  }
  return expected;
}

describe.each(testTargets)("digest scheduler on $name", (target) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function subscribeAll(harness: Harness, subs: Omit<Sub, "id">[]): Promise<Sub[]> {
    const created: Sub[] = [];
    for (const sub of subs) created.push({ ...sub, id: await harness.subscribe(sub) });
    return created;
  }

  function expectExactlyOnce(harness: Harness, expected: Map<string, number>) {
    const byMarker = new Map<string, number[]>();
    for (const post of harness.poster.posts) byMarker.set(post.marker, [...(byMarker.get(post.marker) ?? []), post.at]);
    const doubles = [...byMarker].filter(([, times]) => times.length > 1);
    expect(doubles).toEqual([]);
    expect([...byMarker.keys()].sort()).toEqual([...expected.keys()].sort());
    // Ticks are aligned to quarter hours and every time is on one: each post is on time.
    for (const [marker, at] of expected) expect([marker, byMarker.get(marker)?.[0]]).toEqual([marker, at]);
  }

  // PGlite is one in-process session, so "separate connections" only exist on PostgreSQL; the
  // 100-day run on PGlite (about as long again) runs with RAPPORT_DIGEST_LONG=1.
  test.skipIf(target.name === "pglite" && !process.env.RAPPORT_DIGEST_LONG)("three schedulers, 100 days over both spring-forward changes: one post per subscription per local day", async () => {
    h = await createHarness(target, 3);
    const from = "2027-01-01";
    h.clock.now = new Date(`${from}T00:00:00Z`);
    const subs = await subscribeAll(h, [
      { localTime: "02:30", timeZone: "America/New_York", weekdays: [1, 2, 3, 4, 5, 6, 7] }, // in the gap on 2027-03-14
      { localTime: "02:30", timeZone: "Europe/Berlin", weekdays: [1, 2, 3, 4, 5, 6, 7] }, // in the gap on 2027-03-28
      { localTime: "09:00", timeZone: "America/New_York", weekdays: [1, 2, 3, 4, 5] },
      { localTime: "08:15", timeZone: "Europe/Berlin", weekdays: [1, 3, 5] },
    ]);
    await simulate(h, from, 100);
    const expected = expectedSlots(subs, from, 100);
    expect(expected.size).toBeGreaterThan(250);
    expectExactlyOnce(h, expected);
    // The gap days fire at the jump: 03:00 EDT = 07:00Z, 03:00 CEST = 01:00Z.
    expect(h.poster.posts.find((post) => post.marker === idempotencyMarker(subs[0]!.id, "2027-03-14"))?.at).toBe(Date.parse("2027-03-14T07:00:00Z"));
    expect(h.poster.posts.find((post) => post.marker === idempotencyMarker(subs[1]!.id, "2027-03-28"))?.at).toBe(Date.parse("2027-03-28T01:00:00Z"));
    const runs = await h.databases[0]!.prisma.digestRun.groupBy({ by: ["state"], _count: true });
    expect(runs).toEqual([{ state: "posted", _count: expected.size }]);
  }, 300_000);

  test("three schedulers over both fall-back changes: the repeated hour fires once", async () => {
    h = await createHarness(target, 3);
    const from = "2026-10-20";
    h.clock.now = new Date(`${from}T00:00:00Z`);
    const subs = await subscribeAll(h, [
      { localTime: "01:30", timeZone: "America/New_York", weekdays: [1, 2, 3, 4, 5, 6, 7] }, // twice on 2026-11-01
      { localTime: "02:30", timeZone: "Europe/Berlin", weekdays: [1, 2, 3, 4, 5, 6, 7] }, // twice on 2026-10-25
      { localTime: "07:45", timeZone: "Europe/Berlin", weekdays: [1] },
    ]);
    await simulate(h, from, 16);
    const expected = expectedSlots(subs, from, 16);
    expectExactlyOnce(h, expected);
    // The first of the two 01:30s (EDT) and 02:30s (CEST).
    expect(h.poster.posts.find((post) => post.marker === idempotencyMarker(subs[0]!.id, "2026-11-01"))?.at).toBe(Date.parse("2026-11-01T05:30:00Z"));
    expect(h.poster.posts.find((post) => post.marker === idempotencyMarker(subs[1]!.id, "2026-10-25"))?.at).toBe(Date.parse("2026-10-25T00:30:00Z"));
  }, 300_000);

  test("a process killed between claim and post: another takes over after the lease and posts once", async () => {
    h = await createHarness(target, 2);
    const id = await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    const at = new Date("2026-11-23T08:00:00Z");
    h.clock.now = at;
    h.poster.failNextPosts({ kind: "hang", posts: false });
    void h.scheduler(0).tick(at); // this "process" dies inside post()
    await waitFor(() => h!.poster.calls.post === 1);
    // Within the lease nobody else touches it.
    h.clock.now = new Date(at.getTime() + 60_000);
    await h.scheduler(1).tick(h.clock.now);
    expect(h.poster.posts).toHaveLength(0);
    h.clock.now = new Date(at.getTime() + 6 * 60_000);
    const result = await h.scheduler(1).tick(h.clock.now);
    expect(result).toMatchObject({ tookOver: 1, posted: 1 });
    expect(h.poster.posts.map((post) => post.marker)).toEqual([idempotencyMarker(id, "2026-11-23")]);
    // It was `posting`: checked before posting again, and after posting for an earlier copy.
    expect(h.poster.calls.findPosted).toBe(2);
  });

  test("a process killed after the post went out but before recording it: the takeover finds it and does not post again", async () => {
    h = await createHarness(target, 2);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    const at = new Date("2026-11-23T08:00:00Z");
    h.clock.now = at;
    h.poster.failNextPosts({ kind: "hang", posts: true });
    void h.scheduler(0).tick(at);
    await waitFor(() => h!.poster.posts.length === 1);
    h.clock.now = new Date(at.getTime() + 6 * 60_000);
    expect(await h.scheduler(1).tick(h.clock.now)).toMatchObject({ tookOver: 1, posted: 1 });
    expect(h.poster.posts).toHaveLength(1);
    const run = await h.databases[0]!.prisma.digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ state: "posted", messageId: h.poster.posts[0]!.messageId });
  });

  test("a post stalled 4 s over a 2 s lease: the heartbeat keeps the lease, nobody posts a second copy", async () => {
    h = await createHarness(target, 2);
    const result = await runLeaseStall(h, "live");
    expect(result).toMatchObject({ inChannel: 1, deleted: 0, takeovers: 0, state: "posted" });
    expect(result.recordedMessageId).toBe(result.keptMessageId);
  });

  test("a frozen process (no heartbeat) wakes after a takeover posted: its newer copy is deleted, one post stays", async () => {
    h = await createHarness(target, 2);
    const result = await runLeaseStall(h, "frozen");
    expect(result).toMatchObject({ inChannel: 1, deleted: 1, takeovers: 1, state: "posted" });
    expect(result.recordedMessageId).toBe(result.keptMessageId);
  });

  test("a holder taken over while it waited to retry does not post: the claim is re-checked right before the call", async () => {
    h = await createHarness(target, 2);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    const at = new Date("2026-11-23T08:00:00Z");
    h.clock.now = at;
    let wake!: () => void;
    const waiting = new Promise<void>((resolve) => (wake = resolve));
    const noHeartbeat = () => () => undefined;
    h.poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 1_000 });
    const first = h.scheduler(0, { leaseMs: 2_000, sleep: () => waiting, every: noHeartbeat }).tick(at);
    await waitFor(() => h!.poster.calls.post === 1);
    h.clock.now = new Date(at.getTime() + 3_000);
    expect(await h.scheduler(1, { leaseMs: 2_000, every: noHeartbeat }).tick(h.clock.now)).toMatchObject({ tookOver: 1, posted: 1 });
    wake();
    expect(await first).toMatchObject({ posted: 0 });
    expect(h.poster.calls.post).toBe(2); // the 429, then the takeover's post; none after waking
    expect(h.poster.posts).toHaveLength(1);
  });

  test("429 with Retry-After, a 5xx and a lost response are retried and the digest goes out exactly once", async () => {
    h = await createHarness(target);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    const sleeps: number[] = [];
    h.clock.now = new Date("2026-11-23T08:00:00Z");
    h.poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 7_000 }, { kind: "server-error", status: 502 }, { kind: "lost-response" });
    const result = await h.scheduler(0, { sleep: async (ms) => void sleeps.push(ms) }).tick(h.clock.now);
    expect(result).toMatchObject({ claimed: 1, posted: 1 });
    expect(h.poster.posts).toHaveLength(1); // the lost response did post; findPosted saw it
    expect(h.poster.calls.post).toBe(3);
    expect(sleeps).toEqual([7_000, 2_000]); // Retry-After honoured, then exponential backoff
    const run = await h.databases[0]!.prisma.digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ state: "posted", attempts: 3, messageId: h.poster.posts[0]!.messageId, late: false });
  });

  test("when it cannot tell whether a post went out, the run is `unknown` and is checked, not re-posted, later", async () => {
    h = await createHarness(target);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    h.clock.now = new Date("2026-11-23T08:00:00Z");
    h.poster.failNextPosts({ kind: "lost-response" });
    h.poster.failNextFinds(2);
    const scheduler = h.scheduler(0);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ unknown: 1, posted: 0 });
    expect((await h.databases[0]!.prisma.digestRun.findFirstOrThrow()).state).toBe("unknown");
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60_000);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ tookOver: 1, posted: 1 });
    expect(h.poster.posts).toHaveLength(1);
    expect(h.poster.calls.post).toBe(1);
  });

  test("a long Retry-After releases the run for a later tick instead of sleeping", async () => {
    h = await createHarness(target);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
    h.clock.now = new Date("2026-11-23T08:00:00Z");
    h.poster.failNextPosts({ kind: "rate-limit", retryAfterMs: 120_000 });
    const scheduler = h.scheduler(0);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ failed: 1 });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ posted: 0, tookOver: 0 });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ tookOver: 1, posted: 1 });
    expect(h.poster.posts).toHaveLength(1);
  });

  test("after downtime the digest is posted late, and after the cut-off the miss is recorded", async () => {
    h = await createHarness(target);
    const id = await h.subscribe({ localTime: "08:00", timeZone: "Europe/Berlin", weekdays: [1, 2, 3, 4, 5] });
    // Monday 2026-11-23 08:00 Berlin = 07:00Z; the first tick comes 2 hours later.
    h.clock.now = new Date("2026-11-23T09:00:00Z");
    const scheduler = h.scheduler(0);
    expect(await scheduler.tick(h.clock.now)).toMatchObject({ posted: 1 });
    const prisma = h.databases[0]!.prisma;
    expect(await prisma.digestRun.findFirstOrThrow({ where: { subscriptionId: id } })).toMatchObject({ state: "posted", late: true });
    // Down from Tuesday morning to Tuesday 15:00 Berlin: 8 hours late, beyond the 6-hour cut-off.
    h.clock.now = new Date("2026-11-24T14:00:00Z");
    expect(await h.scheduler(1).tick(h.clock.now)).toMatchObject({ missed: 1, posted: 0 });
    const tuesday = await prisma.digestRun.findFirstOrThrow({ where: { subscriptionId: id, state: "missed" } });
    expect(tuesday.localDate.toISOString().slice(0, 10)).toBe("2026-11-24");
    expect(h.poster.posts).toHaveLength(1);
    // Another process ticking the same moment does not record it twice.
    expect(await h.scheduler(2).tick(h.clock.now)).toMatchObject({ missed: 0 });
  });

  test("an empty digest posts nothing unless the subscription asks for all-clear posts", async () => {
    h = await createHarness(target);
    await h.subscribe({ localTime: "08:00", timeZone: "UTC", postWhenEmpty: false });
    await h.subscribe({ localTime: "08:00", timeZone: "UTC", postWhenEmpty: true });
    h.clock.now = new Date("2026-11-23T08:00:00Z");
    expect(await h.scheduler(0).tick(h.clock.now)).toMatchObject({ skipped: 1, posted: 1 });
    expect(h.poster.posts.map((post) => post.reply.blocks)).toEqual([[{ type: "text", text: "No follow-ups due this week. All clear." }]]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
