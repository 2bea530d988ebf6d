/**
 * What people type, in four languages, mapped to the canonical English words the command parsers
 * already read: `查找 宏达` -> `find 宏达`, `log 삼성 통화 견적서 보냄 다음 내일` ->
 * `log 삼성 call 견적서 보냄 next 내일`, `edit acme 等级=B 信用額度=５０万` -> `edit acme grade=B credit_limit=50万`.
 *
 * The rule (why a customer named 电话 or a summary saying 下次 does not break):
 * - Only three kinds of word are ever translated: the command word (position 0); a word in a
 *   position where the command expects a choice (log's channel, followups' period and scope,
 *   export's kind, role's role, help's command, digest's action and kind...); and `key=value`
 *   words whose key is a field of that command (value translated only for fields with a fixed set
 *   of values: status, stage, grade, currency, language).
 * - Free text (log's summary, new's name, and free-text field values such as notes=, address=) is
 *   returned exactly as typed, full-width punctuation included.
 * - References and structured values (customer and member references, numbers, dates, phone=,
 *   credit_limit=) are folded to half-width with NFKC (`＃3` -> `#3`, `１３８` -> `138`), except
 *   Hangul compatibility jamo, which NFKC would turn into letters that no longer match typed
 *   initials (see text/normalize.ts).
 * - log: the customer is everything before the first channel word at position 1 or later (so a
 *   customer named 电话 is still the customer when typed first); the summary needs at least one
 *   word; after it, `next <date>` counts only when the words after the keyword read as a date
 *   (the last such keyword wins, so "下次 再谈" or "next steps" stay in the summary), and
 *   `outcome <value>` counts only when the value is a known outcome and the pair ends the line or is
 *   followed only by the `next` part. Both keywords may come in either order and are put back in the
 *   order log.ts reads (next, then outcome last). Chinese often has no space: `下次明天`,
 *   `下次跟进下周五` and `结果有效` are split the same way, under the same conditions.
 * - Matching folds case, full-width forms, Traditional to Simplified characters (so both scripts
 *   of a Chinese word match) and spaces (`이번 주` = `이번주`); a phrase may span up to three words.
 */
import { readDate, type DateLocale } from "../dates/read-date.js";
import { normalizeText } from "../text/normalize.js";
import type { Locale } from "./locale.js";

/** Canonical word -> what people type for it. The canonical word itself is always accepted. */
type WordList = Readonly<Record<string, readonly string[]>>;

export const COMMAND_WORDS = {
  find: ["查找", "搜索", "找", "查询", "查詢", "搜尋", "찾기", "검색"],
  show: ["查看", "显示", "顯示", "详情", "詳情", "보기", "조회", "상세"],
  log: ["记录", "記錄", "紀錄", "기록", "활동기록", "활동 기록"],
  order: ["订单", "訂單", "주문"],
  orders: ["订单列表", "訂單列表", "주문목록", "주문 목록", "주문내역", "주문 내역"],
  followups: ["跟进", "待跟进", "跟進", "待跟進", "팔로업", "후속연락", "후속 연락"],
  followup: ["设跟进", "设置跟进", "設跟進", "設定跟進", "팔로업설정", "팔로업 설정", "후속연락설정", "후속 연락 설정"],
  overdue: ["逾期", "应收", "應收", "应收账款", "應收帳款", "逾期账款", "逾期帳款", "연체", "미수금", "매출채권"],
  new: ["新建", "新增", "新客户", "新客戶", "신규", "등록"],
  edit: ["修改", "编辑", "編輯", "更改", "수정", "편집", "변경"],
  assign: ["分配", "指派", "分派", "배정", "할당"],
  role: ["角色", "권한", "역할"],
  help: ["帮助", "說明", "幫助", "도움말", "도움"],
  export: ["导出", "匯出", "내보내기"],
  stats: ["统计", "統計", "报表", "報表", "통계"],
  handover: ["交接", "인수인계", "인계"],
  sync: ["同步", "同步成员", "同步成員", "동기화", "구성원동기화"],
  activity: ["活动", "活動", "动态", "動態", "활동", "활동내역"],
  // GLOSSARY: digest = 每日简报 / 每日摘要 / 요약 알림 (要約 is Japanese, so it is not listed).
  digest: ["简报", "每日简报", "摘要", "每日摘要", "요약알림", "요약 알림", "요약", "다이제스트"],
  settings: ["设置", "設定", "설정"],
  task: ["待办", "待辦", "任务", "任務", "할일", "할 일"],
  tasks: ["待办列表", "待辦列表", "待办事项", "待辦事項", "任务列表", "任務列表", "할일목록", "할 일 목록", "할일 목록"],
  contact: ["联系人", "聯絡人", "담당자", "연락처"],
  contacts: ["联系人列表", "聯絡人列表", "담당자목록", "담당자 목록", "연락처목록", "연락처 목록"],
  merge: ["合并", "合併", "병합", "통합"],
  archive: ["归档", "歸檔", "封存", "보관"],
  pay: ["回款", "收款", "登记回款", "登記收款", "수금", "입금"],
  writeoff: ["核销", "坏账核销", "冲销", "沖銷", "呆帳沖銷", "대손처리", "대손 처리", "대손"],
  dunning: ["催款", "催款函", "催款通知", "催收", "수금독촉", "수금 독촉", "독촉장", "독촉"],
  deal: ["商机", "商機", "영업기회", "영업 기회"],
  deals: ["商机列表", "商機列表", "영업기회목록", "영업기회 목록"],
  forecast: ["销售预测", "銷售預測", "预测", "預測", "매출예측", "매출 예측"],
  ship: ["发货", "出货", "出貨", "發貨", "출고", "출하"],
  invoice: ["开票", "開票", "开账单", "開帳單", "開立帳單", "청구", "청구서발행", "청구서 발행"],
  quote: ["报价单", "報價單", "报价", "報價", "견적서", "견적"],
} as const satisfies WordList;

export type CommandWord = keyof typeof COMMAND_WORDS;

/**
 * The one word each language shows for a command (help, usage examples, Discord's
 * name_localizations): the GLOSSARY's preferred term, one word without spaces as Discord requires.
 * The other spellings in COMMAND_WORDS are still understood when typed.
 */
