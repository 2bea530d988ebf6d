/**
 * The operations endpoints, on their own port (RAPPORT_OPS_PORT) so they never share a path or a
 * limit with platform traffic:
 *   GET /healthz  the process is alive (200)
 *   GET /readyz   the adapters have started, the database answers within 1 s and the process is
 *                 not shutting down (200/503)
 *   GET /metrics  Prometheus text format; with a token, only for `Authorization: Bearer <token>`
 * The probes stay open without the token: orchestrators call them without credentials.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";

export type OpsServer = { port: number; address: string; markStarted(): void; markShuttingDown(): void; close(): Promise<void> };

export async function startOpsServer(options: {
  port: number;
  /** Interface to listen on (RAPPORT_OPS_HOST); default loopback. */
  host?: string;
  /** RAPPORT_METRICS_TOKEN: /metrics answers 401 without it. */
  metricsToken?: string;
  metrics: Metrics;
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
}): Promise<OpsServer> {
  // The ops port opens first (so /healthz answers during a slow start); /readyz waits until the
  // Slack and Discord adapters listen, or a load balancer would send work to a closed port.
  let started = false;
  let shuttingDown = false;
  const server: Server = createServer(async (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    try {
      if (request.method !== "GET") {
        response.writeHead(405).end();
      } else if (path === "/healthz") {
        response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      } else if (path === "/readyz") {
        if (shuttingDown || !started) {
          response.writeHead(503, { "content-type": "text/plain" }).end(shuttingDown ? "shutting down\n" : "starting\n");
          return;
        }
        await Promise.race([
          options.checkDatabase(),
          new Promise((_, reject) => setTimeout(() => reject(new Error("database check timed out")), 1000).unref()),
        ]);
        response.writeHead(200, { "content-type": "text/plain" }).end("ready\n");
      } else if (path === "/metrics") {
        if (options.metricsToken !== undefined && !bearerMatches(request.headers.authorization, options.metricsToken)) {
          response.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' }).end("unauthorized\n");
          return;
        }
        const body = await options.metrics.registry.metrics();
        response.writeHead(200, { "content-type": options.metrics.registry.contentType }).end(body);
      } else {
        response.writeHead(404).end();
      }
    } catch (error) {
      if (!response.headersSent) response.writeHead(503, { "content-type": "text/plain" });
      response.end(`not ready: ${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    address: (server.address() as AddressInfo).address,
    markStarted() {
      started = true;
    },
    markShuttingDown() {
      shuttingDown = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Compares digests, so neither the token's length nor its prefix leaks through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "";
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}
