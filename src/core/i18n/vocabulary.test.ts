import { describe, expect, test } from "vitest";
import { tokenize } from "../tokenize.js";
import { canonicalize, COMMAND_NAMES, COMMAND_WORDS, commandName, lookupWord, matchKey, toHalfWidth, VOCABULARY, type CommandWord, type VocabularySet } from "./vocabulary.js";

// GIVEN a typed line THEN the canonical line (both tokenized the way the command router does).
const cases: [string, string][] = [
  // command words, four languages
  ["查找 宏达", "find 宏达"],
  ["搜索 上海 宏达", "find 上海 宏达"],
  ["找 王总", "find 王总"],
  ["查詢 台積", "find 台積"],
  ["搜尋 鴻海", "find 鴻海"],
  ["찾기 삼성", "find 삼성"],
  ["검색 현대 자동차", "find 현대 자동차"],
  ["FIND Acme", "find Acme"],
  ["ｆｉｎｄ acme", "find acme"],
  ["查看 ＃3", "show #3"],
  ["顯示 #12", "show #12"],
  ["조회 삼성", "show 삼성"],
  ["订单 SO-2026-0012", "order SO-2026-0012"],
  ["訂單列表 鴻海 頁=2", "orders 鴻海 page=2"],
  ["주문 목록 삼성 페이지=2", "orders 삼성 page=2"],
  ["逾期", "overdue"],
  ["应收账款 宏达", "overdue 宏达"],
  ["미수금", "overdue"],
  ["帮助 记录", "help log"],
  ["說明 匯出", "help export"],
  ["도움말 팔로업 설정", "help followup"],
  ["导出 客户 excel", "export customers xlsx"],
  ["匯出 應收帳款 全部", "export overdue all"],
  ["내보내기 주문 엑셀 내 것 시작=2026-01-01", "export orders xlsx mine from=2026-01-01"],
  ["导出 客户 等级=Ａ级 状态=活跃", "export customers grade=A status=active"],
  ["交接 @alice @bob", "handover @alice @bob"],
  ["인수인계 @김민지 @이서준", "handover @김민지 @이서준"],
  ["分配 宏达 @陈伟", "assign 宏达 @陈伟"],
  ["角色 @陈伟 经理", "role @陈伟 manager"],
  ["권한 @김민지 영업 관리자", "role @김민지 manager"],
  ["角色 @林 業務", "role @林 rep"],
  ["设跟进 宏达 下周五", "followup 宏达 下周五"],
  ["팔로업설정 삼성 다음 주 금요일", "followup 삼성 다음 주 금요일"],
  ["设跟进 宏达 １２月５日", "followup 宏达 12月5日"],
  // followups: periods and scopes in any order, multi-word phrases
  ["跟进 今天", "followups today"],
  ["待跟進 本週 全部", "followups week all"],
  ["팔로업 이번 주 전체", "followups week all"],
  ["할 일 이번주 내 것", "task week mine"],
  ["followups 今天", "followups today"],
  ["跟进 所有 逾期", "followups all overdue"],
  ["팔로업 기한 지남 @김민지", "followups overdue @김민지"],
  ["팔로업 지연", "followups overdue"],
  ["followups 明天 我的 页=２", "followups tomorrow mine page=2"],
  // log: channel, summary, next and outcome in any order
  ["log 삼성 call 견적서 보냄 next 내일", "log 삼성 call 견적서 보냄 next 내일"],
  ["기록 삼성 통화 견적서 보냄 다음 내일", "log 삼성 call 견적서 보냄 next 내일"],
  ["记录 宏达 电话 讨论了报价 下次 下周五 结果 有效", "log 宏达 call 讨论了报价 next 下周五 outcome effective"],
  ["记录 宏达 电话 讨论了报价 结果 高价值 下次 明天", "log 宏达 call 讨论了报价 next 明天 outcome high-value"],
  ["記錄 鴻海 拜訪 看樣品 下次跟進 下週五", "log 鴻海 visit 看樣品 next 下週五"],
  ["记录 宏达 微信 聊了价格 下次明天", "log 宏达 chat 聊了价格 next 明天"],
  ["记录 宏达 电话 报价 下次跟进下周五", "log 宏达 call 报价 next 下周五"],
  ["記錄 鴻海 電話 報價 下次跟進下週五 結果無效", "log 鴻海 call 報價 next 下週五 outcome unsuccessful"],
  ["기록 삼성 통화 견적 다음 연락 모레", "log 삼성 call 견적 next 모레"],
  ["记录 下次 电话 客户名叫下次", "log 下次 call 客户名叫下次"],
  ["记录 宏达 会议 谈合同 结果有效", "log 宏达 meeting 谈合同 outcome effective"],
  ["기록 현대 미팅 단가 협의 결과 유효 다음 3일 후", "log 현대 meeting 단가 협의 next 3일 후 outcome effective"],
  ["기록 LG 방문 샘플 전달 다음 다음 주 금요일", "log LG visit 샘플 전달 next 다음 주 금요일"],
  ["log acme call pricing outcome high value", "log acme call pricing outcome high-value"],
  ["导出 状态=流失", "export status=lost"],
  ["log acme email sent the quote outcome unsuccessful", "log acme email sent the quote outcome unsuccessful"],
  ["log acme 邮件 sent quote next friday", "log acme email sent quote next friday"],
  ["記錄 台積 LINE 確認交期", "log 台積 chat 確認交期"],
  ["기록 삼성 카톡 납기 확인", "log 삼성 chat 납기 확인"],
  ["记录 宏达 备注 老板换人了", "log 宏达 note 老板换人了"],
  // tricky: customers and summaries that look like keywords
  ["记录 电话 电话 客户叫电话公司", "log 电话 call 客户叫电话公司"],
  ["记录 宏达 电话 他说 下次 再谈", "log 宏达 call 他说 下次 再谈"],
  ["记录 宏达 电话 下次 明天", "log 宏达 call 下次 明天"],
  ["记录 宏达 电话 结果 很好", "log 宏达 call 结果 很好"],
  ["记录 宏达 电话 结果 有效 但价格高", "log 宏达 call 结果 有效 但价格高"],
  ["기록 삼성 통화 다음 주 금요일 미팅 잡음", "log 삼성 call 다음 주 금요일 미팅 잡음"],
  ["log acme call talked about next steps next friday", "log acme call talked about next steps next friday"],
  ["log acme call next steps agreed", "log acme call next steps agreed"],
  ["记录 ＃3 电话 价格＝１００元，下次再说", "log #3 call 价格＝１００元，下次再说"],
  ["记录 宏达", "log 宏达"],
  // new and edit: field names and values; names and notes kept as typed
  ["新建 上海宏达 等级=A 行业=制造 电话=１３８００１３８０００", "new 上海宏达 grade=A industry=制造 phone=13800138000"],
  ["新增 鴻海精密 等級=B級 狀態=潛在客戶 幣別=新台幣", "new 鴻海精密 grade=B status=prospect currency=TWD"],
  ["신규 삼성전자 등급=C등급 업종=전자 여신한도=5천만원 통화=원화", "new 삼성전자 grade=C industry=전자 credit_limit=5천만원 currency=KRW"],
  ['新建 "上海 宏达 贸易" 备注="老客户，很重要"', 'new "上海 宏达 贸易" notes="老客户，很重要"'],
  ["新建 电话 城市=上海", "new 电话 city=上海"],
  ["修改 宏达 信用额度=￥50万 币种=人民币", "edit 宏达 credit_limit=¥50万 currency=CNY"],
  ["編輯 鴻海 信用額度=NT$30,000", "edit 鴻海 credit_limit=NT$30,000"],
  ["수정 삼성 grade＝b 상태=휴면", "edit 삼성 grade=B status=dormant"],
  ["edit acme credit_limit=₩50,000,000 阶段=赢单", "edit acme credit_limit=₩50,000,000 stage=won"],
  ["修改 宏达 名称=宏达科技 foo=bar", "edit 宏达 name=宏达科技 foo=bar"],
  // stats, activity, digest, settings
  ["统计 应收 按 等级", "stats ar by grade"],
  ["統計 銷售 12個月 依區域", "stats sales 12m by region"],
  ["통계 매출 2026년 3월 지역별", "stats sales 2026-03 by region"],
  ["활동 @김민지 30일", "activity @김민지 30d"],
  ["活动 2026年", "activity 2026"],
  ["简报 添加 逾期 #finance 9:00 周一,周四", "digest add overdue #finance 9:00 周一,周四"],
  ["요약 알림 추가 팔로업 #sales 09:00 월,목 언어=한국어", "digest add followups #sales 09:00 월,목 language=ko"],
  ["每日摘要 預覽 流失風險 全部", "digest preview churn all"],
  ["digest 删除 ３", "digest remove 3"],
  ["设置 语言 简体中文", "settings language zh-CN"],
  ["設定 語言 繁體中文", "settings language zh-TW"],
  ["설정 언어 한국어", "settings language ko"],
  ["설정 워크스페이스 통화 원화", "settings workspace currency KRW"],
  ["settings timezone Asia/Seoul", "settings timezone Asia/Seoul"],
  ["设置 语言 自动", "settings language auto"],
  ["設定 時區 自動", "settings timezone auto"],
  ["설정 워크스페이스 언어 자동", "settings workspace language auto"],
  // a timezone value is not a setting word: 自动 only means auto after a setting
  ["设置 自动", "settings 自动"],
  ["交接 @bob @alice --预览", "handover @bob @alice --dry-run"],
  ["交接 @bob @alice --保留權限", "handover @bob @alice --keep-active"],
  ["인수인계 @bob @alice --미리보기 --권한유지", "handover @bob @alice --dry-run --keep-active"],
  // unknown command words pass through for the registry to report
  ["查找一下 宏达", "查找一下 宏达"],
  ["ｆｏｏ ＃3", "foo ＃3"],
];

