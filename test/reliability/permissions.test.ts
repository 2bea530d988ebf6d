/**
 * Item 9: a rep tries to change roles, digests and other members' customers through every Slack
 * surface: typed `/crm` commands, forged block_actions (a "run" button whose value is any command
 * line the rep likes) and forged view_submissions (any command's form, with forged
 * private_metadata). The real Bolt App over HTTP on the real core (in-memory PGlite, demo data,
 * digests bound to a recording poster). Expected: zero changes in the database and one
 * `permission.denied` audit event per attempt, attributed to the rep. Controls: the same paths
 * used by an admin do change things (so a denial is a denial, not a broken path).
 *
 * Mutation check: the same kind of attempts through an adapter that believes every caller is a
 * workspace admin (the role check given a forged claim) must turn the row red.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/core/logger.js";
import type { RapportApi } from "../../src/core/service-api.js";
import type { Actor } from "../../src/core/actor.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { buildCommandModal } from "../../src/adapters/slack/render/modal.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { blockAction, viewSubmission, type Who } from "../fakes/slack/payloads.js";
import { PAT, SAM, startHarnessWith, TEAM_ID, type Harness } from "../e2e/slack/harness.js";
import { recordResult } from "./results.js";

const FIXED_NOW = new Date("2026-11-23T09:00:00Z");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type PermissionFigures = { changed: number; posted: number; unaudited: string[]; wrongAudit: string[]; deniedAfter: number; attempts: number };

/** No change, no digest posted, and every attempt audited as a denial attributed to the rep. */
function permissionsVerdict(f: PermissionFigures): boolean {
  return f.changed === 0 && f.posted === 0 && f.unaudited.length === 0 && f.wrongAudit.length === 0 && f.deniedAfter === f.attempts;
}

type Attempt = { surface: "typed" | "button" | "view"; label: string; command: string; send: () => Promise<void> };

