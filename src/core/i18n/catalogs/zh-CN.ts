import type { Catalog } from "./en.js";

/** Simplified Chinese, as used in mainland China (GLOSSARY.md: 客户, 跟进, 应收账款; “” quotes). */
export const zhCN: Catalog = {
  "button.show": "查看",
  "button.logCall": "记录通话",
  "button.undo": "撤销",
  "button.shareInChannel": "分享到频道",
  "button.nextPage": "下一页",
  "button.previousPage": "上一页",
  "button.setFollowUp": "设置跟进",
  "button.orders": "订单",

  "error.unknownCommand": "没有“{command}”这个命令。您是想输入“{suggestion}”吗？",
  "error.unknownCommandNoSuggestion": "没有“{command}”这个命令。输入“帮助”查看可用的命令。",
  "error.missingArgument": "请补充{argument}。例如：{example}",
  "error.unreadableDate": "无法识别日期“{phrase}”。可以这样写：{example}",
  "error.unknownCustomer": "没有找到与“{query}”匹配的客户。可以这样搜索：{example}",
  "error.busy": "系统繁忙，请稍后再试。",
  "error.apology": "抱歉，系统出现问题。如果问题持续出现，请联系管理员并提供错误编号 {errorId}。",
  "error.permissionDenied": "您没有执行此操作的权限。",
  "error.permissionDeniedRole":
    "只有{role, select, admin {管理员} manager {销售经理或管理员} other {客户负责人、销售经理或管理员}}可以执行此操作。",

  "heading.customersMatching": "与“{query}”匹配的客户",
  "heading.overdueReceivables": "逾期应收账款",
  "heading.followUps": "待跟进",
  "count.customers": "{count, plural, other {# 家客户}}",
  "count.overdueInvoices": "{count, plural, other {# 笔逾期账单}}",
  "count.followUpsDue": "{count, plural, =0 {暂无待跟进客户。} other {# 家客户待跟进}}",
  "paging.pageOf": "第 {page} 页，共 {pages} 页",
};
