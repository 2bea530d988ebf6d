/**
 * The message shortcuts "Find in CRM" and "Order status" (Slack message shortcuts, Discord message
 * context menus): their names and what they answer, in the four languages. English defines the
 * keys; each other language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const messageLookupEn = {
  "command.findInCrm.name": "Find in CRM",
  "command.orderStatus.name": "Order status",
  "messageLookup.customersTitle": "{count, plural, one {# customer} other {# customers}} named in this message",
  "messageLookup.matchedBy": "Found by: {terms}",
  "messageLookup.noCustomerTitle": "No customer found in this message",
  "messageLookup.noCustomerText": "I looked for {terms} and found no customer, contact, phone or email that matches.",
  "messageLookup.newCustomer": "New customer “{name}”",
  "messageLookup.newCustomerPlain": "New customer",
  "messageLookup.nothingToLookUp": "This message names no customer, contact, phone number, email or order number I can look up.",
  "messageLookup.nothingTitle": "Nothing to look up in this message",
  "messageLookup.ordersTitle": "{count, plural, one {# order} other {# orders}} in this message",
  "messageLookup.noOrderNumbersTitle": "No order number in this message",
  "messageLookup.noOrderNumbers": "Order numbers look like {example}. Ask for any order with {command}.",
  "messageLookup.noOrdersFoundTitle": "No order of this message is in this workspace",
  "messageLookup.unavailable": "Looking up messages is not available right now.",
  "messageLookup.logCustomersHint": "In this message: {customers}",
};

type Keys = Record<keyof typeof messageLookupEn, string>;

export const messageLookupZhCN = {
  "command.findInCrm.name": "在 CRM 中查找",
  "command.orderStatus.name": "查看订单状态",
  "messageLookup.customersTitle": "{count, plural, other {这条消息提到 # 个客户}}",
  "messageLookup.matchedBy": "匹配依据：{terms}",
  "messageLookup.noCustomerTitle": "这条消息中没有找到客户",
  "messageLookup.noCustomerText": "已查找 {terms}，没有匹配的客户、联系人、电话或邮箱。",
  "messageLookup.newCustomer": "新建客户“{name}”",
  "messageLookup.newCustomerPlain": "新建客户",
  "messageLookup.nothingToLookUp": "这条消息中没有可查找的客户名称、联系人、电话、邮箱或订单号。",
  "messageLookup.nothingTitle": "这条消息中没有可查找的内容",
  "messageLookup.ordersTitle": "{count, plural, other {这条消息提到 # 个订单}}",
  "messageLookup.noOrderNumbersTitle": "这条消息中没有订单号",
  "messageLookup.noOrderNumbers": "订单号格式如 {example}。也可以用 {command} 查询任意订单。",
  "messageLookup.noOrdersFoundTitle": "本工作区中没有这条消息提到的订单",
  "messageLookup.unavailable": "暂时无法查找消息内容。",
  "messageLookup.logCustomersHint": "消息中提到：{customers}",
} satisfies Keys;

export const messageLookupZhTW = {
  "command.findInCrm.name": "在 CRM 中查詢",
  "command.orderStatus.name": "查看訂單狀態",
  "messageLookup.customersTitle": "{count, plural, other {這則訊息提到 # 個客戶}}",
  "messageLookup.matchedBy": "比對依據：{terms}",
  "messageLookup.noCustomerTitle": "這則訊息中找不到客戶",
  "messageLookup.noCustomerText": "已查詢 {terms}，沒有相符的客戶、聯絡人、電話或電子郵件。",
  "messageLookup.newCustomer": "新增客戶「{name}」",
  "messageLookup.newCustomerPlain": "新增客戶",
  "messageLookup.nothingToLookUp": "這則訊息中沒有可查詢的客戶名稱、聯絡人、電話、電子郵件或訂單編號。",
  "messageLookup.nothingTitle": "這則訊息中沒有可查詢的內容",
  "messageLookup.ordersTitle": "{count, plural, other {這則訊息提到 # 筆訂單}}",
  "messageLookup.noOrderNumbersTitle": "這則訊息中沒有訂單編號",
  "messageLookup.noOrderNumbers": "訂單編號格式如 {example}。也可以用 {command} 查詢任一訂單。",
  "messageLookup.noOrdersFoundTitle": "本工作區中沒有這則訊息提到的訂單",
  "messageLookup.unavailable": "目前無法查詢訊息內容。",
  "messageLookup.logCustomersHint": "訊息中提到：{customers}",
} satisfies Keys;

export const messageLookupKo = {
  "command.findInCrm.name": "CRM에서 찾기",
  "command.orderStatus.name": "주문 상태 보기",
  "messageLookup.customersTitle": "{count, plural, other {이 메시지에 언급된 거래처 #곳}}",
  "messageLookup.matchedBy": "찾은 근거: {terms}",
  "messageLookup.noCustomerTitle": "이 메시지에서 거래처를 찾지 못했습니다",
  "messageLookup.noCustomerText": "다음 내용으로 찾아보았지만 일치하는 거래처, 담당자, 전화번호 또는 이메일이 없습니다: {terms}",
  "messageLookup.newCustomer": "거래처 등록: {name}",
  "messageLookup.newCustomerPlain": "거래처 등록",
  "messageLookup.nothingToLookUp": "이 메시지에는 찾을 수 있는 거래처명, 담당자, 전화번호, 이메일 또는 주문 번호가 없습니다.",
  "messageLookup.nothingTitle": "이 메시지에서 찾을 내용이 없습니다",
  "messageLookup.ordersTitle": "{count, plural, other {이 메시지에 언급된 주문 #건}}",
  "messageLookup.noOrderNumbersTitle": "이 메시지에 주문 번호가 없습니다",
  "messageLookup.noOrderNumbers": "주문 번호는 {example} 형식입니다. 다른 주문은 {command} 명령으로 조회할 수 있습니다.",
  "messageLookup.noOrdersFoundTitle": "이 메시지의 주문이 이 워크스페이스에 없습니다",
  "messageLookup.unavailable": "지금은 메시지 내용을 조회할 수 없습니다.",
  "messageLookup.logCustomersHint": "메시지에 언급된 거래처: {customers}",
} satisfies Keys;