describe("9. permissions through every Slack surface", () => {
  let core: App;
  let h: Harness<RapportApi>;
  let poster: RecordingPoster;
  let tenantId: number;
  let samId: number;
  let patId: number;
  const ids: Record<string, number> = {};
  let digestId: number;
  let responseCounter = 0;

  const prisma = () => core.database.prisma;

  /** Everything a bypass could change, as JSON (BigInt-safe). */
  async function snapshot(): Promise<string> {
    const tables = ["members", "customers", "digest_subscriptions", "digest_runs", "contacts"];
    const dump: Record<string, unknown> = {};
    for (const table of tables) {
      dump[table] = await prisma().$queryRawUnsafe(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY id`, tenantId);
    }
    return JSON.stringify(dump, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  }

  const denials = () => prisma().auditEvent.findMany({ where: { tenantId, action: "permission.denied" }, orderBy: { id: "asc" } });

  async function waitForDenials(count: number, timeoutMs = 15_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const found = (await denials()).length;
      if (found >= count || Date.now() - started > timeoutMs) return found;
      await sleep(50);
    }
  }

  async function typed(who: Who, line: string): Promise<Record<string, unknown>> {
    const sent = await h.command(who, line);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId, 1, 15_000);
    return response!.body;
  }

  async function button(who: Who, line: string): Promise<Record<string, unknown>> {
    responseCounter += 1;
    const id = `button-${responseCounter}`;
    const res = await h.interact(blockAction(who, { actionId: "rapport:run:0", value: line, responseUrl: h.slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    const [response] = await h.slack.waitForResponses(id, 1, 15_000);
    return response!.body;
  }

  async function form(who: Who, command: string, values: Record<string, Record<string, unknown>>, privateMetadata: string): Promise<{ status: number; text: string }> {
    const definition = core.rapport.commands.find((candidate) => candidate.name === command)!;
    responseCounter += 1;
    const view = { ...buildCommandModal(definition, { metadata: { channelId: "C0SALES" } }), private_metadata: privateMetadata, id: `V0FORGED${responseCounter}`, hash: `h-${responseCounter}` };
    return h.interact(viewSubmission(who, view as unknown as Record<string, unknown>, values));
  }

  const pick = (kind: string, value: string) => ({ [`pick:${kind}`]: { type: "external_select", selected_option: { value } } });
  const choice = (value: string) => ({ value: { type: "static_select", selected_option: { value } } });
  const input = (value: string) => ({ value: { type: "plain_text_input", value } });
  const number = (value: string) => ({ value: { type: "number_input", value } });
  const date = (value: string) => ({ value: { type: "datepicker", selected_date: value } });

  // private_metadata is the app's own, but a forger controls it: claims of identity and role in it must not matter.
  const FORGED_METADATA = [
    JSON.stringify({ channelId: "C0SALES", userId: PAT.userId, actor: PAT.userId, teamId: TEAM_ID, role: "admin", isPlatformAdmin: true }),
    JSON.stringify({ channelId: "C0SALES", command: "role", args: { member: "me", role: "admin" } }),
    "{not json",
  ];

  beforeAll(async () => {
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
    const identified = await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    tenantId = identified.tenant.id;
    patId = identified.member.id;
    await loadDemoData(prisma(), tenantId, "2026-11-23");
    poster = createRecordingPoster();
    core.useDigests(createDigestService({ store: core.digestStore, poster, sleep: async () => undefined }));
    h = await startHarnessWith<RapportApi>(core.rapport);

    // Sam joins as a rep (not a workspace admin); a digest exists that a rep must not touch.
    await typed(SAM, "help");
    const sam = await prisma().member.findFirstOrThrow({ where: { tenantId, externalId: SAM.userId } });
    samId = sam.id;
    expect(sam.role).toBe("rep");
    for (const name of ["Acme Corp", "Müller GmbH", "Globex Corporation", "Initech LLC"]) {
      ids[name] = (await prisma().customer.findFirstOrThrow({ where: { tenantId, name } })).id;
    }
    ids.bob = (await prisma().member.findFirstOrThrow({ where: { tenantId, externalId: "bob" } })).id;
    ids.alice = (await prisma().member.findFirstOrThrow({ where: { tenantId, externalId: "alice" } })).id;
    const added = await typed(PAT, "digest add followups <#C0SALES|sales> 08:30 Europe/Berlin weekdays");
    expect(String(added.text)).toMatch(/^Digest #\d+ added$/);
    digestId = Number(/#(\d+)/.exec(String(added.text))![1]);
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });

  test("a rep changes nothing through commands, forged buttons or forged forms; every attempt is audited", async () => {
    const acme = `#${ids["Acme Corp"]}`;
    const muller = `#${ids["Müller GmbH"]}`;
    const globex = `#${ids["Globex Corporation"]}`;
    const lines: { line: string; command: string }[] = [
      { line: `role <@${SAM.userId}> admin`, command: "role" },
      { line: `role #${samId} manager`, command: "role" },
      { line: `role #${patId} rep`, command: "role" },
      { line: `role bob admin`, command: "role" },
      { line: `digest add overdue <#C0SALES|sales> 07:00 UTC daily`, command: "digest" },
      { line: `digest remove ${digestId}`, command: "digest" },
      { line: `digest run ${digestId}`, command: "digest" },
      { line: `edit ${acme} grade=E status=dormant`, command: "edit" },
      { line: `edit ${muller} phone="+1 555 0000"`, command: "edit" },
      { line: `assign ${acme} me`, command: "assign" },
      { line: `assign ${globex} #${ids.alice}`, command: "assign" },
      { line: `followup ${muller} 2027-01-15`, command: "followup" },
      { line: `handover #${ids.bob} #${samId}`, command: "handover" },
    ];
    const attempts: Attempt[] = [];
    for (const { line, command } of lines) {
      attempts.push({ surface: "typed", label: line, command, send: async () => void (await typed(SAM, line)) });
      attempts.push({ surface: "button", label: line, command, send: async () => void (await button(SAM, line)) });
    }
    const forms: { command: string; label: string; values: Record<string, Record<string, unknown>> }[] = [
      { command: "role", label: "role form: me -> admin", values: { "opt:member": pick("member", `#${samId}`), "opt:role": choice("admin") } },
      { command: "role", label: "role form: admin -> rep", values: { "opt:member": pick("member", `#${patId}`), "opt:role": choice("rep") } },
      { command: "digest", label: "digest form: remove", values: { "opt:action": choice("remove"), "opt:id": number(String(digestId)) } },
      { command: "digest", label: "digest form: add", values: { "opt:action": choice("add"), "opt:kind": choice("churn"), "opt:channel": input("C0SALES"), "opt:time": input("06:00") } },
      { command: "edit", label: "edit form: another rep's customer", values: { "opt:customer": pick("customer", acme), "opt:fields": input("grade=E\nnotes=taken over") } },
      { command: "assign", label: "assign form: another rep's customer to me", values: { "opt:customer": pick("customer", muller), "opt:member": pick("member", `#${samId}`) } },
      { command: "followup", label: "followup form: another rep's customer", values: { "opt:customer": pick("customer", globex), "opt:date": date("2027-02-01") } },
      { command: "handover", label: "handover form", values: { "opt:from": pick("member", `#${ids.alice}`), "opt:to": pick("member", `#${samId}`), "opt:dry_run": choice("no") } },
    ];
    for (const [index, entry] of forms.entries()) {
      const metadata = FORGED_METADATA[index % FORGED_METADATA.length]!;
      attempts.push({
        surface: "view",
        label: `${entry.label} (metadata ${metadata.slice(0, 20)}...)`,
        command: entry.command,
        send: async () => {
          const res = await form(SAM, entry.command, entry.values, metadata);
          expect(res.status).toBe(200);
        },
      });
    }

    const before = await snapshot();
    const deniedBefore = (await denials()).length;
    const unaudited: string[] = [];
    const wrongAudit: string[] = [];
    for (const attempt of attempts) {
      const expected = (await denials()).length + 1;
      await attempt.send();
      const found = await waitForDenials(expected);
      if (found < expected) {
        unaudited.push(`${attempt.surface}: ${attempt.label}`);
        continue;
      }
      const last = (await denials()).at(-1)!;
      if (last.actorId !== samId || last.entityId !== attempt.command) wrongAudit.push(`${attempt.surface}: ${attempt.label} -> ${last.actorId}/${last.entityId}`);
    }
    await sleep(300); // anything still running after its reply would show up below
    const after = await snapshot();
    const deniedAfter = (await denials()).length - deniedBefore;
    const changed = before === after ? 0 : 1;
    const posted = poster.posts.length;
    const bySurface = (surface: Attempt["surface"]) => attempts.filter((attempt) => attempt.surface === surface).length;

    recordResult({
      test: "9. permissions (rep via commands, buttons, forged forms)",
      injected: `${attempts.length} attempts on roles, digests, other members' customers: ${bySurface("typed")} typed, ${bySurface("button")} forged buttons, ${bySurface("view")} forged view_submissions`,
      figure: `${changed + posted} bypasses (database ${changed ? "CHANGED" : "unchanged"}, ${posted} digests posted); ${deniedAfter}/${attempts.length} audited as permission.denied`,
      pass: permissionsVerdict({ changed, posted, unaudited, wrongAudit, deniedAfter, attempts: attempts.length }),
    });
    expect(after).toBe(before);
    expect(posted).toBe(0);
    expect(unaudited).toEqual([]);
    expect(wrongAudit).toEqual([]);
    expect(deniedAfter).toBe(attempts.length);
  }, 120_000);

  // Found by this suite: `log ... next <date>` used to move the follow-up of a customer the rep may
  // not change (`followup` on the same customer was denied). Fixed in src/commands/log.ts.
  test("a rep cannot move another rep's follow-up by logging a call with `next`", async () => {
    const customer = await prisma().customer.findUniqueOrThrow({ where: { id: ids["Acme Corp"]! } });
    expect(customer.ownerId).not.toBe(samId);
    const denied = (await denials()).length;
    await typed(SAM, `log #${customer.id} call Quick check-in next 2027-03-01`);
    const after = await prisma().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.nextFollowUp?.toISOString()).toBe(customer.nextFollowUp?.toISOString());
    expect((await denials()).length).toBe(denied + 1);
  });

  test("controls: the same paths used by an admin do change things", async () => {
    // Forged-looking form (any metadata), submitted by the admin: goes through.
    const res = await form(PAT, "edit", { "opt:customer": pick("customer", `#${ids["Initech LLC"]}`), "opt:fields": input("grade=E") }, FORGED_METADATA[2]!);
    expect(res.status).toBe(200);
    // Garbled metadata names no channel: the confirmation goes to the app DM.
    const [confirmation] = await h.slack.waitForCalls("chat.postMessage", 1, (call) => call.args.channel === PAT.userId, 15_000);
    expect(confirmation!.args.text).toBe("Updated Initech LLC");
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: ids["Initech LLC"]! } })).grade).toBe("E");
    // A run button with a role change, pressed by the admin.
    const body = await button(PAT, `role #${samId} manager`);
    expect(String(body.text)).toContain("is now manager");
    expect((await prisma().member.findUniqueOrThrow({ where: { id: samId } })).role).toBe("manager");
    // Typed digest removal by the admin.
    expect(String((await typed(PAT, `digest remove ${digestId}`)).text)).toBe(`Digest #${digestId} removed`);
  });
});