describe("canonicalize", () => {
  test.each(cases)("GIVEN %s THEN %s", (typed, expected) => {
    expect(canonicalize(tokenize(typed))).toEqual(tokenize(expected));
  });

  test("an empty line stays empty", () => {
    expect(canonicalize([])).toEqual([]);
  });

  test("a given date reader decides what follows a next keyword", () => {
    const onlyTomorrow = (phrase: string) => phrase === "再谈";
    expect(canonicalize(tokenize("记录 宏达 电话 他说 下次 再谈"), { readsAsDate: onlyTomorrow })).toEqual(tokenize("log 宏达 call 他说 next 再谈"));
  });
});

describe("lookupWord", () => {
  test.each<[VocabularySet, string, string | null]>([
    ["channel", "電話", "call"],
    ["channel", "电话", "call"],
    ["channel", "카카오톡", "chat"],
    ["outcome", "高價值", "high-value"],
    ["period", "이번 주", "week"],
    ["period", "이번주", "week"],
    ["field", "信用額度", "credit_limit"],
    ["field", "통화", "currency"],
    ["channel", "통화", "call"],
    ["currency", "nt$", "TWD"],
    ["language", "繁體中文", "zh-TW"],
    ["channel", "fax", null],
    ["channel", "", null],
  ])("GIVEN %s %j THEN %j", (set, typed, expected) => {
    expect(lookupWord(set, typed)).toBe(expected);
  });
});

