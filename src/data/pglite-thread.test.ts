/**
 * The embedded database's thread keeps little memory of its own: results pass through it on their
 * way to the main thread, and V8's default room for such short-lived objects (32 MB of resident
 * memory once a few large results have gone by) would be kept for the life of the server.
 */
import { afterEach, describe, expect, test } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openEmbeddedThread, type EmbeddedThread } from "./pglite-thread.js";

const MB = 1024 * 1024;
const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;

describe("the embedded database's thread", () => {
  let thread: EmbeddedThread | undefined;
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
  });

  test("keeps its young generation small while large results pass through it", async () => {
    thread = await openEmbeddedThread({ dataDir: null, startParams: defaults, durable: false });
    // About 10 MB of rows per result, a few times over: enough for V8 to grow a default young generation to its ceiling.
    for (let round = 0; round < 3; round++) {
      const result = await thread.query<{ line: string }>(`SELECT repeat('x', 1000) || n AS line FROM generate_series(1, 10000) AS n`);
      expect(result.rows).toHaveLength(10_000);
    }
    const newSpace = (await thread.heapSpaces()).find((space) => space.name === "new_space");
    expect(newSpace).toBeDefined();
    expect(newSpace!.sizeBytes).toBeLessThanOrEqual(8 * MB);
  });
});
