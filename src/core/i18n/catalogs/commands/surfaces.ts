/**
 * What the platform surfaces show around the core's replies: command forms (Slack modals, Discord
 * modals), the adapters' own notices, sharing, and Discord's one-time time zone question. English
 * defines the keys; each other language must have exactly these keys (checked by `satisfies`).
 */
export const surfacesEn = {
  // Typed-only options of digest (forms and Discord leave them out; help and forms tests read them).
  "option.digest.language.name": "language",
  "option.digest.language.description": "Language of the digest, default the workspace language (add: language=ko)",
  "option.digest.postWhenEmpty.name": "post-empty",
  "option.digest.postWhenEmpty.description": "Post even when there is nothing to report (add: post-empty)",
  "option.digest.confirmExternal.name": "confirm-external",
  "option.digest.confirmExternal.description": "Allow a channel shared with another organisation (add: confirm-external)",
  "option.digest.full.name": "all",
  "option.digest.full.description": "Every row, not the first few (preview: all)",

  // Form labels where an option's name (written for Discord's one-word option names) reads poorly.
  "option.next.label": "Next follow-up",
  "option.source.label": "Source",
  "option.keep_active.label": "Keep active",
  "option.setting.label": "Setting",

  // Command forms: buttons and inputs.
  "form.save": "Save",
  "form.run": "Run",
  "form.cancel": "Cancel",
  "form.noInput": "This command takes no input.",
  "form.search": "{kind, select, customer {Search customers} order {Search orders} member {Search members} other {Search}}",
  "form.fieldsPlaceholder": "One per line: grade=A, city=Boston",
  "form.datePlaceholder": "e.g. tomorrow, next friday, 2026-12-01",
  "form.customerPlaceholder": "Name or #id",

  // Form titles (Slack shows at most 24 characters).
  "form.title.find": "Find customers",
  "form.title.show": "Customer file",
  "form.title.log": "Log to CRM",
  "form.title.order": "Order",
  "form.title.orders": "Customer orders",
  "form.title.followups": "Follow-ups due",
  "form.title.followup": "Set follow-up",
  "form.title.overdue": "Overdue receivables",
  "form.title.new": "New customer",
  "form.title.edit": "Edit customer",
  "form.title.assign": "Assign customer",
  "form.title.role": "Member role",
  "form.title.export": "Export",
  "form.title.stats": "Charts",
  "form.title.handover": "Hand over",
  "form.title.activity": "Team activity",
  "form.title.digest": "Digests",
  "form.title.settings": "Settings",
  "form.title.help": "Help",

  // The adapters' own notices.
  "surface.commandOutOfDate": "This command is out of date. Ask an admin to run rapport discord register.",
  "surface.fieldsAsPairs": "Write {field} as key=value pairs, e.g. city=Boston grade=A (not understood: {words}).",
  "surface.logUnavailable": "Logging is not available.",
  "surface.formOutOfDate": "This form is out of date. Please open it again.",
  "surface.formUnavailable": "This form is no longer available.",
  "surface.notOurButton": "This button is not from Rapport.",
  "surface.buttonExpired": "This button has expired. Please run the command again.",
  "surface.nothingToShare": "Nothing to share.",
  "surface.guildOnly": "Rapport works inside a server.",
  "surface.unknownCommand": "Unknown command.",
  "surface.resultsLeftOut":
    "Some results were left out to fit in Slack ({count, plural, one {# more block} other {# more blocks}}). Narrow the search or use the page buttons.",
  "surface.aboutFiles": "About the files",

  // Sharing an ephemeral reply into the channel.
  "share.sharedBy": "Shared by {user}",
  "share.shared": "Shared",
  "share.expired": "That result can no longer be shared. Run the command again, then share it.",
  "share.expiredTitle": "That result can no longer be shared",
  "share.externalChannel":
    "Not shared: this channel is shared with another organisation (Slack Connect), so CRM data posted here would leave the company. Share it in an internal channel instead.",
  "share.unknownChannel":
    "Not shared: I cannot see the settings of this channel, so I cannot tell whether it is shared with another organisation. Add Rapport to the channel (or share in a channel it is in) and try again.",

  // Discord's message limits, and files a share could not carry along.
  "surface.truncatedNote": "… more not shown (Discord message limit)",
  "surface.fileTooLarge": "{name} ({size}) is larger than this server's upload limit ({limit}).",
  "surface.tooManyFiles": "{name} not attached: at most {max} files per message.",
  "share.fileTooLarge": "{name} ({size}) is not attached: it is larger than this server's upload limit ({limit}).",
  "share.fileRefused": "{name} is not attached: Discord refused the upload. Run the command again to get it.",
  "share.fileNotCopied": "{name} is not attached: it could not be copied from the original reply. Run the command again to get it.",

  // Files of a Slack reply (exports, charts): where they went, or why not.
  "files.fellBack":
    "Rapport cannot upload files to this channel ({why, select, not_in_channel {it is not a member} other {it cannot see the channel}}), so I sent {names} to your DM with Rapport instead. To share files here, invite it with /invite @Rapport and try again.",
  "files.sentToDm": "Sent {names} to your DM with Rapport.",
  "files.tooLarge":
    "{name} is {size}, over the {limit} limit for files Rapport uploads to Slack, so it was not sent. Narrow it down with filters or export a smaller report (for example /crm export overdue), or run `rapport export` on the server.",
  "files.noToken": "Could not send {names}: Rapport has no bot token for this workspace (error id {errorId}).",
  "files.unconfirmed":
    "Slack did not confirm that {names} arrived (the connection dropped while sharing). Look in {place, select, dm {your DM with Rapport} other {this channel}} before trying again, so you do not get it twice (error id {errorId}).",
  "files.timedOut": "Could not send {names}: Slack did not answer in time. Nothing was shared; try again in a minute (error id {errorId}).",
  "files.refused": "Could not send {names}: {reason}",
  "files.missingScope":
    "Rapport lacks the {scope} permission in this workspace. A workspace admin must reinstall Rapport with {scope}: api.slack.com/apps → Rapport → OAuth & Permissions → add the {scope} bot scope → Reinstall to Workspace (see \"Files\" in Rapport's docs/slack.md).",
  "files.uploadsDisabled": "file uploads are turned off in this workspace; a workspace admin can allow them.",
  "files.sizeRestricted": "this workspace restricts the size of uploaded files. Narrow it down with filters or export a smaller report.",
  "files.typeNotAllowed": "this workspace does not allow this type of file.",
  "files.slackRefused": "Slack refused the upload ({error}).",
  "files.theFile": "the file",

  "surface.savedFile": "Saved {path}",

  // How a digest names a channel on each platform.
  "platform.howToPick.slack": "Pick it with # so it becomes a link",
  "platform.howToPick.discord": "Pick it with # so it becomes a link",
  "platform.howToPick.console": "Pick it with # so it becomes a link, or use console:stdout",
  "platform.howToPick.webhook": "Give the URL digests should be posted to",

  // Discord's one-time time zone question (Discord does not tell bots a member's time zone).
  "timezone.question":
    "Which time zone are you in? Rapport shows dates and follow-ups in it; until you choose, it uses this server's zone ({zone}). Pick one below, or type {example}.",
  "timezone.placeholder": "Choose your time zone",
} as const;

