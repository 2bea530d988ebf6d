/**
 * A digest post that stalls past its lease (issue 12, item 5): two schedulers, a 2 s lease, and
 * scheduler 0's platform call stuck for 4 s while scheduler 1 ticks every 500 ms. All on the
 * harness's fake clock; the heartbeat timer is fired by hand, so machine speed plays no part.
 *
 *  - "live": a slow platform call in a running process; its lease heartbeat fires as time passes.
 *  - "frozen": the whole process is stuck (its timers do not run either): scheduler 1 takes over
 *    and posts, then scheduler 0's copy lands after it.
 * The stalled message reaches the channel only when the stall ends, so a takeover's history
 * check during the stall cannot see it (the worst case).
 */
import { idempotencyMarker } from "../../src/digests/scheduler.js";
import type { Harness } from "./harness.js";

export const LEASE_MS = 2_000;
export const STALL_MS = 4_000;
const STEP_MS = 500;

export type LeaseStallResult = {
  /** Copies of the digest left in the channel. */
  inChannel: number;
  deleted: number;
  takeovers: number;
  state: string | undefined;
  recordedMessageId: string | null | undefined;
  keptMessageId: string | undefined;
};

/** Held when the channel ends with one copy and the run records that copy. */
export function oneCopyKept(result: LeaseStallResult): boolean {
  return result.inChannel === 1 && result.state === "posted" && result.recordedMessageId === result.keptMessageId;
}

/** `deletes: false` is the control: the platform never removes a duplicate (must be judged a failure when frozen). */
export async function runLeaseStall(h: Harness, mode: "live" | "frozen", options: { deletes?: boolean } = {}): Promise<LeaseStallResult> {
  if (options.deletes === false) h.poster.delete = async () => undefined;
  const id = await h.subscribe({ localTime: "08:00", timeZone: "UTC" });
  const at = new Date("2026-11-23T08:00:00Z");
  h.clock.now = at;
  const beats = new Set<() => Promise<void>>();
  const byHand = (_intervalMs: number, beat: () => Promise<void>) => {
    beats.add(beat);
    return () => void beats.delete(beat);
  };
  const never = () => () => undefined;

  let release!: () => void;
  h.poster.failNextPosts({ kind: "stall", until: new Promise<void>((resolve) => (release = resolve)), lands: "end" });
  const stalled = h.scheduler(0, { leaseMs: LEASE_MS, every: mode === "live" ? byHand : never }).tick(at);
  await until(() => h.poster.calls.post === 1);

  const other = h.scheduler(1, { leaseMs: LEASE_MS, every: never });
  let takeovers = 0;
  for (let elapsed = STEP_MS; elapsed <= STALL_MS; elapsed += STEP_MS) {
    h.clock.now = new Date(at.getTime() + elapsed);
    // Beats are due every third of the lease; firing them each half second is on time or early.
    for (const beat of [...beats]) await beat();
    takeovers += (await other.tick(h.clock.now)).tookOver;
  }
  release();
  await stalled;

  const marker = idempotencyMarker(id, "2026-11-23");
  const copies = h.poster.posts.filter((post) => post.marker === marker);
  const run = await h.databases[0]!.prisma.digestRun.findFirst({ where: { subscriptionId: id } });
  return {
    inChannel: copies.length,
    deleted: h.poster.deleted.filter((post) => post.marker === marker).length,
    takeovers,
    state: run?.state,
    recordedMessageId: run?.messageId,
    keptMessageId: copies[0]?.messageId,
  };
}

/** Waits (in real time, bounded) for the stalled call to have started; no timing is measured. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for the stalled post to start");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
