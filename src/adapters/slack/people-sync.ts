/**
 * People known before first use, Slack side: users.list -> RapportApi.syncPeople per workspace,
 * at start, daily, and right after a workspace installs the app (OAuth). Failures are logged and
 * the next run tries again; one run per workspace at a time.
 */
import { LogLevel } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { InstallationStore } from "@slack/oauth";
import type { Logger } from "../../core/logger.js";
import type { RapportApi } from "../../core/service-api.js";
import { toBoltLogger } from "./support/bolt-logger.js";
import { listSlackPeople } from "./support/people.js";

/** An installation store that can also list its workspaces (Rapport's own does; a custom one may not). */
type ListedInstallations = InstallationStore & { installedTeams?(): Promise<string[]> };

export const PEOPLE_SYNC_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type SlackPeopleSync = {
  /** The store with storeInstallation wrapped: a new install syncs its workspace in the background. */
  watchInstalls(store: InstallationStore): InstallationStore;
  /** The workspaces acted in since start (the actor resolver's) and the installations to find their tokens in. */
  useTeams(known: ReadonlySet<string>, installations: ListedInstallations | undefined): void;
  /** SLACK_BOT_TOKEN's workspace; with OAuth, every stored installation and every workspace acted in since start. Never throws. */
  syncAll(): Promise<void>;
  /** Runs syncAll now (`atStart`) and every `intervalMs` (0: never). */
  schedule(options: { atStart: boolean; intervalMs: number }): void;
  stop(): void;
};

export function createSlackPeopleSync(options: { api: RapportApi; logger: Logger; apiUrl?: string | undefined; botToken?: string | undefined }): SlackPeopleSync {
  const logger = options.logger.child({ component: "people-sync" });
  const client = new WebClient(undefined, { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), logger: toBoltLogger(logger, LogLevel.ERROR) });
  let teams: ReadonlySet<string> = new Set();
  let store: ListedInstallations | undefined;
  const installed = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  async function syncTeam(token: string, teamId?: string): Promise<void> {
    const sync = options.api.syncPeople?.bind(options.api);
    if (!sync) return;
    const team = teamId ?? (await client.auth.test({ token })).team_id;
    if (!team) return;
    // A second request for a workspace joins the run under way.
    const under = running.get(team);
    if (under) return under;
    const run = (async () => {
      try {
        const { people, complete } = await listSlackPeople(client, token);
        const summary = await sync({ platform: "slack", tenantExternalId: team, people, complete });
        logger.info({ teamId: team, ...summary }, "Slack people synced");
      } catch (error) {
        logger.error({ err: error, teamId: team }, "Could not sync the workspace's people from Slack; the next run tries again");
      } finally {
        running.delete(team);
      }
    })();
    running.set(team, run);
    return run;
  }

  const syncAll = async (): Promise<void> => {
    try {
      if (options.botToken) {
        await syncTeam(options.botToken);
        return;
      }
      if (!store) return;
      // Stored installations first: a workspace nobody has used since the last restart still gets its people.
      const stored = store.installedTeams ? await store.installedTeams() : [];
      for (const teamId of new Set([...stored, ...installed, ...teams])) {
        const installation = await store.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }).catch(() => undefined);
        if (installation?.bot?.token) await syncTeam(installation.bot.token, teamId);
      }
    } catch (error) {
      logger.error({ err: error }, "Could not sync people from Slack; the next run tries again");
    }
  };

  return {
    watchInstalls(given) {
      const wrapped: InstallationStore = Object.create(given) as InstallationStore;
      wrapped.storeInstallation = async (installation, logger$) => {
        await given.storeInstallation(installation, logger$);
        const teamId = installation.team?.id;
        const token = installation.bot?.token;
        if (teamId && token) {
          installed.add(teamId);
          void syncTeam(token, teamId);
        }
      };
      return wrapped;
    },
    useTeams(known, installations) {
      teams = known;
      store = installations;
    },
    syncAll,
    schedule({ atStart, intervalMs }) {
      if (intervalMs > 0 && !timer) timer = setInterval(() => void syncAll(), intervalMs).unref();
      if (atStart) void syncAll();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
