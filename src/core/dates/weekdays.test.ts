import { describe, expect, test } from "vitest";
import { readWeekdays } from "./weekdays.js";

describe("readWeekdays reads digest weekdays in four languages", () => {
  test.each([
    // English, as parseWeekdays reads it.
    ["mon,thu", [1, 4]],
    ["mon,wed,fri", [1, 3, 5]],
    ["Monday,Thursday", [1, 4]],
    ["thur", [4]],
    ["mon-fri", [1, 2, 3, 4, 5]],
    ["fri-mon", [1, 5, 6, 7]], // wraps over the weekend
    ["weekdays", [1, 2, 3, 4, 5]],
    ["workdays", [1, 2, 3, 4, 5]],
    ["weekends", [6, 7]],
    ["daily", [1, 2, 3, 4, 5, 6, 7]],
    ["mon, thu", [1, 4]], // spaces after commas are now accepted
    // Simplified and Traditional Chinese.
    ["周一,周四", [1, 4]],
    ["週一、週四", [1, 4]],
    ["星期一，星期四", [1, 4]], // full-width comma
    ["周一、三、五", [1, 3, 5]],
    ["周一至周五", [1, 2, 3, 4, 5]],
    ["礼拜六,礼拜天", [6, 7]],
    ["工作日", [1, 2, 3, 4, 5]],
    ["平日", [1, 2, 3, 4, 5]],
    ["周末", [6, 7]],
    ["每天", [1, 2, 3, 4, 5, 6, 7]],
    // Korean.
    ["월,목", [1, 4]],
    ["월요일, 목요일", [1, 4]],
    ["월~금", [1, 2, 3, 4, 5]],
    ["평일", [1, 2, 3, 4, 5]],
    ["주말", [6, 7]],
    ["매일", [1, 2, 3, 4, 5, 6, 7]],
  ])("GIVEN %j THEN %j", (text, expected) => {
    expect(readWeekdays(text)).toEqual(expected);
  });

  test.each(["", "tu", "mon,,thu", "someday", "周八", "월,x", "mon-tue-wed"])("GIVEN %j THEN null", (text) => {
    expect(readWeekdays(text)).toBeNull();
  });
});