type Keys = Record<keyof typeof surfacesEn, string>;

export const surfacesZhCN = {
  "option.digest.language.name": "语言",
  "option.digest.language.description": "简报的语言，默认为工作区语言（add：language=zh-CN）",
  "option.digest.postWhenEmpty.name": "无内容也发送",
  "option.digest.postWhenEmpty.description": "没有需要报告的内容时也发送（添加：post-empty）",
  "option.digest.confirmExternal.name": "允许外部频道",
  "option.digest.confirmExternal.description": "允许发送到与其他组织共享的频道（add：confirm-external）",
  "option.digest.full.name": "全部",
  "option.digest.full.description": "显示所有行，而不只是前几行（预览：全部）",

  "option.next.label": "下次跟进日期",
  "option.source.label": "来源",
  "option.keep_active.label": "保留权限",
  "option.setting.label": "设置项",

  "form.save": "保存",
  "form.run": "运行",
  "form.cancel": "取消",
  "form.noInput": "此命令无需填写内容。",
  "form.search": "{kind, select, customer {搜索客户} order {搜索订单} member {搜索成员} other {搜索}}",
  "form.fieldsPlaceholder": "每行一项：grade=A、city=上海",
  "form.datePlaceholder": "例如：明天、下周五、2026-12-01",
  "form.customerPlaceholder": "名称或 #编号",

  "form.title.find": "搜索客户",
  "form.title.show": "客户档案",
  "form.title.log": "记录到 CRM",
  "form.title.order": "订单",
  "form.title.orders": "客户订单",
  "form.title.followups": "待跟进客户",
  "form.title.followup": "设置跟进",
  "form.title.overdue": "逾期应收账款",
  "form.title.new": "新建客户",
  "form.title.edit": "编辑客户",
  "form.title.assign": "分配客户",
  "form.title.role": "成员角色",
  "form.title.export": "导出",
  "form.title.stats": "图表",
  "form.title.handover": "交接",
  "form.title.activity": "团队跟进情况",
  "form.title.digest": "每日简报",
  "form.title.settings": "设置",
  "form.title.help": "帮助",

  "surface.commandOutOfDate": "此命令已过期。请让管理员运行 rapport discord register。",
  "surface.fieldsAsPairs": "{field}请写成 字段=值 的形式，例如 city=上海 grade=A（无法识别：{words}）。",
  "surface.logUnavailable": "暂时无法记录跟进。",
  "surface.formOutOfDate": "此表单已过期，请重新打开。",
  "surface.formUnavailable": "此表单已不可用。",
  "surface.notOurButton": "此按钮不是 Rapport 的。",
  "surface.buttonExpired": "此按钮已过期，请重新运行命令。",
  "surface.nothingToShare": "没有可分享的内容。",
  "surface.guildOnly": "Rapport 只能在服务器内使用。",
  "surface.unknownCommand": "未知命令。",
  "surface.resultsLeftOut": "为适应 Slack 的限制，部分结果未显示（还有 {count, plural, other {# 个区块}}）。请缩小搜索范围或使用翻页按钮。",
  "surface.aboutFiles": "关于文件",

  "share.sharedBy": "由 {user} 分享",
  "share.shared": "已分享",
  "share.expired": "该结果已无法分享。请重新运行命令后再分享。",
  "share.expiredTitle": "该结果已无法分享",
  "share.externalChannel": "未分享：此频道与其他组织共享（Slack Connect），在此发布的 CRM 数据会流出公司。请在内部频道分享。",
  "share.unknownChannel": "未分享：我无法查看此频道的设置，无法判断它是否与其他组织共享。请把 Rapport 添加到该频道（或在它所在的频道分享）后重试。",

  "surface.truncatedNote": "… 其余内容未显示（Discord 消息长度限制）",
  "surface.fileTooLarge": "{name}（{size}）超过此服务器的上传上限（{limit}）。",
  "surface.tooManyFiles": "{name} 未附加：每条消息最多 {max} 个文件。",
  "share.fileTooLarge": "{name}（{size}）未附加：超过此服务器的上传上限（{limit}）。",
  "share.fileRefused": "{name} 未附加：Discord 拒绝了上传。请重新运行命令获取。",
  "share.fileNotCopied": "{name} 未附加：无法从原回复复制。请重新运行命令获取。",

  "files.fellBack":
    "Rapport 无法向此频道上传文件（{why, select, not_in_channel {它不是频道成员} other {它看不到此频道}}），所以已将 {names} 发送到您与 Rapport 的私信。如需在此分享文件，请用 /invite @Rapport 邀请它后重试。",
  "files.sentToDm": "已将 {names} 发送到您与 Rapport 的私信。",
  "files.tooLarge":
    "{name} 大小为 {size}，超过 Rapport 向 Slack 上传文件的上限 {limit}，因此未发送。请用筛选条件缩小范围或导出更小的报表（例如 /crm 导出 逾期），或在服务器上运行 `rapport export`。",
  "files.noToken": "无法发送 {names}：Rapport 没有此工作区的机器人令牌（错误编号 {errorId}）。",
  "files.unconfirmed":
    "Slack 未确认 {names} 已送达（分享时连接中断）。重试前请先查看{place, select, dm {您与 Rapport 的私信} other {此频道}}，以免重复收到（错误编号 {errorId}）。",
  "files.timedOut": "无法发送 {names}：Slack 未及时响应。没有分享任何内容，请一分钟后重试（错误编号 {errorId}）。",
  "files.refused": "无法发送 {names}：{reason}",
  "files.missingScope":
    "Rapport 在此工作区缺少 {scope} 权限。需要工作区管理员以 {scope} 重新安装 Rapport：api.slack.com/apps → Rapport → OAuth & Permissions → 添加 {scope} 机器人权限 → Reinstall to Workspace（参见 Rapport 的 docs/slack.md 中的 Files 一节）。",
  "files.uploadsDisabled": "此工作区已关闭文件上传，工作区管理员可以开启。",
  "files.sizeRestricted": "此工作区限制了上传文件的大小。请用筛选条件缩小范围或导出更小的报表。",
  "files.typeNotAllowed": "此工作区不允许上传此类型的文件。",
  "files.slackRefused": "Slack 拒绝了上传（{error}）。",
  "files.theFile": "文件",

  "surface.savedFile": "已保存 {path}",

  "platform.howToPick.slack": "请用 # 选择频道，使其成为链接",
  "platform.howToPick.discord": "请用 # 选择频道，使其成为链接",
  "platform.howToPick.console": "请用 # 选择频道使其成为链接，或使用 console:stdout",
  "platform.howToPick.webhook": "请填写接收简报的 URL",

  "timezone.question": "您在哪个时区？Rapport 按您的时区显示日期和跟进。选择之前使用此服务器的时区（{zone}）。请在下方选择，或输入 {example}。",
  "timezone.placeholder": "选择您的时区",
} satisfies Keys;