export const COMMAND_NAMES: Readonly<Record<Exclude<Locale, "en">, Record<CommandWord, string>>> = {
  "zh-CN": {
    find: "查找", show: "查看", log: "记录", order: "订单", orders: "订单列表", followups: "跟进", followup: "设跟进",
    overdue: "逾期", new: "新建", edit: "修改", assign: "分配", role: "角色", help: "帮助", export: "导出",
    stats: "统计", handover: "交接", sync: "同步", activity: "活动", digest: "简报", settings: "设置",
    task: "待办", tasks: "待办列表",
    contact: "联系人", contacts: "联系人列表", merge: "合并", archive: "归档",
    pay: "回款", writeoff: "核销", dunning: "催款",
    deal: "商机", deals: "商机列表", forecast: "销售预测",
    ship: "发货", invoice: "开票",
    quote: "报价单",
  },
  "zh-TW": {
    find: "查詢", show: "查看", log: "記錄", order: "訂單", orders: "訂單列表", followups: "跟進", followup: "設定跟進",
    overdue: "逾期", new: "新增", edit: "編輯", assign: "指派", role: "角色", help: "說明", export: "匯出",
    stats: "統計", handover: "交接", sync: "同步", activity: "活動", digest: "摘要", settings: "設定",
    task: "待辦", tasks: "待辦列表",
    contact: "聯絡人", contacts: "聯絡人列表", merge: "合併", archive: "封存",
    pay: "收款", writeoff: "沖銷", dunning: "催款",
    deal: "商機", deals: "商機列表", forecast: "銷售預測",
    ship: "出貨", invoice: "開立帳單",
    quote: "報價單",
  },
  ko: {
    find: "검색", show: "보기", log: "기록", order: "주문", orders: "주문목록", followups: "후속연락", followup: "후속연락설정",
    overdue: "미수금", new: "신규", edit: "수정", assign: "배정", role: "권한", help: "도움말", export: "내보내기",
    stats: "통계", handover: "인수인계", sync: "동기화", activity: "활동", digest: "요약알림", settings: "설정",
    task: "할일", tasks: "할일목록",
    contact: "담당자", contacts: "담당자목록", merge: "병합", archive: "보관",
    pay: "수금", writeoff: "대손처리", dunning: "수금독촉",
    deal: "영업기회", deals: "영업기회목록", forecast: "매출예측",
    ship: "출고", invoice: "청구서발행",
    quote: "견적서",
  },
};

/** The command word shown to a reader of `locale` (English shows the canonical name). */
export function commandName(command: CommandWord, locale: Locale): string {
  return locale === "en" ? command : COMMAND_NAMES[locale][command];
}

export const CHANNEL_WORDS = {
  call: ["电话", "電話", "通话", "通話", "통화", "전화"],
  email: ["邮件", "郵件", "电邮", "電郵", "이메일", "메일", "e-mail"],
  meeting: ["会议", "會議", "开会", "開會", "미팅", "회의"],
  visit: ["拜访", "拜訪", "上门", "上門", "방문"],
  chat: ["聊天", "微信", "wechat", "line", "카톡", "카카오톡", "kakaotalk", "채팅"],
  note: ["备注", "備註", "메모", "노트"],
} as const satisfies WordList;

export const OUTCOME_WORDS = {
  effective: ["有效", "유효"],
  "high-value": ["高价值", "高價值", "고가치", "high value", "highvalue"],
  unsuccessful: ["无效", "無效", "失败", "失敗", "무효", "실패"],
} as const satisfies WordList;

export const STATUS_WORDS = {
  prospect: ["潜在客户", "潛在客戶", "潜在", "潛在", "잠재고객", "잠재 고객", "잠재"],
  active: ["活跃", "活躍", "合作中", "활성", "거래중", "거래 중"],
  dormant: ["休眠", "沉睡", "휴면"],
  lost: ["流失", "已流失", "이탈", "거래중단"],
} as const satisfies WordList;

export const STAGE_WORDS = {
  lead: ["线索", "線索", "销售线索", "銷售線索", "名單", "리드"],
  qualified: ["已确认", "已確認", "合格", "검증", "적격"],
  proposal: ["方案", "提案", "报价", "報價", "제안", "견적"],
  negotiation: ["谈判", "談判", "협상"],
  won: ["赢单", "成交", "수주"],
  lost: ["丢单", "失單", "실주"],
} as const satisfies WordList;

export const PERIOD_WORDS = {
  today: ["今天", "今日", "오늘"],
  tomorrow: ["明天", "明日", "내일"],
  week: ["本周", "本週", "这周", "這週", "这星期", "這星期", "이번주", "이번 주", "금주"],
  overdue: ["逾期", "已逾期", "过期", "過期", "지연", "연체", "기한지남", "기한 지남"],
} as const satisfies WordList;

export const SCOPE_WORDS = {
  mine: ["我的", "내것", "내 것", "내꺼"],
  all: ["全部", "所有", "所有人", "전체", "모두"],
} as const satisfies WordList;

export const KEYWORD_WORDS = {
  next: ["下次", "下次跟进", "下次跟進", "下次联系", "下次聯繫", "다음", "다음연락", "다음 연락"],
  outcome: ["结果", "結果", "결과"],
} as const satisfies WordList;

export const ROLE_WORDS = {
  admin: ["管理员", "管理員", "관리자"],
  manager: ["经理", "經理", "主管", "销售经理", "業務主管", "매니저", "팀장", "영업관리자", "영업 관리자"],
  rep: ["销售", "业务员", "業務", "業務代表", "销售代表", "영업", "영업사원", "영업담당자", "영업 담당자"],
  finance: ["财务", "財務", "會計", "会计", "재무", "경리"],
  assistant: ["销售助理", "業務助理", "銷售助理", "助理", "영업지원", "영업 지원", "영업 보조"],
} as const satisfies WordList;

