/**
 * Prometheus metrics (prom-client). One registry per process; the ops server exposes it on
 * /metrics. Label values are bounded (command names from the registry, platforms, outcomes).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AdmissionStats } from "../core/admission.js";
import type { PlatformApiEvent } from "../core/platform-api-events.js";

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(
  options: { defaultMetrics?: boolean; poolStats?: () => { total: number; idle: number; waiting: number }; admissionStats?: () => AdmissionStats } = {},
) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "rapport_process_" });
  const platformApiErrors = new Counter({
    name: "rapport_platform_api_errors_total",
    help: "Errors from Slack/Discord APIs (replies, uploads, digest posts), by platform and code.",
    labelNames: ["platform", "code"] as const,
    registers: [registry],
  });
  const platformApiRetries = new Counter({
    name: "rapport_platform_api_retries_total",
    help: "Calls to Slack/Discord APIs retried, by platform and reason (rate_limited, lost_response, ...).",
    labelNames: ["platform", "reason"] as const,
    registers: [registry],
  });
  return {
    registry,
    commandDuration: new Histogram({
      name: "rapport_command_duration_seconds",
      help: "Time to answer a command, by command, platform and outcome (ok, user_error, error).",
      labelNames: ["command", "platform", "outcome"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    digestPosts: new Counter({
      name: "rapport_digest_posts_total",
      help: "Digest posting attempts by platform and outcome (posted, rate_limited, server_error, lost_response, fatal, ...).",
      labelNames: ["platform", "outcome"] as const,
      registers: [registry],
    }),
    platformApiErrors,
    platformApiRetries,
    /** The adapters' PlatformApiObserver. */
    observePlatformApi(event: PlatformApiEvent): void {
      if (event.kind === "retry") platformApiRetries.inc({ platform: event.platform, reason: event.code });
      else platformApiErrors.inc({ platform: event.platform, code: event.code });
    },
    admissionRequests: new Gauge({
      name: "rapport_admission_requests",
      help: "Admitted commands by state (running, waiting for a slot).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = options.admissionStats?.();
        if (!stats) return;
        this.set({ state: "running" }, stats.running);
        this.set({ state: "waiting" }, stats.waiting);
      },
    }),
    admissionRefused: new Gauge({
      name: "rapport_admission_refused",
      help: "Requests turned away since start (answered busy or too fast), by reason (busy, member_rate, workspace_rate).",
      labelNames: ["reason"] as const,
      registers: [registry],
      collect() {
        const stats = options.admissionStats?.();
        if (!stats) return;
        for (const [reason, count] of Object.entries(stats.refused)) this.set({ reason }, count);
      },
    }),
    databasePool: new Gauge({
      name: "rapport_database_pool_connections",
      help: "PostgreSQL pool connections by state (total, idle, waiting); absent on the embedded database.",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = options.poolStats?.();
        if (!stats) return;
        this.set({ state: "total" }, stats.total);
        this.set({ state: "idle" }, stats.idle);
        this.set({ state: "waiting" }, stats.waiting);
      },
    }),
  };
}
