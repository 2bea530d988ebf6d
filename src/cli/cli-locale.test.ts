import { describe, expect, test } from "vitest";
import { cliTranslator } from "./cli-locale.js";

describe("cliTranslator", () => {
  test.each([
    [undefined, undefined, "en"],
    [undefined, "ko", "ko"],
    [undefined, "zh_TW.UTF-8", "zh-TW"],
    ["zh-CN", "ko", "zh-CN"],
  ] as const)("GIVEN --locale %s and RAPPORT_LOCALE %s THEN %s", (flag, configured, expected) => {
    const result = cliTranslator(flag, configured);
    expect("t" in result && result.t.locale).toBe(expected);
  });

  test("GIVEN an unknown --locale THEN the refusal is in RAPPORT_LOCALE's language", () => {
    expect(cliTranslator("fr", "ko")).toEqual({ error: "--locale: en, zh-CN, zh-TW, ko 중 하나여야 합니다." });
    expect(cliTranslator("fr", undefined)).toEqual({ error: "--locale must be one of en, zh-CN, zh-TW, ko." });
  });
});
