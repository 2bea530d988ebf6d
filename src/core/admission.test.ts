import { describe, expect, test } from "vitest";
import { admissionLimitsFor, admitAll, createAdmission, type AdmissionLimits, type AdmissionRequest, type Ticket } from "./admission.js";

const OFF = { perSecond: 0, burst: 1 };
const PAT: AdmissionRequest = { platform: "slack", workspace: "T1", member: "U1" };
const SAM: AdmissionRequest = { platform: "slack", workspace: "T1", member: "U2" };
const OTHER_TEAM: AdmissionRequest = { platform: "slack", workspace: "T2", member: "U1" };
const SAME_IDS_ON_DISCORD: AdmissionRequest = { platform: "discord", workspace: "T1", member: "U1" };

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function limits(overrides: Partial<AdmissionLimits>): AdmissionLimits {
  return { maxInFlight: 100, maxWaiting: 0, member: OFF, workspace: OFF, ...overrides };
}

/** A command that runs until released. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: async () => (await opened, "done") };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("token buckets (fake clock)", () => {
  // Each step: advance the clock by `after` ms, then send `who`; expect admitted or the refusal reason.
  type Step = [after: number, who: AdmissionRequest, expected: "ok" | "member_rate" | "workspace_rate"];
  test.each<[string, Partial<AdmissionLimits>, Step[]]>([
    [
      "GIVEN a member burst of 3 THEN the 4th at once is refused, and one more after 1 s at 1/s",
      { member: { perSecond: 1, burst: 3 } },
      [[0, PAT, "ok"], [0, PAT, "ok"], [0, PAT, "ok"], [0, PAT, "member_rate"], [999, PAT, "member_rate"], [1, PAT, "ok"], [0, PAT, "member_rate"]],
    ],
    [
      "GIVEN a member limit THEN another member, another workspace and another platform have their own buckets",
      { member: { perSecond: 1, burst: 1 } },
      [[0, PAT, "ok"], [0, PAT, "member_rate"], [0, SAM, "ok"], [0, OTHER_TEAM, "ok"], [0, SAME_IDS_ON_DISCORD, "ok"]],
    ],
    [
      "GIVEN a workspace burst of 2 THEN a third member of that workspace is refused, another workspace is not",
      { workspace: { perSecond: 10, burst: 2 } },
      [[0, PAT, "ok"], [0, SAM, "ok"], [0, { ...PAT, member: "U3" }, "workspace_rate"], [0, OTHER_TEAM, "ok"], [100, { ...PAT, member: "U3" }, "ok"]],
    ],
    [
      "GIVEN a bucket refilled for a long time THEN it holds no more than its burst",
      { member: { perSecond: 1, burst: 2 } },
      [[0, PAT, "ok"], [3_600_000, PAT, "ok"], [0, PAT, "ok"], [0, PAT, "member_rate"]],
    ],
    [
      "GIVEN a refused workspace THEN the member's token is not spent",
      { member: { perSecond: 1, burst: 1 }, workspace: { perSecond: 1, burst: 1 } },
      [[0, SAM, "ok"], [0, PAT, "workspace_rate"], [1_000, PAT, "ok"]],
    ],
    [
      "GIVEN a fractional rate (0.5/s) THEN a token comes back after 2 s",
      { member: { perSecond: 0.5, burst: 1 } },
      [[0, PAT, "ok"], [1_999, PAT, "member_rate"], [1, PAT, "ok"]],
    ],
    ["GIVEN perSecond 0 THEN there is no limit", { member: OFF, workspace: OFF }, Array.from({ length: 50 }, (): Step => [0, PAT, "ok"])],
  ])("%s", (_name, overrides, steps) => {
    const clock = fakeClock();
    const admission = createAdmission(limits(overrides), clock.now);
    const outcomes = steps.map(([after, who]) => {
      clock.advance(after);
      const decision = admission.tryAdmit(who);
      if (decision.ok) decision.ticket.cancel();
      return decision.ok ? "ok" : decision.refusal.reason;
    });
    expect(outcomes).toEqual(steps.map(([, , expected]) => expected));
  });

  test("GIVEN a refusal for the rate THEN it says when to try again and that nothing was saved", () => {
    const clock = fakeClock();
    const admission = createAdmission(limits({ member: { perSecond: 0.2, burst: 1 } }), clock.now);
    expect(admission.tryAdmit(PAT).ok).toBe(true);
    clock.advance(1_000);
    const decision = admission.tryAdmit(PAT);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.refusal.retryAfterMs).toBe(4_000);
    expect(decision.refusal.reply).toMatchObject({
      title: "You are sending commands faster than Rapport takes them (1 at once, then 12 a minute).",
      isError: true,
      visibility: "ephemeral",
      blocks: [{ type: "text", tone: "warning", text: "You are sending commands faster than Rapport takes them (1 at once, then 12 a minute). Try again in 4 seconds. Nothing from this request was saved; send it again then." }],
    });
  });

  test.each([
    ["ko", "명령어를 Rapport가 처리할 수 있는 속도보다 빠르게 보내고 있습니다 (한 번에 1건, 이후 분당 12건).", "4초 후에 다시 시도해 주십시오."],
    ["zh-CN", "您发送命令的速度超过了 Rapport 的处理速度（最多连续 1 条，之后每分钟 12 条）。", "请在 4 秒后重试。"],
    ["zh-TW", "您送出指令的速度超過 Rapport 的處理速度（最多連續 1 則，之後每分鐘 12 則）。", "請在 4 秒後再試。"],
  ])("GIVEN a refusal for a member whose platform locale is %s THEN it is said in that language", (locale, title, retry) => {
    const clock = fakeClock();
    const admission = createAdmission(limits({ member: { perSecond: 0.2, burst: 1 } }), clock.now);
    expect(admission.tryAdmit({ ...PAT, locale }).ok).toBe(true);
    clock.advance(1_000);
    const decision = admission.tryAdmit({ ...PAT, locale });
    if (decision.ok) throw new Error("admitted");
    expect(decision.refusal.reply).toMatchObject({ title, locale, isError: true });
    expect(decision.refusal.message).toContain(retry);
  });

  test("GIVEN a fractional rate above one a second THEN the headline is still the whole first sentence", () => {
    const admission = createAdmission(limits({ workspace: { perSecond: 2.5, burst: 1 } }), fakeClock().now);
    admission.tryAdmit(PAT);
    const decision = admission.tryAdmit(SAM);
    expect(decision.ok ? undefined : decision.refusal.reply.title).toBe("This workspace is sending commands faster than Rapport takes them (1 at once, then 2.5 a second).");
  });

  test("GIVEN lookups (pickers) THEN they spend no tokens", () => {
    const admission = createAdmission(limits({ member: { perSecond: 1, burst: 1 } }), fakeClock().now);
    for (let i = 0; i < 5; i += 1) {
      const decision = admission.tryAdmit({ ...PAT, lookup: true });
      expect(decision.ok).toBe(true);
      if (decision.ok) decision.ticket.cancel();
    }
    expect(admission.tryAdmit(PAT).ok).toBe(true);
  });

  test("GIVEN more members than tracked keys THEN the map stays bounded", () => {
    const admission = createAdmission({ ...limits({ member: { perSecond: 1, burst: 1 } }), maxTrackedKeys: 100 }, fakeClock().now);
    for (let i = 0; i < 1_000; i += 1) {
      const decision = admission.tryAdmit({ ...PAT, member: `U${i}` });
      if (decision.ok) decision.ticket.cancel();
    }
    expect(admission.stats().trackedKeys).toBe(100);
  });
});

describe("bounded work in flight", () => {
  test.each([
    // [maxInFlight, maxWaiting, requests, expected admitted, expected busy]
    [1, 0, 3, 1, 2],
    [2, 3, 10, 5, 5],
    [10, 100, 50, 50, 0],
  ])("GIVEN %i running and %i waiting at most WHEN %i arrive at once THEN %i are admitted and %i turned away as busy", (maxInFlight, maxWaiting, requests, admitted, busy) => {
    const admission = createAdmission(limits({ maxInFlight, maxWaiting }));
    const decisions = Array.from({ length: requests }, () => admission.tryAdmit(PAT));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(admitted);
    expect(decisions.filter((decision) => !decision.ok && decision.refusal.reason === "busy")).toHaveLength(busy);
  });

  test("GIVEN a full queue THEN the busy reply names how many wait and says try again", () => {
    const admission = createAdmission(limits({ maxInFlight: 2, maxWaiting: 3 }));
    const tickets: Ticket[] = [];
    const gates = [gate(), gate()];
    for (let i = 0; i < 5; i += 1) {
      const decision = admission.tryAdmit(PAT);
      if (decision.ok) tickets.push(decision.ticket);
    }
    void tickets[0]!.run(gates[0]!.work);
    void tickets[1]!.run(gates[1]!.work);
    const refused = admission.tryAdmit(PAT);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.refusal.reply.title).toBe("Rapport is busy (3 requests waiting).");
    expect(refused.refusal.reply.blocks).toEqual([
      { type: "text", tone: "warning", text: "Rapport is busy (3 requests waiting). Try again in a moment. Nothing from this request was saved; send it again then." },
    ]);
  });

  test("GIVEN 2 slots THEN never more than 2 run at once, all admitted run in order, and slots come back", async () => {
    const admission = createAdmission(limits({ maxInFlight: 2, maxWaiting: 4 }));
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, index) => {
      const decision = admission.tryAdmit(PAT);
      if (!decision.ok) throw new Error("expected admission");
      return decision.ticket.run(async () => (started.push(index), g.work()));
    });
    await flush();
    expect(started).toEqual([0, 1]);
    expect(admission.stats()).toMatchObject({ running: 2, waiting: 4, admitted: 6 });
    expect(admission.tryAdmit(PAT).ok).toBe(false);
    gates[1]!.open();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    expect(admission.stats()).toMatchObject({ running: 2, waiting: 3 });
    for (const g of gates) g.open();
    await expect(Promise.all(runs)).resolves.toEqual(Array(6).fill("done"));
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(admission.stats()).toMatchObject({ running: 0, waiting: 0, admitted: 0, refused: { busy: 1, member_rate: 0, workspace_rate: 0 } });
  });

  test("GIVEN a command that throws THEN its slot is released and the error reaches the caller", async () => {
    const admission = createAdmission(limits({ maxInFlight: 1, maxWaiting: 0 }));
    const first = admission.tryAdmit(PAT);
    if (!first.ok) throw new Error("expected admission");
    await expect(first.ticket.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(admission.tryAdmit(PAT).ok).toBe(true);
  });

  test("GIVEN a cancelled ticket THEN its place is free again; a ticket is used once", () => {
    const admission = createAdmission(limits({ maxInFlight: 1, maxWaiting: 0 }));
    const first = admission.tryAdmit(PAT);
    if (!first.ok) throw new Error("expected admission");
    expect(admission.tryAdmit(PAT).ok).toBe(false);
    first.ticket.cancel();
    expect(() => first.ticket.cancel()).toThrow(/already used/);
    expect(admission.tryAdmit(PAT).ok).toBe(true);
  });

  test("GIVEN admitted work WHEN draining THEN it resolves once all of it has finished, or false at the timeout", async () => {
    const admission = createAdmission(limits({ maxInFlight: 1, maxWaiting: 2 }));
    await expect(admission.drain(10)).resolves.toBe(true);
    const gates = [gate(), gate()];
    const runs = gates.map((g) => {
      const decision = admission.tryAdmit(PAT);
      if (!decision.ok) throw new Error("expected admission");
      return decision.ticket.run(g.work);
    });
    const unused = admission.tryAdmit(PAT);
    await expect(admission.drain(20)).resolves.toBe(false);
    const drained = admission.drain(60_000);
    gates[0]!.open();
    gates[1]!.open();
    await Promise.all(runs);
    if (unused.ok) unused.ticket.cancel();
    await expect(drained).resolves.toBe(true);
  });

  test("admitAll admits everything at once", () => {
    const admission = admitAll();
    expect(Array.from({ length: 10_000 }, () => admission.tryAdmit(PAT).ok).every(Boolean)).toBe(true);
  });
});

describe("admissionLimitsFor", () => {
  test.each([
    ["PostgreSQL pool of 10", { poolSize: 10, embedded: false }, {}, { maxInFlight: 10, maxWaiting: 100 }],
    ["PostgreSQL pool of 25", { poolSize: 25, embedded: false }, {}, { maxInFlight: 25, maxWaiting: 250 }],
    ["embedded (one session)", { poolSize: 10, embedded: true }, {}, { maxInFlight: 2, maxWaiting: 20 }],
    ["overridden", { poolSize: 10, embedded: false }, { maxInFlight: 4, maxWaiting: 7, member: { burst: 3 } }, { maxInFlight: 4, maxWaiting: 7, member: { perSecond: 1, burst: 3 } }],
  ])("GIVEN %s", (_name, database, overrides, expected) => {
    expect(admissionLimitsFor(database, overrides)).toMatchObject(expected);
  });
});
