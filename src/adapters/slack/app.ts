/**
 * The Slack surface: the real Bolt App over HTTP (receiver at /slack/events) or Socket Mode, with
 * every listener translating Slack payloads into RapportApi calls. Depends only on the core's
 * contract types; the lead wires `createRapport(...)` in as `api`.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, LogLevel } from "@slack/bolt";
import type { InstallationStore } from "@slack/oauth";
import { admitAll, type Admission } from "../../core/admission.js";
import type { Logger } from "../../core/logger.js";
import type { RapportApi } from "../../core/service-api.js";
import { SlackConfigError, validateSlackConfig, type SlackConfig } from "./config.js";
import { registerInstallationLifecycle } from "./listeners/events/installation-lifecycle.js";
import { registerListeners } from "./listeners/index.js";
import { createGuardedReceiver, SLACK_EVENTS_PATH } from "./receiver.js";
import { SlackActorResolver, type InstallerLookup } from "./support/actor.js";
import { toBoltLogger } from "./support/bolt-logger.js";
import type { SlackDeps, SharedReply } from "./support/deps.js";
import { SlackPoster } from "./support/poster.js";
import { TtlMap } from "./support/ttl-map.js";
import { createSlackPeopleSync, PEOPLE_SYNC_INTERVAL_MS } from "./people-sync.js";
import { KnownLocales, rememberingLocales } from "./support/known-locales.js";
import { createKeepAliveFetch } from "./support/keep-alive-fetch.js";
import type { FileOutcome } from "./support/file-upload.js";
import type { Reply } from "../../core/reply.js";
import type { PlatformApiObserver } from "../../core/platform-api-events.js";

export type CreateSlackAppOptions = {
  api: RapportApi;
  config: SlackConfig;
  logger: Logger;
  /**
   * Bounds the work taken on (shared with the other platforms: they use one database pool); a
   * refused request is answered "busy, try again" at once. Default: everything is admitted.
   */
  admission?: Admission;
  /**
   * Required with `config.oauth` (multi-workspace): where installations (bot tokens) live, e.g.
   * `createSlackInstallationStore(records)` (./installation-store.ts) over the encrypted records of src/data. The
   * user who installed the app in a workspace is a Rapport admin there.
   */
  installationStore?: InstallationStore;
  /** Bolt's own log level (its messages go through `logger`). */
  boltLogLevel?: LogLevel;
  /** Told about retries and failures of Slack API calls made for replies and files (metrics). */
  onApiEvent?: PlatformApiObserver;
  /**
   * People known before first use: users.list is synced at start (`atStart`, default true), every
   * `intervalMs` (default daily; 0: never), and for a workspace right after it installs the app.
   */
  peopleSync?: { atStart?: boolean; intervalMs?: number };
  /** RAPPORT_PUBLIC_URL: Rapport links under it unfurl when posted; undefined: no unfurls. */
  publicUrl?: string;
};

export type SlackApp = {
  readonly app: App;
  readonly mode: "http" | "socket";
  /** Starts listening (HTTP: on `port`, default config.port; 0 picks a free one) or connects (Socket Mode). */
  start(port?: number): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** Syncs the people of every workspace it can reach now (what the daily timer runs). Never throws. */
  syncPeople(): Promise<void>;
};