export const surfacesZhTW = {
  "option.digest.language.name": "語言",
  "option.digest.language.description": "摘要的語言，預設為工作區語言（add：language=zh-TW）",
  "option.digest.postWhenEmpty.name": "無內容也發送",
  "option.digest.postWhenEmpty.description": "沒有需要報告的內容時也發送（添加：post-empty）",
  "option.digest.confirmExternal.name": "允許外部頻道",
  "option.digest.confirmExternal.description": "允許發送到與其他組織共用的頻道（add：confirm-external）",
  "option.digest.full.name": "全部",
  "option.digest.full.description": "顯示所有列，而不只是前幾列（預覽：全部）",

  "option.next.label": "下次跟進日期",
  "option.source.label": "來源",
  "option.keep_active.label": "保留權限",
  "option.setting.label": "設定項目",

  "form.save": "儲存",
  "form.run": "執行",
  "form.cancel": "取消",
  "form.noInput": "此指令不需要填寫內容。",
  "form.search": "{kind, select, customer {搜尋客戶} order {搜尋訂單} member {搜尋成員} other {搜尋}}",
  "form.fieldsPlaceholder": "每行一項：grade=A、city=台北",
  "form.datePlaceholder": "例如：明天、下週五、2026-12-01",
  "form.customerPlaceholder": "名稱或 #編號",

  "form.title.find": "搜尋客戶",
  "form.title.show": "客戶檔案",
  "form.title.log": "記錄到 CRM",
  "form.title.order": "訂單",
  "form.title.orders": "客戶訂單",
  "form.title.followups": "待跟進客戶",
  "form.title.followup": "設定跟進",
  "form.title.overdue": "逾期應收帳款",
  "form.title.new": "新增客戶",
  "form.title.edit": "編輯客戶",
  "form.title.assign": "指派客戶",
  "form.title.role": "成員角色",
  "form.title.export": "匯出",
  "form.title.stats": "圖表",
  "form.title.handover": "交接",
  "form.title.activity": "團隊跟進狀況",
  "form.title.digest": "每日摘要",
  "form.title.settings": "設定",
  "form.title.help": "說明",

  "surface.commandOutOfDate": "此指令已過期。請聯絡管理員執行 rapport discord register。",
  "surface.fieldsAsPairs": "{field}請寫成「欄位=值」，例如 city=台北 grade=A（無法辨識：{words}）。",
  "surface.logUnavailable": "目前無法記錄跟進。",
  "surface.formOutOfDate": "此表單已過期，請重新開啟。",
  "surface.formUnavailable": "此表單已無法使用。",
  "surface.notOurButton": "此按鈕不是 Rapport 的。",
  "surface.buttonExpired": "此按鈕已過期，請重新執行指令。",
  "surface.nothingToShare": "沒有可分享的內容。",
  "surface.guildOnly": "Rapport 只能在伺服器內使用。",
  "surface.unknownCommand": "未知的指令。",
  "surface.resultsLeftOut": "為符合 Slack 的限制，部分結果未顯示（還有 {count, plural, other {# 個區塊}}）。請縮小搜尋範圍或使用翻頁按鈕。",
  "surface.aboutFiles": "關於檔案",

  "share.sharedBy": "由 {user} 分享",
  "share.shared": "已分享",
  "share.expired": "此結果已無法分享。請重新執行指令後再分享。",
  "share.expiredTitle": "此結果已無法分享",
  "share.externalChannel": "未分享：此頻道與其他組織共用（Slack Connect），在此張貼的 CRM 資料會流出公司。請改在內部頻道分享。",
  "share.unknownChannel": "未分享：我看不到此頻道的設定，無法判斷它是否與其他組織共用。請將 Rapport 加入該頻道（或在它所在的頻道分享）後再試一次。",

  "surface.truncatedNote": "… 其餘內容未顯示（Discord 訊息長度限制）",
  "surface.fileTooLarge": "{name}（{size}）超過此伺服器的上傳上限（{limit}）。",
  "surface.tooManyFiles": "{name} 未附加：每則訊息最多 {max} 個檔案。",
  "share.fileTooLarge": "{name}（{size}）未附加：超過此伺服器的上傳上限（{limit}）。",
  "share.fileRefused": "{name} 未附加：Discord 拒絕了上傳。請重新執行指令取得。",
  "share.fileNotCopied": "{name} 未附加：無法從原回覆複製。請重新執行指令取得。",

  "files.fellBack":
    "Rapport 無法上傳檔案到此頻道（{why, select, not_in_channel {它不是頻道成員} other {它看不到此頻道}}），所以已將 {names} 傳送到您與 Rapport 的私訊。若要在此分享檔案，請用 /invite @Rapport 邀請它後再試一次。",
  "files.sentToDm": "已將 {names} 傳送到您與 Rapport 的私訊。",
  "files.tooLarge":
    "{name} 大小為 {size}，超過 Rapport 上傳到 Slack 的檔案上限 {limit}，因此未傳送。請用篩選條件縮小範圍或匯出較小的報表（例如 /crm 匯出 逾期），或在伺服器上執行 `rapport export`。",
  "files.noToken": "無法傳送 {names}：Rapport 沒有此工作區的機器人權杖（錯誤編號 {errorId}）。",
  "files.unconfirmed":
    "Slack 未確認 {names} 已送達（分享時連線中斷）。再試一次之前請先查看{place, select, dm {您與 Rapport 的私訊} other {此頻道}}，以免重複收到（錯誤編號 {errorId}）。",
  "files.timedOut": "無法傳送 {names}：Slack 未及時回應。沒有分享任何內容，請一分鐘後再試（錯誤編號 {errorId}）。",
  "files.refused": "無法傳送 {names}：{reason}",
  "files.missingScope":
    "Rapport 在此工作區缺少 {scope} 權限。需要工作區管理員以 {scope} 重新安裝 Rapport：api.slack.com/apps → Rapport → OAuth & Permissions → 新增 {scope} 機器人權限 → Reinstall to Workspace（請參閱 Rapport 的 docs/slack.md 中的 Files 一節）。",
  "files.uploadsDisabled": "此工作區已關閉檔案上傳，工作區管理員可以開啟。",
  "files.sizeRestricted": "此工作區限制了上傳檔案的大小。請用篩選條件縮小範圍或匯出較小的報表。",
  "files.typeNotAllowed": "此工作區不允許上傳此類型的檔案。",
  "files.slackRefused": "Slack 拒絕了上傳（{error}）。",
  "files.theFile": "檔案",

  "surface.savedFile": "已儲存 {path}",

  "platform.howToPick.slack": "請用 # 選擇頻道，讓它成為連結",
  "platform.howToPick.discord": "請用 # 選擇頻道，讓它成為連結",
  "platform.howToPick.console": "請用 # 選擇頻道讓它成為連結，或使用 console:stdout",
  "platform.howToPick.webhook": "請填寫接收摘要的 URL",

  "timezone.question": "您在哪個時區？Rapport 會依您的時區顯示日期與跟進。選擇之前使用此伺服器的時區（{zone}）。請在下方選擇，或輸入 {example}。",
  "timezone.placeholder": "選擇您的時區",
} satisfies Keys;