/** Field names for `key=value` (new, edit, export filters, page=, digest language=...). */
export const FIELD_WORDS = {
  name: ["名称", "名稱", "客户名称", "客戶名稱", "이름", "거래처명", "상호"],
  aliases: ["别名", "別名", "简称", "簡稱", "별칭"],
  status: ["状态", "狀態", "상태"],
  stage: ["阶段", "階段", "단계"],
  grade: ["等级", "等級", "등급"],
  type: ["类型", "類型", "유형", "구분"],
  industry: ["行业", "產業", "行業", "업종"],
  source: ["来源", "來源", "유입경로", "출처"],
  region: ["区域", "區域", "地区", "地區", "지역"],
  city: ["城市", "도시"],
  address: ["地址", "주소"],
  phone: ["电话", "電話", "手机", "手機", "전화", "전화번호"],
  email: ["邮箱", "电邮", "電郵", "电子邮件", "電子郵件", "信箱", "이메일", "메일"],
  website: ["网站", "網站", "官网", "官網", "웹사이트", "홈페이지"],
  credit_limit: ["信用额度", "信用額度", "额度", "額度", "여신한도", "신용한도"],
  notes: ["备注", "備註", "메모", "비고"],
  currency: ["币种", "币别", "幣別", "货币", "貨幣", "통화", "화폐"],
  page: ["页", "頁", "页码", "頁碼", "페이지"],
  from: ["开始", "開始", "起始", "시작", "부터"],
  to: ["结束", "結束", "截止", "종료", "까지"],
  language: ["语言", "語言", "언어"],
  link: ["链接", "連結", "링크"],
  method: ["收款方式", "付款方式", "支付方式", "方式", "입금방법", "결제방법", "방법"],
  ref: ["参考号", "參考號", "流水号", "流水號", "单号", "單號", "참조번호", "참조"],
  reason: ["原因", "理由", "事由", "사유", "丢单原因", "失單原因", "실주사유"],
  // A contact person's job title (contact's title=; `title` itself is a deal's heading).
  position: ["职务", "職務", "职位", "職位", "직함", "직책"],
  wechat: ["微信", "微信号", "微信號", "위챗"],
  kakao: ["카카오톡", "카카오", "카톡"],
  line: ["라인", "賴"],
  customer: ["客户", "客戶", "거래처", "고객"],
  // Deal fields (deal new / edit, deals).
  title: ["标题", "標題", "제목"],
  amount: ["金额", "金額", "금액"],
  close: ["预计成交日", "預計成交日", "成交日期", "예상마감일", "마감일"],
  probability: ["成交概率", "成交機率", "概率", "機率", "수주확률", "확률"],
  owner: ["负责人", "負責人", "담당자"],
  closing: ["预计成交", "預計成交", "마감시기"],
  // Shipments and invoices (ship, invoice) and payment terms (new, edit).
  carrier: ["承运商", "承運商", "物流公司", "货运公司", "貨運公司", "운송사", "택배사"],
  tracking: ["运单号", "運單號", "快递单号", "貨運單號", "송장번호", "운송장번호"],
  warehouse: ["仓库", "倉庫", "发货仓", "出貨倉", "창고"],
  due: ["到期日", "到期", "付款期限", "만기일", "만기", "지급기일"],
  terms: ["账期", "帳期", "付款条件", "付款條件", "결제조건", "결제 조건", "결제기한"],
  // Quotes (quote new).
  tax: ["税率", "稅率", "税", "稅", "세율", "부가세"],
  valid: ["有效期", "有效期至", "效期", "유효기간"],
} as const satisfies WordList;

export type FieldWord = keyof typeof FIELD_WORDS;

export const CURRENCY_WORDS = {
  CNY: ["人民币", "人民幣", "rmb", "元", "위안"],
  TWD: ["新台币", "新台幣", "台币", "台幣", "ntd", "nt$", "대만달러"],
  KRW: ["韩元", "韓元", "韩币", "원", "원화"],
  USD: ["美元", "美金", "달러", "미국달러", "us$"],
} as const satisfies WordList;

export const LANGUAGE_WORDS = {
  en: ["english", "英文", "英语", "英語", "영어"],
  "zh-CN": ["zh-cn", "简体中文", "简体", "簡體中文", "中文", "汉语", "중국어"],
  "zh-TW": ["zh-tw", "繁體中文", "繁体中文", "繁體", "正體中文", "繁中"],
  ko: ["korean", "한국어", "韩语", "韓語", "韩文", "韓文"],
} as const satisfies WordList;

export const EXPORT_KIND_WORDS = {
  customers: ["客户", "客戶", "고객", "거래처"],
  overdue: ["逾期", "应收账款", "應收帳款", "应收", "應收", "미수금", "연체", "receivables", "ar"],
  followups: ["跟进", "跟進", "待跟进", "待跟進", "후속연락", "팔로업"],
  orders: ["订单", "訂單", "주문"],
  deals: ["商机", "商機", "영업기회", "영업 기회"],
  quotes: ["报价单", "報價單", "报价", "報價", "견적서", "견적"],
} as const satisfies WordList;

export const EXPORT_FORMAT_WORDS = {
  csv: [],
  xlsx: ["excel", "엑셀"],
} as const satisfies WordList;

export const STATS_KIND_WORDS = {
  ar: ["应收", "應收", "应收账款", "應收帳款", "账龄", "帳齡", "미수금", "매출채권"],
  sales: ["销售", "銷售", "销售额", "銷售額", "业绩", "業績", "매출"],
  customers: ["客户", "客戶", "고객", "거래처"],
  activity: ["活动", "活動", "跟进", "跟進", "활동"],
  pipeline: ["销售漏斗", "銷售漏斗", "漏斗", "파이프라인"],
} as const satisfies WordList;

export const DIMENSION_WORDS = {
  grade: ["等级", "等級", "등급"],
  region: ["区域", "區域", "地区", "地區", "지역", "province", "省份", "省", "시도"],
  city: ["城市", "도시"],
  type: ["类型", "類型", "客户类型", "客戶類型", "유형", "거래처유형"],
  industry: ["行业", "產業", "行業", "업종"],
  source: ["来源", "來源", "유입경로", "출처"],
  owner: ["负责人", "負責人", "담당자"],
} as const satisfies WordList;

export const BY_WORDS = { by: ["按", "依", "按照", "依照", "기준"] } as const satisfies WordList;

export const DIGEST_ACTION_WORDS = {
  add: ["添加", "新增", "增加", "추가", "등록"],
  list: ["列表", "清单", "清單", "목록"],
  remove: ["删除", "刪除", "移除", "삭제"],
  preview: ["预览", "預覽", "미리보기"],
  run: ["运行", "执行", "執行", "실행"],
} as const satisfies WordList;

