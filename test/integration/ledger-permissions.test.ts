/**
 * Who may do the ledger's desk work, for every role on both databases: receipts and write-offs
 * (admins, managers, finance), payment reminders (those three, and a rep for their own customers),
 * receivable exports beyond one's own customers (admins, managers, finance). The `role` command
 * gives the new roles.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import { createInvoice } from "../../src/data/order-writer.js";

const ROLES = ["admin", "manager", "finance", "assistant", "rep"] as const;
type Role = (typeof ROLES)[number];

/** What each role may do; `rep` is the owner of the customer. */
const ALLOWED: Record<Role, { pay: boolean; writeoff: boolean; dunning: boolean; exportOthers: boolean }> = {
  admin: { pay: true, writeoff: true, dunning: true, exportOthers: true },
  manager: { pay: true, writeoff: true, dunning: true, exportOthers: true },
  finance: { pay: true, writeoff: true, dunning: true, exportOthers: true },
  assistant: { pay: false, writeoff: false, dunning: false, exportOthers: false },
  rep: { pay: false, writeoff: false, dunning: true, exportOthers: false },
};

describe.each(testTargets)("ledger permissions on $name", (target) => {
  let app: TestApp;
  const actors = {} as Record<Role | "otherRep", Actor>;
  let tenantId: number;
  let customerId: number;
  let invoiceNumber = 0;

  beforeAll(async () => {
    app = await createTestApp(target);
    actors.admin = app.actor("perm", "you");
    for (const [role, user] of [["manager", "mia"], ["finance", "fiona"], ["assistant", "ava"], ["rep", "rita"], ["otherRep", "oscar"]] as const) {
      actors[role] = app.actor("perm", user, { displayName: user, timeZone: "UTC" });
    }
    const { tenant } = await app.rapport.identify(actors.admin);
    tenantId = tenant.id;
    for (const role of ["manager", "finance", "assistant"] as const) {
      const { member } = await app.rapport.identify(actors[role]);
      const granted = await app.rapport.runText({ actor: actors.admin, text: `role #${member.id} ${role}` });
      expect(granted.isError, granted.title).toBeFalsy();
    }
    const rita = (await app.rapport.identify(actors.rep)).member;
    await app.rapport.identify(actors.otherRep);
    const customer = await app.database.prisma.customer.create({ data: { tenantId, name: "Permission Test Ltd", ownerId: rita.id, status: "active" } });
    customerId = customer.id;
  });
  afterAll(async () => app?.drop());

  async function newInvoice(): Promise<string> {
    const number = `INV-P${++invoiceNumber}`;
    await createInvoice(app.database.prisma, tenantId, { number, customerId, issuedOn: "2026-10-01", dueOn: "2026-10-31", amount: 100_000 });
    return number;
  }

  test("role accepts finance and assistant", async () => {
    const roles = await app.database.prisma.member.findMany({ where: { tenantId }, select: { externalId: true, role: true } });
    expect(Object.fromEntries(roles.map((row) => [row.externalId, row.role]))).toMatchObject({ mia: "manager", fiona: "finance", ava: "assistant", rita: "rep" });
  });

  test.each(ROLES)("%s: pay", async (role) => {
    const number = await newInvoice();
    const reply = await app.rapport.runText({ actor: actors[role], text: `pay ${number} 10` });
    expect(reply.isError ?? false, reply.title).toBe(!ALLOWED[role].pay);
    if (!ALLOWED[role].pay) expect(reply.code).toBe("permission_denied");
    const paid = (await app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, number } })).paid;
    expect(paid).toBe(ALLOWED[role].pay ? 1_000n : 0n);
  });

  test.each(ROLES)("%s: writeoff", async (role) => {
    const number = await newInvoice();
    const reply = await app.rapport.runText({ actor: actors[role], text: `writeoff ${number} 5 reason=Bank charges` });
    expect(reply.isError ?? false, reply.title).toBe(!ALLOWED[role].writeoff);
    if (!ALLOWED[role].writeoff) expect(reply.code).toBe("permission_denied");
    const writtenOff = (await app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, number } })).writtenOff;
    expect(writtenOff).toBe(ALLOWED[role].writeoff ? 500n : 0n);
  });

  test.each(ROLES)("%s: dunning the rep's customer", async (role) => {
    await newInvoice();
    const reply = await app.rapport.runText({ actor: actors[role], text: `dunning #${customerId}` });
    expect(reply.isError ?? false, reply.title).toBe(!ALLOWED[role].dunning);
    if (!ALLOWED[role].dunning) expect(reply.code).toBe("permission_denied");
  });

  test("another rep may not chase a customer that is not theirs", async () => {
    const reply = await app.rapport.runText({ actor: actors.otherRep, text: `dunning #${customerId}` });
    expect(reply.isError).toBe(true);
    expect(reply.code).toBe("permission_denied");
  });

  test("finance exports everyone's receivables, typed as receivables or in Chinese", async () => {
    for (const line of ["export receivables", "导出 应收账款 xlsx"]) {
      const reply = await app.rapport.runText({ actor: actors.finance, text: line });
      expect(reply.isError ?? false, reply.title).toBe(false);
      expect(reply.attachments?.[0]?.filename).toMatch(/^overdue-2026-11-23\.(csv|xlsx)$/);
    }
  });

  test.each(ROLES)("%s: export receivables of another member's customers", async (role) => {
    const reply = await app.rapport.runText({ actor: actors[role], text: "export overdue @oscar" });
    expect(reply.isError ?? false, reply.title).toBe(!ALLOWED[role].exportOthers);
  });
});
