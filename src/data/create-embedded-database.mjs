// Creates a new PGlite data directory and exits. openDatabase runs this in a child process because
// creating a cluster (initdb inside PGlite's WebAssembly) grows the Wasm heap to about 720 MB, and
// a Wasm heap never shrinks: done in-process, every first `rapport start` or `rapport import`
// would keep that memory for its whole life. Opening the created directory costs about 110 MB.
import { PGlite } from "@electric-sql/pglite";

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write("usage: create-embedded-database.mjs DATA_DIR\n");
  process.exit(2);
}
const lite = await PGlite.create(dataDir);
await lite.close();
