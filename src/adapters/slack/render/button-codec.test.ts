import { describe, expect, test } from "vitest";
import { decodeButton, encodeButton } from "./button-codec.js";
import type { ButtonAction } from "../../kit/button-action.js";

describe("button codec", () => {
  test.each<[string, ButtonAction, string | undefined]>([
    ["run", { kind: "run", command: "orders #42" }, undefined],
    ["page", { kind: "page", command: "find acme page=2" }, undefined],
    ["form", { kind: "form", command: "log", prefill: { customer: "#42", channel: "call" } }, undefined],
    ["undo", { kind: "undo", token: "u-123" }, undefined],
    ["share", { kind: "share" }, "share-token"],
  ])("GIVEN a %s action THEN it round-trips", (_kind, action, shareToken) => {
    const encoded = encodeButton(action, 3, shareToken)!;
    expect(encoded.action_id).toEqual(`rapport:${action.kind}:3`);
    expect(decodeButton(encoded.action_id, encoded.value)).toEqual(action);
  });

  test("GIVEN a form value too long THEN the longest prefill is dropped to fit 2000 characters", () => {
    const encoded = encodeButton({ kind: "form", command: "log", prefill: { customer: "#1", summary: "x".repeat(5000) } }, 0)!;
    expect(encoded.value.length).toBeLessThanOrEqual(2000);
    expect(decodeButton(encoded.action_id, encoded.value)).toEqual({ kind: "form", command: "log", prefill: { customer: "#1" } });
  });

  test("GIVEN a run command too long THEN the button is dropped", () => {
    expect(encodeButton({ kind: "run", command: "x".repeat(2001) }, 0)).toBeUndefined();
  });

  test.each([
    ["foreign id", "other:run:1", "x"],
    ["bad form json", "rapport:form:1", "{"],
    ["form without command", "rapport:form:1", "{\"p\":{}}"],
    ["empty value", "rapport:run:1", ""],
  ])("GIVEN %s THEN decode yields undefined", (_name, actionId, value) => {
    expect(decodeButton(actionId, value)).toBeUndefined();
  });
});
