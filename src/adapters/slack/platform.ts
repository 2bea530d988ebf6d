/**
 * Slack as a Platform: its channel links and ids, and `start`, which wraps createSlackApp and the
 * Slack digest poster. The SDK loads only when Slack starts (./index.js is imported in `start`).
 */
import type { InstallationRecords } from "../../core/installations.js";
import type { ChannelRefs, Platform } from "../../core/platform.js";
import type { SlackConfig } from "./config.js";
import { createSlackInstallationStore, guardDeadTokens } from "./installation-store.js";
import { createTranslator } from "../../core/i18n/index.js";

/** This platform's words in English; the catalogs (platform.admins.slack, platform.howToPick.slack) have them in every language. */
const ENGLISH = createTranslator("en");

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const CHANNEL_LINK = /^<#([CG][A-Z0-9]{6,})(\|[^>]*)?>$/;
const CHANNEL_REF = /^slack:[CG][A-Z0-9]{6,}$/;

/** A channel picked with # arrives as a link (<#C0123|sales>); Slack users may also paste the id. */
export const slackChannels: ChannelRefs = {
  parse(typed, typedOn) {
    const text = typed.trim();
    const link = CHANNEL_LINK.exec(text);
    if (link) return `slack:${link[1]}`;
    if (CHANNEL_REF.test(text)) return text;
    if (typedOn === "slack" && CHANNEL_ID.test(text)) return `slack:${text}`;
    return null;
  },
  format: (channelRef) => `<#${channelRef.slice("slack:".length)}>`,
  howToPick: ENGLISH("platform.howToPick.slack"),
  example: "#sales",
};

/**
 * `installations` is where OAuth installations live, sealed with RAPPORT_SECRET_KEY (the database,
 * given by the composition root: adapters do not reach the data layer); a bot token needs none.
 */
export function createSlackPlatform(options: { installations(secretKey: string | undefined): InstallationRecords }): Platform<{
  slack?: SlackConfig;
  RAPPORT_SECRET_KEY?: string;
  RAPPORT_PUBLIC_URL?: string;
}> {
  return {
    id: "slack",
    name: "Slack",
    admins: ENGLISH("platform.admins.slack"),
    channels: slackChannels,
    forms: true,
    files: "upload",
    isConfigured: (config) => Boolean(config.slack),
    async start({ api, admission, config, logger, onApiEvent }) {
      const slackConfig = config.slack;
      if (!slackConfig) throw new Error("Slack is not configured: set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID for many workspaces.");
      const { createSlackApp, createSlackDigestPoster } = await import("./index.js");
      const installationStore = slackConfig.oauth ? createSlackInstallationStore(options.installations(config.RAPPORT_SECRET_KEY)) : undefined;
      const slackLogger = logger.child({ platform: "slack" });
      const slack = createSlackApp({ api, admission, config: slackConfig, logger: slackLogger, onApiEvent, ...(installationStore ? { installationStore } : {}), ...(config.RAPPORT_PUBLIC_URL ? { publicUrl: config.RAPPORT_PUBLIC_URL } : {}) });
      const started = await slack.start();
      logger.info({ mode: slack.mode, ...started }, "Slack adapter started");
      const poster = guardDeadTokens(
        createSlackDigestPoster({
          botToken: slackConfig.botToken ?? ((target) => installationStore!.botTokenFor(target)),
          apiUrl: slackConfig.apiUrl,
          logger: slackLogger,
        }),
        { ...(installationStore ? { installations: installationStore } : {}), logger: slackLogger },
      );
      return { poster, stop: () => slack.stop() };
    },
  };
}
