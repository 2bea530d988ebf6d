/**
 * The embedded database on its own thread (pglite-worker.mjs), seen from the main thread with the
 * part of PGlite's interface Rapport and the Prisma adapter use: query, exec, transaction, close.
 * PostgreSQL's CPU then runs beside the event loop instead of on it, so a slow query no longer
 * stalls every other command, heartbeat and HTTP answer.
 *
 * Values: the worker parses every column type PGlite knows, except the types a caller parses
 * itself (the Prisma adapter's own parsers), which cross as text and are parsed here. Errors:
 * PostgreSQL's errors become PGlite's DatabaseError again, fields intact, so Prisma still sees a
 * unique violation as P2002.
 */
import { Worker } from "node:worker_threads";
import { messages, type PGliteInterface, type Results, type Transaction } from "@electric-sql/pglite";

type Parsers = Record<number, (text: string, typeId: number) => unknown>;
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Parsers };
type SerializedError = { message: string; name?: string; database: boolean; fields: Record<string, unknown> };
type Reply = { id: number; result?: unknown; error?: SerializedError };

/** What database.ts and the Prisma adapter call on an embedded database. */
export type EmbeddedSession = Pick<PGliteInterface, "query" | "exec" | "transaction"> & { close(): Promise<void> };

/** One of V8's heap spaces in the database's thread (new_space, old_space, ...), in bytes. */
export type HeapSpace = { name: string; sizeBytes: number; usedBytes: number };

/** The embedded database on its own thread, which can also report that thread's JavaScript heap. */
export type EmbeddedThread = EmbeddedSession & { heapSpaces(): Promise<HeapSpace[]> };

export type ThreadOptions = { dataDir: string | null; startParams: string[]; durable: boolean };

function revive(error: SerializedError): Error {
  if (error.database) {
    const revived = new messages.DatabaseError(error.message, 0, "error");
    return Object.assign(revived, error.fields);
  }
  const revived = new Error(error.message);
  if (error.name) revived.name = error.name;
  return Object.assign(revived, error.fields);
}

/** Applies the caller's parsers to the columns that crossed as text. */
function parseColumns<T>(result: Results<T>, parsers: Parsers | undefined, rowMode: "array" | "object"): Results<T> {
  if (!parsers) return result;
  const columns = result.fields.map((field, index) => ({ index, name: field.name, parse: parsers[field.dataTypeID], type: field.dataTypeID })).filter((column) => column.parse);
  if (columns.length === 0) return result;
  for (const row of result.rows as unknown[]) {
    for (const column of columns) {
      if (rowMode === "array") {
        const values = row as unknown[];
        if (values[column.index] !== null) values[column.index] = column.parse!(values[column.index] as string, column.type);
      } else {
        const record = row as Record<string, unknown>;
        if (record[column.name] !== null) record[column.name] = column.parse!(record[column.name] as string, column.type);
      }
    }
  }
  return result;
}

/**
 * The thread's short-lived objects (rows on their way to the main thread) die young; V8's default
 * room for them, 32 MB here, is resident memory the thread rarely needs. Its long-lived heap keeps
 * V8's default ceiling: a large export must not run the thread out of memory.
 */
const YOUNG_GENERATION_MB = 6;

export async function openEmbeddedThread(options: ThreadOptions): Promise<EmbeddedThread> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: {
      dataDir: options.dataDir,
      startParams: options.startParams,
      durableModule: options.durable ? new URL("./durable-node-fs.mjs", import.meta.url).href : null,
    },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onFirst = (message: { ready: boolean; error?: SerializedError }) => {
      worker.off("error", onError);
      if (message.ready) resolve();
      else reject(revive(message.error!));
    };
    const onError = (error: Error) => reject(error);
    worker.once("message", onFirst);
    worker.once("error", onError);
  });
  worker.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.error) waiter.reject(revive(reply.error));
    else waiter.resolve(reply.result);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`The embedded database thread stopped (exit code ${code})`)));

  const call = <T>(message: Record<string, unknown>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...message });
    });
  };

  const query = async <T>(tx: number | undefined, sql: string, params: unknown[] | undefined, queryOptions: QueryOptions | undefined): Promise<Results<T>> => {
    const rowMode = queryOptions?.rowMode ?? "object";
    const rawTypes = queryOptions?.parsers ? Object.keys(queryOptions.parsers).map(Number) : undefined;
    const result = await call<Results<T>>({ op: "query", tx, sql, params: params ?? [], rowMode, rawTypes });
    return parseColumns(result, queryOptions?.parsers, rowMode);
  };
  const exec = (tx: number | undefined, sql: string) => call<Results[]>({ op: "exec", tx, sql });

  const session = {
    query: <T>(sql: string, params?: unknown[], queryOptions?: QueryOptions) => query<T>(undefined, sql, params, queryOptions),
    exec: (sql: string) => exec(undefined, sql),
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const tx = await call<number>({ op: "begin" });
      let closed = false;
      const handle = {
        query: <R>(sql: string, params?: unknown[], queryOptions?: QueryOptions) => query<R>(tx, sql, params, queryOptions),
        exec: (sql: string) => exec(tx, sql),
        async rollback() {
          closed = true;
          await call({ op: "rollback", tx });
        },
        get closed() {
          return closed;
        },
      } as unknown as Transaction;
      let result: T;
      try {
        result = await work(handle);
      } catch (error) {
        await call({ op: "abort", tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: "commit", tx });
      return result;
    },
    heapSpaces: () => call<HeapSpace[]>({ op: "heapSpaces" }),
    async close() {
      if (failure) return;
      await call({ op: "close" });
      await worker.terminate();
    },
  };
  return session as unknown as EmbeddedThread;
}
