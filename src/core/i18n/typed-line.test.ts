import { describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import { readDate } from "../dates/read-date.js";
import { readWeekdays } from "../dates/weekdays.js";
import { tokenize } from "../tokenize.js";
import { LOCALES } from "./locale.js";
import { localizeTypedLine, typedChoiceList, typedWord } from "./typed-line.js";
import { canonicalize } from "./vocabulary.js";

const EVERY_EXAMPLE = commands.flatMap((command) => command.examples);
const HINTS = ["log #1 call …", "followup #1 …", "orders #1", "show #1", "followups overdue all", "export overdue mine", "stats customers by grade", "role @bob manager"];

const NOW = new Date("2026-11-27T03:00:00Z");

/** The canonical words, with a trailing date phrase (after log's `next`, or followup's date) as the date it reads as. */
function canonical(line: string, locale: (typeof LOCALES)[number]): string[] {
  const words = canonicalize(tokenize(line), { locale });
  const weekdays = words[0] === "digest" ? readWeekdays(words.at(-1)!) : null;
  if (weekdays) return [...words.slice(0, -1), `weekdays ${weekdays.join(",")}`];
  const taskDate = words[0] === "task" && (words[1] === "add" || words[1] === "snooze");
  const dateAt = words[0] === "log" ? words.lastIndexOf("next") + 1 : words[0] === "followup" ? 2 : taskDate ? 3 : 0;
  if (dateAt <= 0 || dateAt >= words.length) return words;
  // log's `outcome <value>` comes after the date; task add's text does (its examples' dates are one word).
  const dateEnd = words[0] === "log" && words.includes("outcome", dateAt) ? words.lastIndexOf("outcome") : words[1] === "add" && taskDate ? dateAt + 1 : words.length;
  const phrase = words.slice(dateAt, dateEnd).join(" ");
  const reading = readDate(phrase, { now: NOW, timeZone: "Asia/Seoul", locale });
  return [...words.slice(0, dateAt), reading.kind === "date" ? reading.date.toString() : `unreadable: ${phrase}`, ...words.slice(dateEnd)];
}

describe("a shown command line reads back as the same command", () => {
  test.each(LOCALES.filter((locale) => locale !== "en"))("%s: every registry example and button hint", (locale) => {
    for (const line of [...EVERY_EXAMPLE, ...HINTS]) {
      const shown = localizeTypedLine(line, locale);
      expect(canonical(shown, locale), `${line} -> ${shown}`).toEqual(canonical(line, "en"));
    }
  });
});

describe("the reader's own words", () => {
  test.each([
    ["zh-CN", "log #1 call …", "记录 #1 电话 …"],
    ["zh-TW", "log #1 call …", "記錄 #1 電話 …"],
    ["ko", "log #1 call …", "기록 #1 전화 …"],
    ["zh-TW", "followups overdue all", "跟進 已逾期 全部"],
    ["ko", "edit acme grade=A status=active", "수정 acme 등급=A 상태=거래중"],
    ["zh-CN", "export customers xlsx", "导出 客户 xlsx"],
    ["ko", "followup acme next tuesday", "후속연락설정 acme 다음 주 화요일"],
    ["zh-TW", "role @bob manager", "角色 @bob 業務主管"],
    ["ko", "digest add followups #sales 08:30 Europe/Berlin weekdays", "요약알림 추가 후속연락 #sales 08:30 Europe/Berlin 평일"],
  ] as const)("%s: %s -> %s", (locale, line, shown) => {
    expect(localizeTypedLine(line, locale)).toBe(shown);
  });

  test("English and lines that are not commands stay as they are", () => {
    expect(localizeTypedLine("log #1 call …", "en")).toBe("log #1 call …");
    expect(localizeTypedLine("Acme Corp", "ko")).toBe("Acme Corp");
  });

  test("names and free text are never translated, even when they spell a choice word", () => {
    expect(localizeTypedLine("find call", "ko")).toBe("검색 call");
    expect(localizeTypedLine("new call city=Seoul", "ko")).toBe("신규 call 도시=Seoul");
  });
});

describe("typed words in lists", () => {
  test("a field name as the reader types it before =", () => {
    expect(typedWord("field", "credit_limit", "ko")).toBe("여신한도");
    expect(typedWord("field", "credit_limit", "zh-TW")).toBe("信用額度");
    expect(typedWord("field", "credit_limit", "en")).toBe("credit_limit");
  });

  test.each([
    ["ko", ["prospect", "active", "dormant", "lost"], ["잠재고객", "거래중", "휴면", "이탈"]],
    ["zh-CN", ["today", "tomorrow", "week", "overdue"], ["今天", "明天", "本周", "已逾期"]],
    ["zh-TW", ["followups", "overdue", "churn", "pipeline"], ["跟進", "逾期", "流失風險", "銷售漏斗"]],
    // No set has all of these: shown as they are rather than half translated.
    ["ko", ["en", "zh-CN", "ko"], ["en", "zh-CN", "ko"]],
  ] as const)("%s: %j", (locale, choices, shown) => {
    expect(typedChoiceList(choices, locale)).toEqual(shown);
  });

  test("the settings value auto and handover's switches read back", () => {
    expect(localizeTypedLine("settings language auto", "ko")).toBe("설정 언어 자동");
    expect(localizeTypedLine("handover @bob @alice --dry-run", "zh-CN")).toBe("交接 @bob @alice --预览");
  });
});
