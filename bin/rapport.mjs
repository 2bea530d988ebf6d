#!/usr/bin/env node
// In development, runs the TypeScript sources directly through tsx: no build step between
// `npm install` and use. With NODE_ENV=production it runs the JavaScript `npm run build` wrote to
// dist/ (no compiler in the process; tsx is not even installed by `npm ci --omit=dev`).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { keepServingHeapSmall } from "./serving-heap.mjs";

// `rapport import` streams files of any size, but V8 collects the short-lived batches lazily and
// lets its heap grow far past what the import holds (1 GB at 1M rows). Run it with a fixed heap
// ceiling instead, in a child process since the ceiling cannot change after start.
const IMPORT_HEAP_MB = 256;
const heapFlagGiven = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((flag) => flag.includes("--max-old-space-size"));
if (process.argv[2] === "import" && !heapFlagGiven) {
  // The IPC channel is only a lifeline: it closes when this process dies, however it dies.
  const child = spawn(process.execPath, [`--max-old-space-size=${IMPORT_HEAP_MB}`, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, RAPPORT_LAUNCHER_PID: String(process.pid) },
  });
  // Ctrl-C reaches the child too (same process group): wait for it to roll back and exit.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // Started by the launcher above: when it dies (kill -9 included, which it cannot pass on), the
  // channel closes and this process stops as if told SIGTERM, so `rapport import` rolls back
  // instead of finishing an import nobody is waiting for. A busy import turns the event loop too
  // rarely to see that quickly: it also checks its parent between batches (RAPPORT_LAUNCHER_PID).
  const orphaned = () => process.kill(process.pid, "SIGTERM");
  if (process.channel) process.once("disconnect", orphaned);
  // Before the application loads: a server on the embedded database runs for days on a small
  // machine, so its heap is kept near what it holds. On PostgreSQL, V8's defaults cost less CPU.
  if (process.argv[2] === "start" && !process.env.DATABASE_URL) keepServingHeapSmall();
  try {
    const { main } = await loadCli();
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`rapport: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    // A 'disconnect' listener keeps the channel, and so this process, alive.
    process.off("disconnect", orphaned);
    if (process.connected) process.disconnect();
  }
}

async function loadCli() {
  if (process.env.NODE_ENV === "production") {
    const compiled = new URL("../dist/cli.js", import.meta.url);
    if (!existsSync(compiled)) throw new Error("NODE_ENV=production runs the compiled dist/cli.js, which is missing: run `npm run build` first.");
    return import(compiled.href);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import("../src/cli.ts");
}
