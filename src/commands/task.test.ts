import { describe, expect, test } from "vitest";
import { parseAdd } from "./task.js";

describe("task add's words", () => {
  test.each([
    ["acme tomorrow Send the quote", { customer: "acme", date: "tomorrow", text: "Send the quote" }],
    ["Acme Corp next friday Send the quote @bob", { customer: "Acme Corp", date: "next friday", text: "Send the quote", member: "@bob" }],
    ["#42 in 3 days call back", { customer: "#42", date: "in 3 days", text: "call back" }],
    ["上海宏达 明天 寄送样品", { customer: "上海宏达", date: "明天", text: "寄送样品" }],
    ["삼성전자 내일 견적서 확인 <@U0123ABC|minji>", { customer: "삼성전자", date: "내일", text: "견적서 확인", member: "@U0123ABC" }],
    ["Monday Corp 2026-12-01 Ship samples", { customer: "Monday Corp", date: "2026-12-01", text: "Ship samples" }],
  ])("GIVEN %s THEN customer, date, text and assignee are read apart", (line, expected) => {
    expect(parseAdd(line.split(" "))).toEqual({ action: "add", ...expected });
  });

  test("GIVEN no date THEN the second word is taken as the date, for the command to explain", () => {
    expect(parseAdd(["acme", "someday", "call"])).toEqual({ action: "add", customer: "acme", date: "someday", text: "call" });
  });
});
