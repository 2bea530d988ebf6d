import { NodeFS } from "@electric-sql/pglite/nodefs";

/** PostgreSQL settings that make commits wait for the disk, used with DurableNodeFS. */
export declare const DURABLE_START_PARAMS: readonly string[];
/** PGlite's NodeFS whose files and directories reach the disk on fsync. */
export declare class DurableNodeFS extends NodeFS {}
/** PGlite's start parameters without "-F" (its default: no fsync at all). */
export declare function durableStartParams(defaults: readonly string[]): string[];
