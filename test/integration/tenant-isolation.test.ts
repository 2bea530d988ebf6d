/**
 * Tenant isolation: tenant A's members use tenant B's ids (customers, members, orders, undo
 * tokens) in every command of the registry, typed and structured, and in random command
 * sequences. B's rows must be byte-for-byte unchanged and no reply in A may show B's data.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { CommandOption } from "../../src/core/command.js";

const LEAK = "ZETA-LEAK";

describe.each(testTargets)("tenant isolation on $name", (target) => {
  let app: TestApp;
  let actorA: Actor;
  let actorB: Actor;
  let tenantB: number;
  let customerIdsB: number[];
  let memberIdsB: number[];
  let undoTokenB: string;

  async function snapshotOfB(): Promise<string> {
    const prisma = app.database.prisma;
    const where = { tenantId: tenantB };
    const parts = await Promise.all([
      prisma.customer.findMany({ where, orderBy: { id: "asc" } }),
      prisma.contact.findMany({ where, orderBy: { id: "asc" } }),
      prisma.interaction.findMany({ where, orderBy: { id: "asc" } }),
      prisma.order.findMany({ where, orderBy: { id: "asc" }, include: { lines: true, shipments: true } }),
      prisma.invoice.findMany({ where, orderBy: { id: "asc" } }),
      prisma.member.findMany({ where, orderBy: { id: "asc" } }),
      prisma.auditEvent.findMany({ where, orderBy: { id: "asc" } }),
      prisma.undoToken.findMany({ where, orderBy: { token: "asc" } }),
      prisma.idempotencyRecord.findMany({ where, orderBy: { key: "asc" } }),
    ]);
    return JSON.stringify(parts, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    actorA = app.actor("team-a", "you");
    actorB = app.actor("team-b", "you");
    const a = await app.rapport.identify(actorA);
    const b = await app.rapport.identify(actorB);
    tenantB = b.tenant.id;
    await loadDemoData(app.database.prisma, a.tenant.id, "2026-11-23");
    await loadDemoData(app.database.prisma, tenantB, "2026-11-23");
    // Mark everything of B so a leak is visible in any reply.
    const prisma = app.database.prisma;
    await prisma.$executeRawUnsafe(`UPDATE customers SET name = name || ' ${LEAK}' WHERE tenant_id = $1`, tenantB);
    await prisma.$executeRawUnsafe(`UPDATE contacts SET name = name || ' ${LEAK}' WHERE tenant_id = $1`, tenantB);
    await prisma.$executeRawUnsafe(`UPDATE members SET display_name = display_name || ' ${LEAK}' WHERE tenant_id = $1`, tenantB);
    await prisma.$executeRawUnsafe(`UPDATE orders SET number = 'B' || number WHERE tenant_id = $1`, tenantB);
    customerIdsB = (await prisma.customer.findMany({ where: { tenantId: tenantB }, select: { id: true } })).map((row) => row.id);
    memberIdsB = (await prisma.member.findMany({ where: { tenantId: tenantB }, select: { id: true } })).map((row) => row.id);
    const logged = await app.rapport.runText({ actor: actorB, text: `log #${customerIdsB[0]} call private B note` });
    const card = logged.blocks[0];
    const undo = card?.type === "card" ? card.buttons?.find((button) => button.action.kind === "undo")?.action : undefined;
    undoTokenB = undo?.kind === "undo" ? undo.token : "";
    expect(undoTokenB).not.toBe("");
  });
  afterAll(async () => app?.drop());

  function valueFor(option: CommandOption, index: number): string {
    switch (option.kind) {
      case "customer":
        return `#${customerIdsB[index % customerIdsB.length]}`;
      case "member":
        return `#${memberIdsB[index % memberIdsB.length]}`;
      case "order":
        return "BSO-1030";
      case "channel":
        return "<#C0TENANTB>";
      case "date":
        return "tomorrow";
      case "choice":
        return option.choices![0]!;
      case "integer":
        return "1";
      case "fields":
        return "grade=A";
      case "flag":
        return "yes";
      case "text":
        return option.name === "link" ? "https://example.com/x" : `#${customerIdsB[index % customerIdsB.length]}`;
    }
  }

  test("every command, typed and structured, with B's ids reads and changes nothing of B", async () => {
    const before = await snapshotOfB();
    const replies: unknown[] = [];
    for (const definition of app.rapport.commands) {
      for (let index = 0; index < 3; index++) {
        const args: Record<string, unknown> = {};
        for (const option of definition.options) {
          args[option.name] = option.kind === "fields" ? { grade: "A" } : valueFor(option, index);
        }
        replies.push(await app.rapport.runArgs({ actor: actorA, command: definition.name, args, idempotencyKey: `iso-${definition.name}-${index}` }));
        const line = [definition.name, ...definition.options.map((option) => valueFor(option, index))].join(" ");
        replies.push(await app.rapport.runText({ actor: actorA, text: line }));
      }
    }
    replies.push(await app.rapport.undo({ actor: actorA, token: undoTokenB }));
    for (const kind of ["customer", "order", "member"] as const) {
      for (const query of ["acme", "宏达", "B", "SO", LEAK, "you"]) {
        replies.push(await app.rapport.pick({ actor: actorA, kind, query, limit: 25 }));
      }
    }
    expect(JSON.stringify(replies)).not.toContain(LEAK);
    expect(await snapshotOfB()).toBe(before);
  });

  test("property: random command sequences in A never touch or reveal B", async () => {
    const before = await snapshotOfB();
    const templates = [
      (id: number) => `show #${id}`,
      (id: number) => `log #${id} call probe`,
      (id: number) => `edit #${id} grade=B`,
      (id: number) => `followup #${id} tomorrow`,
      (id: number) => `assign #${id} #${memberIdsB[0]}`,
      (id: number) => `orders #${id}`,
      (id: number) => `overdue #${id}`,
      () => `role #${memberIdsB[1]} admin`,
      () => "order BSO-1031",
      () => "followups week all",
      () => "find zeta",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(templates.length - 1), fc.constantFrom(...customerIdsB)), { minLength: 1, maxLength: 8 }),
        async (steps) => {
          for (const [template, id] of steps) {
            const result = await app.rapport.runText({ actor: actorA, text: templates[template]!(id) });
            expect(JSON.stringify(result)).not.toContain(LEAK);
          }
        },
      ),
      { numRuns: 25, seed: 42 },
    );
    expect(await snapshotOfB()).toBe(before);
  });
});