test("no typed word means two things within one set (after case, width and script folding)", () => {
  for (const [set, words] of Object.entries(VOCABULARY)) {
    const seen = new Map<string, string>();
    for (const [canonical, aliases] of Object.entries(words as Record<string, readonly string[]>)) {
      for (const alias of [canonical, ...aliases]) {
        const key = matchKey(alias);
        const previous = seen.get(key);
        expect({ set, alias, canonical: previous ?? canonical }).toEqual({ set, alias, canonical });
        seen.set(key, canonical);
      }
    }
  }
});

test("followups' periods and scopes never share a word, as they may come in any order", () => {
  const periods = Object.values(VOCABULARY.period).flat().map(matchKey);
  const scopes = Object.values(VOCABULARY.scope).flat().map(matchKey);
  expect(periods.filter((word) => scopes.includes(word))).toEqual([]);
});

test.each([
  ["＃3", "#3"],
  ["１３８００１３８０００", "13800138000"],
  ["grade＝Ｂ", "grade=B"],
  ["ㅅㅈ", "ㅅㅈ"],
  ["삼성", "삼성"],
])("toHalfWidth GIVEN %s THEN %s", (typed, expected) => {
  expect(toHalfWidth(typed)).toBe(expected);
});

describe("COMMAND_NAMES", () => {
  test.each(Object.entries(COMMAND_NAMES))("%s: every command has one shown word, understood when typed, usable as a Discord name", (_locale, names) => {
    for (const command of Object.keys(COMMAND_WORDS) as CommandWord[]) {
      const name = names[command];
      expect({ command, typed: lookupWord("command", name) }).toEqual({ command, typed: command });
      expect(name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
    }
    expect(new Set(Object.values(names)).size).toBe(Object.keys(COMMAND_WORDS).length);
  });

  test("English shows the canonical name", () => {
    expect(commandName("followups", "en")).toBe("followups");
    expect(commandName("followups", "ko")).toBe("후속연락");
    expect(commandName("export", "zh-TW")).toBe("匯出");
  });
});
