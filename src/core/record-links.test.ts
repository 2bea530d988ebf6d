import { describe, expect, test } from "vitest";
import { findRecordLinks, recordCommand, recordFromPath, recordUrl } from "./record-links.js";

const BASE = "https://crm.example.com/rapport/";

describe("record links", () => {
  test("a url and its path name the same record", () => {
    const url = recordUrl(BASE, "order", "SO-1042");
    expect(url).toBe("https://crm.example.com/rapport/o/SO-1042");
    expect(recordFromPath("/o/SO-1042")).toEqual({ kind: "order", key: "SO-1042" });
  });

  test("customers and deals take numeric ids only; unknown segments are no record", () => {
    expect(recordFromPath("/c/12")).toEqual({ kind: "customer", key: "12" });
    expect(recordFromPath("/c/acme")).toBeNull();
    expect(recordFromPath("/d/0")).toBeNull();
    expect(recordFromPath("/x/12")).toBeNull();
    expect(recordFromPath("/c/12/edit")).toBeNull();
  });

  test("links are found in plain text and in Slack's <url|label> form, once each, only under the base", () => {
    const text = `see <${BASE}c/12|Acme> and ${BASE}q/Q-2026-0001. again ${BASE}c/12, not https://other.example.com/c/9`;
    expect(findRecordLinks(text, BASE)).toEqual([
      { kind: "customer", key: "12", url: `${BASE}c/12` },
      { kind: "quote", key: "Q-2026-0001", url: `${BASE}q/Q-2026-0001` },
    ]);
  });

  test("each kind opens with its read command", () => {
    expect(recordCommand({ kind: "customer", key: "12" })).toBe("show #12");
    expect(recordCommand({ kind: "order", key: "SO-1042" })).toBe("order SO-1042");
    expect(recordCommand({ kind: "deal", key: "7" })).toBe("deal 7");
    expect(recordCommand({ kind: "quote", key: "Q-2026-0001" })).toBe("quote Q-2026-0001");
  });
});
