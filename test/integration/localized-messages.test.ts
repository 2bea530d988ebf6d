/**
 * Refusals and errors of the core and the commands in the reader's language (zh-CN, zh-TW, ko): a
 * customer or member that is not found, another rep's customer, a broken command line, digest
 * times and zones, export filters. PGlite only; commands.test.ts keeps English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Locale } from "../../src/core/i18n/index.js";
import { createRecordingPoster } from "../../src/digests/recording-poster.js";
import { createDigestService } from "../../src/digests/service.js";
import { checkDigestFile } from "../../src/digests/file-destination.js";
import { localizeMessage } from "../../src/core/i18n/localized-messages.js";
import { createTranslator } from "../../src/core/i18n/index.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;
const TENANT = "team-messages-i18n";

type Expectations = {
  noMatch: string;
  noId: string;
  noMember: string;
  otherRep: string;
  control: string;
  notATime: string;
  notAZone: string;
  notAFilter: string;
  notUnderstood: string;
  helpExample: string;
  badChannel: string;
  editedField: string;
};

const EXPECTED: Record<Exclude<Locale, "en">, Expectations> = {
  "zh-CN": {
    noMatch: "没有与“zzqxj”匹配的客户。",
    noId: "此工作区没有客户 #999999。",
    noMember: "没有与“@nobodyhere”匹配的成员。",
    otherRep: "Acme Corp 属于其他销售。请联系其负责人或销售经理修改。",
    control: "该命令含有控制字符（如 NUL 等不可见字节）。请以纯文本重新输入。",
    notATime: "“25:00”不是有效的时间。请使用 24 小时制 HH:MM（08:30）或 8:30am。",
    notAZone: "“Mars/Olympus”不是时区。请使用 IANA 名称，如 Asia/Shanghai 或 Europe/Berlin。",
    notAFilter: "“colour”不是导出筛选条件。可用筛选：状态、等级、区域、行业、来源、阶段、负责人、开始、结束。",
    helpExample: "修改 acme 等级=A",
    editedField: "信用额度",
    badChannel: "无法发送到“nowhere”。请用 # 选择频道使其成为链接，或使用 console:stdout。",
    notUnderstood: "无法理解“sometimes”。时间之后可依次加上：时区、日期（工作日、每天、周一、周三）、语言=zh-CN，以及 post-empty 或 confirm-external。",
  },
  "zh-TW": {
    noMatch: "沒有與「zzqxj」相符的客戶。",
    noId: "此工作區沒有客戶 #999999。",
    noMember: "沒有與「@nobodyhere」相符的成員。",
    otherRep: "Acme Corp 屬於其他業務。請聯絡其負責人或業務主管修改。",
    control: "該指令含有控制字元（如 NUL 等不可見位元組）。請以純文字重新輸入。",
    notATime: "「25:00」不是有效的時間。請使用 24 小時制 HH:MM（08:30）或 8:30am。",
    notAZone: "「Mars/Olympus」不是時區。請使用 IANA 名稱，如 Asia/Taipei 或 Europe/Berlin。",
    notAFilter: "「colour」不是匯出篩選條件。可用篩選：狀態、等級、區域、產業、來源、階段、負責人、開始、結束。",
    helpExample: "編輯 acme 等級=A",
    editedField: "信用額度",
    badChannel: "無法發送到「nowhere」。請用 # 選擇頻道讓它成為連結，或使用 console:stdout。",
    notUnderstood: "無法理解「sometimes」。時間之後可依序加上：時區、日期（工作日、每天、週一、週三）、語言=zh-TW，以及 post-empty 或 confirm-external。",
  },
  ko: {
    noMatch: "“zzqxj”: 일치하는 거래처가 없습니다.",
    noId: "이 워크스페이스에 없는 거래처입니다: #999999",
    noMember: "“@nobodyhere”: 일치하는 멤버가 없습니다.",
    otherRep: "Acme Corp: 다른 영업 담당자의 거래처입니다. 담당자나 관리자에게 변경을 요청해 주십시오.",
    control: "명령에 제어 문자(NUL 같은 보이지 않는 바이트)가 있습니다. 일반 텍스트로 다시 입력해 주십시오.",
    notATime: "“25:00”: 올바른 시각이 아닙니다. 24시간제 HH:MM(08:30) 또는 8:30am 형식으로 입력해 주십시오.",
    notAZone: "“Mars/Olympus”: 시간대가 아닙니다. Asia/Seoul, Europe/Berlin 같은 IANA 이름을 사용해 주십시오.",
    notAFilter: "“colour”: 내보내기 필터가 아닙니다. 필터: 상태, 등급, 지역, 업종, 유입경로, 단계, 담당자, 시작, 종료.",
    helpExample: "수정 acme 등급=A",
    editedField: "여신 한도",
    badChannel: "\"nowhere\"에는 게시할 수 없습니다. 채널을 # 기호로 선택하거나 console:stdout 형식을 사용해 주십시오.",
    notUnderstood: "“sometimes”: 이해하지 못했습니다. 시각 뒤에는 시간대, 요일(평일, 매일, 월,수), 언어=ko, post-empty 또는 confirm-external을 선택적으로 쓸 수 있습니다.",
  },
};

const ENGLISH = /No customer|No member|belongs to another|That command|is not a time|is not an export filter|I did not understand|Pick it with/;

describe("core and command errors in the reader's language (pglite)", () => {
  let app: TestApp;
  const admin = (locale: Locale): Actor => app.actor(TENANT, "you", { timeZone: "UTC", locale });
  const rep = (locale: Locale): Actor => app.actor(TENANT, `rep-${locale}`, { displayName: `Rep ${locale}`, timeZone: "UTC", locale });

  beforeAll(async () => {
    app = await createTestApp(pglite);
    app.useDigests(createDigestService({ store: app.digestStore, poster: createRecordingPoster(), sleep: async () => undefined }));
    await app.rapport.identify(app.actor(TENANT, "alice", { displayName: "Alice Martin", timeZone: "UTC" }));
    await app.text(admin("en"), 'new "Acme Corp" city=Boston');
    await app.text(admin("en"), "assign acme @alice");
  });
  afterAll(async () => app?.drop());

  test("English stays as it was", async () => {
    expect(await app.text(admin("en"), "show zzqxj")).toContain('No customer matches "zzqxj".');
    expect(await app.text(rep("en"), "edit acme grade=B")).toContain("Acme Corp belongs to another rep. Ask its owner or a manager to change it.");
    expect(await app.text(admin("en"), "export customers colour=red")).toContain('"colour" is not an export filter.');
  });

  describe.each(Object.entries(EXPECTED) as [Exclude<Locale, "en">, Expectations][])("%s", (locale, expected) => {
    const says = async (actor: Actor, line: string, text: string) => {
      const reply = await app.rapport.runText({ actor, text: line });
      expect(reply.isError).toBe(true);
      const rendered = await app.text(actor, line);
      expect(rendered).toContain(text);
      expect(rendered).not.toMatch(ENGLISH);
    };

    test("customers and members that are not found", async () => {
      await says(admin(locale), "show zzqxj", expected.noMatch);
      await says(admin(locale), "show #999999", expected.noId);
      await says(admin(locale), "assign acme @nobodyhere", expected.noMember);
    });

    test("another rep's customer and a command line with control characters", async () => {
      await says(rep(locale), "edit acme grade=B", expected.otherRep);
      await says(admin(locale), "find acme\u0001", expected.control);
    });

    test("digest times, zones and extra words; export filters", async () => {
      await says(admin(locale), "digest add followups console:stdout 25:00", expected.notATime);
      await says(admin(locale), "digest add followups console:stdout 08:00 Mars/Olympus", expected.notAZone);
      await says(admin(locale), "digest add followups console:stdout 08:00 sometimes", expected.notUnderstood);
      await says(admin(locale), "export customers colour=red", expected.notAFilter);
      await says(admin(locale), "digest add followups nowhere 08:00", expected.badChannel);
    });

    test("edit names the changed field in the reader's words", async () => {
      const edited = await app.text(admin(locale), "edit acme credit_limit=5000");
      expect(edited).toContain(expected.editedField);
      expect(edited).not.toMatch(/creditLimit|credit_limit/);
    });

    test("help shows a command's examples in the reader's command words", async () => {
      const help = await app.text(admin(locale), "help edit");
      expect(help).toContain(expected.helpExample);
      expect(help).not.toContain("edit acme grade=A");
      // The usage line too: the command word, placeholders and field=value in the reader's words.
      expect(help).not.toMatch(/edit|<customer>|field=value/);
    });
  });
});

test("a console file destination's refusal, reason inside reason, is said in the reader's language", () => {
  const check = checkDigestFile("", []);
  expect(check.ok).toBe(false);
  const reason = check.ok ? "" : check.reason;
  expect(reason).toBe('"" is not a file path. No directory is allowed: the operator lists them in RAPPORT_DIGEST_FILE_DIRS.');
  expect(localizeMessage(reason, createTranslator("ko"))).toBe("“”: 파일 경로가 아닙니다. 허용된 디렉터리가 없습니다. 운영자가 RAPPORT_DIGEST_FILE_DIRS에 지정합니다.");
  expect(localizeMessage(reason, createTranslator("zh-CN"))).toBe("“”不是文件路径。没有允许的目录：由运维人员在 RAPPORT_DIGEST_FILE_DIRS 中列出。");
});
