/** Tasks end to end through the core on real databases (PGlite and PostgreSQL). */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import type { Role } from "../../src/core/domain.js";

const TODAY = "2026-11-23"; // FIXED_NOW is Monday 2026-11-23 15:00 UTC

function undoToken(reply: Reply): string {
  for (const block of reply.blocks) {
    const buttons = block.type === "card" ? block.buttons : block.type === "buttons" ? block.buttons : undefined;
    const undo = buttons?.find((button) => button.action.kind === "undo");
    if (undo?.action.kind === "undo") return undo.action.token;
  }
  throw new Error(`no undo button in ${JSON.stringify(reply)}`);
}

const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10) ?? null;

describe.each(testTargets)("tasks on $name", (target) => {
  let app: TestApp;
  let tenantId: number;
  const as: Record<string, Actor> = {};
  const memberId: Record<string, number> = {};

  beforeAll(async () => {
    app = await createTestApp(target);
    for (const user of ["you", "alice", "bob", "chen", "minji", "fiona", "sam"]) as[user] = app.actor("team-t", user);
    const { tenant } = await app.rapport.identify(as.you!);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenantId, TODAY);
    for (const user of ["fiona", "sam"]) await app.rapport.identify(as[user]!);
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "fiona" }, data: { role: "finance" } });
    await app.database.prisma.member.updateMany({ where: { tenantId, externalId: "sam" }, data: { role: "assistant" } });
    for (const member of await app.database.prisma.member.findMany({ where: { tenantId } })) memberId[member.externalId] = member.id;
  });
  afterAll(async () => app?.drop());

  const customer = (name: string) => app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } });
  const openTasks = async (name: string) =>
    app.database.prisma.task.findMany({ where: { tenantId, customer: { name }, doneAt: null }, orderBy: [{ dueOn: "asc" }, { id: "asc" }] });
  const run = (user: string, text: string) => app.rapport.runText({ actor: as[user]!, text });

  /** Every customer's next follow-up is its earliest open task's due date (or none). */
  async function expectFollowUpsConsistent(): Promise<void> {
    const customers = await app.database.prisma.customer.findMany({ where: { tenantId }, include: { tasks: { where: { doneAt: null } } } });
    for (const row of customers) {
      const earliest = row.tasks.map((task) => day(task.dueOn)!).sort()[0] ?? null;
      expect({ customer: row.name, next: day(row.nextFollowUp) }).toEqual({ customer: row.name, next: earliest });
    }
  }

  test("the demo's follow-up dates are open tasks, and the customers' dates agree with them", async () => {
    const muller = await openTasks("Müller GmbH");
    expect(muller.map((task) => [day(task.dueOn), task.text])).toEqual([
      ["2026-11-20", ""],
      ["2026-11-22", "Call Jürgen about the delayed shipment"],
    ]);
    await expectFollowUpsConsistent();
  });

  test("task add writes a task for the author, moves the customer's next follow-up, audits, and undo removes it", async () => {
    const before = await customer("Acme Corp");
    expect(day(before.nextFollowUp)).toBe(TODAY);
    const reply = await run("alice", "task add acme 2026-11-21 Chase the signed PO");
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    expect(reply.title).toMatch(/^Task #\d+ added for Acme Corp: Chase the signed PO$/);
    const tasks = await openTasks("Acme Corp");
    const added = tasks.find((task) => task.text === "Chase the signed PO")!;
    expect({ due: day(added.dueOn), assignee: added.assigneeId, by: added.createdById }).toEqual({ due: "2026-11-21", assignee: memberId.alice, by: memberId.alice });
    expect(day((await customer("Acme Corp")).nextFollowUp)).toBe("2026-11-21");
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "task.create", entityId: String(added.id) } });
    expect(audit?.after).toMatchObject({ text: "Chase the signed PO", dueOn: "2026-11-21" });

    const undone = await app.rapport.undo({ actor: as.alice!, token: undoToken(reply) });
    expect(undone.isError).toBeFalsy();
    expect(await app.database.prisma.task.findUnique({ where: { id: added.id } })).toBeNull();
    expect(day((await customer("Acme Corp")).nextFollowUp)).toBe(TODAY);
  });

  test.each([
    ["task add Initech next friday Send the renewal offer", "Initech LLC", "Send the renewal offer"],
    ["待办 新增 上海宏达 明天 寄送样品", "上海宏达贸易有限公司", "寄送样品"],
    ["할일 추가 삼성전자 내일 견적서 확인 요청", "삼성전자", "견적서 확인 요청"],
  ])("GIVEN %s THEN the customer, date and text are read apart", async (line, name, text) => {
    const reply = await run("you", line);
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    const task = (await openTasks(name)).find((candidate) => candidate.text === text);
    expect(task, `${line}: ${JSON.stringify(await openTasks(name))}`).toBeDefined();
    expect(day(task!.dueOn)! > TODAY).toBe(true);
    await expectFollowUpsConsistent();
  });

  test("a task with an unreadable date or without text is refused with an example, nothing written", async () => {
    const count = await app.database.prisma.task.count({ where: { tenantId } });
    const noDate = await run("bob", "task add muller someday call back");
    expect(noDate.isError).toBe(true);
    expect(noDate.title).toContain("someday");
    const noText = await run("bob", "task add muller tomorrow");
    expect(noText.isError).toBe(true);
    expect(JSON.stringify(noText)).toContain("task add acme tomorrow Send the quote");
    expect(await app.database.prisma.task.count({ where: { tenantId } })).toBe(count);
  });

  test("tasks lists the reader's open tasks grouped overdue / today / coming up, with Done and Snooze", async () => {
    const reply = await run("bob", "tasks");
    expect(reply.isError).toBeFalsy();
    expect(reply.title).toBe("Your tasks: week (with overdue)");
    const lists = reply.blocks.filter((block) => block.type === "list");
    expect(lists.map((block) => block.type === "list" && block.title)).toEqual(["Overdue", "Due today"]);
    const overdue = lists[0]!.type === "list" ? lists[0]!.items : [];
    expect(overdue.map((item) => item.title)).toEqual(["Follow up · Müller GmbH", "Call Jürgen about the delayed shipment · Müller GmbH"]);
    const [done, snooze] = overdue[0]!.buttons!;
    expect(done!.action).toEqual({ kind: "run", command: expect.stringMatching(/^task done \d+$/) });
    expect(snooze!.action).toEqual({ kind: "run", command: expect.stringMatching(/^task snooze \d+ 2026-11-24$/) });

    const overdueOnly = await run("bob", "tasks overdue");
    expect(overdueOnly.blocks.filter((block) => block.type === "list").map((block) => block.type === "list" && block.title)).toEqual(["Overdue"]);
    const team = await app.text(as.alice!, "tasks today all");
    expect(team).toContain("Team tasks: today (with overdue)");
    expect(team).toContain("Bob Jones");
    expect(team).toContain("Alice Martin");
    const followups = await app.text(as.bob!, "followups");
    expect(followups).toContain("Call Jürgen about the delayed shipment · Müller GmbH");
  });

  test("the list is read in the reader's time zone", async () => {
    // 15:00 UTC Monday is already Tuesday in Seoul: Monday's tasks are overdue there.
    const seoul = app.actor("team-t", "alice", { timeZone: "Asia/Seoul" });
    const reply = await app.rapport.runText({ actor: seoul, text: "tasks" });
    const titles = reply.blocks.filter((block) => block.type === "list").map((block) => block.type === "list" && block.title);
    expect(titles).toContain("Overdue");
    expect(titles).not.toContain("Due today");
    await app.rapport.identify(app.actor("team-t", "alice", { timeZone: "UTC" }));
  });

  test("task done closes it, moves the follow-up to the next open task, and undo reopens it", async () => {
    const [first] = await openTasks("Müller GmbH");
    const reply = await run("bob", `task done ${first!.id}`);
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    expect(reply.title).toBe("Done: Follow up (Müller GmbH)");
    expect(day((await customer("Müller GmbH")).nextFollowUp)).toBe("2026-11-22");
    const again = await run("bob", `task done ${first!.id}`);
    expect(again.isError).toBe(true);
    expect(again.title).toContain("already done");
    expect((await app.rapport.undo({ actor: as.bob!, token: undoToken(reply) })).isError).toBeFalsy();
    expect(day((await customer("Müller GmbH")).nextFollowUp)).toBe("2026-11-20");
    await expectFollowUpsConsistent();
  });

  test("task snooze moves the due date, audited, and undo puts it back", async () => {
    const [first] = await openTasks("Müller GmbH");
    const reply = await run("bob", `task snooze ${first!.id} 2026-11-30`);
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    expect(day((await app.database.prisma.task.findUniqueOrThrow({ where: { id: first!.id } })).dueOn)).toBe("2026-11-30");
    expect(day((await customer("Müller GmbH")).nextFollowUp)).toBe("2026-11-22");
    const audit = await app.database.prisma.auditEvent.findFirst({ where: { tenantId, action: "task.snooze", entityId: String(first!.id) }, orderBy: { id: "desc" } });
    expect({ before: audit?.before, after: audit?.after }).toEqual({ before: { dueOn: "2026-11-20" }, after: { dueOn: "2026-11-30" } });
    expect((await app.rapport.undo({ actor: as.bob!, token: undoToken(reply) })).isError).toBeFalsy();
    expect(day((await app.database.prisma.task.findUniqueOrThrow({ where: { id: first!.id } })).dueOn)).toBe("2026-11-20");
    expect(day((await customer("Müller GmbH")).nextFollowUp)).toBe("2026-11-20");
  });

  test("an unknown task number says where the numbers are", async () => {
    const reply = await run("bob", "task done 999999");
    expect(reply.isError).toBe(true);
    expect(JSON.stringify(reply)).toContain("tasks week");
  });

  test("log ... next adds a task for the customer's owner instead of replacing the date, and undoing the log removes it", async () => {
    const before = await openTasks("Globex Corporation");
    const reply = await run("you", "log globex call Talked terms next 2026-11-26");
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    const after = await openTasks("Globex Corporation");
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((task) => !before.some((old) => old.id === task.id))!;
    expect({ text: added.text, due: day(added.dueOn), assignee: added.assigneeId }).toEqual({ text: "Talked terms", due: "2026-11-26", assignee: memberId.bob });
    // The earlier promise stands: the customer's next follow-up is still today's.
    expect(day((await customer("Globex Corporation")).nextFollowUp)).toBe(TODAY);
    expect((await app.rapport.undo({ actor: as.you!, token: undoToken(reply) })).isError).toBeFalsy();
    expect(await openTasks("Globex Corporation")).toHaveLength(before.length);
    await expectFollowUpsConsistent();
  });

  test("followup keeps its syntax and adds a plain follow-up task", async () => {
    const reply = await run("chen", "followup huaqiang 2026-11-25");
    expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    expect(reply.title).toBe("Next follow-up with 深圳华强电子有限公司: 2026-11-25 (in 2 days)");
    const tasks = await openTasks("深圳华强电子有限公司");
    expect(tasks.map((task) => [day(task.dueOn), task.text, task.assigneeId])).toContainEqual(["2026-11-25", "", memberId.chen]);
    expect(day((await customer("深圳华强电子有限公司")).nextFollowUp)).toBe("2026-11-25");
  });

  test("assigning a customer to another owner moves the previous owner's open tasks on it", async () => {
    const before = await openTasks("深圳华强电子有限公司");
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((task) => task.assigneeId === memberId.chen)).toBe(true);
    expect((await run("you", "assign huaqiang @minji")).isError).toBeFalsy();
    expect((await openTasks("深圳华强电子有限公司")).map((task) => task.assigneeId)).toEqual(before.map(() => memberId.minji));
  });

  test("a follow-up date written without a task (the migration, an import, a customer patch) becomes an open task", async () => {
    const row = await app.database.prisma.customer.create({ data: { tenantId, name: "Legacy Follow Up Ltd", ownerId: memberId.bob, nextFollowUp: new Date("2026-11-28T00:00:00Z") } });
    const migration = readFileSync(new URL("../../prisma/migrations/20261127160000_team_from_chat/migration.sql", import.meta.url), "utf8");
    const insert = /INSERT INTO "tasks"[\s\S]*?;/.exec(migration)![0].replace(`WHERE "next_follow_up" IS NOT NULL`, `WHERE "next_follow_up" IS NOT NULL AND "id" = ${row.id}`);
    await app.database.prisma.$executeRawUnsafe(insert);
    expect((await openTasks("Legacy Follow Up Ltd")).map((task) => [day(task.dueOn), task.text, task.assigneeId])).toEqual([["2026-11-28", "", memberId.bob]]);

    const { store } = await app.rapport.identify(as.you!);
    const created = await store.customers.create({ name: "Patched Follow Up Ltd", ownerId: memberId.chen!, nextFollowUp: "2026-12-02" });
    expect((await openTasks(created.name)).map((task) => [day(task.dueOn), task.assigneeId])).toEqual([["2026-12-02", memberId.chen]]);
    await expectFollowUpsConsistent();
  });

  describe("permissions by role", () => {
    const ROLES: [string, Role][] = [
      ["you", "admin"],
      ["alice", "manager"],
      ["fiona", "finance"],
      ["sam", "assistant"],
      ["chen", "rep"],
    ];

    test.each(ROLES)("%s (%s) may give themselves a task on any customer", async (user) => {
      const reply = await run(user, `task add muller 2026-11-27 Check in for ${user}`);
      expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
    });

    test.each(ROLES)("%s (%s) may give someone else a task only as a manager or admin", async (user, role) => {
      const reply = await run(user, `task add muller 2026-11-27 Visit with samples @bob`);
      const allowed = role === "admin" || role === "manager";
      expect(reply.isError ?? false, JSON.stringify(reply)).toBe(!allowed);
      if (!allowed) expect(reply.title).toContain("Only managers and admins");
    });

    test.each(ROLES)("%s (%s) may finish another member's task on another rep's customer only as a manager or admin", async (user, role) => {
      const task = await app.database.prisma.task.create({ data: { tenantId, customerId: (await customer("Müller GmbH")).id, assigneeId: memberId.bob, dueOn: new Date("2026-11-26T00:00:00Z"), text: `Bob's own ${user}` } });
      const reply = await run(user, `task done ${task.id}`);
      const allowed = role === "admin" || role === "manager";
      expect(reply.isError ?? false, JSON.stringify(reply)).toBe(!allowed);
      const snoozed = await run(user, `task snooze ${task.id} 2026-12-01`);
      expect(snoozed.isError ?? false).toBe(true); // done already, or not theirs
    });

    test("the assignee and the customer's owner may finish a task", async () => {
      const muller = await customer("Müller GmbH");
      const forChen = await app.database.prisma.task.create({ data: { tenantId, customerId: muller.id, assigneeId: memberId.chen, dueOn: new Date("2026-11-26T00:00:00Z"), text: "Chen helps Bob" } });
      expect((await run("chen", `task snooze ${forChen.id} 2026-11-27`)).isError).toBeFalsy();
      expect((await run("bob", `task done ${forChen.id}`)).isError).toBeFalsy();
      expect((await run("minji", `task done ${forChen.id}`)).isError).toBe(true);
    });
  });

  test("settings reminders off and on switch the morning reminder, and settings shows it", async () => {
    const off = await run("minji", "settings reminders off");
    expect(off.isError, JSON.stringify(off)).toBeFalsy();
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: memberId.minji } })).reminders).toBe(false);
    expect(await app.text(as.minji!, "settings")).toContain("Morning reminder");
    const korean = await run("minji", "설정 알림 켜기");
    expect(korean.isError, JSON.stringify(korean)).toBeFalsy();
    expect((await app.database.prisma.member.findUniqueOrThrow({ where: { id: memberId.minji } })).reminders).toBe(true);
    const bad = await run("minji", "settings reminders maybe");
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad)).toContain("settings reminders off");
  });

  test("after all of the above, every customer's next follow-up is its earliest open task", async () => {
    await expectFollowUpsConsistent();
  });
});
