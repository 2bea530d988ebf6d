/**
 * Slack Connect: two workspaces that both installed Rapport share one channel, and each subscribes
 * a digest there. The real scheduler posts through the real Slack poster (Web API client against
 * the Slack fake) with tokens from the real installation store, as `rapport start` wires it for
 * OAuth installs. Returns which bot token the fake saw on each workspace's digest.
 *
 * Workspace B subscribes first: a lookup by channel alone finds B's subscription and hands B's
 * token to A's digest (the bug this guards against).
 */
import type { Installation } from "@slack/oauth";
import { silentLogger } from "../../src/core/logger.js";
import { openDatabase } from "../../src/data/database.js";
import { createInstallationRecords } from "../../src/data/slack-installation-store.js";
import { createSlackInstallationStore } from "../../src/adapters/slack/installation-store.js";
import { createSlackDigestPoster } from "../../src/adapters/slack/digest-poster.js";
import { createDigestScheduler, idempotencyMarker } from "../../src/digests/scheduler.js";
import { createDigestStore } from "../../src/data/digest-store.js";
import { startFakeSlackApi } from "../fakes/slack/fake-slack-api.js";
import type { TestTarget } from "../support/test-databases.js";

const SECRET = "shared-channel-secret-0123456789abcdefghij";
const CHANNEL = "C0SHARED";
const TEAMS = [
  { teamId: "T0TEAMB", token: "xoxb-team-b", botId: "B0TEAMB" },
  { teamId: "T0TEAMA", token: "xoxb-team-a", botId: "B0TEAMA" },
] as const;

export type SharedChannelPost = { teamId: string; expectedToken: string; tokensSeen: string[] };

/** Held when every workspace's digest went out exactly once, with its own token. */
export function eachWithOwnToken(posts: SharedChannelPost[]): boolean {
  return posts.length === TEAMS.length && posts.every((post) => post.tokensSeen.length === 1 && post.tokensSeen[0] === post.expectedToken);
}

function installation(teamId: string, botToken: string, botId: string): Installation<"v2", false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: `U0INSTALL${teamId}` },
    bot: { token: botToken, scopes: ["commands", "chat:write"], id: botId, userId: `U0BOT${teamId}` },
    appId: "A0RAPPORT",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

/**
 * One tick at the digests' time; for each workspace, the tokens its digest was posted with.
 * `lookup: "channel-only"` is the control: tokens found the way they were before the fix (the
 * first subscription naming the channel decides the workspace), which must be judged a failure.
 */
export async function runSharedChannel(target: TestTarget, options: { lookup?: "tenant" | "channel-only" } = {}): Promise<SharedChannelPost[]> {
  const slack = await startFakeSlackApi({
    installations: TEAMS.map(({ teamId, token, botId }) => ({ token, teamId, botId })),
    channels: [{ id: CHANNEL, name: "acme-and-partner", isExtShared: true }],
  });
  const { target: databaseTarget, drop } = await target.create();
  const database = await openDatabase(databaseTarget, { poolSize: 3 });
  try {
    const prisma = database.prisma;
    const store = createSlackInstallationStore(createInstallationRecords({ prisma, secretKey: SECRET }));
    const at = new Date("2026-11-23T08:00:00Z");
    const markers = new Map<string, (typeof TEAMS)[number]>();
    for (const team of TEAMS) {
      await store.storeInstallation(installation(team.teamId, team.token, team.botId));
      const tenant = await prisma.tenant.create({ data: { platform: "slack", externalId: team.teamId, name: team.teamId } });
      const sub = await prisma.digestSubscription.create({
        data: { tenantId: tenant.id, kind: "followups", channelRef: `slack:${CHANNEL}`, localTime: "08:00", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7], postWhenEmpty: true, createdAt: new Date(at.getTime() - 86_400_000) },
      });
      markers.set(idempotencyMarker(sub.id, "2026-11-23"), team);
    }
    const byChannelOnly = async ({ channelRef }: { channelRef: string }) => {
      const sub = await prisma.digestSubscription.findFirst({ where: { channelRef, active: true }, orderBy: { id: "asc" }, select: { tenantId: true } });
      const tenant = sub && (await prisma.tenant.findUniqueOrThrow({ where: { id: sub.tenantId } }));
      return tenant ? store.botTokenFor({ channelRef, tenantExternalId: tenant.externalId }) : undefined;
    };
    const botToken = options.lookup === "channel-only" ? byChannelOnly : (where: { channelRef: string; tenantExternalId: string }) => store.botTokenFor(where);
    const poster = createSlackDigestPoster({ botToken, apiUrl: slack.apiUrl, logger: silentLogger });
    const scheduler = createDigestScheduler({ store: createDigestStore(prisma), poster, clock: () => at, sleep: async () => undefined });
    await scheduler.tick(at);
    return [...markers].map(([marker, team]) => ({
      teamId: team.teamId,
      expectedToken: team.token,
      tokensSeen: slack
        .callsOf("chat.postMessage")
        .filter((call) => (call.args.metadata as { event_payload?: { marker?: string } } | undefined)?.event_payload?.marker === marker)
        .map((call) => call.token ?? "(none)"),
    }));
  } finally {
    await database.close();
    await drop();
    await slack.stop();
  }
}
