import type { Catalog } from "./en.js";

/**
 * Korean as Korean CRM/ERP products write it: formal polite endings (합니다/습니다), GLOSSARY.md terms
 * (거래처, 후속 연락, 주문, 미수금, 담당자). Placeholders are never followed by a particle whose form
 * depends on the name's last syllable (을/를, 이/가): sentences are built around 에, 의 or a noun,
 * so no particle library is needed for these messages.
 */
export const ko: Catalog = {
  "button.show": "보기",
  "button.logCall": "통화 기록",
  "button.undo": "실행 취소",
  "button.shareInChannel": "채널에 공유",
  "button.nextPage": "다음 페이지",
  "button.previousPage": "이전 페이지",
  "button.setFollowUp": "후속 연락 설정",
  "button.orders": "주문",

  "error.unknownCommand": "“{command}” 명령어는 없습니다. “{suggestion}” 명령어를 입력하려고 하셨습니까?",
  "error.unknownCommandNoSuggestion": "“{command}” 명령어는 없습니다. “도움말”을 입력하면 사용 가능한 명령어를 확인할 수 있습니다.",
  "error.missingArgument": "{argument} 항목을 입력해 주십시오. 예: {example}",
  "error.unreadableDate": "날짜를 인식할 수 없습니다: “{phrase}”. 예: {example}",
  "error.unknownCustomer": "“{query}”에 해당하는 거래처가 없습니다. 다음과 같이 검색해 보십시오: {example}",
  "error.busy": "지금은 요청이 많아 처리할 수 없습니다. 잠시 후 다시 시도해 주십시오.",
  "error.apology": "죄송합니다. 시스템에 문제가 발생했습니다. 문제가 계속되면 관리자에게 오류 ID를 알려 주십시오: {errorId}",
  "error.permissionDenied": "이 작업을 수행할 권한이 없습니다.",
  "error.permissionDeniedRole":
    "이 작업은 {role, select, admin {관리자만} manager {영업 관리자 또는 관리자만} other {거래처 담당자, 영업 관리자 또는 관리자만}} 수행할 수 있습니다.",

  "heading.customersMatching": "“{query}”에 해당하는 거래처",
  "heading.overdueReceivables": "연체 미수금",
  "heading.followUps": "후속 연락",
  "count.customers": "{count, plural, other {거래처 #곳}}",
  "count.overdueInvoices": "{count, plural, other {연체 청구서 #건}}",
  "count.followUpsDue": "{count, plural, =0 {연락할 거래처가 없습니다.} other {연락할 거래처 #곳}}",
  "paging.pageOf": "{page}/{pages} 페이지",
};
