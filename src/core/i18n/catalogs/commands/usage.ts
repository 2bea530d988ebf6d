/**
 * The placeholders of command usage lines (`find <text>`, `assign <customer> <member>`), in the
 * four languages; src/core/i18n/usage-line.ts fills them in. English defines the keys; each other
 * language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const usageEn = {
  "usage.placeholder.customer": "customer",
  "usage.placeholder.text": "text",
  "usage.placeholder.date": "date",
  "usage.placeholder.member": "member",
  "usage.placeholder.number": "number",
  "usage.placeholder.name": "name",
  "usage.placeholder.field": "field",
  "usage.placeholder.value": "value",
  "usage.placeholder.kind": "kind",
  "usage.placeholder.channel": "channel",
  "usage.placeholder.summary": "summary",
  "usage.placeholder.fromMember": "from member",
  "usage.placeholder.toMember": "to member",
  "usage.placeholder.command": "command",
  "usage.placeholder.period": "period",
  "usage.placeholder.id": "id",
  "usage.placeholder.timeZone": "time zone",
  "usage.placeholder.areaCity": "Area/City",
  "usage.placeholder.time": "HH:MM",
} as const;

type Keys = Record<keyof typeof usageEn, string>;

export const usageZhCN = {
  "usage.placeholder.customer": "客户",
  "usage.placeholder.text": "搜索内容",
  "usage.placeholder.date": "日期",
  "usage.placeholder.member": "成员",
  "usage.placeholder.number": "订单号",
  "usage.placeholder.name": "名称",
  "usage.placeholder.field": "字段",
  "usage.placeholder.value": "值",
  "usage.placeholder.kind": "类型",
  "usage.placeholder.channel": "频道",
  "usage.placeholder.summary": "摘要",
  "usage.placeholder.fromMember": "交出方成员",
  "usage.placeholder.toMember": "接收方成员",
  "usage.placeholder.command": "命令",
  "usage.placeholder.period": "期间",
  "usage.placeholder.id": "编号",
  "usage.placeholder.timeZone": "时区",
  "usage.placeholder.areaCity": "时区，如 Asia/Shanghai",
  "usage.placeholder.time": "时：分",
} satisfies Keys;

export const usageZhTW = {
  "usage.placeholder.customer": "客戶",
  "usage.placeholder.text": "搜尋內容",
  "usage.placeholder.date": "日期",
  "usage.placeholder.member": "成員",
  "usage.placeholder.number": "訂單編號",
  "usage.placeholder.name": "名稱",
  "usage.placeholder.field": "欄位",
  "usage.placeholder.value": "值",
  "usage.placeholder.kind": "類型",
  "usage.placeholder.channel": "頻道",
  "usage.placeholder.summary": "摘要",
  "usage.placeholder.fromMember": "交出方成員",
  "usage.placeholder.toMember": "接收方成員",
  "usage.placeholder.command": "指令",
  "usage.placeholder.period": "期間",
  "usage.placeholder.id": "編號",
  "usage.placeholder.timeZone": "時區",
  "usage.placeholder.areaCity": "時區，如 Asia/Taipei",
  "usage.placeholder.time": "時：分",
} satisfies Keys;

export const usageKo = {
  "usage.placeholder.customer": "거래처",
  "usage.placeholder.text": "검색어",
  "usage.placeholder.date": "날짜",
  "usage.placeholder.member": "멤버",
  "usage.placeholder.number": "주문번호",
  "usage.placeholder.name": "이름",
  "usage.placeholder.field": "항목",
  "usage.placeholder.value": "값",
  "usage.placeholder.kind": "종류",
  "usage.placeholder.channel": "채널",
  "usage.placeholder.summary": "내용",
  "usage.placeholder.fromMember": "넘겨주는 멤버",
  "usage.placeholder.toMember": "넘겨받는 멤버",
  "usage.placeholder.command": "명령어",
  "usage.placeholder.period": "기간",
  "usage.placeholder.id": "번호",
  "usage.placeholder.timeZone": "시간대",
  "usage.placeholder.areaCity": "시간대(예: Asia/Seoul)",
  "usage.placeholder.time": "시:분",
} satisfies Keys;
