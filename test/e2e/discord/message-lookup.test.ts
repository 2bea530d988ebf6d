/**
 * The "Find in CRM" and "Order status" message context menus, and the customer field of "Log to
 * CRM", through real discord.js, the real core on the demo data (PGlite) and the Discord fake.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buttonInteraction, messageContextInteraction } from "../../fakes/discord/payloads.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Component = { type: number; label?: string; custom_id: string };
type Msg = { id: string; flags?: number; embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[]; components: { components: Component[] }[] };
type Modal = { custom_id: string; title: string; components: { type: number; label: string; description?: string; component: { custom_id: string; value?: string } }[] };

const EPHEMERAL = 64;

function message(content: string) {
  return { id: snowflake(), channelId: h.fake.guild.channelId, content, author: { id: "600000000000000001", username: "buyer" } };
}

async function menu(commandName: string, content: string, who = h.member): Promise<{ id: string; type: number; data: Msg }> {
  const interaction = h.fake.dispatchInteraction(messageContextInteraction(who, { commandName, message: message(content) }));
  const call = await h.callback(interaction);
  return { id: interaction.id, type: call.body.type, data: call.body.data };
}

/** A field of the modal a context menu opened. */
const customerField = (data: Msg) => (data as unknown as Modal).components.find((component) => component.component.custom_id === "customer")!;
const buttons = (data: Msg) => data.components.flatMap((row) => row.components).filter((component) => component.type === 2);
const labels = (data: Msg) => buttons(data).map((button) => button.label);

describe("Find in CRM", () => {
  test("GIVEN a message naming one customer THEN its card, ephemeral, with the usual buttons", async () => {
    const { type, data } = await menu("Find in CRM", "Jane Doe from Acme wants 200 more widgets");
    expect(type).toBe(4);
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0]!.title).toMatch(/^Acme Corp/);
    expect(JSON.stringify(data.embeds)).toContain("Found by: Jane Doe, Acme");
    expect(labels(data)).toEqual(expect.arrayContaining(["Log call", "Set follow-up", "Orders"]));
  });

  test("GIVEN a Korean message with a contact and a local phone THEN that customer", async () => {
    const { data } = await menu("Find in CRM", "김민준 과장님 번호 010-5555-0501 로 연락 주세요");
    expect(data.embeds[0]!.title).toMatch(/^삼성전자/);
  });

  test("GIVEN a Chinese message naming three customers THEN a list with Show and Log call for each", async () => {
    const { data } = await menu("Find in CRM", "宏達 和 華強 都來電，下週要報價");
    const text = JSON.stringify(data.embeds);
    for (const name of ["上海宏达贸易有限公司", "台灣宏達電子股份有限公司", "深圳华强电子有限公司"]) expect(text).toContain(name);
    expect(labels(data).filter((label) => label?.startsWith("Log call"))).toHaveLength(3);
  });

  test("GIVEN nothing matches THEN it says so and New customer opens the form with the name prefilled", async () => {
    const { id, data } = await menu("Find in CRM", "Talked to Wonka Industries today");
    expect(data.embeds[0]!.title).toBe("No customer found in this message");
    const create = buttons(data).find((button) => button.label === "New customer “Wonka Industries”")!;
    expect(create).toBeDefined();
    const shown = h.fake.interactionState(id)?.original as unknown as Msg;
    const press = h.fake.dispatchInteraction(buttonInteraction(h.member, { customId: create.custom_id, message: shown, ephemeral: true }));
    const opened = await h.callback(press);
    expect(opened.body.type).toBe(9);
    const form = opened.body.data as Modal;
    expect(form.components.find((component) => component.component.custom_id === "name")!.component.value).toBe("Wonka Industries");
    expect(await h.prisma.customer.count({ where: { tenantId: h.tenantId, name: "Wonka Industries" } })).toBe(0);
  });
});

describe("Order status", () => {
  test("GIVEN an order number THEN the order's status, shipments and open amount, ephemeral", async () => {
    const { type, data } = await menu("Order status", "客户问 SO-1043 什么时候到？");
    expect(type).toBe(4);
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    const text = JSON.stringify(data.embeds);
    expect(text).toContain("SO-1043");
    expect(text).toContain("shipped");
    expect(text).toContain("DHL");
    expect(text).toMatch(/Open[^$]*\$21,000\.00/);
  });

  test("GIVEN no order number THEN what one looks like", async () => {
    const { data } = await menu("Order status", "thanks, will do");
    expect(data.embeds[0]!.title).toBe("No order number in this message");
    expect(JSON.stringify(data.embeds)).toContain("/crm order SO-1042");
  });
});

describe("Log to CRM: the customer field", () => {
  test("GIVEN a message naming one customer THEN the field holds its name", async () => {
    const { type, data } = await menu("Log to CRM", "Acme wants a quote for 40 seats");
    expect(type).toBe(9);
    const customer = customerField(data);
    expect(customer.component.value).toBe("Acme Corp");
  });

  test("GIVEN a message naming several customers THEN the best one is in the field and every one is named under it", async () => {
    const { data } = await menu("Log to CRM", "宏達 和 華強 都來電");
    const customer = customerField(data);
    expect(customer.component.value).toBe("上海宏达贸易有限公司");
    expect(customer.description).toContain("In this message:");
    expect(customer.description).toContain("#4");
    expect(customer.description!.length).toBeLessThanOrEqual(100);
  });

  test("GIVEN a message naming no customer THEN the field is empty", async () => {
    const { data } = await menu("Log to CRM", "thanks, will do");
    const customer = customerField(data);
    expect(customer.component.value).toBeUndefined();
  });
});
