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