export const DIGEST_KIND_WORDS = {
  followups: ["跟进", "跟進", "待跟进", "待跟進", "후속연락", "후속 연락", "팔로업"],
  overdue: ["逾期", "应收账款", "應收帳款", "催款", "연체", "미수금"],
  churn: ["流失风险", "流失風險", "流失", "이탈위험", "이탈 위험", "이탈"],
  pipeline: ["销售漏斗", "銷售漏斗", "漏斗", "商机", "商機", "파이프라인"],
} as const satisfies WordList;

export const SETTINGS_WORDS = {
  language: ["语言", "語言", "언어"],
  timezone: ["时区", "時區", "시간대", "타임존"],
  workspace: ["工作区", "工作區", "团队", "團隊", "워크스페이스"],
  currency: ["币种", "币别", "幣別", "货币", "貨幣", "통화", "화폐"],
  reminders: ["提醒", "早间提醒", "早晨提醒", "每日提醒", "알림", "아침알림", "아침 알림", "리마인더"],
  alerts: ["通知", "个人通知", "個人通知", "개인알림", "개인 알림"],
  quiet: ["免打扰", "免打擾", "勿扰", "勿擾", "방해금지", "방해 금지"],
  previews: ["预览", "链接预览", "預覽", "連結預覽", "미리보기", "링크미리보기"],
  visibility: ["可见范围", "客户可见范围", "可見範圍", "客戶可見範圍", "공개범위", "열람범위"],
} as const satisfies WordList;

/** A setting's value that goes back to the default (settings.ts also reads `default` and `reset`). */
export const SETTING_VALUE_WORDS = {
  auto: ["自动", "自動", "默认", "默認", "預設", "자동", "기본값"],
  on: ["开启", "開啟", "开", "開", "打开", "打開", "켜기", "켬"],
  off: ["关闭", "關閉", "关", "關", "끄기", "끔"],
  /** `settings workspace visibility own|all`. */
  own: ["仅本人", "僅本人", "私海", "본인만"],
  all: ["全部", "全部人", "전체"],
} as const satisfies WordList;

/** How a receipt came in (pay's method=). */
export const PAYMENT_METHOD_WORDS = {
  bank: ["银行转账", "銀行轉帳", "银行", "銀行", "转账", "轉帳", "电汇", "電匯", "계좌이체", "은행", "이체", "송금"],
  card: ["刷卡", "信用卡", "카드", "신용카드"],
  cash: ["现金", "現金", "현금"],
  check: ["支票", "수표", "cheque"],
  other: ["其他", "기타"],
} as const satisfies WordList;

/** dunning's sub-action: the reminder went out. */
export const DUNNING_ACTION_WORDS = {
  sent: ["已发送", "已發送", "已寄出", "已发出", "發送", "发送", "발송완료", "발송"],
} as const satisfies WordList;

/** contact's sub-action. */
export const CONTACT_ACTION_WORDS = {
  add: ["添加", "新增", "增加", "추가", "등록"],
  edit: ["修改", "编辑", "編輯", "수정", "편집"],
  remove: ["删除", "刪除", "移除", "삭제"],
  restore: ["恢复", "恢復", "还原", "還原", "복원", "복구"],
} as const satisfies WordList;

/** Bare words of contact, new, merge and archive: `primary`, `anyway`, `into`, `undo`. */
export const RECORD_WORDS = {
  primary: ["主要联系人", "主要聯絡人", "主要", "대표담당자", "대표", "주담당자"],
  anyway: ["仍然创建", "仍然建立", "照样创建", "照樣建立", "그래도등록", "강제등록"],
  into: ["并入", "合并到", "併入", "合併到", "병합대상", "으로"],
  undo: ["撤销", "復原", "撤銷", "复原", "取消归档", "取消封存", "보관해제", "실행취소", "취소"],
} as const satisfies WordList;

/** handover's switches, as each reader types them. */
/** deal's sub-actions. */
export const DEAL_ACTION_WORDS = {
  new: ["新建", "新增", "신규", "등록"],
  show: ["查看", "顯示", "보기", "조회"],
  edit: ["修改", "编辑", "編輯", "수정", "편집"],
  stage: ["推进", "推進", "阶段", "階段", "단계"],
  won: ["赢单", "成交", "수주"],
  lost: ["丢单", "失單", "실주"],
  stages: ["阶段列表", "階段列表", "단계목록", "단계 목록"],
  set: ["设置", "設定", "설정"],
} as const satisfies WordList;

/** Why a deal was lost (deal lost reason=). */
export const LOST_REASON_WORDS = {
  price: ["价格", "價格", "가격"],
  competitor: ["竞争对手", "競爭對手", "竞品", "競品", "경쟁사"],
  "no-budget": ["没有预算", "沒有預算", "无预算", "無預算", "예산없음", "예산 없음"],
  timing: ["时机", "時機", "시기", "타이밍"],
  other: ["其他", "기타"],
} as const satisfies WordList;

/** deals' closing windows. */
export const CLOSING_WORDS = {
  "this-month": ["本月", "这个月", "這個月", "이번달", "이번 달"],
  "next-month": ["下个月", "下個月", "下月", "다음달", "다음 달"],
  quarter: ["本季度", "本季", "季度", "이번분기", "이번 분기", "분기"],
} as const satisfies WordList;

/** forecast's period. */
export const FORECAST_PERIOD_WORDS = {
  month: ["月度", "本月", "월간", "이번달", "이번 달"],
  quarter: ["季度", "本季度", "本季", "분기", "이번분기", "이번 분기"],
} as const satisfies WordList;

export const FLAG_WORDS = {
  "--dry-run": ["--预览", "--預覽", "--미리보기"],
  "--keep-active": ["--保留权限", "--保留權限", "--권한유지"],
} as const satisfies WordList;

/** order's actions, and the word that allows an order over the credit limit. */
export const ORDER_ACTION_WORDS = {
  new: ["新增", "新建", "下单", "신규", "등록"],
  cancel: ["取消", "취소"],
  override: ["超额放行", "超額核准", "超额", "超額", "한도초과승인", "한도초과"],
} as const satisfies WordList;

