import type { Catalog } from "./en.js";

/**
 * Traditional Chinese as written in Taiwan: Taiwan terms (客戶, 訂單, 應收帳款, 業務, 設定, 復原),
 * not Simplified run through a character converter; 「」 quotes (GLOSSARY.md).
 */
export const zhTW: Catalog = {
  "button.show": "查看",
  "button.logCall": "記錄通話",
  "button.undo": "復原",
  "button.shareInChannel": "分享到頻道",
  "button.nextPage": "下一頁",
  "button.previousPage": "上一頁",
  "button.setFollowUp": "設定跟進",
  "button.orders": "訂單",

  "error.unknownCommand": "找不到「{command}」指令。您是要輸入「{suggestion}」嗎？",
  "error.unknownCommandNoSuggestion": "找不到「{command}」指令。輸入「說明」查看可用的指令。",
  "error.missingArgument": "請補上{argument}。例如：{example}",
  "error.unreadableDate": "無法辨識日期「{phrase}」。可以這樣輸入：{example}",
  "error.unknownCustomer": "找不到符合「{query}」的客戶。可以這樣搜尋：{example}",
  "error.busy": "系統忙碌中，請稍後再試。",
  "error.apology": "很抱歉，系統發生問題。如果問題持續發生，請聯絡管理員並提供錯誤代碼 {errorId}。",
  "error.permissionDenied": "您沒有執行這項操作的權限。",
  "error.permissionDeniedRole":
    "只有{role, select, admin {管理員} manager {業務主管或管理員} other {客戶負責人、業務主管或管理員}}可以執行這項操作。",

  "heading.customersMatching": "符合「{query}」的客戶",
  "heading.overdueReceivables": "逾期應收帳款",
  "heading.followUps": "待跟進",
  "count.customers": "{count, plural, other {# 家客戶}}",
  "count.overdueInvoices": "{count, plural, other {# 筆逾期帳單}}",
  "count.followUpsDue": "{count, plural, =0 {目前沒有待跟進的客戶。} other {# 家客戶待跟進}}",
  "paging.pageOf": "第 {page} 頁，共 {pages} 頁",
};
