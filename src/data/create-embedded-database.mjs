// Creates a new PGlite data directory and exits. openDatabase runs this in a child process because
// creating a cluster (initdb inside PGlite's WebAssembly) grows the Wasm heap to about 720 MB, and
// a Wasm heap never shrinks: done in-process, every first `rapport start` or `rapport import`
// would keep that memory for its whole life. Opening the created directory costs about 110 MB.
//
// With --fsync, every file and directory written is then flushed to disk (as initdb does unless
// --no-sync): PGlite itself never calls fsync while creating it (see durable-node-fs.ts).
import { PGlite } from "@electric-sql/pglite";
import { closeSync, fsyncSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write("usage: create-embedded-database.mjs DATA_DIR [--fsync]\n");
  process.exit(2);
}
const lite = await PGlite.create(dataDir);
await lite.close();
if (process.argv.includes("--fsync")) syncTree(dataDir);

function syncTree(path) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) syncTree(join(path, entry.name));
    else if (entry.isFile()) syncPath(join(path, entry.name));
  }
  syncPath(path); // the directory itself, so its entries survive too
}

function syncPath(path) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
