/**
 * Per-customer currencies in files: the export header of the currency column (import reads it back
 * in every language) and the import row errors about currencies, in the four languages.
 */
export const currencyEn = {
  "export.column.currency": "currency",
  "import.row.currency": "currency \"{value}\" is not an ISO 4217 currency code; write a code such as KRW, CNY or USD",
  "import.row.currencyConflict": "{field} \"{value}\" is written in {written}, but this row is in {expected}",
  "import.row.currencyMismatch": "the currency column says {written}, but customer \"{customer}\" is in {expected}",
  "import.row.noCustomer": "no customer matches \"{customer}\" (import customers first, or use its external id or #id)",
  "import.row.orderOfAnotherCustomer": "order {number} belongs to another customer on line {line}",
} as const;

type Keys = Record<keyof typeof currencyEn, string>;

export const currencyZhCN = {
  "export.column.currency": "币种",
  "import.row.currency": "币种“{value}”不是 ISO 4217 货币代码；请填写 KRW、CNY 或 USD 这样的代码",
  "import.row.currencyConflict": "{field}“{value}”是 {written} 金额，但这一行的币种是 {expected}",
  "import.row.currencyMismatch": "币种列写的是 {written}，但客户“{customer}”的币种是 {expected}",
  "import.row.noCustomer": "没有与“{customer}”匹配的客户（请先导入客户，或使用其外部 ID 或 #编号）",
  "import.row.orderOfAnotherCustomer": "订单 {number} 在第 {line} 行已属于另一个客户",
} satisfies Keys;

export const currencyZhTW = {
  "export.column.currency": "幣別",
  "import.row.currency": "幣別「{value}」不是 ISO 4217 貨幣代碼；請填寫 KRW、CNY 或 USD 這樣的代碼",
  "import.row.currencyConflict": "{field}「{value}」是 {written} 金額，但這一列的幣別是 {expected}",
  "import.row.currencyMismatch": "幣別欄寫的是 {written}，但客戶「{customer}」的幣別是 {expected}",
  "import.row.noCustomer": "沒有符合「{customer}」的客戶（請先匯入客戶，或使用其外部 ID 或 #編號）",
  "import.row.orderOfAnotherCustomer": "訂單 {number} 在第 {line} 列已屬於另一個客戶",
} satisfies Keys;

export const currencyKo = {
  "export.column.currency": "통화",
  "import.row.currency": "통화 “{value}”: ISO 4217 통화 코드가 아닙니다. KRW, CNY, USD 같은 코드로 입력하세요.",
  "import.row.currencyConflict": "{field} “{value}”: {written} 금액이지만 이 행의 통화는 {expected}입니다.",
  "import.row.currencyMismatch": "통화 열: {written}, 고객 “{customer}”의 통화: {expected}. 두 통화가 다릅니다.",
  "import.row.noCustomer": "일치하는 거래처가 없습니다: “{customer}” (거래처를 먼저 가져오거나 외부 ID 또는 #번호를 사용해 주십시오)",
  "import.row.orderOfAnotherCustomer": "주문 {number}: {line}행에서 이미 다른 거래처의 주문으로 등록되었습니다",
} satisfies Keys;
