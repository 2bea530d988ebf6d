/** A real core on PGlite, the record pages in front of it, and the Slack and Discord fakes to sign in with. */
import { createServer } from "node:net";
import { createTestApp, type TestApp } from "../../support/test-app.js";
import { testTargets } from "../../support/test-databases.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createWebSessionStore } from "../../../src/data/web-session-store.js";
import { startWebServer, type WebServer } from "../../../src/adapters/web/web-server.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { Actor } from "../../../src/core/actor.js";

export const SLACK_CLIENT = { clientId: "111.222", clientSecret: "slack-client-secret" };
export const DISCORD_SECRET = "discord-client-secret";
export const STATE_SECRET = "web-test-state-secret";

export type WebWorld = {
  app: TestApp;
  web: WebServer;
  base: string;
  slack: FakeSlackApi;
  discord: FakeDiscord;
  close(): Promise<void>;
};

export function slackActor(team: string, user: string, profile: Actor["profile"] = { timeZone: "UTC" }): Actor {
  return { platform: "slack", tenantExternalId: team, tenantName: team, userExternalId: user, profile };
}

export function discordActor(guild: string, user: string, profile: Actor["profile"] = { timeZone: "UTC" }): Actor {
  return { platform: "discord", tenantExternalId: guild, tenantName: guild, userExternalId: user, profile };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startWebWorld(): Promise<WebWorld> {
  const app = await createTestApp(testTargets[0]!);
  const slack = await startFakeSlackApi({ signIn: { ...SLACK_CLIENT, user: { teamId: "T0NONE", userId: "U0NONE" } } });
  const discord = await startFakeDiscord();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const web = await startWebServer({
    publicUrl: base,
    host: "127.0.0.1",
    port,
    api: app.rapport,
    sessions: createWebSessionStore(app.database.prisma),
    logger: silentLogger,
    stateSecret: STATE_SECRET,
    clock: () => app.clock.now,
    slack: { ...SLACK_CLIENT, apiUrl: slack.apiUrl },
    discord: { clientId: discord.applicationId, clientSecret: DISCORD_SECRET, apiUrl: discord.apiUrl },
  });
  return {
    app,
    web,
    base,
    slack,
    discord,
    async close() {
      await web.close();
      await slack.stop();
      await discord.close();
      await app.drop();
    },
  };
}

/** The id of the newest customer of that name (created by `new` just before). */
export async function customerId(app: TestApp, name: string): Promise<number> {
  const row = await app.database.prisma.customer.findFirst({ where: { name }, orderBy: { id: "desc" }, select: { id: true } });
  if (!row) throw new Error(`no customer ${name}`);
  return row.id;
}
