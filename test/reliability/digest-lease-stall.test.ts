/**
 * Issue 12, item 5: lease stall. Two digest schedulers on separate PostgreSQL connections; the
 * first one's post stalls for 4 s over a 2 s lease while the second ticks every 500 ms (fake
 * clock, heartbeat fired by hand: no dependence on machine speed). Once with the first process
 * alive (its lease heartbeat runs), once frozen (no heartbeat: the second takes over and posts,
 * then the stalled copy lands). Expected both times: exactly one copy left in the channel, and
 * the run records that copy.
 *
 * Control (the row must be able to fail): frozen, with duplicates never deleted, is judged a
 * failure by the same judge.
 */
import { afterEach, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createHarness, type Harness } from "../digests/harness.js";
import { LEASE_MS, oneCopyKept, runLeaseStall, STALL_MS, type LeaseStallResult } from "../digests/lease-stall.js";
import { recordResult } from "./results.js";

const postgres = testTargets.find((target) => target.name === "postgres")!;

describe("lease stall", () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });

  async function run(mode: "live" | "frozen", options: { deletes?: boolean } = {}): Promise<LeaseStallResult> {
    const h = await createHarness(postgres, 2);
    harnesses.push(h);
    return runLeaseStall(h, mode, options);
  }

  test("a post stalled past its lease leaves exactly one copy in the channel", async () => {
    const results: Partial<Record<"live" | "frozen", LeaseStallResult>> = {};
    let failure: unknown;
    try {
      results.live = await run("live");
      results.frozen = await run("frozen");
    } catch (error) {
      failure = error;
    }
    const { live, frozen } = results;
    const held = !failure && !!live && !!frozen && oneCopyKept(live) && oneCopyKept(frozen);
    recordResult({
      test: "lease stall",
      injected: `2 schedulers (separate PostgreSQL connections), post stalled ${STALL_MS / 1000} s over a ${LEASE_MS / 1000} s lease; process alive (heartbeat) and frozen (no heartbeat)`,
      figure:
        `copies left in the channel: alive ${live?.inChannel ?? "?"} (takeovers ${live?.takeovers ?? "?"}), ` +
        `frozen ${frozen?.inChannel ?? "?"} (takeovers ${frozen?.takeovers ?? "?"}, duplicates deleted ${frozen?.deleted ?? "?"})` +
        (failure ? `; FAILED: ${String(failure)}` : ""),
      pass: held,
    });
    expect(failure).toBeUndefined();
    expect(held).toBe(true);
  });

  test("control: a frozen process whose duplicate is never deleted is judged a failure", async () => {
    const result = await run("frozen", { deletes: false });
    expect(result.inChannel).toBe(2);
    expect(oneCopyKept(result)).toBe(false);
  });
});