describe("9. permissions, mutation check", () => {
  test("GIVEN an adapter that takes every caller for a workspace admin THEN the rep's attempts go through and the row is FAIL", async () => {
    const core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
    const { tenant } = await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    await loadDemoData(core.database.prisma, tenant.id, "2026-11-23");
    const poster = createRecordingPoster();
    core.useDigests(createDigestService({ store: core.digestStore, poster, sleep: async () => undefined }));
    // The mutation: every actor arrives claiming to be a workspace admin.
    const admin = <T extends { actor: Actor }>(input: T): T => ({ ...input, actor: { ...input.actor, profile: { ...input.actor.profile, isPlatformAdmin: true } } });
    const real = core.rapport;
    const trusting: RapportApi = {
      commands: real.commands,
      runText: (input) => real.runText(admin(input)),
      runArgs: (input) => real.runArgs(admin(input)),
      undo: (input) => real.undo(admin(input)),
      pick: (input) => real.pick(admin(input)),
    };
    const h = await startHarnessWith<RapportApi>(trusting);
    try {
      const acme = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id, name: "Acme Corp" } });
      const lines = [`role <@${SAM.userId}> admin`, `edit #${acme.id} grade=E`, `assign #${acme.id} me`];
      const denials = () => core.database.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: "permission.denied" } });
      const customers = async () => JSON.stringify(await core.database.prisma.customer.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } }), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
      const before = await customers();
      const deniedBefore = await denials();
      for (const line of lines) {
        const sent = await h.command(SAM, line);
        await h.slack.waitForResponses(sent.responseId, 1, 15_000);
      }
      const after = await customers();
      const figures: PermissionFigures = { changed: before === after ? 0 : 1, posted: poster.posts.length, unaudited: [], wrongAudit: [], deniedAfter: (await denials()) - deniedBefore, attempts: lines.length };
      expect(figures.changed).toBe(1);
      expect(permissionsVerdict(figures)).toBe(false);
    } finally {
      await h.stop();
      await core.close();
    }
  }, 120_000);
});
