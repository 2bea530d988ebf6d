/**
 * The "Find in CRM" and "Order status" message shortcuts through real Bolt, the real core on the
 * demo data (PGlite) and the Slack fake: the shortcut is acknowledged, the core reads the message,
 * and the answer goes to the shortcut's response_url, ephemeral.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { blockAction, messageShortcut } from "../../fakes/slack/payloads.js";
import { PAT, startHarness, type DemoHarness } from "./harness.js";

type Element = { type: string; action_id?: string; value?: string; text?: { text: string } };
type SlackBlock = { type: string; block_id?: string; elements?: Element[]; accessory?: Element; element?: Record<string, unknown> };
type Body = { response_type: string; replace_original: boolean; text: string; blocks: SlackBlock[] };

describe('"Find in CRM" and "Order status" message shortcuts', () => {
  let h: DemoHarness;
  let counter = 0;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
  });

  async function shortcut(callbackId: string, text: string): Promise<Body> {
    counter += 1;
    const id = `lookup-${counter}`;
    const res = await h.interact(messageShortcut(PAT, { callbackId, text, responseUrl: h.slack.responseUrl(id), triggerId: `tr.lookup.${counter}` }));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const [answer] = await h.slack.waitForResponses(id);
    return answer!.body as Body;
  }

  const buttons = (body: Body) => body.blocks.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]).filter((element) => element.type === "button");
  const labels = (body: Body) => buttons(body).map((button) => button.text?.text);

  test("should show the one customer a message names as its card, ephemeral, with the usual buttons", async () => {
    const body = await shortcut("find_in_crm", "Jane Doe from Acme wants 200 more widgets");
    expect(body.response_type).toBe("ephemeral");
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("Acme Corp  #1");
    expect(text).toContain("Found by: Jane Doe, Acme");
    expect(labels(body)).toEqual(expect.arrayContaining(["Log call", "Set follow-up", "Orders"]));
  });

  test("should list every customer a Chinese message names, each with Show and Log call", async () => {
    const body = await shortcut("find_in_crm", "宏達 和 華強 都來電，下週要報價");
    const text = JSON.stringify(body.blocks);
    expect(body.text).toBe("3 customers named in this message");
    for (const name of ["上海宏达贸易有限公司", "台灣宏達電子股份有限公司", "深圳华强电子有限公司"]) expect(text).toContain(name);
    expect(labels(body).filter((label) => label === "Show")).toHaveLength(3);
    expect(labels(body).filter((label) => label === "Log call")).toHaveLength(3);
  });

  test("should find a customer by a contact's phone in local form and by an email", async () => {
    expect(JSON.stringify((await shortcut("find_in_crm", "김민준 과장 번호 010-5555-0501")).blocks)).toContain("삼성전자  #5");
    expect(JSON.stringify((await shortcut("find_in_crm", "fwd from info@globex.example")).blocks)).toContain("Globex Corporation  #8");
  });

  test("should say when nothing matches and offer New customer with the name prefilled, opening the form", async () => {
    const body = await shortcut("find_in_crm", "Talked to Wonka Industries today");
    expect(body.text).toBe("No customer found in this message");
    const create = buttons(body).find((button) => button.text?.text === "New customer “Wonka Industries”")!;
    expect(create.action_id).toMatch(/^rapport:form:/);
    const res = await h.interact(blockAction(PAT, { actionId: create.action_id!, value: create.value!, responseUrl: h.slack.responseUrl("new-1") }));
    expect(res.status).toBe(200);
    const [open] = await h.slack.waitForCalls("views.open");
    const view = open!.args.view as { callback_id: string; blocks: SlackBlock[] };
    expect(view.callback_id).toBe("rapport:form:new");
    expect(view.blocks.find((block) => block.block_id === "opt:name")!.element!.initial_value).toBe("Wonka Industries");
    expect(await h.core.database.prisma.customer.count({ where: { tenantId: h.tenantId, name: "Wonka Industries" } })).toBe(0);
  });

  test("should show an order's status, shipments and open amount", async () => {
    const body = await shortcut("order_status", "客户问 SO-1043 什么时候到？");
    expect(body.response_type).toBe("ephemeral");
    const text = JSON.stringify(body.blocks);
    expect(body.text).toContain("SO-1043");
    expect(text).toContain("上海宏达贸易有限公司");
    expect(text).toContain("shipped");
    expect(text).toContain("DHL");
    expect(text).toMatch(/Open[^$]*\$21,000\.00/);
  });

  test("should show several orders and name the ones this workspace does not have", async () => {
    const body = await shortcut("order_status", "SO-1031, SO-1043 and SO-9999?");
    expect(body.text).toBe("2 orders in this message");
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("SO-1031");
    expect(text).toContain("SO-1043");
    expect(text).toContain("No order SO-9999 in this workspace.");
  });

  test("should explain what an order number looks like when the message has none", async () => {
    const body = await shortcut("order_status", "thanks, will do");
    expect(body.text).toBe("No order number in this message");
    expect(JSON.stringify(body.blocks)).toContain("/crm order SO-1042");
  });
});
