/**
 * Messages of people known before first use (src/core/people-sync.ts): the `sync` command, members
 * who left the workspace, and import owners matched by email or name, in the four languages.
 * English defines the keys; each other language must have exactly these keys (checked by
 * `satisfies`), in GLOSSARY.md's terms.
 */
export const peopleEn = {
  "command.sync.summary": "Bring in the workspace's people now, so colleagues new to Rapport can get customers (admins)",
  "form.title.sync": "Sync people",
  "people.sync.title": "People synced",
  "people.sync.text":
    "{total, plural, one {# person} other {# people}} listed by the platform: {created} new, {updated} updated, {left} marked inactive (left the workspace), {returned} active again.",
  "people.sync.automatic": "This surface has no people to bring in. On Slack and Discord people are brought in automatically (on install, at start, daily and whenever someone joins or changes their profile), and sync there does it at once.",
  "people.inactive":
    "{name} is inactive here (left the workspace, or access closed at a hand-over), so nothing new can be given to them. Their customers stay theirs until a manager hands them over: handover #{id} @colleague. If they are back, an admin reopens access with: role #{id} rep",
  "import.row.ownerAmbiguous": "owner \"{owner}\" matches several members ({names}); use their email instead",
  "import.row.ownerInactive": "owner \"{owner}\" is {name}, who is inactive (left the workspace); give these customers to an active member",
};

type Keys = Record<keyof typeof peopleEn, string>;

export const peopleZhCN = {
  "command.sync.summary": "立即同步工作区成员，让从未用过 Rapport 的同事也能被指派客户（管理员）",
  "form.title.sync": "同步成员",
  "people.sync.title": "成员已同步",
  "people.sync.text": "平台列出 {total, plural, other {# 人}}：新增 {created} 人，更新 {updated} 人，{left} 人已停用（已离开工作区），{returned} 人重新启用。",
  "people.sync.automatic": "此处没有可同步的成员。在 Slack 和 Discord 上成员会自动同步（安装时、启动时、每天一次，以及有人加入或修改资料时），在那里运行 同步 可立即同步。",
  "people.inactive":
    "{name} 在此已停用（已离开工作区，或交接时已关闭权限），不能再指派新的客户或待办。其客户仍归其所有，直到销售经理交接：交接 #{id} @同事。如对方已回来，管理员可用以下命令重新开通：角色 #{id} 销售",
  "import.row.ownerAmbiguous": "负责人“{owner}”与多名成员匹配（{names}），请改用其邮箱",
  "import.row.ownerInactive": "负责人“{owner}”是 {name}，该成员已停用（已离开工作区），请把这些客户交给在职成员",
} satisfies Keys;

export const peopleZhTW = {
  "command.sync.summary": "立即同步工作區成員，讓從未用過 Rapport 的同事也能被指派客戶（管理員）",
  "form.title.sync": "同步成員",
  "people.sync.title": "成員已同步",
  "people.sync.text": "平台列出 {total, plural, other {# 人}}：新增 {created} 人，更新 {updated} 人，{left} 人已停用（已離開工作區），{returned} 人重新啟用。",
  "people.sync.automatic": "此處沒有可同步的成員。在 Slack 和 Discord 上成員會自動同步（安裝時、啟動時、每天一次，以及有人加入或修改資料時），在那裡執行 同步 可立即同步。",
  "people.inactive":
    "{name} 在此已停用（已離開工作區，或交接時已關閉權限），無法再指派新的客戶或待辦。其客戶仍歸其所有，直到業務主管交接：交接 #{id} @同事。如對方已回來，管理員可用以下指令重新開通：角色 #{id} 業務",
  "import.row.ownerAmbiguous": "負責人「{owner}」與多位成員相符（{names}），請改用其電子郵件",
  "import.row.ownerInactive": "負責人「{owner}」是 {name}，該成員已停用（已離開工作區），請把這些客戶交給在職成員",
} satisfies Keys;

export const peopleKo = {
  "command.sync.summary": "워크스페이스 구성원을 지금 동기화해 Rapport를 아직 쓰지 않은 동료에게도 거래처를 배정합니다 (관리자)",
  "form.title.sync": "구성원 동기화",
  "people.sync.title": "구성원 동기화 완료",
  "people.sync.text": "플랫폼 구성원 {total, plural, other {#명}}: 신규 {created}명, 변경 {updated}명, 비활성 처리 {left}명(워크스페이스 떠남), 다시 활성 {returned}명.",
  "people.sync.automatic": "여기에는 동기화할 구성원이 없습니다. Slack과 Discord에서는 구성원이 자동으로 동기화되며(설치 시, 시작 시, 매일, 그리고 누군가 참여하거나 프로필을 바꿀 때), 그곳에서 동기화 명령어를 실행하면 즉시 동기화됩니다.",
  "people.inactive":
    "{name}님은 이 워크스페이스에서 비활성 상태입니다(워크스페이스를 떠났거나 인수인계 때 접근 권한이 해제됨). 새 거래처나 할 일을 배정할 수 없습니다. 기존 거래처는 영업 관리자가 인수인계할 때까지 그대로 유지됩니다: 인수인계 #{id} @동료. 돌아왔다면 관리자가 다음 명령어로 다시 열 수 있습니다: 권한 #{id} 영업담당자",
  "import.row.ownerAmbiguous": "담당자 “{owner}”와 일치하는 구성원이 여러 명입니다({names}). 이메일을 사용해 주십시오",
  "import.row.ownerInactive": "담당자 “{owner}”는 비활성 상태인 {name}님입니다(워크스페이스 떠남). 활성 구성원에게 배정해 주십시오",
} satisfies Keys;
