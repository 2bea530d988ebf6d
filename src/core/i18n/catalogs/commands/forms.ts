/**
 * Argument validation messages and the Slack App Home in the four languages. English defines the
 * keys; each other language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const formsEn = {
  // What a typed argument is called in a validation message.
  "forms.label.customer": "The customer",
  "forms.label.member": "The member",
  "forms.label.date": "The date",
  "forms.label.searchText": "Search text",
  "forms.label.summary": "The summary",
  "forms.label.nextFollowUp": "The next follow-up date",
  "forms.label.owner": "The owner",
  "forms.label.fromDate": "The from date",
  "forms.label.toDate": "The to date",
  "forms.label.orderNumber": "The order number",
  "forms.label.customerName": "The customer name",
  "forms.label.name": "name",
  "forms.field":
    "{field, select, customer {customer} member {member} role {role} date {date} summary {summary} channel {channel} kind {kind} text {text} name {name} number {number} value {value} what {what} amount {amount} invoice {invoice} reason {reason} method {method} ref {ref} customer_or_invoice {customer or invoice} other {{field}}}",

  // Validation messages.
  "forms.missing": "{label} is missing.",
  "forms.tooLong": "{label} is too long (at most {max} characters).",
  "forms.controlCharacters": "{label} contains control characters.",
  "forms.pageNotNumber": "page must be a number, e.g. page=2",
  "forms.pageNotWhole": "page must be a whole number, e.g. page=2",
  "forms.pageStartsAtOne": "page starts at 1",
  "forms.pageTooLarge": "page is too large",
  "forms.fieldValueTooLong": "A field value is too long (at most 3000 characters).",
  "forms.mustBeOneOf": "The {field} must be one of {choices}.",
  "forms.notANumber": "{field} must be a number.",
  "forms.notWhole": "{field} must be a whole number.",
  "forms.fieldTooLong": "{field} is too long (at most {max} characters).",

  // The Slack App Home.
  "home.title": "Your Rapport workbench",
  "home.newCustomer": "New customer",
  "home.logInteraction": "Log an interaction",
  "home.followupsThisWeek": "Follow-ups this week",
  "home.help": "Help",
  "home.followupsToday": "Follow-ups due today",
  "home.followupsOverdue": "Overdue follow-ups",
  "home.overduePayments": "Overdue payments",
} as const;

type Keys = Record<keyof typeof formsEn, string>;

export const formsZhCN = {
  "forms.label.customer": "客户",
  "forms.label.member": "成员",
  "forms.label.date": "日期",
  "forms.label.searchText": "搜索内容",
  "forms.label.summary": "摘要",
  "forms.label.nextFollowUp": "下次跟进日期",
  "forms.label.owner": "负责人",
  "forms.label.fromDate": "起始日期",
  "forms.label.toDate": "截止日期",
  "forms.label.orderNumber": "订单号",
  "forms.label.customerName": "客户名称",
  "forms.label.name": "名称",
  "forms.field":
    "{field, select, customer {客户} member {成员} role {角色} date {日期} summary {摘要} channel {频道} kind {类型} text {内容} name {名称} number {编号} value {值} what {导出内容} amount {金额} invoice {账单} reason {原因} method {收款方式} ref {参考号} customer_or_invoice {客户或账单} other {{field}}}",

  "forms.missing": "缺少{label}。",
  "forms.tooLong": "{label}太长（最多 {max} 个字符）。",
  "forms.controlCharacters": "{label}包含控制字符。",
  "forms.pageNotNumber": "页码必须是数字，例如 page=2",
  "forms.pageNotWhole": "页码必须是整数，例如 page=2",
  "forms.pageStartsAtOne": "页码从 1 开始",
  "forms.pageTooLarge": "页码太大",
  "forms.fieldValueTooLong": "字段值太长（最多 3000 个字符）。",
  "forms.mustBeOneOf": "{field}必须是以下之一：{choices}。",
  "forms.notANumber": "{field}必须是数字。",
  "forms.notWhole": "{field}必须是整数。",
  "forms.fieldTooLong": "{field}太长（最多 {max} 个字符）。",

  "home.title": "我的 Rapport 工作台",
  "home.newCustomer": "新建客户",
  "home.logInteraction": "记录跟进",
  "home.followupsThisWeek": "本周跟进",
  "home.help": "帮助",
  "home.followupsToday": "今天到期的跟进",
  "home.followupsOverdue": "已逾期的跟进",
  "home.overduePayments": "逾期应收账款",
} satisfies Keys;

export const formsZhTW = {
  "forms.label.customer": "客戶",
  "forms.label.member": "成員",
  "forms.label.date": "日期",
  "forms.label.searchText": "搜尋內容",
  "forms.label.summary": "摘要",
  "forms.label.nextFollowUp": "下次跟進日期",
  "forms.label.owner": "負責人",
  "forms.label.fromDate": "起始日期",
  "forms.label.toDate": "截止日期",
  "forms.label.orderNumber": "訂單編號",
  "forms.label.customerName": "客戶名稱",
  "forms.label.name": "名稱",
  "forms.field":
    "{field, select, customer {客戶} member {成員} role {角色} date {日期} summary {摘要} channel {頻道} kind {類型} text {內容} name {名稱} number {編號} value {值} what {匯出內容} amount {金額} invoice {帳單} reason {原因} method {收款方式} ref {參考號} customer_or_invoice {客戶或帳單} other {{field}}}",

  "forms.missing": "缺少{label}。",
  "forms.tooLong": "{label}過長（最多 {max} 個字元）。",
  "forms.controlCharacters": "{label}包含控制字元。",
  "forms.pageNotNumber": "頁碼必須是數字，例如 page=2",
  "forms.pageNotWhole": "頁碼必須是整數，例如 page=2",
  "forms.pageStartsAtOne": "頁碼從 1 開始",
  "forms.pageTooLarge": "頁碼太大",
  "forms.fieldValueTooLong": "欄位值過長（最多 3000 個字元）。",
  "forms.mustBeOneOf": "{field}必須是下列其中之一：{choices}。",
  "forms.notANumber": "{field}必須是數字。",
  "forms.notWhole": "{field}必須是整數。",
  "forms.fieldTooLong": "{field}過長（最多 {max} 個字元）。",

  "home.title": "我的 Rapport 工作台",
  "home.newCustomer": "新增客戶",
  "home.logInteraction": "記錄跟進",
  "home.followupsThisWeek": "本週跟進",
  "home.help": "說明",
  "home.followupsToday": "今天到期的跟進",
  "home.followupsOverdue": "已逾期的跟進",
  "home.overduePayments": "逾期應收帳款",
} satisfies Keys;

export const formsKo = {
  "forms.label.customer": "거래처",
  "forms.label.member": "멤버",
  "forms.label.date": "날짜",
  "forms.label.searchText": "검색어",
  "forms.label.summary": "요약",
  "forms.label.nextFollowUp": "다음 후속 연락일",
  "forms.label.owner": "담당자",
  "forms.label.fromDate": "시작일",
  "forms.label.toDate": "종료일",
  "forms.label.orderNumber": "주문번호",
  "forms.label.customerName": "거래처명",
  "forms.label.name": "이름",
  "forms.field":
    "{field, select, customer {거래처} member {멤버} role {역할} date {날짜} summary {요약} channel {채널} kind {종류} text {내용} name {이름} number {번호} value {값} what {내보낼 항목} amount {금액} invoice {청구서} reason {사유} method {입금방법} ref {참조번호} customer_or_invoice {거래처 또는 청구서} other {{field}}}",

  "forms.missing": "{label}: 입력해 주십시오.",
  "forms.tooLong": "{label}: 너무 깁니다 (최대 {max}자).",
  "forms.controlCharacters": "{label}: 제어 문자는 사용할 수 없습니다.",
  "forms.pageNotNumber": "페이지: 숫자로 입력해 주십시오. 예: page=2",
  "forms.pageNotWhole": "페이지: 정수로 입력해 주십시오. 예: page=2",
  "forms.pageStartsAtOne": "페이지 번호는 1부터 시작합니다",
  "forms.pageTooLarge": "페이지 번호가 너무 큽니다",
  "forms.fieldValueTooLong": "필드 값이 너무 깁니다 (최대 3000자).",
  "forms.mustBeOneOf": "{field}: {choices} 중 하나를 입력해 주십시오.",
  "forms.notANumber": "{field}: 숫자로 입력해 주십시오.",
  "forms.notWhole": "{field}: 정수로 입력해 주십시오.",
  "forms.fieldTooLong": "{field}: 너무 깁니다 (최대 {max}자).",

  "home.title": "내 Rapport 작업 공간",
  "home.newCustomer": "거래처 등록",
  "home.logInteraction": "활동 기록",
  "home.followupsThisWeek": "이번 주 후속 연락",
  "home.help": "도움말",
  "home.followupsToday": "오늘 할 후속 연락",
  "home.followupsOverdue": "기한 지난 후속 연락",
  "home.overduePayments": "연체 미수금",
} satisfies Keys;
