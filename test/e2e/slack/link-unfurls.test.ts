/**
 * Record links on Slack (issue 20): cards carry their record's link when RAPPORT_PUBLIC_URL is set,
 * and a posted link (link_shared) unfurls with chat.unfurl, read as the member who posted it. The
 * real Bolt app against the fake Slack Web API, the real core on PGlite with the demo data.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import type { Actor } from "../../../src/core/actor.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { SHOW_PREVIEW_ACTION_ID } from "../../../src/adapters/slack/listeners/events/link-shared.js";
import { blockAction, eventCallback, linkShared, type Who } from "../../fakes/slack/payloads.js";
import { DEFAULT_FAKE_SLACK, PAT, SAM, startHarnessWith, TEAM_ID, type Harness } from "./harness.js";
import { FIXED_NOW, PAT_ACTOR, TODAY } from "./demo-core.js";

const BASE = "https://crm.example.com";
const PARTNER: Who = { teamId: "T0PARTNER", userId: "U0EXT", userName: "ext" };

let core: App;
let h: Harness<RapportApi>;
/** Every record read the adapter asked for, once answered: who, what, and whether it was refused. */
const answered: { user: string; text: string; refused: boolean }[] = [];
let acme: { id: number; name: string };
let order: string;
let rivalCustomer: number;

beforeAll(async () => {
  core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW, publicUrl: BASE });
  const { tenant } = await core.rapport.identify(PAT_ACTOR);
  await loadDemoData(core.database.prisma, tenant.id, TODAY);
  const rival: Actor = { platform: "slack", tenantExternalId: "T0RIVAL", userExternalId: "U0EVE", profile: { displayName: "Eve", isPlatformAdmin: true } };
  const other = (await core.rapport.identify(rival)).tenant;
  await loadDemoData(core.database.prisma, other.id, TODAY);
  const prisma = core.database.prisma;
  acme = (await prisma.customer.findFirst({ where: { tenantId: tenant.id, name: "Acme Corp" }, select: { id: true, name: true } }))!;
  order = (await prisma.order.findFirst({ where: { tenantId: tenant.id }, orderBy: { id: "asc" }, select: { number: true } }))!.number;
  rivalCustomer = (await prisma.customer.findFirst({ where: { tenantId: other.id }, orderBy: { id: "desc" }, select: { id: true } }))!.id;
  // Sam, a rep of the workspace, whose access was closed at a hand-over: he may see nothing.
  const sam = (await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: SAM.userId, profile: { displayName: "Sam" } })).member;
  const pat = (await core.rapport.identify(PAT_ACTOR)).member;
  const handover = await core.rapport.runText({ actor: PAT_ACTOR, text: `handover #${sam.id} #${pat.id}` });
  expect(handover.isError).toBeFalsy();

  const real = core.rapport;
  const api: RapportApi = {
    ...real,
    runText: async (input) => {
      const reply = await real.runText(input);
      answered.push({ user: input.actor.userExternalId, text: input.text, refused: Boolean(reply.isError) });
      return reply;
    },
  };
  h = await startHarnessWith(api, {
    publicUrl: BASE,
    slack: { ...DEFAULT_FAKE_SLACK, users: [...DEFAULT_FAKE_SLACK.users!, { id: PARTNER.userId, teamId: PARTNER.teamId, name: "ext", realName: "Partner Person" }] },
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await core?.close();
});

/** A member posts a message in a channel; Slack then sends link_shared for its links. */
async function post(who: Who, channelId: string, text: string, urls: string[]): Promise<string> {
  const { ts } = h.slack.addHistory(channelId, { user: who.userId, text });
  const response = await h.event(eventCallback({ ...who, teamId: TEAM_ID }, linkShared(who, { channelId, messageTs: ts, urls })));
  expect(response.status).toBe(200);
  return ts;
}

const unfurlsOf = (channelId: string, ts: string) => h.slack.callsOf("chat.unfurl").filter((call) => call.args.channel === channelId && call.args.ts === ts);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("record links in cards", () => {
  test("should link the customer card and the order view to their pages, with an Open in browser line", async () => {
    const shown = await core.rapport.runText({ actor: PAT_ACTOR, text: `show #${acme.id}` });
    const card = shown.blocks[0]!;
    expect(card.type === "card" && card.url).toBe(`${BASE}/c/${acme.id}`);
    expect(shown.blocks[1]).toEqual({ type: "text", text: `Open in browser: ${BASE}/c/${acme.id}`, tone: "muted" });
    const orderReply = await core.rapport.runText({ actor: PAT_ACTOR, text: `order ${order}` });
    expect(orderReply.blocks.find((block) => block.type === "card")).toMatchObject({ url: `${BASE}/o/${order}` });
    expect(orderReply.blocks).toContainEqual({ type: "text", text: `Open in browser: ${BASE}/o/${order}`, tone: "muted" });
  });

  test("should write the link line in the reader's language", async () => {
    const korean: Actor = { ...PAT_ACTOR, profile: { ...PAT_ACTOR.profile, locale: "ko-KR" } };
    const shown = await core.rapport.runText({ actor: korean, text: `show #${acme.id}` });
    expect(shown.blocks[1]).toEqual({ type: "text", text: `브라우저에서 열기: ${BASE}/c/${acme.id}`, tone: "muted" });
  });
});

