import { describe, expect, test } from "vitest";
import { createButtonCodec } from "./button-codec.js";
import type { ButtonAction } from "../../kit/button-action.js";

function codec(now = () => 0) {
  let counter = 0;
  return createButtonCodec({ now, newToken: () => `tok${++counter}`, ttlMs: 1000, maxEntries: 2 });
}

describe("button codec", () => {
  test.each<[ButtonAction, string]>([
    [{ kind: "run", command: "show #42" }, "r0:show #42"],
    [{ kind: "page", command: "find acme page=2" }, "p0:find acme page=2"],
    [{ kind: "undo", token: "undo-7" }, "u0:undo-7"],
    [{ kind: "share" }, "s0:"],
    [{ kind: "form", command: "log", prefill: { customer: "#1", channel: "call" } }, "f0:log?customer=%231&channel=call"],
    [{ kind: "form", command: "log", prefill: {} }, "f0:log"],
  ])("GIVEN %j THEN inline id %j round-trips", (action, id) => {
    const c = codec();
    expect(c.encode(action, 0)).toEqual(id);
    expect(c.decode(id)).toEqual(action);
  });

  test("GIVEN a payload over 100 characters THEN it is parked under a short token", () => {
    const c = codec();
    const action: ButtonAction = { kind: "run", command: `find ${"x".repeat(120)}` };
    const id = c.encode(action, 3);
    expect(id).toEqual("t3:tok1");
    expect(c.decode(id)).toEqual(action);
  });

  test("GIVEN a parked payload past its ttl or evicted THEN it decodes as expired", () => {
    let time = 0;
    const c = codec(() => time);
    const long = (n: number): ButtonAction => ({ kind: "run", command: `${n}`.repeat(101) });
    const first = c.encode(long(1), 0);
    c.encode(long(2), 1);
    c.encode(long(3), 2); // evicts the first (maxEntries 2)
    expect(c.decode(first)).toEqual({ kind: "expired" });
    time = 5000;
    expect(c.decode("t1:tok2")).toEqual({ kind: "expired" });
  });

  test("GIVEN an id that is not ours THEN undefined", () => {
    expect(codec().decode("something-else")).toBeUndefined();
    expect(codec().decode("r0:")).toBeUndefined();
  });
});
