/**
 * Record links and their previews (issue 20): the link line on cards, `settings previews` (Discord,
 * per channel) and the Slack question asked before a preview appears in a channel shared with other
 * organisations. English defines the keys; each other language must have exactly these keys.
 */
export const linksEn = {
  "link.openInBrowser": "Open in browser: {url}",
  "choice.previews": "previews",
  "settings.previewsValue": "Say on or off, for example: {example}",
  "settings.previewsState": "Link previews in this channel: {state, select, on {on} other {off}}. Change with {command}.",
  "settings.previewsSetOn": "Rapport links posted in this channel now get a preview card, showing what the person who posted the link may see. Turn it off with {command}.",
  "settings.previewsSetOff": "Rapport links posted in this channel no longer get a preview. Turn it back on with {command}.",
  "settings.previewsNoChannel": "Link previews are set per channel: run {command} in the Discord channel where Rapport links should get a preview.",
  "settings.previewsSlack": "On Slack, Rapport links get a preview for members of this workspace without a setting; in a channel shared with other organisations Rapport first asks the person who posted the link.",
  "settings.previewsManagersOnly": "Only managers and admins turn link previews on or off for a channel, because previews show customer data to everyone in it. {whoAreAdmins}.",
  "unfurl.askExternal": "This channel is shared with people outside your workspace, so Rapport did not show a preview of {count, plural, one {your link} other {your # links}}. Show {count, plural, one {it} other {them}} to everyone in the channel?",
  "unfurl.askUnknown": "Rapport cannot tell whether this conversation includes people outside your workspace, so it did not show a preview of {count, plural, one {your link} other {your # links}}. Show {count, plural, one {it} other {them}} to everyone here?",
  "unfurl.showPreview": "Show preview",
  "unfurl.shown": "The preview is shown in the conversation.",
  "unfurl.nothingToShow": "There is nothing to preview: the record is gone or you may no longer see it.",
} as const;

type Keys = Record<keyof typeof linksEn, string>;

export const linksZhCN = {
  "link.openInBrowser": "在浏览器中打开：{url}",
  "choice.previews": "预览",
  "settings.previewsValue": "请选择开启或关闭，例如：{example}",
  "settings.previewsState": "本频道的链接预览：{state, select, on {已开启} other {已关闭}}。如需更改，请发送 {command}。",
  "settings.previewsSetOn": "本频道中发布的 Rapport 链接现在会显示预览卡片，内容以发布链接的人有权查看的为准。如需关闭，请发送 {command}。",
  "settings.previewsSetOff": "本频道中发布的 Rapport 链接不再显示预览。如需重新开启，请发送 {command}。",
  "settings.previewsNoChannel": "链接预览按频道设置：请在需要预览 Rapport 链接的 Discord 频道中发送 {command}。",
  "settings.previewsSlack": "在 Slack 中，本工作区成员发布的 Rapport 链接无需设置即会显示预览；在与其他组织共享的频道中，Rapport 会先询问发布链接的人。",
  "settings.previewsManagersOnly": "只有销售经理和管理员可以为频道开启或关闭链接预览，因为预览会向频道内所有人显示客户数据。{whoAreAdmins}。",
  "unfurl.askExternal": "本频道与工作区以外的人共享，因此 Rapport 没有显示你发布的 {count, plural, other {# 个链接}}的预览。要向频道内所有人显示吗？",
  "unfurl.askUnknown": "Rapport 无法判断此对话是否有工作区以外的人，因此没有显示你发布的 {count, plural, other {# 个链接}}的预览。要向这里的所有人显示吗？",
  "unfurl.showPreview": "显示预览",
  "unfurl.shown": "预览已显示在对话中。",
  "unfurl.nothingToShow": "没有可预览的内容：该记录已不存在，或你已无权查看。",
} as const satisfies Keys;

