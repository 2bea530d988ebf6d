/**
 * The operations endpoints, on their own port (RAPPORT_OPS_PORT) so they never share a path or a
 * limit with platform traffic:
 *   GET /healthz  the process is alive (200)
 *   GET /readyz   the adapters have started, the database answers within 1 s and the process is
 *                 not shutting down (200/503)
 *   GET /metrics  Prometheus text format
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";

export type OpsServer = { port: number; markStarted(): void; markShuttingDown(): void; close(): Promise<void> };

export async function startOpsServer(options: {
  port: number;
  host?: string;
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
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    markStarted() {
      started = true;
    },
    markShuttingDown() {
      shuttingDown = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
