import { describe, expect, test } from "vitest";
import { TtlMap } from "./ttl-map.js";

describe("TtlMap", () => {
  test("entries expire after the ttl and the oldest go first past the count limit", () => {
    let now = 1_000;
    const map = new TtlMap<string, number>(100, 2, () => now);
    map.set("a", 1);
    map.set("b", 2);
    map.set("c", 3);
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([undefined, 2, 3]);
    now += 100;
    expect(map.has("b")).toBe(false);
  });

  test("a weight budget drops the oldest entries until the rest fit, and keeps the total exact", () => {
    const map = new TtlMap<string, Uint8Array>(60_000, 100, Date.now, { weigh: (bytes) => bytes.byteLength, max: 10 });
    map.set("a", new Uint8Array(4));
    map.set("b", new Uint8Array(4));
    expect(map.weight).toBe(8);
    map.set("c", new Uint8Array(4)); // 12 > 10: "a" goes
    expect([map.has("a"), map.has("b"), map.has("c")]).toEqual([false, true, true]);
    expect(map.weight).toBe(8);
    map.set("b", new Uint8Array(1)); // replacing a key replaces its weight
    expect(map.weight).toBe(5);
    map.delete("c");
    expect(map.weight).toBe(1);
    map.set("huge", new Uint8Array(11)); // heavier than the whole budget: not kept, and it evicts the rest
    expect([map.has("b"), map.has("huge"), map.weight]).toEqual([false, false, 0]);
  });

  test("expired entries give their weight back", () => {
    let now = 0;
    const map = new TtlMap<string, Uint8Array>(10, 100, () => now, { weigh: (bytes) => bytes.byteLength, max: 10 });
    map.set("a", new Uint8Array(6));
    now = 10;
    expect(map.get("a")).toBeUndefined();
    expect(map.weight).toBe(0);
    map.set("b", new Uint8Array(6));
    expect(map.has("b")).toBe(true);
  });
});
