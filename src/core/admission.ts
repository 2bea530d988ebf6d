/**
 * Admission: decides, before an adapter acknowledges a request, whether Rapport takes it on.
 *
 * Three checks, all synchronous so the answer can go in the ack itself:
 * - a token bucket per member and one per workspace (a burst, then a steady rate);
 * - a bound on the work taken on: at most `maxInFlight` commands run at once (sized to the database
 *   pool, so a transaction never waits long for a connection) and at most `maxWaiting` more wait
 *   for a slot. Past that the request is turned away with "busy, try again in a moment".
 *
 * A request that is admitted holds a ticket: it is run exactly once (or cancelled if the adapter
 * ends up not needing the core) and is never dropped or timed out here, so nothing acknowledged is
 * lost; a refused request has written nothing and says so. Memory stays bounded: the queue holds
 * at most `maxWaiting` callbacks and the bucket map at most `maxTrackedKeys` entries.
 *
 * Why hand-written rather than p-queue/p-limit: the decision must be synchronous and report the
 * queue length (p-queue's `add` only returns a promise, and its rate limiting is one global
 * interval, not a bucket per member and per workspace), and the whole thing is ~100 lines with a
 * fake clock for tests.
 */
import type { Reply } from "./reply.js";
import { createTranslator, localeFromTag, type Translate } from "./i18n/index.js";

/** `perSecond` tokens are added each second up to `burst`; `perSecond: 0` turns the limit off. */
export type RateLimit = { perSecond: number; burst: number };

export type AdmissionLimits = {
  /** Commands running at once; sized to the database pool. */
  maxInFlight: number;
  /** Admitted commands waiting for a slot; beyond this a request is refused as busy. */
  maxWaiting: number;
  member: RateLimit;
  workspace: RateLimit;
  /** Buckets kept (least recently used dropped first; a dropped bucket comes back full). */
  maxTrackedKeys?: number;
};

export type AdmissionRequest = {
  /** Slack team id, Discord guild id ... (with the platform, so ids of two platforms never collide). */
  platform: string;
  workspace: string;
  member: string;
  /** The platform's language tag for the person (Discord's interaction locale), for the refusal's words. */
  locale?: string;
  /**
   * Lookups (pickers, autocomplete) fire on keystrokes: they respect the bound on work in flight
   * but do not spend the member's or the workspace's tokens.
   */
  lookup?: boolean;
};

export type RefusalReason = "busy" | "member_rate" | "workspace_rate";

export type Refusal = {
  reason: RefusalReason;
  /** Admitted requests not yet running when this one was refused. */
  waiting: number;
  /** When trying again has a chance (rate limits: when a token is back; busy: a guess). */
  retryAfterMs: number;
  /** What to tell the person: why, when to try again, that nothing was saved. */
  message: string;
  /** The same as an ephemeral reply, to show instead of a result. */
  reply: Reply;
};

/** An admitted request: `run` it once (it waits for a slot, then runs), or `cancel` it unused. */
export type Ticket = {
  run<T>(work: () => Promise<T>): Promise<T>;
  cancel(): void;
};

export type AdmissionDecision = { ok: true; ticket: Ticket } | { ok: false; refusal: Refusal };

export type AdmissionStats = {
  running: number;
  waiting: number;
  admitted: number;
  refused: Record<RefusalReason, number>;
  trackedKeys: number;
};

export type Admission = {
  tryAdmit(request: AdmissionRequest): AdmissionDecision;
  stats(): AdmissionStats;
  /**
   * Resolves once every admitted request has finished, or after `timeoutMs` (false then): a
   * shutdown waits for it before closing the database, so what was taken on is done.
   */
  drain(timeoutMs: number): Promise<boolean>;
  readonly limits: Readonly<AdmissionLimits>;
};

export const DEFAULT_RATE_LIMITS = {
  /** A person typing or clicking: 10 at once, then one a second. */
  member: { perSecond: 1, burst: 10 },
  /** A whole workspace: 100 at once, then 20 a second. */
  workspace: { perSecond: 20, burst: 100 },
} as const satisfies Record<string, RateLimit>;

/** Waiting slots per running one: a full queue drains in about 10 service times. */
export const WAITING_PER_SLOT = 10;

/**
 * Limits for a database: as many running commands as pooled connections (the embedded database
 * is one session: 2, so one command's JavaScript overlaps the other's queries), ten times as many
 * waiting. Each value may be overridden.
 */
export function admissionLimitsFor(
  database: { poolSize: number; embedded: boolean },
  overrides: { maxInFlight?: number; maxWaiting?: number; member?: Partial<RateLimit>; workspace?: Partial<RateLimit> } = {},
): AdmissionLimits {
  const maxInFlight = overrides.maxInFlight ?? (database.embedded ? 2 : database.poolSize);
  return {
    maxInFlight,
    maxWaiting: overrides.maxWaiting ?? maxInFlight * WAITING_PER_SLOT,
    member: { ...DEFAULT_RATE_LIMITS.member, ...overrides.member },
    workspace: { ...DEFAULT_RATE_LIMITS.workspace, ...overrides.workspace },
  };
}

/** Admits everything and bounds nothing: for tests and embedding that do their own limiting. */
export function admitAll(): Admission {
  return createAdmission({ maxInFlight: Number.POSITIVE_INFINITY, maxWaiting: 0, member: { perSecond: 0, burst: 1 }, workspace: { perSecond: 0, burst: 1 } });
}