/** task's sub-actions (`task add`, `task done`, `task snooze`, `task list`). */
export const TASK_ACTION_WORDS = {
  add: ["新增", "添加", "增加", "추가", "등록"],
  done: ["完成", "已完成", "办完", "완료", "끝"],
  snooze: ["推迟", "延後", "延期", "改期", "미루기", "연기"],
  list: ["列表", "清单", "清單", "목록"],
} as const satisfies WordList;

/** quote's sub-actions (a bare number shows that quote). */
export const QUOTE_ACTION_WORDS = {
  new: ["新建", "新增", "신규", "작성"],
  send: ["发送", "發送", "寄出", "발송", "전송"],
  accept: ["接受", "确认成交", "수락", "승인"],
  reject: ["拒绝", "拒絕", "婉拒", "거절", "반려"],
  expiring: ["即将过期", "即將到期", "만료예정", "만료 예정"],
} as const satisfies WordList;

export const VOCABULARY = {
  command: COMMAND_WORDS,
  channel: CHANNEL_WORDS,
  outcome: OUTCOME_WORDS,
  status: STATUS_WORDS,
  stage: STAGE_WORDS,
  period: PERIOD_WORDS,
  scope: SCOPE_WORDS,
  keyword: KEYWORD_WORDS,
  role: ROLE_WORDS,
  field: FIELD_WORDS,
  currency: CURRENCY_WORDS,
  language: LANGUAGE_WORDS,
  exportKind: EXPORT_KIND_WORDS,
  exportFormat: EXPORT_FORMAT_WORDS,
  statsKind: STATS_KIND_WORDS,
  dimension: DIMENSION_WORDS,
  by: BY_WORDS,
  digestAction: DIGEST_ACTION_WORDS,
  digestKind: DIGEST_KIND_WORDS,
  settings: SETTINGS_WORDS,
  settingValue: SETTING_VALUE_WORDS,
  flag: FLAG_WORDS,
  taskAction: TASK_ACTION_WORDS,
  paymentMethod: PAYMENT_METHOD_WORDS,
  dunningAction: DUNNING_ACTION_WORDS,
  contactAction: CONTACT_ACTION_WORDS,
  record: RECORD_WORDS,
  dealAction: DEAL_ACTION_WORDS,
  lostReason: LOST_REASON_WORDS,
  closing: CLOSING_WORDS,
  forecastPeriod: FORECAST_PERIOD_WORDS,
  orderAction: ORDER_ACTION_WORDS,
  quoteAction: QUOTE_ACTION_WORDS,
} as const;

export type VocabularySet = keyof typeof VOCABULARY;

/** How two spellings are compared: case, width, accents, script (T->S) and spaces folded. */
export function matchKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, "");
}

const indexes = new Map<VocabularySet, Map<string, string>>();

function indexOf(set: VocabularySet): Map<string, string> {
  let index = indexes.get(set);
  if (!index) {
    index = new Map();
    for (const [canonical, aliases] of Object.entries(VOCABULARY[set] as WordList)) {
      for (const alias of [canonical, ...aliases]) index.set(matchKey(alias), canonical);
    }
    indexes.set(set, index);
  }
  return index;
}

/**
 * The canonical word for one typed value, or null. For values that arrive already split: a Discord
 * option, a modal field, a button (`lookupWord("channel", "電話")` -> "call").
 */
export function lookupWord(set: VocabularySet, text: string): string | null {
  const key = matchKey(text);
  return key ? (indexOf(set).get(key) ?? null) : null;
}

const MAX_PHRASE_WORDS = 3;

/** The longest phrase of one to three words at `at` that is in one of `sets`. */
function matchPhrase(words: readonly string[], at: number, sets: readonly VocabularySet[]): { canonical: string; set: VocabularySet; length: number } | null {
  for (let length = Math.min(MAX_PHRASE_WORDS, words.length - at); length >= 1; length--) {
    const phrase = words.slice(at, at + length).join(" ");
    for (const set of sets) {
      const canonical = lookupWord(set, phrase);
      if (canonical) return { canonical, set, length };
    }
  }
  return null;
}

/**
 * Full-width forms to their ASCII forms (NFKC), except Hangul compatibility jamo (ㄱ-ㆎ), which
 * NFKC would turn into conjoining jamo that no longer match the initials people type to search.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[^\u3130-\u318F]+/g, (segment) => segment.normalize("NFKC"));
}

export type CanonicalizeOptions = {
  /**
   * Whether a phrase after a `next` keyword is a date. Defaults to the four-language date reader;
   * the answer does not depend on today (an ambiguous or past date still counts as a date: the
   * command asks about it later, which beats hiding the phrase in the summary).
   */
  readsAsDate?: (phrase: string) => boolean;
  /** The member's language, for date readings that depend on it (05/12 day-first or month-first). */
  locale?: DateLocale;
};

type Context = { readsAsDate: (phrase: string) => boolean };

/**
 * Turns a tokenized command line (see tokenize.ts) into the canonical English words the command
 * parsers read. Words it does not recognise pass through: an unknown command is still reported by
 * the registry, with the word as typed.
 */
export function canonicalize(words: readonly string[], options: CanonicalizeOptions = {}): string[] {
  if (words.length === 0) return [];
  const locale = options.locale ?? "en";
  const context: Context = {
    readsAsDate: options.readsAsDate ?? ((phrase) => readDate(phrase, { now: new Date(), timeZone: "UTC", locale }).kind !== "unreadable"),
  };
  const command = matchPhrase(words, 0, ["command"]);
  if (!command) return [toHalfWidth(words[0]!), ...words.slice(1)];
  const args = words.slice(command.length);
  const grammar = GRAMMARS[command.canonical as CommandWord];
  return [command.canonical, ...grammar(args, context)];
}

type Grammar = (args: readonly string[], context: Context) => string[];

/** Translates `key=value` when key names one of `fields`; null when the word is not such a field. */
function field(word: string, fields: readonly FieldWord[]): string | null {
  const at = word.search(/[=＝]/);
  if (at <= 0) return null;
  const key = lookupWord("field", word.slice(0, at));
  if (!key || !(fields as readonly string[]).includes(key)) return null;
  return `${key}=${fieldValue(key as FieldWord, word.slice(at + 1))}`;
}

