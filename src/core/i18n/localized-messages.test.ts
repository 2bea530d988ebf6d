import { describe, expect, test } from "vitest";
import { englishOf, localizable, localizeMessage } from "./localized-messages.js";
import { createTranslator } from "./translator.js";

const ko = createTranslator("ko");
const en = createTranslator("en");

describe("englishOf and localizeMessage", () => {
  test("GIVEN a message fixed before the reader is known THEN English keeps it and another reader gets their own", () => {
    const message = englishOf("digest.opt.notATime", { value: "25:00" });
    expect(message).toBe('"25:00" is not a time of day. Use 24-hour HH:MM (08:30) or 8:30am.');
    expect(localizeMessage(message, en)).toBe(message);
    expect(localizeMessage(message, ko)).toBe("“25:00”: 올바른 시각이 아닙니다. 24시간제 HH:MM(08:30) 또는 8:30am 형식으로 입력해 주십시오.");
  });

  test("GIVEN a registered message inside another THEN both are translated", () => {
    const allowed = englishOf("digests.file.noneAllowed");
    const reason = englishOf("digests.file.notAPath", { path: "x", allowed });
    expect(localizeMessage(reason, createTranslator("zh-TW"))).toBe("「x」不是檔案路徑。沒有允許的目錄：由維運人員在 RAPPORT_DIGEST_FILE_DIRS 中列出。");
  });

  test("GIVEN a message nobody registered THEN it stays as written", () => {
    expect(localizeMessage("Something only a test says.", ko)).toBe("Something only a test says.");
  });

  test("GIVEN many messages with typed values THEN the oldest are forgotten and the newest still translate", () => {
    const first = englishOf("input.notUnderstood", { word: "first-of-many" });
    for (let index = 0; index < 6000; index++) localizable(`filler ${index}`, "input.notUnderstood", { word: String(index) });
    const last = englishOf("input.notUnderstood", { word: "last-of-many" });
    expect(localizeMessage(first, ko)).toBe(first);
    expect(localizeMessage(last, ko)).toBe("“last-of-many”: 이해하지 못했습니다.");
  });
});
