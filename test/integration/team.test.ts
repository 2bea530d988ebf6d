/** `/crm handover` and `/crm activity` on both databases. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { createOrder } from "../../src/data/order-writer.js";
import { refreshSearchKeys } from "../../src/data/store.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";

function tableOf(reply: Reply) {
  const block = reply.blocks.find((item) => item.type === "table");
  if (block?.type !== "table") throw new Error(`no table in ${reply.title}`);
  return [block.columns, ...block.rows];
}

describe.each(testTargets)("team on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let rep: Actor;
  let tenantId: number;
  let bobId: number;
  let aliceId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-t", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    aliceId = (await app.rapport.identify(app.actor("team-t", "alice", { displayName: "Alice Martin", timeZone: "UTC" }))).member.id;
    rep = app.actor("team-t", "bob", { displayName: "Bob Jones", timeZone: "UTC" });
    bobId = (await app.rapport.identify(rep)).member.id;
    const db = app.database.prisma;
    const make = async (name: string, ownerId: number | null, followUp?: string) => {
      const row = await db.customer.create({ data: { tenantId, name, ownerId, nextFollowUp: followUp ? new Date(`${followUp}T00:00:00Z`) : null } });
      await refreshSearchKeys(db, tenantId, row.id); // every customer write refreshes its search keys
      // A follow-up date is the owner's open task.
      if (followUp) await db.task.create({ data: { tenantId, customerId: row.id, assigneeId: ownerId, dueOn: new Date(`${followUp}T00:00:00Z`) } });
      return row;
    };
    const acme = await make("Acme Corp", bobId, "2026-11-25");
    await make("Globex", bobId);
    await make("Initech", aliceId, "2026-11-24");
    await createOrder(db, tenantId, { number: "SO-OPEN", customerId: acme.id, orderedOn: "2026-11-01", ownerId: bobId, lines: [{ sku: "A", quantity: 1, unitPrice: 100 }] });
    await createOrder(db, tenantId, { number: "SO-CLOSED", customerId: acme.id, orderedOn: "2026-10-01", status: "closed", ownerId: bobId, lines: [{ sku: "A", quantity: 1, unitPrice: 100 }] });
  });
  afterAll(async () => app?.drop());

  test("a rep may not hand over", async () => {
    const reply = await app.rapport.runText({ actor: rep, text: "handover bob alice" });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain("Only managers");
  });

  test("--dry-run shows what would move and moves nothing", async () => {
    const text = await app.text(admin, "handover @bob @alice --dry-run");
    expect(text).toContain("Would move 2 customers from Bob Jones to Alice Martin");
    expect(text).toMatch(/Open follow-ups\s+1/);
    expect(text).toMatch(/Open orders\s+1/);
    expect(text).toContain("Bob Jones's access would be closed");
    expect(await app.database.prisma.customer.count({ where: { tenantId, ownerId: bobId } })).toBe(2);
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: bobId } })).active).toBe(true);
  });

  test("handover moves customers and open orders in one transaction, audited per customer", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "handover bob alice" });
    expect(reply.title).toBe("Moved 2 customers from Bob Jones to Alice Martin");
    const db = app.database.prisma;
    expect(await db.customer.count({ where: { tenantId, ownerId: bobId } })).toBe(0);
    expect(await db.customer.count({ where: { tenantId, ownerId: aliceId } })).toBe(3);
    // An order belongs to its customer's owner: the open order moved with Acme.
    const orders = await db.order.findMany({ where: { tenantId }, orderBy: { number: "asc" }, select: { number: true, customer: { select: { ownerId: true } } } });
    expect(orders).toEqual([
      { number: "SO-CLOSED", customer: { ownerId: aliceId } },
      { number: "SO-OPEN", customer: { ownerId: aliceId } },
    ]);
    const moved = await db.auditEvent.findFirstOrThrow({ where: { tenantId, action: "order.handover" } });
    expect(moved.before).toMatchObject({ orders: ["SO-OPEN"] });
    const audits = await db.auditEvent.findMany({ where: { tenantId, action: "customer.handover" } });
    expect(audits).toHaveLength(2);
    expect(audits[0]!.after).toEqual({ ownerId: aliceId });
    expect(await db.auditEvent.count({ where: { tenantId, action: "order.handover" } })).toBe(1);
    // The leaver's open tasks moved to the new owner; the customer's follow-up date stays.
    expect(await db.customer.findFirst({ where: { tenantId, name: "Acme Corp" }, select: { ownerId: true, nextFollowUp: true } })).toEqual({
      ownerId: aliceId,
      nextFollowUp: new Date("2026-11-25T00:00:00Z"),
    });
    expect(await db.task.count({ where: { tenantId, assigneeId: bobId, doneAt: null } })).toBe(0);
    expect(await db.task.count({ where: { tenantId, assigneeId: aliceId, doneAt: null } })).toBe(2);
    expect(await db.auditEvent.count({ where: { tenantId, action: "task.handover" } })).toBe(1);

    // The leaver's access is closed in the same transaction: no commands, not in pickers, cannot be given customers.
    expect(JSON.stringify(reply.blocks)).toContain("Bob Jones's access is closed");
    expect((await db.member.findUniqueOrThrow({ where: { id: bobId } })).active).toBe(false);
    expect(await db.auditEvent.count({ where: { tenantId, action: "member.deactivate", entityId: String(bobId) } })).toBe(1);
    const refused = await app.rapport.runText({ actor: rep, text: "find acme" });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.blocks)).toContain("Your access to Rapport in this workspace was closed");
    expect(await app.rapport.pick({ actor: admin, kind: "member", query: "bob", limit: 5 })).toEqual([]);
    const assign = await app.rapport.runText({ actor: admin, text: "assign globex @bob" });
    expect(JSON.stringify(assign.blocks)).toContain(`Bob Jones is inactive here (left the workspace, or access closed at a hand-over)`);
    expect(JSON.stringify(assign.blocks)).toContain(`an admin reopens access with: role #${bobId} rep`);

    // An admin reopens it with role.
    const reopened = await app.rapport.runText({ actor: admin, text: "role bob rep" });
    expect(JSON.stringify(reopened.blocks)).toContain("Their access, closed at a hand-over, is open again.");
    expect((await db.member.findUniqueOrThrow({ where: { id: bobId } })).active).toBe(true);
    expect((await app.rapport.runText({ actor: rep, text: "find acme" })).isError).toBeFalsy();
  });

  test("a workspace admin (Slack owner, Discord Manage Server) is never locked out by a closed access", async () => {
    const owner = app.actor("team-t", "owner", { displayName: "Olga Owner", timeZone: "UTC", isPlatformAdmin: true });
    const ownerId = (await app.rapport.identify(owner)).member.id;
    await app.database.prisma.member.update({ where: { id: ownerId }, data: { active: false } });
    expect((await app.rapport.runText({ actor: owner, text: "find acme" })).isError).toBeFalsy();
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: ownerId } })).active).toBe(true);
  });

  test("--keep-active moves customers only; nobody closes their own access or, unless admin, an admin's", async () => {
    const db = app.database.prisma;
    const carol = app.actor("team-t", "carol", { displayName: "Carol Manager", timeZone: "UTC" });
    const carolId = (await app.rapport.identify(carol)).member.id;
    expect((await app.rapport.runText({ actor: admin, text: `role #${carolId} manager` })).isError).toBeFalsy();
    const kept = await app.rapport.runText({ actor: carol, text: "handover alice bob --keep-active" });
    expect(kept.title).toBe("Moved 3 customers from Alice Martin to Bob Jones");
    expect(JSON.stringify(kept.blocks)).toContain("Alice Martin keeps their access.");
    expect((await db.member.findUniqueOrThrow({ where: { id: aliceId } })).active).toBe(true);
    const self = await app.rapport.runText({ actor: carol, text: "handover carol bob" });
    expect(JSON.stringify(self.blocks)).toContain("You cannot close your own access");
    const you = (await app.rapport.identify(admin)).member;
    const overAdmin = await app.rapport.runText({ actor: carol, text: `handover #${you.id} bob` });
    expect(overAdmin.isError).toBe(true);
    expect(JSON.stringify(overAdmin.blocks)).toContain("Only an admin can close an admin's access");
    expect((await db.member.findUniqueOrThrow({ where: { id: you.id } })).active).toBe(true);
    // Give the customers back for the tests below.
    expect((await app.rapport.runText({ actor: carol, text: "handover bob alice --keep-active" })).isError).toBeFalsy();
  });

  test("activity counts contacts, outcomes, success and lost-deal rates per member and team", async () => {
    const alice = app.actor("team-t", "alice", { displayName: "Alice Martin", timeZone: "UTC" });
    await app.rapport.runText({ actor: alice, text: "log acme call price agreed outcome high-value" });
    await app.rapport.runText({ actor: alice, text: "log globex call left voicemail outcome unsuccessful" });
    await app.rapport.runText({ actor: alice, text: "log initech email sent brochure outcome effective" });
    await app.rapport.runText({ actor: rep, text: "log acme visit met buyer" });
    expect((await app.rapport.runText({ actor: admin, text: "edit globex status=lost" })).isError).toBeFalsy();
    const reply = await app.rapport.runText({ actor: admin, text: "activity 30d" });
    expect(reply.isError).toBeFalsy();
    expect(tableOf(reply)).toEqual([
      ["member", "contacts", "effective", "high-value", "unsuccessful", "success rate", "lost deals", "lost-deal rate"],
      ["Alice Martin", "3", "1", "1", "1", "66.7%", "1", "33.3%"],
      ["Bob Jones", "1", "0", "0", "0", "0%", "0", "-"],
      ["Carol Manager", "0", "0", "0", "0", "-", "0", "-"],
      ["Olga Owner", "0", "0", "0", "0", "-", "0", "-"],
      ["You (console)", "0", "0", "0", "0", "-", "0", "-"].map((cell, index) => (index === 0 ? expect.any(String) : cell)),
      ["Team", "4", "1", "1", "1", "50%", "1", "33.3%"],
    ]);
    expect(reply.attachments?.[0]?.contentType).toBe("image/png");
    const one = await app.rapport.runText({ actor: admin, text: "activity bob 7d" });
    expect(one.title).toBe("Activity of Bob Jones, last 7 days");
    expect(tableOf(one).slice(1)).toEqual([["Bob Jones", "1", "0", "0", "0", "0%", "0", "-"]]);
  });

  test("activity days are the asking member's days, not UTC's", async () => {
    // 01:00 on 23 November in Shanghai is still 22 November in UTC.
    const shanghai = app.actor("team-tz", "mei", { displayName: "Mei Lin", timeZone: "Asia/Shanghai" });
    const { tenant } = await app.rapport.identify(shanghai);
    await app.database.prisma.customer.create({ data: { tenantId: tenant.id, name: "Huada Trading" } });
    await refreshSearchKeys(app.database.prisma, tenant.id, (await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id } })).id);
    app.clock.now = new Date("2026-11-22T17:00:00Z");
    try {
      expect((await app.rapport.runText({ actor: shanghai, text: "log huada call early call outcome effective" })).isError).toBeFalsy();
    } finally {
      app.clock.now = FIXED_NOW; // 23:00 on 23 November in Shanghai
    }
    const today = await app.rapport.runText({ actor: shanghai, text: "activity 1d" });
    expect(tableOf(today)[1]).toEqual(["Mei Lin", "1", "1", "0", "0", "100%", "0", "-"]);
    // Asked as a UTC member, the contact falls on the previous day.
    const utc = app.actor("team-tz", "sam", { displayName: "Sam", timeZone: "UTC" });
    const utcToday = await app.rapport.runText({ actor: utc, text: "activity mei 1d" });
    expect(utcToday.title).toContain("No contacts logged by Mei Lin");
  });
});
