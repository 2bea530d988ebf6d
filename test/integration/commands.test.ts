/** Every command end to end through the core on real databases (PGlite and PostgreSQL). */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";

describe.each(testTargets)("commands on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let bob: Actor; // a rep who owns Müller and Globex
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-a", "you");
    bob = app.actor("team-a", "bob");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  const interactionsOf = (customerName: string) =>
    app.database.prisma.interaction.count({ where: { tenantId, customer: { name: customerName }, undone: false } });

  test("find lists ranked matches with buttons", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "find acme crop" });
    expect(reply.isError).toBeFalsy();
    const list = reply.blocks[0];
    expect(list?.type).toBe("list");
    if (list?.type !== "list") return;
    expect(list.items[0]?.title).toMatch(/^Acme Corp/);
    expect(list.items[0]?.buttons?.[0]?.action).toEqual({ kind: "run", command: expect.stringMatching(/^show #\d+$/) });
  });

  test("show renders the customer file with derived figures", async () => {
    const text = await app.text(admin, "show acme");
    expect(text).toContain("Owner           Alice Martin");
    expect(text).toContain("Lifetime sales          $75,000.00");
    expect(text).toContain("Purchase cycle          30 days");
    expect(text).toContain("John Smith, Purchasing manager (primary)");
  });

  test("an ambiguous fragment gets a pick list, not a guess", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "show 宏" });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain("matches several customers");
    const buttons = reply.blocks.find((block) => block.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((button) => button.label)).toEqual(
      expect.arrayContaining([expect.stringContaining("上海宏达贸易有限公司"), expect.stringContaining("台灣宏達電子股份有限公司")]),
    );
  });

  test("log writes one interaction, sets the follow-up in the member's zone, audits, and can be undone once", async () => {
    const seoul = app.actor("team-a", "minji", { timeZone: "Asia/Seoul" });
    app.clock.now = new Date("2026-11-23T20:00:00Z"); // already Tuesday 05:00 in Seoul
    const before = await interactionsOf("삼성전자");
    const reply = await app.rapport.runText({ actor: seoul, text: "log 삼성 call 견적 확인 next tomorrow outcome high-value" });
    app.clock.now = FIXED_NOW;
    expect(reply.isError).toBeFalsy();
    expect(await interactionsOf("삼성전자")).toBe(before + 1);
    // `next` adds a task; the customer's date stays the earliest open one (tomorrow's from the demo).
    const task = await app.database.prisma.task.findFirstOrThrow({ where: { tenantId, customer: { name: "삼성전자" }, text: "견적 확인" } });
    expect(task.dueOn.toISOString().slice(0, 10)).toBe("2026-11-25");
    const customer = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "삼성전자" } });
    expect(customer.nextFollowUp?.toISOString().slice(0, 10)).toBe("2026-11-24");
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "interaction.create" }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ summary: "견적 확인", channel: "call", outcome: "high-value" });
    // Written as plain SQL: the same instants the ORM reads back, whatever the process's zone.
    expect(audit?.at.toISOString()).toBe("2026-11-23T20:00:00.000Z");
    expect(customer.lastContactAt?.toISOString()).toBe("2026-11-23T20:00:00.000Z");

    const card = reply.blocks[0];
    const undoButton = card?.type === "card" ? card.buttons?.find((button) => button.action.kind === "undo") : undefined;
    expect(undoButton).toBeDefined();
    const token = undoButton!.action.kind === "undo" ? undoButton!.action.token : "";
    // Someone else cannot use my undo token.
    expect((await app.rapport.undo({ actor: bob, token })).isError).toBe(true);
    expect((await app.rapport.undo({ actor: seoul, token })).isError).toBeFalsy();
    expect(await interactionsOf("삼성전자")).toBe(before);
    const restored = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "삼성전자" } });
    expect(restored.nextFollowUp?.toISOString().slice(0, 10)).toBe("2026-11-24");
    expect(await app.database.prisma.task.findUnique({ where: { id: task.id } })).toBeNull();
    expect((await app.rapport.undo({ actor: seoul, token })).isError).toBe(true);
  });

  test("undo expires after 10 minutes", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "log lumiere note Menu tasting" });
    const card = reply.blocks[0];
    const button = card?.type === "card" ? card.buttons?.find((candidate) => candidate.action.kind === "undo") : undefined;
    app.clock.now = new Date(FIXED_NOW.getTime() + 11 * 60 * 1000);
    const late = await app.rapport.undo({ actor: admin, token: button!.action.kind === "undo" ? button!.action.token : "" });
    app.clock.now = FIXED_NOW;
    expect(late.isError).toBe(true);
    expect(late.title).toContain("10 minutes");
  });

  test("the same write delivered twice with one idempotency key happens once and returns the same reply", async () => {
    const before = await interactionsOf("Müller GmbH");
    const [first, second] = await Promise.all([
      app.rapport.runText({ actor: bob, text: "log muller visit Werksbesuch", idempotencyKey: "slack:trigger-123" }),
      app.rapport.runText({ actor: bob, text: "log muller visit Werksbesuch", idempotencyKey: "slack:trigger-123" }),
    ]);
    const third = await app.rapport.runText({ actor: bob, text: "log muller visit Werksbesuch", idempotencyKey: "slack:trigger-123" });
    expect(await interactionsOf("Müller GmbH")).toBe(before + 1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  test("a write that fails half-way leaves nothing behind", async () => {
    const count = () => app.database.prisma.customer.count({ where: { tenantId } });
    const before = await count();
    const { store } = await app.rapport.identify(admin);
    await expect(
      store.transaction(async (tx) => {
        await tx.customers.create({ name: "Half Written Ltd", ownerId: null });
        throw new Error("simulated crash after the first insert");
      }),
    ).rejects.toThrow("simulated crash");
    expect(await count()).toBe(before);
  });

  test("order shows lines, shipment and money; orders lists a customer's orders", async () => {
    const order = await app.text(admin, "order so-1031");
    expect(order).toContain("Order SO-1031");
    expect(order).toContain("WID-100");
    expect(order).toContain("DHL");
    const orders = await app.text(admin, "orders acme");
    expect(orders).toContain("Orders of Acme Corp (6)");
    expect(await app.text(admin, "order SO-9999")).toContain("No order SO-9999");
  });

  test("followups filter by window and owner", async () => {
    const today = await app.text(admin, "followups today all");
    expect(today).toContain("Globex Corporation"); // due today
    expect(today).toContain("현대상사"); // overdue is included in today
    expect(today).not.toContain("上海宏达贸易有限公司"); // due in 2 days
    const bobs = await app.text(admin, "followups week @bob");
    expect(bobs).toContain("Müller GmbH");
    expect(bobs).not.toContain("Acme Corp");
    const overdue = await app.text(admin, "followups overdue all");
    expect(overdue).not.toContain("Globex Corporation");
  });

  test("followup sets a date read from natural language", async () => {
    expect(await app.text(bob, "followup globex corporation in 3 days")).toContain("2026-11-26 (in 3 days)");
    expect(await app.text(bob, "followup globex 2026-12-01")).toContain("2026-12-01");
    expect(await app.text(bob, "followup globex someday")).toContain('I could not read "someday" as a date');
  });

  test("overdue shows ageing buckets, totals and credit-limit breaches", async () => {
    const text = await app.text(admin, "overdue");
    expect(text).toMatch(/0-30\s+31-60\s+61-90\s+91-180\s+>180\s+Total/);
    expect(text).toContain("Over credit limit");
    expect(text).toContain("上海宏达贸易有限公司 #");
    expect(await app.text(admin, "overdue initech")).toContain("Overdue receivables, Initech LLC: $6,000.00");
  });

  test("new and edit validate fields and audit before/after", async () => {
    expect(await app.text(bob, 'new "北京新星科技" grade=a region=北京 credit_limit=20,000')).toContain("Created 北京新星科技");
    expect(await app.text(bob, "new Foo grade=Z")).toContain("grade must be a letter A to E");
    expect(await app.text(bob, "new Foo colour=red")).toContain('"colour" is not a customer field');
    expect(await app.text(bob, "edit 新星 phone=\"+86 10 5555 0000\" status=active")).toContain("Updated 北京新星科技");
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "customer.update" }, orderBy: { id: "desc" } });
    expect(audit?.before).toEqual({ phone: null, status: "prospect" });
    expect(audit?.after).toEqual({ phone: "+86 10 5555 0000", status: "active" });
    expect(await app.text(bob, "find 5555 0000")).toContain("北京新星科技");
  });

  test("reps cannot change other reps' customers or roles; denials are audited", async () => {
    expect(await app.text(bob, "edit acme grade=C")).toContain("belongs to another rep");
    expect(await app.text(bob, "assign acme @bob")).toContain("belongs to another rep");
    expect(await app.text(bob, "role @bob admin")).toContain("Only admins can use role");
    const denials = await app.database.prisma.auditEvent.count({ where: { tenantId, action: "permission.denied" } });
    expect(denials).toBeGreaterThanOrEqual(3);
    const acme = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Acme Corp" } });
    expect(acme.grade).toBe("A");
  });

  test("admins assign customers and set roles", async () => {
    expect(await app.text(admin, "assign initech bob")).toContain("Initech LLC now belongs to Bob Jones");
    expect(await app.text(admin, "role bob manager")).toContain("Bob Jones is now manager");
    expect(await app.text(bob, "edit acme grade=A")).toContain("Updated Acme Corp");
    await app.text(admin, "role bob rep");
  });

  test.each([
    ["unknown command", "fnd acme", 'There is no command "fnd". Did you mean find?'],
    ["missing argument", "show", "The customer is missing."],
    ["missing channel", "log acme", "The channel must be one of call, email, meeting, visit, chat, note."],
    ["bad date", "log acme call hi next blurgsday", 'I could not read "blurgsday" as a date'],
    ["unknown customer", "show zzqxj", 'No customer matches "zzqxj".'],
    ["control characters", "find ac\u0000me", "control characters"],
    ["right-to-left override", "find \u202Eemca", "right-to-left override"],
    ["5,000-character argument", `log acme note ${"x".repeat(5000)}`, "the limit is 4000"],
    ["too-long summary through structured args", null, "The summary is too long"],
  ])("bad input (%s) gets a message naming the problem and an example", async (_case, line, message) => {
    const reply =
      line === null
        ? await app.rapport.runArgs({ actor: admin, command: "log", args: { customer: "acme", channel: "call", summary: "y".repeat(3500) } })
        : await app.rapport.runText({ actor: admin, text: line });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain(message);
    expect(reply.blocks.some((block) => block.type === "text" && block.text.startsWith("Example: /crm "))).toBe(true);
  });

  test("structured arguments get the same input checks, also inside field=value objects", async () => {
    const reply = await app.rapport.runArgs({ actor: admin, command: "new", args: { name: "Bell Co", fields: { notes: "ring\u0007" } } });
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain("control characters");
    expect(await app.database.prisma.customer.count({ where: { tenantId, name: "Bell Co" } })).toBe(0);
  });

  test("help lists every command and explains one", async () => {
    const all = await app.text(admin, "help");
    for (const name of ["find", "show", "log", "order", "orders", "followups", "followup", "overdue", "new", "edit", "assign", "help"]) {
      expect(all).toContain(name);
    }
    expect(await app.text(admin, "help log")).toContain("Usage: log <customer>");
  });

  test("pickers answer customers, orders and members", async () => {
    expect(await app.rapport.pick({ actor: admin, kind: "customer", query: "宏達", limit: 25 })).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: expect.stringContaining("上海宏达贸易有限公司") })]),
    );
    const orders = await app.rapport.pick({ actor: admin, kind: "order", query: "SO-103", limit: 25 });
    expect(orders.length).toBeGreaterThan(3);
    expect(await app.rapport.pick({ actor: admin, kind: "member", query: "ali", limit: 25 })).toEqual([
      expect.objectContaining({ label: "Alice Martin" }),
    ]);
  });
});
