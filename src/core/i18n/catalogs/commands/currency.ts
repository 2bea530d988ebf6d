/**
 * Per-customer currencies in files: the export header of the currency column (import reads it back
 * in every language) and the import row errors about currencies, in the four languages.
 */
export const currencyEn = {
  "export.column.currency": "currency",
  "import.row.currency": "currency \"{value}\" is not an ISO 4217 currency code; write a code such as KRW, CNY or USD",
  "import.row.currencyConflict": "{field} \"{value}\" is written in {written}, but this row is in {expected}",
  "import.row.currencyMismatch": "the currency column says {written}, but customer \"{customer}\" is in {expected}",
} as const;

type Keys = Record<keyof typeof currencyEn, string>;

export const currencyZhCN = {
  "export.column.currency": "币种",
  "import.row.currency": "币种“{value}”不是 ISO 4217 货币代码；请填写 KRW、CNY 或 USD 这样的代码",
  "import.row.currencyConflict": "{field}“{value}”是 {written} 金额，但这一行的币种是 {expected}",
  "import.row.currencyMismatch": "币种列写的是 {written}，但客户“{customer}”的币种是 {expected}",
} satisfies Keys;

export const currencyZhTW = {
  "export.column.currency": "幣別",
  "import.row.currency": "幣別「{value}」不是 ISO 4217 貨幣代碼；請填寫 KRW、CNY 或 USD 這樣的代碼",
  "import.row.currencyConflict": "{field}「{value}」是 {written} 金額，但這一列的幣別是 {expected}",
  "import.row.currencyMismatch": "幣別欄寫的是 {written}，但客戶「{customer}」的幣別是 {expected}",
} satisfies Keys;

export const currencyKo = {
  "export.column.currency": "통화",
  "import.row.currency": "통화 “{value}”: ISO 4217 통화 코드가 아닙니다. KRW, CNY, USD 같은 코드로 입력하세요.",
  "import.row.currencyConflict": "{field} “{value}”: {written} 금액이지만 이 행의 통화는 {expected}입니다.",
  "import.row.currencyMismatch": "통화 열: {written}, 고객 “{customer}”의 통화: {expected}. 두 통화가 다릅니다.",
} satisfies Keys;
