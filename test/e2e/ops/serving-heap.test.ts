/**
 * A server keeps its JavaScript heap near what it holds (bin/serving-heap.mjs): `rapport start`
 * sets V8's flags before the application loads, so the young generation stays at its initial
 * 2 MB instead of growing to 32 MB while the server loads and answers. Read from the process's
 * own /metrics (prom-client's heap-space gauges), on a real `rapport start --server`.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitFor } from "../../support/processes.js";

const BIN = join(import.meta.dirname, "../../../bin/rapport.mjs");
const MB = 1024 * 1024;

/** The value of a heap-space gauge, e.g. space="new", from Prometheus text. */
function heapSpaceBytes(metrics: string, space: string): number {
  const line = metrics.split("\n").find((entry) => entry.startsWith("rapport_process_nodejs_heap_space_size_total_bytes") && entry.includes(`space="${space}"`));
  if (!line) throw new Error(`no heap-space gauge for ${space} in /metrics`);
  return Number(line.split(" ").at(-1));
}

describe("a serving process's heap", () => {
  let child: ChildProcess;
  let dataDir: string;
  let opsPort: number;
  let stderr = "";

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "rapport-heap-"));
    opsPort = await freePort();
    child = spawn(process.execPath, [BIN, "start", "--server"], {
      env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: "", RAPPORT_DATA_DIR: dataDir, RAPPORT_OPS_PORT: String(opsPort), RAPPORT_OPS_HOST: "127.0.0.1", RAPPORT_DRAIN_SECONDS: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${opsPort}/readyz`)).status === 200, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("keeps its young generation a few MB small after loading and answering", async () => {
    // Metrics rendering allocates on every request: enough churn for V8 to grow a default young
    // generation to 32 MB. Kept small it is 2 MB, or 4 when a scavenge grew it once while the
    // database's thread was starting, before the flags were set again.
    let metrics = "";
    for (let i = 0; i < 200; i++) metrics = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
    expect(stderr).toBe("");
    expect(heapSpaceBytes(metrics, "new")).toBeLessThanOrEqual(8 * MB);
  });
});