describe("link unfurls on Slack", () => {
  test("should unfurl the workspace's records as the member who posted them, and not another workspace's", async () => {
    const urls = [`${BASE}/c/${acme.id}`, `${BASE}/o/${order}`, `${BASE}/c/${rivalCustomer}`, "https://elsewhere.example.com/c/1"];
    const ts = await post(PAT, "C0SALES", `Look <${urls[0]}> and ${urls[1]} and <${urls[2]}|the rival> and ${urls[3]}`, urls);
    const [call] = await h.slack.waitForCalls("chat.unfurl", 1, (entry) => entry.args.ts === ts);
    const unfurls = call!.args.unfurls as Record<string, { blocks: { type: string; text?: { text: string } }[] }>;
    expect(Object.keys(unfurls).sort()).toEqual([urls[0], urls[1]].sort());
    const customer = unfurls[urls[0]!]!.blocks;
    expect(customer[0]!.text!.text.split("\n")[0]).toBe(`*<${urls[0]}|${acme.name}  #${acme.id}>*`);
    expect(customer.some((block) => block.type === "actions")).toBe(false);
    expect(JSON.stringify(unfurls[urls[1]!])).toContain(order);
    const reads = answered.filter((entry) => entry.text === `show #${rivalCustomer}`);
    expect(reads).toEqual([{ user: PAT.userId, text: `show #${rivalCustomer}`, refused: true }]);
  });

  test("should not unfurl a link for a member who may not see the record", async () => {
    const url = `${BASE}/c/${acme.id}`;
    const ts = await post(SAM, "C0SALES", `fyi ${url}`, [url]);
    await until(() => answered.some((entry) => entry.user === SAM.userId), "Sam's read");
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered.filter((entry) => entry.user === SAM.userId)).toEqual([{ user: SAM.userId, text: `show #${acme.id}`, refused: true }]);
    expect(unfurlsOf("C0SALES", ts)).toEqual([]);
  });

  test("should ask first in a channel shared with another organisation and unfurl after the click", async () => {
    const url = `${BASE}/c/${acme.id}`;
    const ts = await post(PAT, "C0CONNECT", `here ${url}`, [url]);
    const [ask] = await h.slack.waitForCalls("chat.postEphemeral", 1, (entry) => entry.args.channel === "C0CONNECT" && entry.args.user === PAT.userId);
    expect(ask!.args.text).toBe("This channel is shared with people outside your workspace, so Rapport did not show a preview of your link. Show it to everyone in the channel?");
    const button = (ask!.args.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find((block) => block.type === "actions")!.elements![0]!;
    expect(button.text.text).toBe("Show preview");
    expect(unfurlsOf("C0CONNECT", ts)).toEqual([]);

    const response = await h.interact(blockAction(PAT, { actionId: SHOW_PREVIEW_ACTION_ID, value: button.value, channelId: "C0CONNECT", responseUrl: h.slack.responseUrl("ask-1") }));
    expect(response.status).toBe(200);
    const [unfurl] = await h.slack.waitForCalls("chat.unfurl", 1, (entry) => entry.args.channel === "C0CONNECT" && entry.args.ts === ts);
    expect(Object.keys(unfurl!.args.unfurls as object)).toEqual([url]);
    const [answer] = await h.slack.waitForResponses("ask-1");
    expect(answer!.body).toMatchObject({ replace_original: true, text: "The preview is shown in the conversation." });
  });

  test("should neither ask nor unfurl for someone from the other organisation", async () => {
    const url = `${BASE}/c/${acme.id}`;
    const ts = await post(PARTNER, "C0CONNECT", `from outside ${url}`, [url]);
    await h.slack.waitForCalls("users.info", 1, (entry) => entry.args.user === PARTNER.userId);
    // A later link from Pat in an internal channel unfurls; by then the outsider's was long decided.
    const after = await post(PAT, "C0SALES", `again ${url}`, [url]);
    await h.slack.waitForCalls("chat.unfurl", 1, (entry) => entry.args.ts === after);
    expect(unfurlsOf("C0CONNECT", ts)).toEqual([]);
    expect(h.slack.callsOf("chat.postEphemeral").filter((entry) => entry.args.user === PARTNER.userId)).toEqual([]);
    expect(answered.some((entry) => entry.user === PARTNER.userId)).toBe(false);
  });
});
