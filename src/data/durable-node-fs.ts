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
 */
import { fsyncSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** Emscripten's open file: `nfd` is the host file descriptor NODEFS opened it with. */
type NodeStream = { nfd?: number };
type StreamOps = { fsync?: (stream: NodeStream) => number };

type PostgresMod = Parameters<NodeFS["init"]>[1];

/** PostgreSQL settings that make commits wait for the disk, used with DurableNodeFS. */
export const DURABLE_START_PARAMS = ["-c", "fsync=on", "-c", "wal_sync_method=fsync"] as const;

export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: PostgresMod): ReturnType<NodeFS["init"]> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const addFsync = (mod: PostgresMod) => {
      // Every NODEFS node shares this one stream_ops object. A failed fsync becomes an errno for
      // PostgreSQL (tryFSOperation), which then PANICs rather than acknowledge a commit that is
      // not on disk: the query fails and the directory is recovered from the WAL on next open.
      const nodefs = (mod as unknown as { NODEFS: { stream_ops: StreamOps; tryFSOperation<T>(operation: () => T): T } }).NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) nodefs.tryFSOperation(() => fsyncSync(stream.nfd!));
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), addFsync] } };
  }
}

/** PGlite's start parameters without "-F" (its default: no fsync at all). */
export function durableStartParams(defaults: readonly string[]): string[] {
  return [...defaults.filter((param) => param !== "-F"), ...DURABLE_START_PARAMS];
}
