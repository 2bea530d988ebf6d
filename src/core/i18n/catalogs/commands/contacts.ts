/**
 * Messages of the contacts command group in the four languages. English defines the keys; each other
 * language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const contactsEn = {
  // log
  "log.channel": "{channel, select, other {{channel}}}",
  "log.title": "Logged {channel} with {customer}",
  "log.summary": "Summary",
  "log.outcome": "Outcome",
  "log.nextFollowUp": "Next follow-up",
  "log.showCustomer": "Show customer",

  // followup
  "followup.title": "Next follow-up with {customer}: {due}",
  "followup.text": "Next follow-up with {customer}: {due}.",

  // followups
  "followups.title":
    "{whose, select, mine {Your} team {Team} other {{owner}'s}} follow-ups: {window}{withOverdue, select, yes { (with overdue)} other {}}",
  "followups.listTitle": "{title}: {total}",
  "followups.nothingDue": "Nothing due. All clear.",
  "followups.unassigned": "unassigned",
  "followups.snooze": "Snooze 1 day",

  // overdue
  "overdue.allCustomers": "all customers",
  "overdue.yourCustomers": "your customers and unassigned ones",
  "overdue.nothingTitle": "Nothing overdue for {scope}",
  "overdue.nothingText": "Nothing overdue for {scope}.",
  "overdue.tableTitleAll": "Overdue receivables, all customers: {total} across {count, plural, one {{countText} customer} other {{countText} customers}}",
  "overdue.tableTitleYours": "Overdue receivables, your customers and unassigned ones: {total} across {count, plural, one {{countText} customer} other {{countText} customers}}",
  "overdue.tableTitleCustomer": "Overdue receivables, {customer}: {total}",
  "overdue.daysPastDue": "Days past due",
  "overdue.bucket": "{bucket}",
  "overdue.total": "Total",
  "overdue.amount": "Amount",
  "overdue.largest": "Largest overdue accounts",
  "overdue.customer": "Customer",
  "overdue.overdue": "Overdue",
  "overdue.over90": ">90 days",
  "overdue.balance": "Balance",
  "overdue.creditLimit": "Credit limit",
  "overdue.overLimit": "Over credit limit",
  "overdue.overLimitDetail": "balance {balance} exceeds limit {limit} by {excess}",
  "overdue.replyTitle": "Overdue receivables: {total}",

  // new
  "new.title": "Created {customer}",
  "new.created": "Created {customer} (#{id}). You are its owner.",
  "new.duplicate": "Note: a customer with the same name already exists ({ids}).",

  // edit
  "edit.nothingToChange": "Say what to change. {fields}.",
  "edit.currencyChange": "{customer}'s credit limit is {limit}. Give it again in {currency} in the same edit, or clear it with credit_limit=.",
  "edit.title": "Updated {customer}",
  "edit.empty": "(empty)",

  // assign
  "assign.title": "{customer} now belongs to {owner}",
  "assign.text": "{customer} now belongs to {owner}.",

  // role
  "role.lastAdmin": "You cannot remove your own admin role; ask another admin.",
  "role.title": "{member} is now {role}",
  "role.text": "{member} is now {role} (was {previous}).{reopened, select, yes { Their access, closed at a hand-over, is open again.} other {}}",

  // handover
  "handover.sameMember": "Hand over to someone else.",
  "handover.inactive": "{member} is not active.",
  "handover.ownAccess": "You cannot close your own access. Add --keep-active, or ask another manager to hand you over.",
  "handover.adminAccess": "Only an admin can close an admin's access. Add --keep-active to move {member}'s customers only.",
  "handover.title":
    "{dryRun, select, yes {Would move} other {Moved}} {count, plural, one {{countText} customer} other {{countText} customers}} from {from} to {to}",
  "handover.accessClosed":
    "{member}'s access {dryRun, select, yes {would be} other {is}} closed: they no longer appear in pickers or can be given customers. An admin reopens it with {command}.",
  "handover.accessKept": "{member} keeps their access.",
  "handover.customers": "Customers",
  "handover.openFollowUps": "Open follow-ups",
  "handover.openOrders": "Open orders",
  "handover.more": "and {count} more.",
  "handover.now": "Hand over now",

  // activity
  "activity.badPeriod": "\"{period}\" is not a period. Use 7d, 30d, 12m or 2026-03.",
  "activity.period":
    "{unit, select, d {last {count, plural, one {{countText} day} other {{countText} days}}} m {last {count, plural, one {{countText} month} other {{countText} months}}} other {{label}}}",
  "activity.memberTitle": "Activity of {member}, {period}",
  "activity.noneTitle": "No contacts logged {member, select, none {} other {by {member} }}in the {period}",
  "activity.noneText": "Contacts appear here once they are logged with /crm log.",

  // date questions (src/core/date-input.ts)
  "date.ambiguous": "\"{phrase}\" could be {readings}. Which one did you mean?",
  "date.past":
    "\"{phrase}\" is {date}, {days, plural, =1 {yesterday} other {{daysText} days ago}}: a follow-up then would already be overdue. Keep it, or pick another date?",
  "date.keep": "Keep {date}",
  "date.today": "Today ({date})",
  "date.tomorrow": "Tomorrow ({date})",
} as const;

type Keys = Record<keyof typeof contactsEn, string>;

export const contactsZhCN = {
  "log.channel": "{channel, select, call {电话} email {邮件} meeting {会议} visit {拜访} chat {在线沟通} note {备注} other {{channel}}}",
  "log.title": "已为{customer}记录一条{channel}跟进",
  "log.summary": "沟通内容",
  "log.outcome": "结果",
  "log.nextFollowUp": "下次跟进",
  "log.showCustomer": "查看客户",

  "followup.title": "{customer} 下次跟进：{due}",
  "followup.text": "已将{customer}的下次跟进设为 {due}。",

  "followups.title": "{whose, select, mine {我的} team {团队} other {{owner} 的}}跟进：{window}{withOverdue, select, yes {（含逾期）} other {}}",
  "followups.listTitle": "{title}（共 {total} 家）",
  "followups.nothingDue": "暂无到期的跟进，一切就绪。",
  "followups.unassigned": "未分配",
  "followups.snooze": "推迟 1 天",

  "overdue.allCustomers": "全部客户",
  "overdue.yourCustomers": "你负责的客户及无负责人的客户",
  "overdue.nothingTitle": "{scope}没有逾期应收账款",
  "overdue.nothingText": "{scope}没有逾期应收账款。",
  "overdue.tableTitleAll": "应收账款账龄 · 全部客户：逾期 {total}，涉及 {count, plural, other {{countText} 家客户}}",
  "overdue.tableTitleYours": "应收账款账龄 · 你负责的及无负责人的客户：逾期 {total}，涉及 {count, plural, other {{countText} 家客户}}",
  "overdue.tableTitleCustomer": "应收账款账龄 · {customer}：逾期 {total}",
  "overdue.daysPastDue": "逾期天数",
  "overdue.bucket": "{bucket} 天",
  "overdue.total": "合计",
  "overdue.amount": "金额",
  "overdue.largest": "逾期金额最高的客户",
  "overdue.customer": "客户",
  "overdue.overdue": "逾期",
  "overdue.over90": "90 天以上",
  "overdue.balance": "余额",
  "overdue.creditLimit": "信用额度",
  "overdue.overLimit": "超出信用额度",
  "overdue.overLimitDetail": "余额 {balance}，信用额度 {limit}，超出 {excess}",
  "overdue.replyTitle": "逾期应收账款：{total}",

  "new.title": "已创建客户 {customer}",
  "new.created": "已创建客户 {customer}（#{id}），您是该客户的负责人。",
  "new.duplicate": "注意：已存在同名客户（{ids}）。",

  "edit.nothingToChange": "请说明要修改的内容。{fields}。",
  "edit.currencyChange": "{customer}的信用额度为 {limit}。请在同一次修改中以 {currency} 重新填写，或用 credit_limit= 清空。",
  "edit.title": "已更新 {customer}",
  "edit.empty": "（未填写）",

  "assign.title": "{customer} 的负责人已改为 {owner}",
  "assign.text": "{customer} 的负责人已改为 {owner}。",

  "role.lastAdmin": "不能取消自己的管理员角色，请联系其他管理员。",
  "role.title": "{member} 现在是{role}",
  "role.text": "{member} 的角色已改为{role}（原为{previous}）。{reopened, select, yes {其在交接时被关闭的访问权限已重新开放。} other {}}",

  "handover.sameMember": "请交接给其他成员。",
  "handover.inactive": "{member} 已停用。",
  "handover.ownAccess": "不能关闭自己的访问权限。请加上 --keep-active，或请其他经理为您办理交接。",
  "handover.adminAccess": "只有管理员可以关闭管理员的访问权限。加上 --keep-active 可只转移 {member} 的客户。",
  "handover.title": "{dryRun, select, yes {将把} other {已将}} {count, plural, other {{countText} 家客户}}从 {from} 转给 {to}",
  "handover.accessClosed":
    "{member} 的访问权限{dryRun, select, yes {将被} other {已}}关闭：不再出现在成员选择中，也不能再分配客户。管理员可用 {command} 重新开放。",
  "handover.accessKept": "{member} 保留访问权限。",
  "handover.customers": "客户",
  "handover.openFollowUps": "未完成跟进",
  "handover.openOrders": "未完成订单",
  "handover.more": "另有 {count} 家。",
  "handover.now": "立即交接",

  "activity.badPeriod": "“{period}”不是有效的时间段。请使用 7d、30d、12m 或 2026-03。",
  "activity.period":
    "{unit, select, d {最近 {count, plural, other {{countText} 天}}} m {最近 {count, plural, other {{countText} 个月}}} other {{label}}}",
  "activity.memberTitle": "{member} 的跟进活动，{period}",
  "activity.noneTitle": "{period}内{member, select, none {} other {{member} }}没有跟进记录",
  "activity.noneText": "用 /crm 记录 登记跟进后，会显示在这里。",

  "date.ambiguous": "“{phrase}”可以理解为 {readings}，您指的是哪一天？",
  "date.past":
    "“{phrase}”是 {date}（{days, plural, =1 {昨天} other {{daysText} 天前}}），设为跟进日期会立即逾期。保留这个日期，还是换一个？",
  "date.keep": "保留 {date}",
  "date.today": "今天（{date}）",
  "date.tomorrow": "明天（{date}）",
} satisfies Keys;

export const contactsZhTW = {
  "log.channel": "{channel, select, call {電話} email {郵件} meeting {會議} visit {拜訪} chat {線上溝通} note {備註} other {{channel}}}",
  "log.title": "已為{customer}記錄一筆{channel}跟進",
  "log.summary": "溝通內容",
  "log.outcome": "結果",
  "log.nextFollowUp": "下次跟進",
  "log.showCustomer": "查看客戶",

  "followup.title": "{customer} 下次跟進：{due}",
  "followup.text": "已將{customer}的下次跟進設為 {due}。",

  "followups.title": "{whose, select, mine {我的} team {團隊} other {{owner} 的}}跟進：{window}{withOverdue, select, yes {（含逾期）} other {}}",
  "followups.listTitle": "{title}（共 {total} 家）",
  "followups.nothingDue": "目前沒有到期的跟進。",
  "followups.unassigned": "未指派",
  "followups.snooze": "延後 1 天",

  "overdue.allCustomers": "全部客戶",
  "overdue.yourCustomers": "您負責的客戶及無負責人的客戶",
  "overdue.nothingTitle": "{scope}沒有逾期應收帳款",
  "overdue.nothingText": "{scope}沒有逾期應收帳款。",
  "overdue.tableTitleAll": "應收帳款帳齡 · 全部客戶：逾期 {total}，共 {count, plural, other {{countText} 家客戶}}",
  "overdue.tableTitleYours": "應收帳款帳齡 · 您負責的及無負責人的客戶：逾期 {total}，共 {count, plural, other {{countText} 家客戶}}",
  "overdue.tableTitleCustomer": "應收帳款帳齡 · {customer}：逾期 {total}",
  "overdue.daysPastDue": "逾期天數",
  "overdue.bucket": "{bucket} 天",
  "overdue.total": "合計",
  "overdue.amount": "金額",
  "overdue.largest": "逾期金額最高的客戶",
  "overdue.customer": "客戶",
  "overdue.overdue": "逾期",
  "overdue.over90": "90 天以上",
  "overdue.balance": "餘額",
  "overdue.creditLimit": "信用額度",
  "overdue.overLimit": "超出信用額度",
  "overdue.overLimitDetail": "餘額 {balance}，信用額度 {limit}，超出 {excess}",
  "overdue.replyTitle": "逾期應收帳款：{total}",

  "new.title": "已建立客戶 {customer}",
  "new.created": "已建立客戶 {customer}（#{id}），您是這位客戶的負責人。",
  "new.duplicate": "注意：已有同名客戶（{ids}）。",

  "edit.nothingToChange": "請說明要修改的內容。{fields}。",
  "edit.currencyChange": "{customer}的信用額度為 {limit}。請在同一次修改中以 {currency} 重新填寫，或用 credit_limit= 清除。",
  "edit.title": "已更新 {customer}",
  "edit.empty": "（未填寫）",

  "assign.title": "{customer} 的負責人已改為 {owner}",
  "assign.text": "{customer} 的負責人已改為 {owner}。",

  "role.lastAdmin": "無法移除自己的管理員角色，請洽其他管理員。",
  "role.title": "{member} 現在是{role}",
  "role.text": "{member} 的角色已改為{role}（原為{previous}）。{reopened, select, yes {交接時關閉的存取權限已重新開放。} other {}}",

  "handover.sameMember": "請交接給其他成員。",
  "handover.inactive": "{member} 已停用。",
  "handover.ownAccess": "無法關閉自己的存取權限。請加上 --keep-active，或請其他主管替您辦理交接。",
  "handover.adminAccess": "只有管理員可以關閉管理員的存取權限。加上 --keep-active 可只移轉 {member} 的客戶。",
  "handover.title": "{dryRun, select, yes {將把} other {已將}} {count, plural, other {{countText} 家客戶}}從 {from} 移轉給 {to}",
  "handover.accessClosed":
    "{member} 的存取權限{dryRun, select, yes {將被} other {已}}關閉：不會再出現在成員選單中，也無法再被指派客戶。管理員可用 {command} 重新開放。",
  "handover.accessKept": "{member} 保留存取權限。",
  "handover.customers": "客戶",
  "handover.openFollowUps": "未完成跟進",
  "handover.openOrders": "未結訂單",
  "handover.more": "另有 {count} 家。",
  "handover.now": "立即交接",

  "activity.badPeriod": "「{period}」不是有效的期間。請使用 7d、30d、12m 或 2026-03。",
  "activity.period":
    "{unit, select, d {最近 {count, plural, other {{countText} 天}}} m {最近 {count, plural, other {{countText} 個月}}} other {{label}}}",
  "activity.memberTitle": "{member} 的跟進活動，{period}",
  "activity.noneTitle": "{period}內{member, select, none {} other {{member} }}沒有跟進紀錄",
  "activity.noneText": "用 /crm 記錄 登錄跟進後，就會顯示在這裡。",

  "date.ambiguous": "「{phrase}」可能是 {readings}，您指的是哪一天？",
  "date.past":
    "「{phrase}」是 {date}（{days, plural, =1 {昨天} other {{daysText} 天前}}），設為跟進日期會立即逾期。要保留這個日期，還是改選其他日期？",
  "date.keep": "保留 {date}",
  "date.today": "今天（{date}）",
  "date.tomorrow": "明天（{date}）",
} satisfies Keys;

export const contactsKo = {
  "log.channel": "{channel, select, call {통화} email {이메일} meeting {미팅} visit {방문} chat {채팅} note {메모} other {{channel}}}",
  "log.title": "{customer} {channel} 기록을 저장했습니다",
  "log.summary": "내용",
  "log.outcome": "결과",
  "log.nextFollowUp": "다음 후속 연락",
  "log.showCustomer": "거래처 보기",

  "followup.title": "{customer} 다음 후속 연락: {due}",
  "followup.text": "{customer}의 다음 후속 연락일을 설정했습니다: {due}",

  "followups.title": "{whose, select, mine {내} team {팀} other {{owner}님의}} 후속 연락: {window}{withOverdue, select, yes { (기한 지남 포함)} other {}}",
  "followups.listTitle": "{title}: {total}곳",
  "followups.nothingDue": "예정된 후속 연락이 없습니다.",
  "followups.unassigned": "담당자 없음",
  "followups.snooze": "하루 미루기",

  "overdue.allCustomers": "전체 거래처",
  "overdue.yourCustomers": "내 담당 거래처 및 담당자 없는 거래처",
  "overdue.nothingTitle": "{scope}: 연체된 미수금이 없습니다",
  "overdue.nothingText": "{scope}: 연체된 미수금이 없습니다.",
  "overdue.tableTitleAll": "미수금 연령 분석 · 전체 거래처: 연체 {total} (거래처 {count, plural, other {{countText}곳}})",
  "overdue.tableTitleYours": "미수금 연령 분석 · 내 담당 및 담당자 없는 거래처: 연체 {total} (거래처 {count, plural, other {{countText}곳}})",
  "overdue.tableTitleCustomer": "미수금 연령 분석 · {customer}: 연체 {total}",
  "overdue.daysPastDue": "연체 일수",
  "overdue.bucket": "{bucket}일",
  "overdue.total": "합계",
  "overdue.amount": "금액",
  "overdue.largest": "연체 금액 상위 거래처",
  "overdue.customer": "거래처",
  "overdue.overdue": "연체",
  "overdue.over90": "90일 초과",
  "overdue.balance": "잔액",
  "overdue.creditLimit": "여신 한도",
  "overdue.overLimit": "여신 한도 초과",
  "overdue.overLimitDetail": "잔액 {balance}, 한도 {limit}, 초과 {excess}",
  "overdue.replyTitle": "연체 미수금: {total}",

  "new.title": "{customer} 거래처를 등록했습니다",
  "new.created": "{customer}(#{id}) 거래처를 등록했습니다. 담당자로 지정되었습니다.",
  "new.duplicate": "참고: 같은 이름의 거래처가 이미 있습니다 ({ids}).",

  "edit.nothingToChange": "변경할 내용을 입력해 주십시오. {fields}.",
  "edit.currencyChange": "{customer}의 여신 한도는 {limit}입니다. 같은 수정에서 {currency} 기준으로 다시 입력하십시오. 한도를 비우려면 credit_limit= 만 입력하십시오.",
  "edit.title": "{customer} 정보를 수정했습니다",
  "edit.empty": "(없음)",

  "assign.title": "{customer} 담당자: {owner}",
  "assign.text": "{customer}의 담당자를 {owner}님으로 변경했습니다.",

  "role.lastAdmin": "본인의 관리자 역할은 해제할 수 없습니다. 다른 관리자에게 요청해 주십시오.",
  "role.title": "{member}님의 역할: {role}",
  "role.text": "{member}님의 역할을 {role}로 변경했습니다 (이전: {previous}).{reopened, select, yes { 인수인계 때 중지된 접근 권한도 다시 열었습니다.} other {}}",

  "handover.sameMember": "다른 사람에게 인수인계해 주십시오.",
  "handover.inactive": "{member}님은 비활성 상태입니다.",
  "handover.ownAccess": "본인의 접근 권한은 중지할 수 없습니다. --keep-active를 추가하거나 다른 관리자에게 인수인계를 요청해 주십시오.",
  "handover.adminAccess": "관리자의 접근 권한은 관리자만 중지할 수 있습니다. {member}님의 거래처만 옮기려면 --keep-active를 추가하십시오.",
  "handover.title": "{from} → {to}: 거래처 {count, plural, other {{countText}곳}} {dryRun, select, yes {이관 예정} other {이관 완료}}",
  "handover.accessClosed":
    "{member}님의 접근 권한이 {dryRun, select, yes {중지됩니다} other {중지되었습니다}}. 선택 목록에 더 이상 표시되지 않으며 거래처를 배정받을 수 없습니다. 관리자는 {command} 명령으로 다시 열 수 있습니다.",
  "handover.accessKept": "{member}님의 접근 권한은 유지됩니다.",
  "handover.customers": "거래처",
  "handover.openFollowUps": "진행 중인 후속 연락",
  "handover.openOrders": "진행 중인 주문",
  "handover.more": "외 {count}곳",
  "handover.now": "지금 인수인계",

  "activity.badPeriod": "“{period}”: 기간 형식이 아닙니다. 7d, 30d, 12m 또는 2026-03 형식으로 입력해 주십시오.",
  "activity.period":
    "{unit, select, d {최근 {count, plural, other {{countText}일}}} m {최근 {count, plural, other {{countText}개월}}} other {{label}}}",
  "activity.memberTitle": "{member}님의 활동, {period}",
  "activity.noneTitle": "{period} 동안 {member, select, none {} other {{member}님이 }}기록한 활동이 없습니다",
  "activity.noneText": "/crm 기록 명령으로 활동을 기록하면 여기에 표시됩니다.",

  "date.ambiguous": "“{phrase}”: {readings} 중 어느 날짜를 말씀하신 건가요?",
  "date.past":
    "“{phrase}”: {date}({days, plural, =1 {어제} other {{daysText}일 전}})입니다. 이 날짜로 후속 연락을 잡으면 바로 기한이 지납니다. 이 날짜를 유지할까요, 다른 날짜를 고를까요?",
  "date.keep": "{date} 유지",
  "date.today": "오늘 ({date})",
  "date.tomorrow": "내일 ({date})",
} satisfies Keys;
