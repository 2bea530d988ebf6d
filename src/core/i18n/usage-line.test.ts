import { describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import { tokenize } from "../tokenize.js";
import { createTranslator } from "./translator.js";
import { localizeUsage } from "./usage-line.js";
import { canonicalize } from "./vocabulary.js";

const READERS = ["zh-CN", "zh-TW", "ko"] as const;

describe("a usage line in the reader's words", () => {
  test.each([
    ["ko", "find <text> [page=N]", "검색 <검색어> [페이지=N]"],
    ["zh-CN", "log <customer> <call|email|meeting|visit|chat|note> <summary> [next <date>]", "记录 <客户> <电话|邮件|会议|拜访|聊天|备注> <摘要> [下次 <日期>]"],
    ["zh-TW", "followups [today|tomorrow|week|overdue] [mine|all|@member] [page=N]", "跟進 [今天|明天|本週|已逾期] [我的|全部|@成員] [頁=N]"],
    ["ko", "role <member> <admin|manager|rep>", "권한 <멤버> <관리자|영업관리자|영업담당자>"],
    ["zh-CN", "new <name> [field=value ...]", "新建 <名称> [字段=值 ...]"],
    ["ko", "handover <from member> <to member> [--dry-run] [--keep-active]", "인수인계 <넘겨주는 멤버> <넘겨받는 멤버> [--미리보기] [--권한유지]"],
    ["zh-TW", "activity [member] [period: 7d, 30d, 12m, 2026-03]", "活動 [成員] [期間: 7天, 30天, 12個月, 2026-03]"],
    ["zh-CN", "export <customers|overdue> [from=DATE] [status=|grade=...]", "导出 <客户|逾期> [开始=日期] [状态=|等级=...]"],
    ["ko", "help [command]", "도움말 [명령어]"],
    ["zh-TW", "settings language <en|zh-CN|zh-TW|ko>", "設定 語言 <en|zh-CN|zh-TW|ko>"],
  ] as const)("%s: %s", (locale, usage, shown) => {
    expect(localizeUsage(usage, locale, createTranslator(locale))).toBe(shown);
  });

  test("English, and a line that does not start with a command, stay as written", () => {
    expect(localizeUsage("find <text> [page=N]", "en", createTranslator("en"))).toBe("find <text> [page=N]");
    expect(localizeUsage("<text> call", "ko", createTranslator("ko"))).toBe("<text> call");
  });

  test.each(READERS)("%s: no registry usage keeps an English placeholder or choice word", (locale) => {
    const t = createTranslator(locale);
    for (const command of commands) {
      const shown = localizeUsage(command.usage, locale, t);
      // What may stay Latin: flags of digest, language codes, units like N, and the zone example.
      const left = shown.replace(/Asia\/\w+|zh-CN|zh-TW|\ben\b|\bko\b|post-empty|confirm-external|csv|xlsx|\bN\b/g, "");
      expect(left, `${command.usage} -> ${shown}`).not.toMatch(/[a-z]{2,}/i);
    }
  });

  test.each(READERS)("%s: every alternative shown for a choice reads back as the English one", (locale) => {
    const t = createTranslator(locale);
    const cases = [
      ["log <customer> <call|email|meeting|visit|chat|note>", "log", 2],
      ["followups [today|tomorrow|week|overdue]", "followups", 1],
      ["role <member> <admin|manager|rep>", "role", 2],
      ["stats <ar|sales|customers|activity>", "stats", 1],
    ] as const;
    for (const [usage, command, at] of cases) {
      const shownWords = localizeUsage(usage, locale, t).split(" ");
      const shownChoices = shownWords[at]!.replace(/[<>\[\]]/g, "").split("|");
      const english = usage.split(" ")[at]!.replace(/[<>\[\]]/g, "").split("|");
      const prefix = command === "log" ? ["acme"] : command === "role" ? ["@bob"] : [];
      const tail = command === "log" ? ["note"] : [];
      const readBack = shownChoices.map((choice) => canonicalize(tokenize([shownWords[0], ...prefix, choice, ...tail].join(" ")), { locale })[prefix.length + 1]);
      expect(readBack, usage).toEqual(english);
    }
  });
});
