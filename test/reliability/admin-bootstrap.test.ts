/**
 * Issue 12, item 2: the admin bootstrap race. Seventeen members of a brand new Slack workspace
 * type `/crm followups` at the same moment, through the real Bolt App over HTTP (signed requests,
 * users.info from the fake Slack) on the real core, on PGlite and on PostgreSQL, several
 * workspaces per database. In users.info one member is a workspace admin, one an owner who is also
 * a guest (restricted), one a single-channel guest. Expected, per workspace: no apology, one tenant
 * row, 17 member rows, and exactly one admin: the workspace admin (nobody is admin for being first,
 * the guest owner stays a rep).
 *
 * Control (the row must be able to fail): the same burst on the directory as it was before the fix
 * (read-then-upsert, first member admin) is judged a failure by the same judge.
 */
import { afterAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { commands } from "../../src/commands/index.js";
import { silentLogger } from "../../src/core/logger.js";
import { createRapport } from "../../src/core/rapport.js";
import type { Directory } from "../../src/core/store.js";
import type { Tenant } from "../../src/core/domain.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createDirectory } from "../../src/data/directory.js";
import { toMember } from "../../src/data/mappers.js";
import { BOT_TOKEN, startHarnessWith, type Harness } from "../e2e/slack/harness.js";
import type { FakeSlackUser } from "../fakes/slack/fake-slack-api.js";
import type { RapportApi } from "../../src/core/service-api.js";
import { testTargets } from "../support/test-databases.js";
import { firstCommandBurst, memberId } from "../support/first-commands.js";
import { FULL, recordResult } from "./results.js";

const MEMBERS = 17;
const ROUNDS = FULL ? 10 : 3;
const ADMIN = 5; // users.info is_admin
const GUEST_OWNER = 11; // is_owner and is_restricted: a guest, so a rep
const SINGLE_CHANNEL_GUEST = 12; // is_ultra_restricted

type Observation = { database: string; apologies: number; unanswered: number; tenantRows: number; memberRows: number; admins: string[] };

const EXPECTED_ADMINS = [memberId(ADMIN)];
const judge = (observations: Observation[]) =>
  observations.length > 0 &&
  observations.every(
    (o) => o.apologies === 0 && o.unanswered === 0 && o.tenantRows === 1 && o.memberRows === MEMBERS && JSON.stringify(o.admins) === JSON.stringify(EXPECTED_ADMINS),
  );

const users: FakeSlackUser[] = Array.from({ length: MEMBERS }, (_, index) => ({
  id: memberId(index),
  teamId: "T0ANY",
  name: `member${index}`,
  tz: "UTC",
  ...(index === ADMIN ? { isAdmin: true } : {}),
  ...(index === GUEST_OWNER ? { isOwner: true, isRestricted: true } : {}),
  ...(index === SINGLE_CHANNEL_GUEST ? { isUltraRestricted: true } : {}),
}));

/** One burst through Slack HTTP into a new workspace; what the database holds afterwards. */
async function slackBurst(h: Harness<RapportApi>, core: App, database: string, team: string): Promise<Observation> {
  const sent = await Promise.all(users.map((user) => h.command({ teamId: team, userId: user.id, userName: user.name }, "followups")));
  const answers = await Promise.all(sent.map((request) => h.slack.waitForResponses(request.responseId, 1, 30_000).catch(() => [])));
  const texts = answers.map((responses) => JSON.stringify(responses[0]?.body ?? null));
  const prisma = core.database.prisma;
  const tenants = await prisma.tenant.findMany({ where: { platform: "slack", externalId: team } });
  const members = await prisma.member.findMany({ where: { tenantId: { in: tenants.map((tenant) => tenant.id) } }, orderBy: { externalId: "asc" } });
  return {
    database,
    apologies: texts.filter((text) => text.includes("Sorry, something went wrong")).length,
    unanswered: answers.filter((responses) => responses.length === 0).length,
    tenantRows: tenants.length,
    memberRows: members.length,
    admins: members.filter((member) => member.role !== "rep").map((member) => member.externalId),
  };
}

/** The directory before the fix: read, then upsert; the first member of a tenant is its admin. */
function preFixDirectory(prisma: PrismaClient): Directory {
  const real = createDirectory(prisma);
  return {
    ...real,
    async ensureTenant({ platform, externalId, name }) {
      const where = { platform_externalId: { platform, externalId } };
      const row = (await prisma.tenant.findUnique({ where })) ?? (await prisma.tenant.upsert({ where, create: { platform, externalId, name: name ?? externalId }, update: {} }));
      return row as Tenant;
    },
    async ensureMember(tenant, input) {
      const where = { tenantId_externalId: { tenantId: tenant.id, externalId: input.externalId } };
      const existing = await prisma.member.findUnique({ where });
      if (existing) return toMember(existing);
      const memberCount = await prisma.member.count({ where: { tenantId: tenant.id } });
      const create = { tenantId: tenant.id, externalId: input.externalId, displayName: input.displayName ?? input.externalId, role: input.isPlatformAdmin || memberCount === 0 ? "admin" : "rep" };
      return toMember(await prisma.member.upsert({ where, create, update: {} }));
    },
  };
}

describe("admin bootstrap race (Slack HTTP, real core, both databases)", () => {
  const observations: Observation[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  test("17 simultaneous first commands per new workspace: no apology, one tenant, 17 members, only the platform admin is admin", async () => {
    let failure: unknown;
    try {
      for (const target of testTargets) {
        const { target: databaseTarget, drop } = await target.create();
        cleanups.push(drop);
        const core = await createApp({ target: databaseTarget, logger: silentLogger, poolSize: 4 });
        cleanups.push(() => core.close());
        const h = await startHarnessWith<RapportApi>(core.rapport, { slack: { tokens: [BOT_TOKEN], teamId: "T0ANY", users, channels: [{ id: "C0SALES", name: "sales" }] } });
        cleanups.push(() => h.stop());
        for (let round = 1; round <= ROUNDS; round += 1) observations.push(await slackBurst(h, core, target.name, `T0RACE${round}`));
      }
    } catch (error) {
      failure = error;
    }
    const sum = (pick: (o: Observation) => number) => observations.reduce((total, o) => total + pick(o), 0);
    const wrongAdmins = observations.filter((o) => JSON.stringify(o.admins) !== JSON.stringify(EXPECTED_ADMINS));
    recordResult({
      test: "admin bootstrap race",
      injected: `${MEMBERS} simultaneous first /crm commands per new Slack workspace (users.info: 1 admin, 1 owner who is a guest, 1 single-channel guest), ${ROUNDS} workspaces each on PGlite and PostgreSQL, through Slack HTTP`,
      figure:
        `${observations.length} workspaces: ${sum((o) => o.apologies)} apologies, ${sum((o) => o.unanswered)} unanswered; ` +
        `tenant rows ${observations.map((o) => o.tenantRows).join("/")}; member rows ${observations.map((o) => o.memberRows).join("/")}; ` +
        `${wrongAdmins.length} workspaces with admins other than the platform admin (admins per workspace ${observations.map((o) => o.admins.length).join("/")})` +
        (failure ? `; FAILED: ${String(failure)}` : ""),
      pass: !failure && observations.length === ROUNDS * testTargets.length && judge(observations),
    });
    if (failure) throw failure;
    expect(observations.filter((o) => !judge([o]))).toEqual([]);
  }, 180_000);

  test.each(testTargets)("control on $name: the pre-fix directory fails the same judge", async (target) => {
    const { target: databaseTarget, drop } = await target.create();
    const core = await createApp({ target: databaseTarget, logger: silentLogger, poolSize: 4 });
    try {
      const rapport = createRapport({ directory: preFixDirectory(core.database.prisma), commands, logger: silentLogger });
      const burst = await firstCommandBurst({ ...core, rapport }, { team: "T0CONTROL", line: "followups", flags: { [ADMIN]: { isPlatformAdmin: true } } });
      expect(judge([{ database: target.name, unanswered: 0, ...burst }])).toBe(false);
    } finally {
      await core.close();
      await drop();
    }
  });
});
