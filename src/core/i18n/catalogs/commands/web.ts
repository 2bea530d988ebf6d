/**
 * The record web page (src/adapters/web): sign-in, the page frame and its refusals, in the four
 * languages. English defines the keys; each other language must have exactly these keys
 * (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const webEn = {
  "web.signin.title": "Sign in to Rapport",
  "web.signin.intro": "Sign in with the account you use Rapport with in chat. You will see what Rapport shows you there, read-only.",
  "web.signin.slack": "Sign in with Slack",
  "web.signin.discord": "Sign in with Discord",
  "web.signin.none": "Sign-in is not set up on this Rapport. Ask your administrator to set up sign-in with Slack or Discord.",
  "web.signout": "Sign out",
  "web.signedOut": "You are signed out.",
  "web.signedInAs": "{name} · {workspace}",
  "web.readOnly": "Read-only. Make changes in Slack or Discord.",
  "web.error.title": "This page cannot be shown",
  "web.error.refused": "You cannot see this record",
  "web.error.notFound": "There is no page here. Record links look like {example}.",
  "web.error.signinFailed": "Sign-in did not complete ({reason}). Please try again.",
  "web.error.state": "This sign-in has expired or was started in another browser. Please sign in again.",
  "web.error.noWorkspace":
    "Rapport is not in use in {platform, select, slack {your Slack workspace} discord {any of your Discord servers} other {your workspace}}. Ask an admin to add it, then sign in again.",
  "web.error.notConfigured": "Sign-in with {platform, select, slack {Slack} discord {Discord} other {this platform}} is not set up here.",
  "web.error.server": "Sorry, something went wrong on our side. Please try again in a moment.",
  "web.signinAgain": "Sign in again",
} as const;

type Keys = Record<keyof typeof webEn, string>;

export const webZhCN = {
  "web.signin.title": "登录 Rapport",
  "web.signin.intro": "请使用您在聊天中使用 Rapport 的账号登录。您将以只读方式看到 Rapport 在聊天中向您显示的内容。",
  "web.signin.slack": "使用 Slack 登录",
  "web.signin.discord": "使用 Discord 登录",
  "web.signin.none": "此 Rapport 尚未设置登录。请联系管理员设置 Slack 或 Discord 登录。",
  "web.signout": "退出登录",
  "web.signedOut": "您已退出登录。",
  "web.signedInAs": "{name} · {workspace}",
  "web.readOnly": "只读页面。如需修改，请在 Slack 或 Discord 中操作。",
  "web.error.title": "无法显示此页面",
  "web.error.refused": "您无权查看此记录",
  "web.error.notFound": "此页面不存在。记录链接的格式如 {example}。",
  "web.error.signinFailed": "登录未完成（{reason}）。请重试。",
  "web.error.state": "此次登录已过期，或是在其他浏览器中发起的。请重新登录。",
  "web.error.noWorkspace":
    "{platform, select, slack {您的 Slack 工作区} discord {您所在的 Discord 服务器} other {您的工作区}}尚未使用 Rapport。请联系管理员添加后再登录。",
  "web.error.notConfigured": "此处尚未设置{platform, select, slack {Slack} discord {Discord} other {该平台}}登录。",
  "web.error.server": "抱歉，我们这边出了问题。请稍后重试。",
  "web.signinAgain": "重新登录",
} satisfies Keys;

export const webZhTW = {
  "web.signin.title": "登入 Rapport",
  "web.signin.intro": "請使用您在聊天中使用 Rapport 的帳號登入。您會以唯讀方式看到 Rapport 在聊天中為您顯示的內容。",
  "web.signin.slack": "使用 Slack 登入",
  "web.signin.discord": "使用 Discord 登入",
  "web.signin.none": "此 Rapport 尚未設定登入。請聯絡管理員設定 Slack 或 Discord 登入。",
  "web.signout": "登出",
  "web.signedOut": "您已登出。",
  "web.signedInAs": "{name} · {workspace}",
  "web.readOnly": "唯讀頁面。如需修改，請在 Slack 或 Discord 中操作。",
  "web.error.title": "無法顯示此頁面",
  "web.error.refused": "您無權查看此紀錄",
  "web.error.notFound": "此頁面不存在。紀錄連結的格式如 {example}。",
  "web.error.signinFailed": "登入未完成（{reason}）。請再試一次。",
  "web.error.state": "此次登入已逾時，或是在其他瀏覽器中開始的。請重新登入。",
  "web.error.noWorkspace":
    "{platform, select, slack {您的 Slack 工作區} discord {您所在的 Discord 伺服器} other {您的工作區}}尚未使用 Rapport。請聯絡管理員加入後再登入。",
  "web.error.notConfigured": "此處尚未設定{platform, select, slack {Slack} discord {Discord} other {該平台}}登入。",
  "web.error.server": "很抱歉，我們這邊發生問題。請稍後再試。",
  "web.signinAgain": "重新登入",
} satisfies Keys;

export const webKo = {
  "web.signin.title": "Rapport 로그인",
  "web.signin.intro": "채팅에서 Rapport를 사용하는 계정으로 로그인하십시오. 채팅에서 Rapport가 보여 주는 내용을 읽기 전용으로 볼 수 있습니다.",
  "web.signin.slack": "Slack으로 로그인",
  "web.signin.discord": "Discord로 로그인",
  "web.signin.none": "이 Rapport에는 로그인이 설정되어 있지 않습니다. 관리자에게 Slack 또는 Discord 로그인 설정을 요청하십시오.",
  "web.signout": "로그아웃",
  "web.signedOut": "로그아웃되었습니다.",
  "web.signedInAs": "{name} · {workspace}",
  "web.readOnly": "읽기 전용입니다. 변경은 Slack 또는 Discord에서 하십시오.",
  "web.error.title": "이 페이지를 표시할 수 없습니다",
  "web.error.refused": "이 기록을 볼 수 있는 권한이 없습니다",
  "web.error.notFound": "여기에는 페이지가 없습니다. 기록 링크는 {example} 형식입니다.",
  "web.error.signinFailed": "로그인이 완료되지 않았습니다({reason}). 다시 시도해 주십시오.",
  "web.error.state": "이 로그인은 만료되었거나 다른 브라우저에서 시작되었습니다. 다시 로그인해 주십시오.",
  "web.error.noWorkspace":
    "{platform, select, slack {사용자의 Slack 워크스페이스} discord {사용자가 속한 Discord 서버} other {사용자의 워크스페이스}}에서는 Rapport를 사용하고 있지 않습니다. 관리자에게 추가를 요청한 후 다시 로그인해 주십시오.",
  "web.error.notConfigured": "{platform, select, slack {Slack} discord {Discord} other {이 플랫폼}} 로그인이 여기에는 설정되어 있지 않습니다.",
  "web.error.server": "죄송합니다. 저희 쪽에서 문제가 발생했습니다. 잠시 후 다시 시도해 주십시오.",
  "web.signinAgain": "다시 로그인",
} satisfies Keys;
