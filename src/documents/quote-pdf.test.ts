import { describe, expect, test } from "vitest";
import { fontFor } from "./quote-pdf.js";

describe("fontFor", () => {
  test.each([
    ["Globex Corporation", "latin"],
    ["Müller GmbH", "latin"],
    ["上海宏达贸易有限公司", "han"],
    ["台灣宏達電子股份有限公司", "han"],
    ["合计：¥2,175.25", "han"],
    ["삼성전자", "hangul"],
    ["견적서 Q-2026-0001", "hangul"],
  ])("GIVEN %s THEN it is drawn in the %s font", (text, font) => {
    expect(fontFor(text)).toBe(font);
  });
});