/** Fields whose value is a reference, number, date or address: folded to half-width. */
const STRUCTURED_FIELDS: ReadonlySet<FieldWord> = new Set(["phone", "email", "website", "credit_limit", "page", "from", "to", "link", "ref"]);

function fieldValue(key: FieldWord, value: string): string {
  switch (key) {
    case "status":
      return lookupWord("status", value) ?? toHalfWidth(value);
    case "stage":
      return lookupWord("stage", value) ?? toHalfWidth(value);
    case "currency":
      return lookupWord("currency", value) ?? toHalfWidth(value).toUpperCase();
    case "language":
      return lookupWord("language", value) ?? toHalfWidth(value);
    case "grade":
      return grade(value);
    case "method":
      return lookupWord("paymentMethod", value) ?? toHalfWidth(value).toLowerCase();
    default:
      // Names, notes and addresses are stored as typed.
      return STRUCTURED_FIELDS.has(key) ? toHalfWidth(value) : value;
  }
}

/** `A级`, `B級`, `C등급`, `ｄ` -> the letter; anything else is left for the schema to refuse. */
function grade(value: string): string {
  const half = toHalfWidth(value).trim();
  const match = /^([a-e])\s*(级|級|등급|급)?$/i.exec(half);
  return match ? match[1]!.toUpperCase() : half;
}

/** Each word: a field of `fields` is translated, a choice from `sets` is translated, anything else is a folded reference. */
function options(fields: readonly FieldWord[], sets: readonly VocabularySet[] = []): Grammar {
  return (args) => {
    const out: string[] = [];
    for (let index = 0; index < args.length; index++) {
      const word = args[index]!;
      const translated = field(word, fields);
      if (translated !== null) {
        out.push(translated);
        continue;
      }
      const choice = sets.length ? matchPhrase(args, index, sets) : null;
      if (choice) {
        out.push(choice.canonical);
        index += choice.length - 1;
        continue;
      }
      out.push(toHalfWidth(word));
    }
    return out;
  };
}

/** order [new|cancel] ...: the action word first, `override` anywhere, reason= as a field; the rest folded like references. */
const orderGrammar: Grammar = (args) =>
  args.map((word, index) => {
    const action = lookupWord("orderAction", word);
    if (action && (index === 0 ? action !== "override" : action === "override")) return action;
    return field(word, ["reason"]) ?? toHalfWidth(word);
  });

/** quote [new|send|accept|reject] ...: the action first; tax=, valid=, terms=, reason= as fields; lines and terms as typed. */
const quoteGrammar: Grammar = (args) =>
  args.map((word, index) => {
    if (index === 0) {
      const action = lookupWord("quoteAction", word);
      if (action) return action;
    }
    return field(word, ["tax", "valid", "terms", "reason"]) ?? (index <= 1 ? toHalfWidth(word) : word);
  });

/** find's query is free text as typed (search folds it itself); only page= is translated. */
const findGrammar: Grammar = (args) => args.map((word) => field(word, ["page"]) ?? word);

const CUSTOMER_FIELDS: readonly FieldWord[] = [
  "name", "aliases", "status", "stage", "grade", "type", "industry", "source", "region", "city",
  "address", "phone", "email", "website", "credit_limit", "notes", "currency", "terms",
];

/** new <name...> field=value...: the name (and any word that is not a known field) is free text, kept as typed. */
const newGrammar: Grammar = (args) => {
  // A trailing 仍然创建 / 그래도등록 confirms a name the duplicate check warned about.
  const anyway = args.length > 1 && lookupWord("record", args[args.length - 1]!) === "anyway";
  const words = args.slice(0, anyway ? -1 : undefined).map((word) => field(word, CUSTOMER_FIELDS) ?? word);
  return anyway ? [...words, "anyway"] : words;
};

const CONTACT_FIELDS: readonly FieldWord[] = ["name", "title", "position", "phone", "email", "wechat", "kakao", "line", "customer"];

/** contact <action> <customer|contact> [name] field=value... [primary]: names stay as typed. */
const contactGrammar: Grammar = (args) => {
  if (args.length === 0) return [];
  const action = lookupWord("contactAction", args[0]!) ?? toHalfWidth(args[0]!);
  const rest = args.slice(1).map((word) => field(word, CONTACT_FIELDS) ?? (lookupWord("record", word) === "primary" ? "primary" : word));
  return [action, ...rest];
};

/** merge <customer> into <customer>. */
const mergeGrammar: Grammar = (args) => args.map((word) => (lookupWord("record", word) === "into" ? "into" : toHalfWidth(word)));

/** archive <customer> [undo]. */
const archiveGrammar: Grammar = (args) => {
  const undo = args.length > 1 && lookupWord("record", args[args.length - 1]!) === "undo";
  return undo ? [...args.slice(0, -1).map(toHalfWidth), "undo"] : args.map(toHalfWidth);
};

/** edit <customer...> field=value...: the customer is a reference, fields as for new. */
const editGrammar: Grammar = (args) => args.map((word) => field(word, CUSTOMER_FIELDS) ?? toHalfWidth(word));

/** role <member...> <role>: the role is the last word (or phrase). */
const roleGrammar: Grammar = (args) => {
  for (let length = Math.min(2, args.length - 1); length >= 1; length--) {
    const role = lookupWord("role", args.slice(args.length - length).join(" "));
    if (role) return [...args.slice(0, args.length - length).map(toHalfWidth), role];
  }
  return args.map(toHalfWidth);
};

/** help <command>: the argument is itself a command word. */
const helpGrammar: Grammar = (args) => {
  const command = matchPhrase(args, 0, ["command"]);
  if (command && command.length === args.length) return [command.canonical];
  return args.map(toHalfWidth);
};

/** export <kind> [format] [mine|all|@member] [filters]. */
const exportFilters = options(["status", "stage", "grade", "region", "industry", "source", "from", "to"], ["exportFormat", "scope"]);
const exportGrammar: Grammar = (args, context) => {
  const kind = args.length > 0 ? lookupWord("exportKind", args[0]!) : null;
  // Without a known kind first, every word is read as a filter or option; export reports what is missing.
  if (!kind) return exportFilters(args, context);
  return [kind, ...exportFilters(args.slice(1), context)];
};

