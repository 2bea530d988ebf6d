/** Contact persons end to end on both databases: add, edit, list, remove/undo/restore, search keys, permissions. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";

function buttonsOf(reply: Reply) {
  return reply.blocks.flatMap((block) =>
    block.type === "buttons" ? block.buttons : block.type === "card" ? (block.buttons ?? []) : block.type === "list" ? block.items.flatMap((item) => item.buttons ?? []) : [],
  );
}

function undoToken(reply: Reply): string {
  const button = buttonsOf(reply).find((candidate) => candidate.action.kind === "undo");
  return button?.action.kind === "undo" ? button.action.token : "";
}

describe.each(testTargets)("contacts on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let alice: Actor; // manager
  let bob: Actor; // rep, owns Müller and Globex
  let chen: Actor; // rep, owns Hongda
  let finance: Actor;
  let assistant: Actor;
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-c", "you");
    alice = app.actor("team-c", "alice");
    bob = app.actor("team-c", "bob");
    chen = app.actor("team-c", "chen");
    finance = app.actor("team-c", "fiona");
    assistant = app.actor("team-c", "sam");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    await app.rapport.identify(finance);
    await app.rapport.identify(assistant);
    expect((await app.rapport.runText({ actor: admin, text: "role fiona finance" })).isError).toBeFalsy();
    expect((await app.rapport.runText({ actor: admin, text: "role sam assistant" })).isError).toBeFalsy();
  });
  afterAll(async () => app?.drop());

  const contactNamed = (name: string) => app.database.prisma.contact.findFirstOrThrow({ where: { tenantId, name } });

  test("contact add stores handles and a spaced phone, makes it primary and finds the customer by the new name", async () => {
    const reply = await app.rapport.runText({ actor: chen, text: "contact add 宏达贸易 周杰 title=销售总监 phone=+86 138 0013 8000 wechat=zhoujie_sh primary" });
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    const row = await contactNamed("周杰");
    expect(row).toMatchObject({ title: "销售总监", phone: "+86 138 0013 8000", wechat: "zhoujie_sh", isPrimary: true, removedAt: null });
    const others = await app.database.prisma.contact.count({ where: { tenantId, customerId: row.customerId, isPrimary: true } });
    expect(others).toBe(1);
    const found = await app.text(admin, "find 周杰");
    expect(found).toContain("上海宏达贸易有限公司");
    const byPhone = await app.text(admin, "find 138 0013 8000");
    expect(byPhone).toContain("上海宏达贸易有限公司");
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "contact.create" }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ name: "周杰", wechat: "zhoujie_sh" });
  });

  test("Taiwan and Korean local numbers are accepted; a bad email names the field", async () => {
    expect((await app.rapport.runText({ actor: admin, text: "contact add #" + (await customerId("台灣宏達電子股份有限公司")) + " 陳美玲 phone=(03)5555-1234" })).isError).toBeFalsy();
    expect((await app.rapport.runText({ actor: admin, text: "contact add 삼성 박지훈 phone=031-200-1114 kakao=jihoon.park" })).isError).toBeFalsy();
    expect((await contactNamed("陳美玲")).phone).toBe("(03)5555-1234");
    const bad = await app.rapport.runText({ actor: admin, text: "contact add acme Carl email=not-an-email" });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.blocks)).toContain("email");
    const unknown = await app.rapport.runText({ actor: admin, text: "contact add acme Carl colour=red" });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.blocks)).toContain("colour is not a contact field");
  });

  test("contacts lists current contacts with edit, primary and remove buttons; show lists their handles", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "contacts 宏达贸易" });
    expect(reply.isError).toBeFalsy();
    const list = reply.blocks.find((block) => block.type === "list");
    expect(list?.type === "list" && list.items[0]!.title).toMatch(/^周杰, 销售总监 \(primary\)/);
    const commands = buttonsOf(reply).map((button) => (button.action.kind === "run" ? button.action.command : button.action.kind));
    expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/^contact remove #\d+$/), expect.stringMatching(/^contact edit #\d+ primary$/), "form"]));
    const show = await app.text(admin, "show 宏达贸易");
    expect(show).toContain("WeChat zhoujie_sh");
  });

  test("contact edit by name changes fields, and primary moves the mark", async () => {
    const reply = await app.rapport.runText({ actor: chen, text: "contact edit 王伟 email=wang@hongda.example primary" });
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    expect(await contactNamed("王伟")).toMatchObject({ email: "wang@hongda.example", isPrimary: true });
    expect((await contactNamed("周杰")).isPrimary).toBe(false);
    expect(await app.text(admin, "find wang@hongda.example")).toContain("上海宏达贸易有限公司");
  });

  test("a name several contacts share gets pick buttons that re-run with #id; customer= narrows it", async () => {
    const ambiguous = await app.rapport.runText({ actor: admin, text: "contact edit 赵强 title=总监" });
    expect(ambiguous.isError).toBe(true);
    const picks = ambiguous.blocks.find((block) => block.type === "buttons");
    expect(picks?.type === "buttons" && picks.buttons.map((button) => (button.action.kind === "run" ? button.action.command : ""))).toEqual([
      expect.stringMatching(/^contact edit #\d+ title=总监$/),
      expect.stringMatching(/^contact edit #\d+ title=总监$/),
    ]);
    const narrowed = await app.rapport.runText({ actor: admin, text: "contact edit 赵强 customer=北京远航物流有限公司 title=总监" });
    expect(narrowed.isError, JSON.stringify(narrowed)).toBeFalsy();
  });

  test("contact remove hides the contact from search and the card, undo brings it back, restore works later", async () => {
    const removed = await app.rapport.runText({ actor: chen, text: "contact remove 周杰" });
    expect(removed.isError, JSON.stringify(removed)).toBeFalsy();
    expect((await contactNamed("周杰")).removedAt).not.toBeNull();
    expect(await app.text(admin, "find 周杰")).not.toContain("上海宏达贸易有限公司");
    expect(await app.text(admin, "show 宏达贸易")).not.toContain("周杰");
    // Only the member who removed it can undo.
    const token = undoToken(removed);
    expect((await app.rapport.undo({ actor: bob, token })).isError).toBe(true);
    expect((await app.rapport.undo({ actor: chen, token })).isError).toBeFalsy();
    expect((await contactNamed("周杰")).removedAt).toBeNull();
    expect(await app.text(admin, "find 周杰")).toContain("上海宏达贸易有限公司");

    expect((await app.rapport.runText({ actor: chen, text: "contact remove 周杰" })).isError).toBeFalsy();
    const restored = await app.rapport.runText({ actor: chen, text: "contact restore 周杰" });
    expect(restored.isError, JSON.stringify(restored)).toBeFalsy();
    expect((await contactNamed("周杰")).removedAt).toBeNull();
    expect((await app.rapport.runText({ actor: chen, text: "contact restore 周杰" })).isError).toBe(true);
  });

  test.each([
    ["admin", true],
    ["manager", true],
    ["owner rep", true],
    ["other rep", false],
    ["finance", false],
    ["assistant", false],
  ] as const)("contact add on Müller GmbH (Bob's) by %s: allowed %s", async (who, allowed) => {
    const actor = { admin, manager: alice, "owner rep": bob, "other rep": chen, finance, assistant }[who];
    const name = `Probe ${who.replace(/\s/g, "")}`;
    const reply = await app.rapport.runText({ actor, text: `contact add müller "${name}" title=Einkauf` });
    expect(reply.isError ?? false, JSON.stringify(reply.blocks)).toBe(!allowed);
    expect(await app.database.prisma.contact.count({ where: { tenantId, name } })).toBe(allowed ? 1 : 0);
  });

  test.each([
    ["finance", false],
    ["assistant", false],
    ["other rep", false],
    ["owner rep", true],
  ] as const)("contact remove of Bob's contact by %s: allowed %s", async (who, allowed) => {
    const actor = { "owner rep": bob, "other rep": chen, finance, assistant }[who];
    const reply = await app.rapport.runText({ actor, text: "contact edit Jürgen title=Inhaber" });
    expect(reply.isError ?? false).toBe(!allowed);
  });

  async function customerId(name: string): Promise<number> {
    return (await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } })).id;
  }
});