export const linksZhTW = {
  "link.openInBrowser": "在瀏覽器中開啟：{url}",
  "choice.previews": "預覽",
  "settings.previewsValue": "請選擇開啟或關閉，例如：{example}",
  "settings.previewsState": "本頻道的連結預覽：{state, select, on {已開啟} other {已關閉}}。如需變更，請傳送 {command}。",
  "settings.previewsSetOn": "本頻道中張貼的 Rapport 連結現在會顯示預覽卡片，內容以張貼連結的人有權查看的為準。如需關閉，請傳送 {command}。",
  "settings.previewsSetOff": "本頻道中張貼的 Rapport 連結不再顯示預覽。如需重新開啟，請傳送 {command}。",
  "settings.previewsNoChannel": "連結預覽依頻道設定：請在需要預覽 Rapport 連結的 Discord 頻道中傳送 {command}。",
  "settings.previewsSlack": "在 Slack 中，本工作區成員張貼的 Rapport 連結不需設定即會顯示預覽；在與其他組織共用的頻道中，Rapport 會先詢問張貼連結的人。",
  "settings.previewsManagersOnly": "只有業務主管和管理員可以為頻道開啟或關閉連結預覽，因為預覽會向頻道內所有人顯示客戶資料。{whoAreAdmins}。",
  "unfurl.askExternal": "本頻道與工作區以外的人共用，因此 Rapport 沒有顯示你張貼的 {count, plural, other {# 個連結}}的預覽。要向頻道內所有人顯示嗎？",
  "unfurl.askUnknown": "Rapport 無法判斷此對話是否有工作區以外的人，因此沒有顯示你張貼的 {count, plural, other {# 個連結}}的預覽。要向這裡的所有人顯示嗎？",
  "unfurl.showPreview": "顯示預覽",
  "unfurl.shown": "預覽已顯示在對話中。",
  "unfurl.nothingToShow": "沒有可預覽的內容：該紀錄已不存在，或你已無權查看。",
} as const satisfies Keys;

export const linksKo = {
  "link.openInBrowser": "브라우저에서 열기: {url}",
  "choice.previews": "미리보기",
  "settings.previewsValue": "켜기 또는 끄기를 지정해 주십시오. 예: {example}",
  "settings.previewsState": "이 채널의 링크 미리보기: {state, select, on {켜짐} other {꺼짐}}. 변경하려면 다음 명령을 보내 주십시오: {command}",
  "settings.previewsSetOn": "이제 이 채널에 올라온 Rapport 링크에 미리보기 카드가 표시됩니다. 링크를 올린 사람이 볼 수 있는 내용만 표시됩니다. 끄려면 다음 명령을 보내 주십시오: {command}",
  "settings.previewsSetOff": "이제 이 채널에 올라온 Rapport 링크에 미리보기가 표시되지 않습니다. 다시 켜려면 다음 명령을 보내 주십시오: {command}",
  "settings.previewsNoChannel": "링크 미리보기는 채널별로 설정합니다. Rapport 링크 미리보기를 표시할 Discord 채널에서 {command} 명령을 보내 주십시오.",
  "settings.previewsSlack": "Slack에서는 이 워크스페이스 멤버가 올린 Rapport 링크에 별도 설정 없이 미리보기가 표시됩니다. 다른 조직과 공유된 채널에서는 링크를 올린 사람에게 먼저 확인합니다.",
  "settings.previewsManagersOnly": "미리보기는 채널의 모든 사람에게 거래처 데이터를 보여 주므로, 채널의 링크 미리보기는 영업 관리자와 관리자만 켜거나 끌 수 있습니다. {whoAreAdmins}.",
  "unfurl.askExternal": "이 채널은 워크스페이스 외부 사람과 공유되어 있어 올리신 링크 {count, plural, other {#개}}의 미리보기를 표시하지 않았습니다. 채널의 모든 사람에게 표시하시겠습니까?",
  "unfurl.askUnknown": "이 대화에 워크스페이스 외부 사람이 있는지 확인할 수 없어 올리신 링크 {count, plural, other {#개}}의 미리보기를 표시하지 않았습니다. 이 대화의 모든 사람에게 표시하시겠습니까?",
  "unfurl.showPreview": "미리보기 표시",
  "unfurl.shown": "대화에 미리보기를 표시했습니다.",
  "unfurl.nothingToShow": "미리보기할 내용이 없습니다. 기록이 삭제되었거나 더 이상 볼 권한이 없습니다.",
} as const satisfies Keys;