/**
 * stats <kind> [period] [by <dimension>]. `按等级` / `等级别`-style glued forms and Korean `등급별`
 * are read as `by grade`; periods written as `30天`, `12个月`, `2026年3月`, `30일`, `2026년 3월`
 * are turned into the 30d / 12m / 2026-03 forms the command reads.
 */
const statsGrammar: Grammar = (args) => {
  if (args.length === 0) return [];
  const out = [lookupWord("statsKind", args[0]!) ?? toHalfWidth(args[0]!)];
  return [...out, ...periodAndBy(args.slice(1))];
};

/** activity [member] [period]: periods as for stats; the member is a reference. */
const activityGrammar: Grammar = (args) => periodAndBy(args);

function periodAndBy(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    const two = index + 1 < args.length ? period(`${word}${args[index + 1]}`) : null;
    if (two) {
      out.push(two);
      index++;
      continue;
    }
    const single = period(word);
    if (single) {
      out.push(single);
      continue;
    }
    if (lookupWord("by", word) && index + 1 < args.length && lookupWord("dimension", args[index + 1]!)) {
      out.push("by", lookupWord("dimension", args[index + 1]!)!);
      index++;
      continue;
    }
    const glued = gluedBy(word);
    if (glued) {
      out.push("by", glued);
      continue;
    }
    out.push(toHalfWidth(word));
  }
  return out;
}

function period(word: string): string | null {
  const text = toHalfWidth(word).replace(/\s+/g, "");
  let match = /^(\d+)(天|日|일)$/.exec(text);
  if (match) return `${match[1]}d`;
  match = /^(\d+)(个月|個月|개월|달)$/.exec(text);
  if (match) return `${match[1]}m`;
  match = /^(\d{4})(年|년)$/.exec(text);
  if (match) return match[1]!;
  match = /^(\d{4})(?:年|년)(\d{1,2})(?:月|월)$/.exec(text);
  if (match) return `${match[1]}-${match[2]!.padStart(2, "0")}`;
  return null;
}

function gluedBy(word: string): string | null {
  const prefixed = /^(按照|依照|按|依)(.+)$/.exec(word);
  if (prefixed) return lookupWord("dimension", prefixed[2]!);
  const suffixed = /^(.+)별$/.exec(word);
  if (suffixed) return lookupWord("dimension", suffixed[1]!);
  return null;
}

/** digest <action> [kind] ...: action, then the kind for add and preview; `all` for preview. */
const digestGrammar: Grammar = (args) => {
  if (args.length === 0) return [];
  const action = lookupWord("digestAction", args[0]!);
  if (!action) return args.map(toHalfWidth);
  const rest = args.slice(1);
  if ((action === "add" || action === "preview") && rest.length > 0) {
    const kind = lookupWord("digestKind", rest[0]!) ?? toHalfWidth(rest[0]!);
    const tail = rest.slice(1).map((word) => {
      if (action === "preview" && lookupWord("scope", word) === "all") return "all";
      return field(word, ["language"]) ?? toHalfWidth(word);
    });
    return [action, kind, ...tail];
  }
  return [action, ...rest.map(toHalfWidth)];
};

/** settings [workspace] <language|timezone|currency> <value>; 自动 / 자동 and the like read as `auto`. */
const settingsGrammar: Grammar = (args) => {
  const out: string[] = [];
  let subject: string | null = null;
  for (const word of args) {
    const setting: string | null = subject === null || subject === "workspace" ? lookupWord("settings", word) : null;
    if (setting) {
      subject = setting;
      out.push(setting);
      continue;
    }
    const auto = subject !== null && subject !== "workspace" ? lookupWord("settingValue", word) : null;
    if (auto) {
      out.push(auto);
      continue;
    }
    if (subject === "language") out.push(lookupWord("language", word) ?? toHalfWidth(word));
    else if (subject === "currency") out.push(lookupWord("currency", word) ?? toHalfWidth(word).toUpperCase());
    else out.push(toHalfWidth(word));
  }
  return out;
};

/** Splits a glued keyword (`下次明天`, `结果有效`) into keyword and rest; only non-ASCII keywords glue. */
function gluedKeyword(word: string, keyword: "next" | "outcome"): { rest: string } | null {
  const aliases = [...KEYWORD_WORDS[keyword]].filter((alias) => !/^[\x00-\x7f]+$/.test(alias)).sort((a, b) => b.length - a.length);
  const folded = toHalfWidth(word);
  for (const alias of aliases) {
    if (folded.startsWith(alias) && folded.length > alias.length) return { rest: folded.slice(alias.length) };
    // A Traditional keyword typed in a Simplified alias's place (and back) still matches.
    const head = folded.slice(0, alias.length);
    if (head !== alias && matchKey(head) === matchKey(alias) && folded.length > alias.length) return { rest: folded.slice(alias.length) };
  }
  return null;
}

type Tail = { summary: readonly string[]; next?: string[]; outcome?: string };

/** The outcome pair at the end of `words` (`outcome 有效`, `结果有效`), never at index 0 (the summary's first word). */
function trailingOutcome(words: readonly string[]): { at: number; value: string } | null {
  const last = words.length - 1;
  if (last >= 2 && lookupWord("keyword", words[last - 1]!) === "outcome") {
    const value = lookupWord("outcome", words[last]!);
    if (value) return { at: last - 1, value };
  }
  if (last >= 3 && lookupWord("keyword", words[last - 2]!) === "outcome") {
    const value = lookupWord("outcome", `${words[last - 1]} ${words[last]}`);
    if (value) return { at: last - 2, value };
  }
  if (last >= 1) {
    const glued = gluedKeyword(words[last]!, "outcome");
    const value = glued && lookupWord("outcome", glued.rest);
    if (value) return { at: last, value };
  }
  return null;
}

/** The `next <date>` part running to the end of `words`: the last keyword whose phrase reads as a date. */
function trailingNext(words: readonly string[], context: Context): { at: number; date: string[] } | null {
  for (let at = words.length - 1; at >= 1; at--) {
    const word = words[at]!;
    if (lookupWord("keyword", word) === "next" && at < words.length - 1) {
      const date = words.slice(at + 1).map(toHalfWidth);
      if (context.readsAsDate(date.join(" "))) return { at, date };
    }
    // Two-word keywords (`다음 연락`) are tried as a pair.
    if (at + 1 < words.length - 1 && lookupWord("keyword", `${word} ${words[at + 1]}`) === "next") {
      const date = words.slice(at + 2).map(toHalfWidth);
      if (context.readsAsDate(date.join(" "))) return { at, date };
    }
    const glued = gluedKeyword(word, "next");
    if (glued) {
      const date = [glued.rest, ...words.slice(at + 1).map(toHalfWidth)];
      if (context.readsAsDate(date.join(" "))) return { at, date };
    }
  }
  return null;
}

