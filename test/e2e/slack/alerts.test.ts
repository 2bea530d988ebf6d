/**
 * Personal alerts on Slack end to end: writes through the real Bolt app and the real core (PGlite,
 * demo data) raise alerts for Sam; the flusher posts them through the real Slack poster to the fake
 * Web API as ONE direct message, in Sam's language, held during his quiet hours, and never twice.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { localMinutes } from "../../../src/core/alerts.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { FIXED_NOW, startDemoCore } from "./demo-core.js";
import { allText, BOT_TOKEN, PAT, SAM, startHarnessWith, type Harness } from "./harness.js";

const hhmm = (minutes: number) => {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, "0")}:${String(wrapped % 60).padStart(2, "0")}`;
};

describe("personal alerts on Slack (real core, fake Slack)", () => {
  let core: App;
  let tenantId: number;
  let h: Harness<RapportApi>;

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());
    h = await startHarnessWith<RapportApi>(core.rapport);
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });

  async function run(who: typeof PAT, text: string): Promise<string> {
    const sent = await h.command(who, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return allText(response!.body);
  }

  test("alerts raised by Pat reach Sam as one Simplified Chinese DM after his quiet hours, once", async () => {
    await run(SAM, "settings language zh-CN");
    const sam = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: SAM.userId } });
    // Quiet hours around "now" in Sam's own zone: from an hour ago until an hour from now.
    const local = localMinutes(FIXED_NOW, sam.timeZone);
    expect(await run(SAM, `settings quiet ${hhmm(local - 60)}-${hhmm(local + 60)}`)).toContain("免打扰时段已设为");

    const acme = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Acme Corp" } });
    const globex = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: { startsWith: "Globex" } } });
    await run(PAT, `assign #${acme.id} sam`);
    await run(PAT, `assign #${globex.id} sam`);
    const open = await core.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, customerId: acme.id, status: "open" }, orderBy: { id: "asc" } });
    await run(PAT, `pay ${open.number} 10`);
    expect((await core.database.prisma.alert.findMany({ where: { memberId: sam.id } })).map((alert) => alert.kind).sort()).toEqual(["assigned", "assigned", "paid"]);

    const poster = createRoutingPoster({ slack: createSlackDigestPoster({ botToken: BOT_TOKEN, apiUrl: h.slack.apiUrl, logger: silentLogger }) });
    const scheduler = createAlertScheduler({ store: createAlertDeliveryStore(core.database.prisma), poster, weekdays: [] });
    const toSam = () => h.slack.callsOf("chat.postMessage").filter((call) => call.args.channel === SAM.userId);
    await scheduler.tick(new Date(FIXED_NOW.getTime() + 60_000));
    expect(toSam()).toHaveLength(0);
    await scheduler.tick(new Date(FIXED_NOW.getTime() + 60 * 60_000));
    await scheduler.tick(new Date(FIXED_NOW.getTime() + 65 * 60_000));
    expect(toSam()).toHaveLength(1);
    const text = allText(toSam()[0]!.args);
    expect(text).toContain("Sam Roe，你负责的业务有 3 条新动态");
    expect(text).toContain(`Acme Corp #${acme.id} 已分配给你`);
    expect(text).toContain(`${globex.name} #${globex.id} 已分配给你`);
    expect(text).toContain(`Acme Corp #${acme.id} 回款`);
    expect(text).toContain("操作人：");
    expect(text).not.toMatch(/ paid |assigned|Updates/);
  });
});
