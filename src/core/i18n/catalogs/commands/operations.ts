/**
 * The operator's `rapport config check`, in the four languages. Variable names, file paths and
 * URLs stay as they are; English defines the keys, each other language must have exactly these
 * keys (checked by `satisfies`).
 */
export const operationsEn = {
  "cli.config.from": "Configuration from the environment and {file}:",
  "cli.config.fromEnvironmentOnly": "Configuration from the environment (no .env file):",
  "cli.config.unset": "(unset)",
  "cli.config.source": "{source, select, env {env} dotenv {.env} other {default}}",
  "cli.config.database": "{kind, select, postgres {PostgreSQL} other {embedded ({dir})}}",
  "cli.config.slack": "{oauth, select, yes {OAuth installs} other {single workspace}}, {socket, select, yes {Socket Mode} other {HTTP on port {port}}}",
  "cli.config.notConfigured": "not configured",
  "cli.config.configured": "configured",
  "cli.config.summary": "Database: {database}. Slack: {slack}. Discord: {discord}.",
  "cli.config.ops": "Ops endpoints: {url}.",
  "cli.config.opsWithToken": "Ops endpoints: {url} (/metrics needs the bearer token).",
  "cli.config.ok": "Configuration OK.",
} as const;

type Keys = Record<keyof typeof operationsEn, string>;

export const operationsZhCN = {
  "cli.config.from": "配置来自环境变量和 {file}：",
  "cli.config.fromEnvironmentOnly": "配置来自环境变量（没有 .env 文件）：",
  "cli.config.unset": "（未设置）",
  "cli.config.source": "{source, select, env {环境变量} dotenv {.env} other {默认值}}",
  "cli.config.database": "{kind, select, postgres {PostgreSQL} other {内置数据库（{dir}）}}",
  "cli.config.slack": "{oauth, select, yes {OAuth 多工作区安装} other {单一工作区}}，{socket, select, yes {Socket Mode} other {HTTP 端口 {port}}}",
  "cli.config.notConfigured": "未配置",
  "cli.config.configured": "已配置",
  "cli.config.summary": "数据库：{database}。Slack：{slack}。Discord：{discord}。",
  "cli.config.ops": "运维端点：{url}。",
  "cli.config.opsWithToken": "运维端点：{url}（/metrics 需要 Bearer 令牌）。",
  "cli.config.ok": "配置无误。",
} satisfies Keys;

export const operationsZhTW = {
  "cli.config.from": "設定來自環境變數和 {file}：",
  "cli.config.fromEnvironmentOnly": "設定來自環境變數（沒有 .env 檔案）：",
  "cli.config.unset": "（未設定）",
  "cli.config.source": "{source, select, env {環境變數} dotenv {.env} other {預設值}}",
  "cli.config.database": "{kind, select, postgres {PostgreSQL} other {內建資料庫（{dir}）}}",
  "cli.config.slack": "{oauth, select, yes {OAuth 多工作區安裝} other {單一工作區}}，{socket, select, yes {Socket Mode} other {HTTP 連接埠 {port}}}",
  "cli.config.notConfigured": "未設定",
  "cli.config.configured": "已設定",
  "cli.config.summary": "資料庫：{database}。Slack：{slack}。Discord：{discord}。",
  "cli.config.ops": "維運端點：{url}。",
  "cli.config.opsWithToken": "維運端點：{url}（/metrics 需要 Bearer 權杖）。",
  "cli.config.ok": "設定無誤。",
} satisfies Keys;

export const operationsKo = {
  "cli.config.from": "설정 출처: 환경 변수, {file}",
  "cli.config.fromEnvironmentOnly": "설정 출처: 환경 변수 (.env 파일 없음)",
  "cli.config.unset": "(미설정)",
  "cli.config.source": "{source, select, env {환경 변수} dotenv {.env} other {기본값}}",
  "cli.config.database": "{kind, select, postgres {PostgreSQL} other {내장 데이터베이스 ({dir})}}",
  "cli.config.slack": "{oauth, select, yes {OAuth 다중 워크스페이스 설치} other {단일 워크스페이스}}, {socket, select, yes {Socket Mode} other {HTTP 포트 {port}}}",
  "cli.config.notConfigured": "미설정",
  "cli.config.configured": "설정됨",
  "cli.config.summary": "데이터베이스: {database}. Slack: {slack}. Discord: {discord}.",
  "cli.config.ops": "운영 엔드포인트: {url}",
  "cli.config.opsWithToken": "운영 엔드포인트: {url} (/metrics 접근에는 Bearer 토큰 필요)",
  "cli.config.ok": "설정에 문제가 없습니다.",
} satisfies Keys;