/** Takes `next` and `outcome` off the end of the summary, in either order, each at most once. */
function splitTail(words: readonly string[], context: Context): Tail {
  let rest = words;
  let next: string[] | undefined;
  let outcome: string | undefined;
  for (let round = 0; round < 2; round++) {
    const foundOutcome = outcome === undefined ? trailingOutcome(rest) : null;
    if (foundOutcome) {
      outcome = foundOutcome.value;
      rest = rest.slice(0, foundOutcome.at);
      continue;
    }
    const foundNext = next === undefined ? trailingNext(rest, context) : null;
    if (foundNext) {
      next = foundNext.date;
      rest = rest.slice(0, foundNext.at);
      continue;
    }
    break;
  }
  return { summary: rest, next, outcome };
}

/** log <customer...> <channel> <summary...> [next <date...>] [outcome <value>]: see the rule at the top. */
const logGrammar: Grammar = (args, context) => {
  let channelAt = -1;
  let channel = "";
  for (let index = 1; index < args.length; index++) {
    const found = lookupWord("channel", args[index]!);
    if (found) {
      channelAt = index;
      channel = found;
      break;
    }
  }
  if (channelAt < 0) return args.length ? [toHalfWidth(args[0]!), ...args.slice(1)] : [];
  const customer = args.slice(0, channelAt).map(toHalfWidth);
  const { summary, next, outcome } = splitTail(args.slice(channelAt + 1), context);
  return [
    ...customer,
    channel,
    ...summary,
    ...(next ? ["next", ...next] : []),
    ...(outcome ? ["outcome", outcome] : []),
  ];
};

const DEAL_FIELDS: readonly FieldWord[] = ["title", "amount", "stage", "close", "probability", "owner", "reason", "page"];

/** A deal field; reason's value in the reader's words read back as the canonical reason. */
function dealField(word: string): string | null {
  const translated = field(word, DEAL_FIELDS);
  if (translated === null || !translated.startsWith("reason=")) return translated;
  const value = translated.slice("reason=".length);
  return `reason=${lookupWord("lostReason", value) ?? value}`;
}

/**
 * deal <action> ...: the action first (a bare number shows that deal); `stage` takes a stage word;
 * `stages set` takes `stage:probability` pairs whose built-in stage words are translated. Titles,
 * notes and custom stage names stay as typed.
 */
const dealGrammar: Grammar = (args) => {
  if (args.length === 0) return [];
  const action = lookupWord("dealAction", args[0]!);
  if (!action) return args.map((word) => dealField(word) ?? toHalfWidth(word));
  const rest = args.slice(1);
  if (action === "stage") {
    return [action, ...rest.map((word, index) => (index === 0 ? toHalfWidth(word) : (lookupWord("stage", word) ?? dealField(word) ?? word)))];
  }
  if (action === "stages") {
    return [
      action,
      ...rest.map((word, index) => {
        if (index === 0 && lookupWord("dealAction", word) === "set") return "set";
        const pair = /^(.+?)[:：](.*)$/.exec(word);
        return pair ? `${lookupWord("stage", pair[1]!) ?? pair[1]}:${toHalfWidth(pair[2]!)}` : word;
      }),
    ];
  }
  if (action === "new") return [action, ...rest.map((word) => dealField(word) ?? word)];
  return [action, ...rest.map((word, index) => dealField(word) ?? (index === 0 ? toHalfWidth(word) : word))];
};

/** deals [mine|all|@member] [this-month|next-month|quarter] [stage=] [closing=]. */
const dealsGrammar: Grammar = (args) =>
  args.map((word) => {
    const translated = field(word, ["stage", "closing", "page"]);
    if (translated?.startsWith("closing=")) {
      const value = translated.slice("closing=".length);
      return `closing=${lookupWord("closing", value) ?? value}`;
    }
    return translated ?? lookupWord("scope", word) ?? lookupWord("closing", word) ?? toHalfWidth(word);
  });

/**
 * task [add|done|snooze|list] ...: the action word; add keeps its customer, date and text as typed
 * (the command finds the date among them), done and snooze fold their number and date, and a line
 * without an action is the list (`待办 本周 全部`).
 */
const taskListWords = options(["page"], ["period", "scope"]);
const taskGrammar: Grammar = (args, context) => {
  const action = args.length ? matchPhrase(args, 0, ["taskAction"]) : null;
  if (!action) return taskListWords(args, context);
  const rest = args.slice(action.length);
  if (action.canonical === "list") return ["list", ...taskListWords(rest, context)];
  if (action.canonical === "add") return ["add", ...rest];
  return [action.canonical, ...rest.map(toHalfWidth)];
};

const GRAMMARS: Record<CommandWord, Grammar> = {
  find: findGrammar,
  show: options([]),
  log: logGrammar,
  order: orderGrammar,
  orders: options(["page"]),
  followups: options(["page"], ["period", "scope"]),
  followup: options([]),
  overdue: options([]),
  new: newGrammar,
  edit: editGrammar,
  assign: options([]),
  role: roleGrammar,
  help: helpGrammar,
  export: exportGrammar,
  stats: statsGrammar,
  handover: options([], ["flag"]),
  sync: options([]),
  activity: activityGrammar,
  digest: digestGrammar,
  settings: settingsGrammar,
  task: taskGrammar,
  tasks: options(["page"], ["period", "scope"]),
  contact: contactGrammar,
  contacts: options([]),
  merge: mergeGrammar,
  archive: archiveGrammar,
  pay: options(["method", "ref"]),
  writeoff: options(["reason"]),
  dunning: options([], ["dunningAction"]),
  deal: dealGrammar,
  deals: dealsGrammar,
  forecast: options([], ["forecastPeriod", "scope"]),
  ship: options(["carrier", "tracking", "warehouse"]),
  invoice: options(["due"]),
  quote: quoteGrammar,
};