export function createSlackApp({ api, config: rawConfig, logger: rootLogger, admission = admitAll(), installationStore: givenStore, boltLogLevel = LogLevel.WARN, onApiEvent, publicUrl, peopleSync = {} }: CreateSlackAppOptions): SlackApp {
  const config = validateSlackConfig(rawConfig);
  const logger = rootLogger.child({ surface: "slack" });
  const boltLogger = toBoltLogger(logger.child({ component: "bolt" }), boltLogLevel);
  boltLogger.setLevel(boltLogLevel);
  // One keep-alive transport for the replies to response_url and the Web API calls (see ./support/keep-alive-fetch.ts).
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), fetch: createKeepAliveFetch() };

  if (config.oauth && !givenStore) {
    throw new SlackConfigError("installationStore is required with the OAuth install flow (SLACK_CLIENT_ID ...): pass createSlackInstallationStore(...) to createSlackApp.");
  }
  const people = createSlackPeopleSync({ api, logger, apiUrl: config.apiUrl, botToken: config.botToken });
  // A workspace that just installed the app gets its people at once (see ./people-sync.ts).
  const installationStore = givenStore ? people.watchInstalls(givenStore) : undefined;
  const installerOf = installationStore && config.oauth ? installerLookup(installationStore) : undefined;

  const locales = new KnownLocales();
  const deps: SlackDeps = {
    api: rememberingLocales(api, locales),
    locales,
    admission,
    logger,
    config,
    actors: new SlackActorResolver(config.profileTtlMs, logger, Date.now, installerOf, new Set(config.adminUserIds ?? [])),
    poster: new SlackPoster({ ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), logger, ...(onApiEvent ? { onApiEvent } : {}) }),
    shares: new TtlMap<string, SharedReply>(30 * 60 * 1000, 2_000, Date.now, { weigh: sharedBytes, max: SHARE_CACHE_BYTES }),
    inFlight: new TtlMap<string, Promise<Reply>>(15 * 60 * 1000, 5_000),
    deliveries: new TtlMap<string, true>(60 * 60 * 1000, 50_000),
    uploads: new TtlMap<string, Promise<FileOutcome[]>>(30 * 60 * 1000, 5_000),
    ...(publicUrl ? { publicUrl } : {}),
  };

  const mode = config.appToken ? "socket" : "http";
  let app: App;
  if (config.appToken) {
    // The Socket Mode client writes its own retry policy (100 retries) into the client options it
    // is given; a copy keeps that from reaching the Web API client every listener uses.
    app = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, clientOptions, installerOptions: { clientOptions: { ...clientOptions } }, convoStore: false, logger: boltLogger, logLevel: boltLogLevel });
  } else {
    const receiver = createGuardedReceiver({
      signingSecret: config.signingSecret!,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      processBeforeResponse: false,
      maxClockSkewSeconds: config.maxClockSkewSeconds,
      guardLogger: logger,
      ...(config.oauth
        ? {
            clientId: config.oauth.clientId,
            clientSecret: config.oauth.clientSecret,
            stateSecret: config.oauth.stateSecret,
            scopes: [...config.oauth.scopes],
            ...(installationStore ? { installationStore } : {}),
            installerOptions: { directInstall: true, clientOptions, installPath: "/slack/install", redirectUriPath: "/slack/oauth_redirect" },
          }
        : {}),
    });
    // logLevel too: given a logger without one, Bolt resets that logger to INFO.
    // No conversation store: Rapport keeps no per-conversation state in Bolt, and its middleware
    // would otherwise run on every request.
    app = new App({ receiver, ...(config.botToken ? { token: config.botToken } : {}), clientOptions, convoStore: false, logger: boltLogger, logLevel: boltLogLevel });
  }

  app.error(async (error) => {
    logger.error({ err: error }, "Unhandled error in a Slack listener");
  });
  registerListeners(app, deps);
  people.useTeams(deps.actors.knownTeams, installationStore);
  registerInstallationLifecycle(app, { ...(installationStore ? { installationStore } : {}), logger });

  return {
    app,
    mode,
    syncPeople: () => people.syncAll(),
    async start(port = config.port) {
      people.schedule({ atStart: peopleSync.atStart ?? true, intervalMs: peopleSync.intervalMs ?? PEOPLE_SYNC_INTERVAL_MS });
      if (mode === "socket") {
        await app.start();
        logger.info({ mode }, "Slack connected (Socket Mode)");
        return {};
      }
      const server = (await app.start(config.host ? { port, host: config.host } : port)) as Server;
      const address = server.address() as AddressInfo | null;
      logger.info({ mode, port: address?.port, path: SLACK_EVENTS_PATH }, "Slack listening");
      return { ...(address ? { port: address.port } : {}) };
    },
    async stop() {
      people.stop();
      await app.stop();
    },
  };
}

/** The installing user of a workspace, read from its stored installation. */
function installerLookup(store: InstallationStore): InstallerLookup {
  return async ({ teamId, enterpriseId }) => {
    try {
      const installation = await store.fetchInstallation({ teamId, enterpriseId, isEnterpriseInstall: false });
      return installation.user.id;
    } catch {
      return undefined; // not installed (yet): nobody is the installer
    }
  };
}

/**
 * Share needs the reply's files again after the ephemeral reply is gone, so they stay in memory
 * for 30 minutes; past this many bytes in all, the oldest shareable replies are dropped (their
 * Share button then says to run the command again) instead of the process growing without bound.
 */
const SHARE_CACHE_BYTES = 100 * 1024 * 1024;

function sharedBytes(shared: SharedReply): number {
  return (shared.reply.attachments ?? []).reduce((sum, file) => sum + file.data.byteLength, 0);
}
