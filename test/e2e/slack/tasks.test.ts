/**
 * Tasks on Slack end to end: `/crm task add` through the real Bolt app to the real core (PGlite,
 * demo data), the Done button of `/crm tasks`, and the morning reminder sent as a direct message
 * through the real Slack poster to the fake Web API.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { blockAction } from "../../fakes/slack/payloads.js";
import { startDemoCore } from "./demo-core.js";
import { allText, BOT_TOKEN, PAT, startHarnessWith, type Harness } from "./harness.js";

type SlackElement = { action_id?: string; value?: string; text?: { text?: string } };
type SlackBlock = { elements?: SlackElement[]; accessory?: SlackElement };

function buttons(body: Record<string, unknown>): { action_id: string; value: string; label: string }[] {
  return ((body.blocks ?? []) as SlackBlock[])
    .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
    .filter((element) => typeof element.action_id === "string" && typeof element.value === "string")
    .map((element) => ({ action_id: element.action_id!, value: element.value!, label: element.text?.text ?? "" }));
}

describe("tasks on Slack (real core, fake Slack)", () => {
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

  async function run(text: string): Promise<Record<string, unknown>> {
    const sent = await h.command(PAT, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  test("/crm task add writes the task for the Slack member, with an Undo button", async () => {
    const body = await run("task add acme 2026-11-23 Call John about the PO");
    expect(body.text).toMatch(/^Task #\d+ added for Acme Corp: Call John about the PO$/);
    expect(buttons(body).some((button) => button.action_id.startsWith("rapport:undo:"))).toBe(true);
    const task = await core.database.prisma.task.findFirstOrThrow({ where: { tenantId, text: "Call John about the PO" }, include: { customer: true } });
    const pat = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: PAT.userId } });
    expect({ customer: task.customer.name, assignee: task.assigneeId, due: task.dueOn.toISOString().slice(0, 10) }).toEqual({ customer: "Acme Corp", assignee: pat.id, due: "2026-11-23" });
  });

  test("the Done button of /crm tasks closes the task", async () => {
    const body = await run("tasks today");
    const task = await core.database.prisma.task.findFirstOrThrow({ where: { tenantId, text: "Call John about the PO" } });
    const done = buttons(body).find((button) => button.value === `task done ${task.id}`);
    expect(done, JSON.stringify(buttons(body))).toBeDefined();
    await h.interact(blockAction(PAT, { actionId: done!.action_id, value: done!.value, responseUrl: h.slack.responseUrl("task-done") }));
    await h.slack.waitForResponses("task-done");
    expect((await core.database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).doneAt).not.toBeNull();
  });

  test("the morning reminder reaches the member as a direct message from the bot", async () => {
    await run("task add globex 2026-11-24 Confirm the delivery date");
    const poster = createRoutingPoster({ slack: createSlackDigestPoster({ botToken: BOT_TOKEN, apiUrl: h.slack.apiUrl, logger: silentLogger }) });
    const scheduler = createAlertScheduler({ store: createAlertDeliveryStore(core.database.prisma), poster });
    // Pat is in Shanghai: Tuesday 08:31 there.
    await scheduler.tick(new Date("2026-11-24T00:31:00Z"));
    const posted = h.slack.callsOf("chat.postMessage").filter((call) => call.args.channel === PAT.userId);
    expect(posted).toHaveLength(1);
    const text = allText(posted[0]!.args);
    expect(text).toContain("Good morning, Pat: 1 task due today or overdue");
    expect(text).toContain("Confirm the delivery date · Globex Corporation");
    // Once a day: a later tick sends nothing more.
    await scheduler.tick(new Date("2026-11-24T00:45:00Z"));
    expect(h.slack.callsOf("chat.postMessage").filter((call) => call.args.channel === PAT.userId)).toHaveLength(1);
  });
});
