// A serving process holds 50-65 MB of live JavaScript objects, but V8's defaults let its heap
// grow to 100-157 MB around them: a young generation that grows to 32 MB, and an old generation
// allowed to grow up to 4x what survived the last full collection before the next one. Both flags
// below are read by V8 while the process runs, so they are set from inside it, before the
// application is loaded, without a second launcher process. Measured at PGlite 100k under Slack
// load (compiled build): the main thread's heap 71 MB instead of 152-157 MB, peak RSS 282-301 MB
// instead of 361-370 MB; the price is more, short scavenges (about 2 ms each), 0.5-0.7 ms more
// CPU per Slack `/crm find` (12.2-12.5 ms instead of 11.7-11.8 ms).
import { setFlagsFromString } from "node:v8";

export const SERVING_HEAP_FLAGS = Object.freeze([
  // New space stays at its initial 1 MB semi-spaces (V8 doubles it up to 16 MB by default).
  "--semi-space-growth-factor=1",
  // The old generation may grow 30 % past what survived before the next full collection.
  "--heap-growing-percent=30",
]);

function apply() {
  for (const flag of SERVING_HEAP_FLAGS) setFlagsFromString(flag);
}

/**
 * Applies SERVING_HEAP_FLAGS unless the operator chose heap sizes of their own (NODE_OPTIONS or
 * node's arguments), and again whenever a worker thread starts (the embedded database's): V8
 * raises the process-wide growth factor back to 2 while it sets up a new thread's heap.
 */
export function keepServingHeapSmall() {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  if (/semi-space|heap-growing/.test(given)) return false;
  apply();
  process.on("worker", (worker) => worker.once("online", apply));
  return true;
}
