/** The Slack adapter's public surface. */
export { createSlackApp, type CreateSlackAppOptions, type SlackApp } from "./app.js";
export { slackConfigFromEnv, validateSlackConfig, SLACK_BOT_SCOPES, SlackConfigError, type SlackConfig } from "./config.js";
export { renderMessage, renderBlocks } from "./render/render-reply.js";
export {
  createSlackDigestPoster,
  renderDigest,
  toSlackPostError,
  DIGEST_EVENT_TYPE,
  type SlackDigestPosterOptions,
  type DigestTokenSource,
} from "./digest-poster.js";
export { createSlackInstallationStore, type SlackInstallationStore } from "./installation-store.js";
