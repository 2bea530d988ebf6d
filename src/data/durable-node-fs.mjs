/**
 * PGlite's data directory on the host file system, with fsync that reaches the disk.
 *
 * PGlite (0.5) runs PostgreSQL inside WebAssembly on Emscripten's NODEFS, whose file streams have
 * no `fsync` operation and whose `fdatasync` is a stub: PostgreSQL's fsync() and fdatasync() return
 * success without any system call, whatever `fsync` is set to (checked with strace: 0 fsync calls
 * with `-c fsync=on`). This file system adds the missing operation, so that with `fsync=on` and
 * `wal_sync_method=fsync` a commit is acknowledged only after its WAL is on disk, and checkpoints
 * flush data files and directories before the WAL they replace is recycled (218 fsync calls for 200
 * inserts under strace). bench/embedded-fsync.ts measures the cost per write.
 *
 * Plain JavaScript (types in durable-node-fs.d.mts): the database's worker thread loads it too, and
 * a worker thread gets no TypeScript loader.
 */
import { fsyncSync } from "node:fs";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** PostgreSQL settings that make commits wait for the disk, used with DurableNodeFS. */
export const DURABLE_START_PARAMS = ["-c", "fsync=on", "-c", "wal_sync_method=fsync"];

export class DurableNodeFS extends NodeFS {
  async init(pg, opts) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const addFsync = (mod) => {
      // Every NODEFS node shares this one stream_ops object. A failed fsync becomes an errno for
      // PostgreSQL (tryFSOperation), which then PANICs rather than acknowledge a commit that is
      // not on disk: the query fails and the directory is recovered from the WAL on next open.
      const nodefs = mod.NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) nodefs.tryFSOperation(() => fsyncSync(stream.nfd));
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), addFsync] } };
  }
}

/** PGlite's start parameters without "-F" (its default: no fsync at all). */
export function durableStartParams(defaults) {
  return [...defaults.filter((param) => param !== "-F"), ...DURABLE_START_PARAMS];
}
