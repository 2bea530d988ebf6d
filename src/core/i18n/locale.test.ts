import { describe, expect, test } from "vitest";
import { isLocale, localeFromTag, resolveLocale, type LocaleSources } from "./locale.js";

describe("localeFromTag", () => {
  test.each([
    // Slack users.info locales
    ["zh-CN", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["ko-KR", "ko"],
    ["en-US", "en"],
    ["en-GB", "en"],
    // Discord interaction locales
    ["ko", "ko"],
    ["en-US", "en"],
    // Hong Kong and Macau read Traditional
    ["zh-HK", "zh-TW"],
    ["zh-MO", "zh-TW"],
    // script subtags win over regions
    ["zh", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-Hans-HK", "zh-CN"],
    ["zh-Hant", "zh-TW"],
    ["zh-Hant-TW", "zh-TW"],
    ["zh-Hant-CN", "zh-TW"],
    ["zh-SG", "zh-CN"],
    ["yue", "zh-TW"],
    // spellings from environment variables and hand-typed settings
    ["zh_CN.UTF-8", "zh-CN"],
    ["ZH-tw", "zh-TW"],
    [" ko_KR ", "ko"],
    // languages we do not have
    ["ja", null],
    ["pt-BR", null],
    ["", null],
    [null, null],
    [undefined, null],
  ] as const)("GIVEN %j THEN %j", (tag, expected) => {
    expect(localeFromTag(tag)).toBe(expected);
  });
});

describe("resolveLocale", () => {
  test.each<[string, LocaleSources, string]>([
    ["nothing set: English", {}, "en"],
    ["member choice wins over everything", { memberChoice: "ko", platformLocale: "zh-TW", workspaceDefault: "zh-CN", envDefault: "en" }, "ko"],
    ["platform locale when the member chose nothing", { memberChoice: null, platformLocale: "zh-TW", workspaceDefault: "ko" }, "zh-TW"],
    ["Slack ko-KR", { platformLocale: "ko-KR", workspaceDefault: "en" }, "ko"],
    ["Slack en-GB is English even in a Korean workspace", { platformLocale: "en-GB", workspaceDefault: "ko" }, "en"],
    ["Hong Kong member gets Traditional", { platformLocale: "zh-HK", workspaceDefault: "zh-CN" }, "zh-TW"],
    ["unknown platform locale falls to the workspace", { platformLocale: "pt-BR", workspaceDefault: "ko" }, "ko"],
    ["unknown platform locale and no workspace: env", { platformLocale: "ja", envDefault: "zh-CN" }, "zh-CN"],
    ["workspace default when no personal source", { workspaceDefault: "zh-TW", envDefault: "ko" }, "zh-TW"],
    ["Discord guild locale as workspace default", { workspaceDefault: "zh-CN" }, "zh-CN"],
    ["env default last", { envDefault: "ko" }, "ko"],
    ["unknown env default: English", { envDefault: "fr" }, "en"],
    ["empty strings count as unset", { memberChoice: "", platformLocale: "", workspaceDefault: "", envDefault: "zh-TW" }, "zh-TW"],
  ])("%s", (_name, sources, expected) => {
    expect(resolveLocale(sources)).toBe(expected);
  });
});

test("isLocale accepts exactly the four catalog locales", () => {
  expect(["en", "zh-CN", "zh-TW", "ko"].every(isLocale)).toBe(true);
  expect(["ko-KR", "zh", "EN", 3, null].some(isLocale)).toBe(false);
});
