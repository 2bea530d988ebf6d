import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appendToDigestFile, checkDigestFile, flattenControls, isConsoleRef } from "./file-destination.js";

describe("checkDigestFile", () => {
  let root: string;
  let allowed: string;
  let outside: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "rapport-file-destination-"));
    allowed = join(root, "allowed");
    outside = join(root, "outside");
    mkdirSync(join(allowed, "team"), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, "target.log"), "");
    symlinkSync(outside, join(allowed, "linked-dir"));
    symlinkSync(join(outside, "target.log"), join(allowed, "linked.log"));
    symlinkSync(allowed, join(root, "allowed-alias"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ["a new file in the directory", () => join(allowed, "d.log"), () => join(allowed, "d.log")],
    ["a file in a subdirectory", () => join(allowed, "team", "d.log"), () => join(allowed, "team", "d.log")],
    ["a path through a .. that stays inside", () => `${allowed}/team/../d.log`, () => join(allowed, "d.log")],
    ["a path through a symlink to the allowed directory", () => join(root, "allowed-alias", "d.log"), () => join(allowed, "d.log")],
  ])("GIVEN %s THEN it is allowed, resolved", (_name, path, expected) => {
    expect(checkDigestFile(path(), [allowed])).toEqual({ ok: true, path: expected() });
  });

  test.each([
    ["outside", () => join(outside, "d.log"), "is outside the directories digests may write to"],
    ["a .. escape", () => `${allowed}/../outside/d.log`, "is outside the directories digests may write to"],
    ["a symlinked directory", () => join(allowed, "linked-dir", "d.log"), "is outside the directories digests may write to"],
    ["a symlinked file", () => join(allowed, "linked.log"), "is not a regular file"],
    ["a missing directory", () => join(allowed, "missing", "d.log"), "does not exist"],
    ["the directory itself", () => allowed, "is outside the directories digests may write to"],
    ["a control character", () => join(allowed, "d\n.log"), "is not a file path"],
  ])("GIVEN %s THEN it is refused", (_name, path, reason) => {
    const check = checkDigestFile(path(), [allowed]);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toContain(reason);
  });

  test("GIVEN no allowed directory THEN every file is refused, naming the variable", () => {
    expect(checkDigestFile(join(allowed, "d.log"), [])).toEqual({
      ok: false,
      reason: `${join(allowed, "d.log")} is outside the directories digests may write to. No directory is allowed: the operator lists them in RAPPORT_DIGEST_FILE_DIRS.`,
    });
  });

  test("GIVEN a symlink swapped in after the check THEN the append refuses to follow it", () => {
    expect(() => appendToDigestFile(join(allowed, "linked.log"), "x\n")).toThrow(/ELOOP/);
    expect(readFileSync(join(outside, "target.log"), "utf8")).toBe("");
  });
});

describe("flattenControls", () => {
  test.each([
    ["Zed Co\n--- forged", "Zed Co --- forged"],
    ["a\r\nb", "a  b"],
    ["a\u2028b\u2029c\u0085d", "a b c d"],
    ["tab\there\u001b[31m", "tab here [31m"],
    ["Café 東京", "Café 東京"],
  ])("GIVEN %j THEN %j", (input, output) => {
    expect(flattenControls(input)).toBe(output);
  });

  test("GIVEN a reply THEN every nested string is flattened and other values kept", () => {
    const at = new Date("2026-11-23T00:00:00Z");
    expect(flattenControls({ title: "a\nb", blocks: [{ type: "fields", fields: [{ label: "x\ny", value: "1" }] }], count: 2, at })).toEqual({
      title: "a b",
      blocks: [{ type: "fields", fields: [{ label: "x y", value: "1" }] }],
      count: 2,
      at,
    });
  });
});

test.each([
  ["console:stdout", true],
  ["console:file:/tmp/x", true],
  [" Console:file:/tmp/x", true],
  ["slack:C0123ABCD", false],
  ["#sales", false],
])("isConsoleRef(%j) is %s", (ref, expected) => {
  expect(isConsoleRef(ref)).toBe(expected);
});
