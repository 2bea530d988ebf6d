import { afterEach, expect, test } from "vitest";
import { createMetrics } from "./metrics.js";
import { startOpsServer, type OpsServer } from "./ops-server.js";

let ops: OpsServer | undefined;
afterEach(async () => ops?.close());

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${ops!.port}${path}`);
  return { status: response.status, text: await response.text() };
}

test("/readyz is 503 until the adapters have started, 200 while the database answers, 503 again when shutting down", async () => {
  let databaseUp = true;
  ops = await startOpsServer({
    port: 0,
    host: "127.0.0.1",
    metrics: createMetrics({ defaultMetrics: false }),
    checkDatabase: async () => {
      if (!databaseUp) throw new Error("connection refused");
    },
  });
  expect(await get("/healthz")).toEqual({ status: 200, text: "ok\n" });
  expect(await get("/readyz")).toEqual({ status: 503, text: "starting\n" });
  ops.markStarted();
  expect(await get("/readyz")).toEqual({ status: 200, text: "ready\n" });
  databaseUp = false;
  expect(await get("/readyz")).toEqual({ status: 503, text: "not ready: connection refused\n" });
  databaseUp = true;
  ops.markShuttingDown();
  expect(await get("/readyz")).toEqual({ status: 503, text: "shutting down\n" });
});

test("/metrics shows admission: running and waiting commands, and requests turned away by reason", async () => {
  const { createAdmission } = await import("../core/admission.js");
  const admission = createAdmission({ maxInFlight: 1, maxWaiting: 1, member: { perSecond: 0, burst: 1 }, workspace: { perSecond: 0, burst: 1 } });
  const request = { platform: "slack", workspace: "T1", member: "U1" };
  const first = admission.tryAdmit(request);
  const second = admission.tryAdmit(request);
  admission.tryAdmit(request);
  let release!: () => void;
  if (first.ok) void first.ticket.run(() => new Promise<void>((resolve) => (release = resolve)));
  ops = await startOpsServer({ port: 0, host: "127.0.0.1", metrics: createMetrics({ defaultMetrics: false, admissionStats: admission.stats }), checkDatabase: async () => undefined });
  const { text } = await get("/metrics");
  expect(text).toContain('rapport_admission_requests{state="running"} 1');
  expect(text).toContain('rapport_admission_requests{state="waiting"} 1');
  expect(text).toContain('rapport_admission_refused{reason="busy"} 1');
  release();
  if (second.ok) second.ticket.cancel();
});

test("GIVEN a metrics token THEN /metrics answers 401 without it or with another, 200 with it; the probes stay open", async () => {
  ops = await startOpsServer({ port: 0, host: "127.0.0.1", metricsToken: "scrape-secret", metrics: createMetrics({ defaultMetrics: false }), checkDatabase: async () => undefined });
  const metrics = (authorization?: string) => fetch(`http://127.0.0.1:${ops!.port}/metrics`, { headers: authorization ? { authorization } : {} });
  const refused = await metrics();
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
  expect((await metrics("Bearer scrape-secreT")).status).toBe(401);
  expect((await metrics("Basic scrape-secret")).status).toBe(401);
  const allowed = await metrics("Bearer scrape-secret");
  expect(allowed.status).toBe(200);
  expect(await allowed.text()).toContain("rapport_");
  expect((await get("/healthz")).status).toBe(200);
});

test("should listen on the interface it is given, loopback by default", async () => {
  ops = await startOpsServer({ port: 0, metrics: createMetrics({ defaultMetrics: false }), checkDatabase: async () => undefined });
  expect(ops.address).toBe("127.0.0.1");
  await ops.close();
  ops = await startOpsServer({ port: 0, host: "0.0.0.0", metrics: createMetrics({ defaultMetrics: false }), checkDatabase: async () => undefined });
  expect(ops.address).toBe("0.0.0.0");
  expect((await get("/healthz")).status).toBe(200);
});
