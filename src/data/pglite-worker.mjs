// The embedded database on a thread of its own. PGlite runs PostgreSQL inside WebAssembly: every
// query's CPU would otherwise block the event loop that answers Slack and Discord. The main thread
// talks to this worker through pglite-thread.ts, which presents the same query/exec/transaction
// surface as PGlite itself. Plain JavaScript: a worker thread gets no TypeScript loader in tests.
import { getHeapSpaceStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, messages } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";

const { dataDir, startParams, durableModule } = workerData;

async function open() {
  let fs;
  if (dataDir && durableModule) {
    const { DurableNodeFS } = await import(durableModule);
    fs = new DurableNodeFS(dataDir);
  } else if (dataDir) fs = new NodeFS(dataDir);
  return PGlite.create({ ...(fs ? { fs } : {}), extensions: { pg_trgm, btree_gin }, startParams });
}

/** Column types the caller parses itself come back as PostgreSQL's text. */
function rawParsers(typeIds) {
  return Object.fromEntries((typeIds ?? []).map((id) => [id, (text) => text]));
}

/** An error as data: PostgreSQL's fields (code, detail, ...) survive the copy between threads. */
function serializeError(error) {
  const fields = {};
  for (const key of Object.keys(error ?? {})) {
    const value = error[key];
    if (value === undefined || typeof value === "function" || (typeof value === "object" && value !== null)) continue;
    fields[key] = value;
  }
  return { message: String(error?.message ?? error), name: error?.name, database: error instanceof messages.DatabaseError, fields };
}

const transactions = new Map();
let nextTransaction = 1;

/** Each transaction's operations run in the order they were sent, one after another. */
function inTransaction(id, operation) {
  const entry = transactions.get(id);
  if (!entry) return Promise.reject(new Error(`No open transaction ${id}`));
  const run = entry.queue.then(() => operation(entry));
  entry.queue = run.catch(() => undefined);
  return run;
}

function begin(lite) {
  return new Promise((resolve, reject) => {
    const id = nextTransaction++;
    let finish;
    const finished = new Promise((res, rej) => (finish = { commit: res, abort: rej }));
    const outcome = lite.transaction(async (tx) => {
      transactions.set(id, { tx, finish, queue: Promise.resolve(), outcome: null });
      transactions.get(id).outcome = outcome;
      resolve(id);
      return finished;
    });
    outcome.catch((error) => {
      if (!transactions.has(id)) reject(error);
    });
  });
}

async function end(id, commit) {
  const entry = transactions.get(id);
  if (!entry) return;
  await entry.queue;
  if (commit) entry.finish.commit();
  else entry.finish.abort(new Error("rolled back by the caller"));
  try {
    await entry.outcome;
  } catch (error) {
    if (commit) throw error;
  } finally {
    transactions.delete(id);
  }
}

const lite = await open().catch((error) => {
  parentPort.postMessage({ ready: false, error: serializeError(error) });
  return null;
});
if (lite) {
  parentPort.postMessage({ ready: true });
  parentPort.on("message", async ({ id, op, tx, sql, params, rowMode, rawTypes }) => {
    try {
      let result;
      const options = { rowMode, parsers: rawParsers(rawTypes) };
      switch (op) {
        case "query":
          result = tx ? await inTransaction(tx, (entry) => entry.tx.query(sql, params, options)) : await lite.query(sql, params, options);
          result = { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
          break;
        case "exec":
          result = tx ? await inTransaction(tx, (entry) => entry.tx.exec(sql)) : await lite.exec(sql);
          result = result.map((part) => ({ rows: part.rows, fields: part.fields, affectedRows: part.affectedRows }));
          break;
        case "begin":
          result = await begin(lite);
          break;
        case "rollback":
          result = await inTransaction(tx, (entry) => entry.tx.rollback());
          break;
        case "commit":
          result = await end(tx, true);
          break;
        case "abort":
          result = await end(tx, false);
          break;
        case "heapSpaces":
          result = getHeapSpaceStatistics().map((space) => ({ name: space.space_name, sizeBytes: space.space_size, usedBytes: space.space_used_size }));
          break;
        case "close":
          await lite.close();
          result = null;
          break;
        default:
          throw new Error(`Unknown operation ${op}`);
      }
      parentPort.postMessage({ id, result });
    } catch (error) {
      parentPort.postMessage({ id, error: serializeError(error) });
    }
  });
}