export const surfacesKo = {
  "option.digest.language.name": "언어",
  "option.digest.language.description": "요약 알림의 언어, 기본값은 워크스페이스 언어 (add: language=ko)",
  "option.digest.postWhenEmpty.name": "내용 없어도 게시",
  "option.digest.postWhenEmpty.description": "알릴 내용이 없어도 게시 (추가: post-empty)",
  "option.digest.confirmExternal.name": "외부 채널 허용",
  "option.digest.confirmExternal.description": "다른 조직과 공유된 채널 허용 (add: confirm-external)",
  "option.digest.full.name": "전체",
  "option.digest.full.description": "처음 몇 줄이 아닌 전체 표시 (미리보기: 전체)",

  "option.next.label": "다음 연락일",
  "option.source.label": "유입 경로",
  "option.keep_active.label": "권한 유지",
  "option.setting.label": "설정 항목",

  "form.save": "저장",
  "form.run": "실행",
  "form.cancel": "취소",
  "form.noInput": "이 명령어는 입력할 내용이 없습니다.",
  "form.search": "{kind, select, customer {거래처 검색} order {주문 검색} member {멤버 검색} other {검색}}",
  "form.fieldsPlaceholder": "한 줄에 하나씩: grade=A, city=서울",
  "form.datePlaceholder": "예: 내일, 다음 주 금요일, 2026-12-01",
  "form.customerPlaceholder": "이름 또는 #번호",

  "form.title.find": "거래처 검색",
  "form.title.show": "거래처 정보",
  "form.title.log": "CRM에 기록",
  "form.title.order": "주문",
  "form.title.orders": "거래처 주문",
  "form.title.followups": "후속 연락 대상",
  "form.title.followup": "후속 연락 설정",
  "form.title.overdue": "연체 미수금",
  "form.title.new": "거래처 등록",
  "form.title.edit": "거래처 수정",
  "form.title.assign": "담당자 지정",
  "form.title.role": "멤버 역할",
  "form.title.export": "내보내기",
  "form.title.stats": "차트",
  "form.title.handover": "인수인계",
  "form.title.activity": "팀 활동",
  "form.title.digest": "요약 알림",
  "form.title.settings": "설정",
  "form.title.help": "도움말",

  "surface.commandOutOfDate": "이 명령어는 최신 상태가 아닙니다. 관리자에게 rapport discord register 실행을 요청해 주십시오.",
  "surface.fieldsAsPairs": "{field}: 항목=값 형식으로 입력해 주십시오. 예: city=서울 grade=A (인식하지 못한 부분: {words})",
  "surface.logUnavailable": "지금은 기록할 수 없습니다.",
  "surface.formOutOfDate": "이 입력 양식은 최신 상태가 아닙니다. 다시 열어 주십시오.",
  "surface.formUnavailable": "이 입력 양식은 더 이상 사용할 수 없습니다.",
  "surface.notOurButton": "Rapport의 버튼이 아닙니다.",
  "surface.buttonExpired": "버튼의 유효 시간이 지났습니다. 명령어를 다시 실행해 주십시오.",
  "surface.nothingToShare": "공유할 내용이 없습니다.",
  "surface.guildOnly": "Rapport는 서버 안에서만 사용할 수 있습니다.",
  "surface.unknownCommand": "알 수 없는 명령어입니다.",
  "surface.resultsLeftOut": "Slack 제한으로 일부 결과를 표시하지 않았습니다 (블록 {count, plural, other {#개}} 생략). 검색 범위를 좁히거나 페이지 버튼을 사용해 주십시오.",
  "surface.aboutFiles": "파일 안내",

  "share.sharedBy": "공유한 사람: {user}",
  "share.shared": "공유됨",
  "share.expired": "이 결과는 더 이상 공유할 수 없습니다. 명령어를 다시 실행한 후 공유해 주십시오.",
  "share.expiredTitle": "더 이상 공유할 수 없는 결과입니다",
  "share.externalChannel":
    "공유하지 않았습니다. 이 채널은 다른 조직과 공유된 채널(Slack Connect)이라 여기에 올린 CRM 데이터가 회사 밖으로 나갑니다. 사내 채널에서 공유해 주십시오.",
  "share.unknownChannel":
    "공유하지 않았습니다. 이 채널의 설정을 볼 수 없어 다른 조직과 공유된 채널인지 확인할 수 없습니다. Rapport를 채널에 추가하거나 Rapport가 있는 채널에서 공유한 후 다시 시도해 주십시오.",

  "surface.truncatedNote": "… 나머지는 표시하지 않았습니다 (Discord 메시지 길이 제한)",
  "surface.fileTooLarge": "{name} ({size}): 이 서버의 업로드 한도({limit})를 넘습니다.",
  "surface.tooManyFiles": "{name}: 첨부하지 않았습니다. 메시지 하나에 파일은 최대 {max}개입니다.",
  "share.fileTooLarge": "{name} ({size}): 첨부하지 않았습니다. 이 서버의 업로드 한도({limit})를 넘습니다.",
  "share.fileRefused": "{name}: 첨부하지 않았습니다. Discord가 업로드를 거부했습니다. 명령어를 다시 실행해 받아 주십시오.",
  "share.fileNotCopied": "{name}: 첨부하지 않았습니다. 원래 답변에서 복사할 수 없었습니다. 명령어를 다시 실행해 받아 주십시오.",

  "files.fellBack":
    "Rapport가 이 채널에 파일을 올릴 수 없어 ({why, select, not_in_channel {채널 멤버가 아님} other {채널을 볼 수 없음}}) Rapport와의 DM으로 보냈습니다: {names}. 여기서 파일을 공유하려면 /invite @Rapport로 초대한 후 다시 시도해 주십시오.",
  "files.sentToDm": "Rapport와의 DM으로 보냈습니다: {names}",
  "files.tooLarge":
    "{name}: 크기가 {size}로, Rapport가 Slack에 올리는 파일 한도({limit})를 넘어 보내지 않았습니다. 필터로 범위를 좁히거나 더 작은 보고서를 내보내거나 (예: /crm 내보내기 미수금), 서버에서 `rapport export`를 실행해 주십시오.",
  "files.noToken": "보내지 못했습니다: {names}. 이 워크스페이스의 봇 토큰이 없습니다 (오류 ID {errorId}).",
  "files.unconfirmed":
    "Slack에서 도착 여부를 확인하지 못했습니다: {names} (공유 중 연결이 끊어짐). 중복으로 받지 않도록 다시 시도하기 전에 {place, select, dm {Rapport와의 DM} other {이 채널}}을 확인해 주십시오 (오류 ID {errorId}).",
  "files.timedOut": "보내지 못했습니다: {names}. Slack이 제시간에 응답하지 않았습니다. 아무것도 공유되지 않았으니 1분 후 다시 시도해 주십시오 (오류 ID {errorId}).",
  "files.refused": "보내지 못했습니다: {names}. {reason}",
  "files.missingScope":
    "이 워크스페이스에서 Rapport에 {scope} 권한이 없습니다. 워크스페이스 관리자가 {scope} 권한으로 Rapport를 다시 설치해야 합니다: api.slack.com/apps → Rapport → OAuth & Permissions → 봇 권한 {scope} 추가 → Reinstall to Workspace (Rapport의 docs/slack.md 중 Files 항목 참고).",
  "files.uploadsDisabled": "이 워크스페이스에서는 파일 업로드가 꺼져 있습니다. 워크스페이스 관리자가 허용할 수 있습니다.",
  "files.sizeRestricted": "이 워크스페이스는 업로드 파일 크기를 제한합니다. 필터로 범위를 좁히거나 더 작은 보고서를 내보내 주십시오.",
  "files.typeNotAllowed": "이 워크스페이스에서는 이 형식의 파일을 허용하지 않습니다.",
  "files.slackRefused": "Slack이 업로드를 거부했습니다 ({error}).",
  "files.theFile": "파일",

  "surface.savedFile": "저장했습니다: {path}",

  "platform.howToPick.slack": "채널을 # 기호로 선택하면 링크가 됩니다",
  "platform.howToPick.discord": "채널을 # 기호로 선택하면 링크가 됩니다",
  "platform.howToPick.console": "채널을 # 기호로 선택하거나 console:stdout 형식을 사용해 주십시오",
  "platform.howToPick.webhook": "요약 알림을 받을 URL을 입력해 주십시오",

  "timezone.question":
    "어느 시간대에 계십니까? Rapport는 이 시간대로 날짜와 후속 연락을 표시합니다. 선택하기 전에는 이 서버의 시간대({zone})를 사용합니다. 아래에서 선택하거나 {example} 형식으로 입력해 주십시오.",
  "timezone.placeholder": "시간대 선택",
} satisfies Keys;
