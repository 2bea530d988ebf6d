#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between `npm install` and use.
import { spawn } from "node:child_process";
import { register } from "tsx/esm/api";

// `rapport import` streams files of any size, but V8 collects the short-lived batches lazily and
// lets its heap grow far past what the import holds (1 GB at 1M rows). Run it with a fixed heap
// ceiling instead, in a child process since the ceiling cannot change after start.
const IMPORT_HEAP_MB = 256;
const heapFlagGiven = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((flag) => flag.includes("--max-old-space-size"));
if (process.argv[2] === "import" && !heapFlagGiven) {
  const child = spawn(process.execPath, [`--max-old-space-size=${IMPORT_HEAP_MB}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  // Ctrl-C reaches the child too (same process group): wait for it to roll back and exit.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  register();
  const { main } = await import("../src/cli.ts");
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`rapport: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
