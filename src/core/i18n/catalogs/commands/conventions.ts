/**
 * Platform conventions in the four languages: Discord's `/crm-admin` desk, the customer file's
 * notes (cut in the card with the command that shows them whole, and `show <customer> notes`).
 * English defines the keys; each other language must have exactly these keys (checked by
 * `satisfies`), in GLOSSARY.md's terms.
 */
export const conventionsEn = {
  "command.crmAdmin.summary": "Rapport admin desk: roles, hand-over, digests, merges (managers and admins)",

  "option.show.section.name": "section",
  "option.show.section.description": "Only this part of the customer file: notes shows the whole notes",
  "choice.notes": "notes",
  "choice.mine": "mine (your own)",
  "choice.all": "all (the whole team)",
  "show.notesCut": "… ({count, plural, one {# more character} other {# more characters}}; `{command}`)",
  "show.notesTitle": "Notes: {customer}",
  "show.noNotes": "{customer} has no notes yet. Add some with {example}",
} as const;

type Keys = Record<keyof typeof conventionsEn, string>;

export const conventionsZhCN = {
  "command.crmAdmin.summary": "Rapport 管理：角色、交接、每日简报、合并客户（销售经理和管理员）",

  "option.show.section.name": "部分",
  "option.show.section.description": "只看客户档案的这一部分：备注显示完整备注",
  "choice.notes": "备注",
  "choice.mine": "我的",
  "choice.all": "全部（整个团队）",
  "show.notesCut": "…（还有 {count, plural, other {# 个字符}}；`{command}`）",
  "show.notesTitle": "备注：{customer}",
  "show.noNotes": "{customer} 还没有备注。可以这样添加：{example}",
} satisfies Keys;

export const conventionsZhTW = {
  "command.crmAdmin.summary": "Rapport 管理：角色、交接、每日摘要、合併客戶（業務主管與管理員）",

  "option.show.section.name": "部分",
  "option.show.section.description": "只看客戶檔案的這一部分：備註顯示完整備註",
  "choice.notes": "備註",
  "choice.mine": "我的",
  "choice.all": "全部（整個團隊）",
  "show.notesCut": "…（還有 {count, plural, other {# 個字元}}；`{command}`）",
  "show.notesTitle": "備註：{customer}",
  "show.noNotes": "{customer} 尚無備註。可以這樣新增：{example}",
} satisfies Keys;

export const conventionsKo = {
  "command.crmAdmin.summary": "Rapport 관리: 역할, 인수인계, 요약 알림, 거래처 병합 (영업 관리자, 관리자)",

  "option.show.section.name": "항목",
  "option.show.section.description": "거래처 정보 중 이 항목만 표시: 메모는 전체 메모를 표시",
  "choice.notes": "메모",
  "choice.mine": "내 것",
  "choice.all": "전체 (팀 전체)",
  "show.notesCut": "… ({count, plural, other {#자}} 더 있음; `{command}`)",
  "show.notesTitle": "메모: {customer}",
  "show.noNotes": "{customer} 거래처에는 아직 메모가 없습니다. 추가 방법: {example}",
} satisfies Keys;
