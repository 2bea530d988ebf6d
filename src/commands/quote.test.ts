import { describe, expect, test } from "vitest";
import { quoteCommand } from "./quote.js";

describe("quote's typed words", () => {
  test.each([
    ["new acme corp terms=Net 30 WID-1 2 10 tax=5%", { action: "new", customer: "acme corp", lines: "WID-1 2 10", terms: "Net 30", tax: "5%" }],
    ["new acme WID-1 2 10; WID-2 1 5 terms=Net 30", { action: "new", customer: "acme", lines: "WID-1 2 10; WID-2 1 5", terms: "Net 30" }],
    ["new #D12 WID-1 2 10 valid=2026-12-31", { action: "new", customer: "#D12", lines: "WID-1 2 10", valid: "2026-12-31" }],
    ["new globex", { action: "new", customer: "globex", lines: undefined }],
    ["reject Q-1 too pricey", { action: "reject", number: "Q-1", reason: "too pricey" }],
    ["reject Q-1 reason=price", { action: "reject", number: "Q-1", reason: "price" }],
    ["send Q-2026-0001", { action: "send", number: "Q-2026-0001" }],
    ["expiring", { action: "expiring" }],
    ["Q-1", { number: "Q-1" }],
  ])("GIVEN quote %s THEN it reads as %j", (line, args) => {
    expect(quoteCommand.parseText(line.split(" "))).toEqual(args);
  });

  test("GIVEN a form without an action THEN a customer makes it a new quote", () => {
    expect(quoteCommand.schema.parse({ customer: "acme", lines: "WID-1 2 10" })).toMatchObject({ action: "new" });
    expect(quoteCommand.schema.safeParse({ action: "reject", number: "Q-1" }).success).toBe(false);
    expect(quoteCommand.schema.safeParse({ action: "send" }).success).toBe(false);
    expect(quoteCommand.schema.parse({})).toEqual({});
  });
});