type Bucket = { tokens: number; at: number };

export function createAdmission(limits: AdmissionLimits, clock: () => number = Date.now): Admission {
  if (!(limits.maxInFlight >= 1)) throw new RangeError("maxInFlight must be at least 1");
  if (!(limits.maxWaiting >= 0)) throw new RangeError("maxWaiting must be 0 or more");
  const maxKeys = limits.maxTrackedKeys ?? 50_000;
  const buckets = new Map<string, Bucket>();
  const slots: (() => void)[] = [];
  let running = 0;
  let admitted = 0;
  const refused: Record<RefusalReason, number> = { busy: 0, member_rate: 0, workspace_rate: 0 };
  let idle: (() => void)[] = [];

  function settled(): void {
    admitted -= 1;
    if (admitted > 0) return;
    for (const resolve of idle) resolve();
    idle = [];
  }

  /** The bucket's tokens now (refilled), touched as most recently used. */
  function bucket(key: string, limit: RateLimit, now: number): Bucket {
    const found = buckets.get(key);
    buckets.delete(key);
    const current = found
      ? { tokens: Math.min(limit.burst, found.tokens + (Math.max(0, now - found.at) / 1000) * limit.perSecond), at: now }
      : { tokens: limit.burst, at: now };
    buckets.set(key, current);
    while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
    return current;
  }

  function refuse(reason: RefusalReason, retryAfterMs: number, locale: string | undefined): AdmissionDecision {
    refused[reason] += 1;
    const waiting = admitted - running;
    const t = createTranslator(localeFromTag(locale) ?? "en");
    const message = refusalMessage(reason, waiting, retryAfterMs, limits, t);
    // The first sentence is the headline (notifications, fallback text).
    const end = t.locale === "en" ? message.indexOf(". ") + 1 : message.search(/。|\.(\s|$)/) + 1;
    const title = end > 0 ? message.slice(0, end) : message;
    const reply: Reply = {
      title,
      blocks: [{ type: "text", text: message, tone: "warning" }],
      visibility: "ephemeral",
      isError: true,
      code: reason,
      ...(t.locale === "en" ? {} : { locale: t.locale }),
    };
    return { ok: false, refusal: { reason, waiting, retryAfterMs, message, reply } };
  }

  function release(): void {
    const next = slots.shift();
    if (next) next();
    else running -= 1;
    settled();
  }

  function ticket(): Ticket {
    let used = false;
    const claim = (what: string) => {
      if (used) throw new Error(`This admission ticket was already used (${what}).`);
      used = true;
    };
    return {
      async run(work) {
        claim("run");
        if (running < limits.maxInFlight) running += 1;
        // A finishing command hands its slot straight to the first in line (running stays the same).
        else await new Promise<void>((resolve) => slots.push(resolve));
        try {
          return await work();
        } finally {
          release();
        }
      },
      cancel() {
        claim("cancel");
        settled();
      },
    };
  }

  return {
    limits: Object.freeze({ ...limits }),
    tryAdmit(request) {
      const now = clock();
      let member: Bucket | undefined;
      let workspace: Bucket | undefined;
      if (!request.lookup) {
        const workspaceKey = `${request.platform}:${request.workspace}`;
        if (limits.member.perSecond > 0) {
          member = bucket(`m:${workspaceKey}:${request.member}`, limits.member, now);
          if (member.tokens < 1) return refuse("member_rate", msUntilToken(member, limits.member), request.locale);
        }
        if (limits.workspace.perSecond > 0) {
          workspace = bucket(`w:${workspaceKey}`, limits.workspace, now);
          if (workspace.tokens < 1) return refuse("workspace_rate", msUntilToken(workspace, limits.workspace), request.locale);
        }
      }
      if (admitted >= limits.maxInFlight + limits.maxWaiting) return refuse("busy", 1_000, request.locale);
      // Tokens are spent only by a request that gets in.
      if (member) member.tokens -= 1;
      if (workspace) workspace.tokens -= 1;
      admitted += 1;
      return { ok: true, ticket: ticket() };
    },
    stats: () => ({ running, waiting: admitted - running, admitted, refused: { ...refused }, trackedKeys: buckets.size }),
    async drain(timeoutMs) {
      if (admitted === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const done = new Promise<boolean>((resolve) => idle.push(() => resolve(true)));
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([done, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function msUntilToken(bucket: Bucket, limit: RateLimit): number {
  return Math.ceil(((1 - bucket.tokens) / limit.perSecond) * 1000);
}

/** What the person sees instead of a result: why, when to try again, and that nothing was written. */
export function refusalMessage(
  reason: RefusalReason,
  waiting: number,
  retryAfterMs: number,
  limits: AdmissionLimits,
  t: Translate = createTranslator("en"),
): string {
  if (reason === "busy") return t("admission.busy", { waiting, waitingText: String(waiting) });
  const limit = reason === "member_rate" ? limits.member : limits.workspace;
  const perSecond = limit.perSecond >= 1;
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return t("admission.tooFast", {
    who: reason === "member_rate" ? "member" : "workspace",
    burst: String(limit.burst),
    steady: perSecond ? "second" : "minute",
    rate: String(+(perSecond ? limit.perSecond : limit.perSecond * 60).toFixed(2)),
    seconds,
    secondsText: String(seconds),
  });
}
