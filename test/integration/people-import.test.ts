/**
 * Import owner matching with people known before first use, on both databases: the owner column
 * matches a synced colleague by email or by display name (case-insensitive); a name two members
 * share, or an inactive member, is a clear row error and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { importFile } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";

describe.each(testTargets)("import owners matched to synced people on $name", (target) => {
  let app: TestApp;
  let tenantId: number;
  const dir = mkdtempSync(join(tmpdir(), "rapport-people-import-"));
  let counter = 0;
  const csv = (rows: string[]) => {
    counter += 1;
    const path = join(dir, `customers-${counter}.csv`);
    writeFileSync(path, ["Company name,Company owner", ...rows].join("\n"));
    return path;
  };
  const run = (path: string, skipInvalid = false) => importFile({ sink: createImportSink(app.database), tenantId, kind: "customers", path, options: { skipInvalid } });
  const ownerOf = async (name: string) => {
    const ownerId = (await app.database.prisma.customer.findFirst({ where: { tenantId, name } }))?.ownerId;
    return ownerId ? (await app.database.prisma.member.findUniqueOrThrow({ where: { id: ownerId } })).externalId : null;
  };

  beforeAll(async () => {
    app = await createTestApp(target);
    tenantId = (await app.rapport.identify(app.actor("import-people", "you"))).tenant.id;
    await app.rapport.syncPeople!({
      platform: "console",
      tenantExternalId: "import-people",
      people: [
        { externalId: "U1", displayName: "Mia Park", email: "mia@acme.example" },
        { externalId: "U2", displayName: "Sam Lee", email: "sam.lee@acme.example" },
        { externalId: "U3", displayName: "Sam Lee", email: "sam.l@acme.example" },
        { externalId: "U4", displayName: "Leo Gone", email: "leo@acme.example", gone: true },
      ],
    });
  });
  afterAll(async () => {
    await app?.drop();
  });

  test("by email and by display name, case-insensitive, before the colleague ever typed", async () => {
    const result = await run(csv(["Alpha Trading,MIA@acme.example", "Beta Foods,mia park", "Gamma Ltd,sam.l@acme.example"]));
    expect(result.invalid, JSON.stringify(result.issues)).toBe(0);
    expect(result.committed).toBe(true);
    expect([await ownerOf("Alpha Trading"), await ownerOf("Beta Foods"), await ownerOf("Gamma Ltd")]).toEqual(["U1", "U1", "U3"]);
  });

  test("an ambiguous name or an inactive member is a row error, and all-or-nothing writes nothing", async () => {
    const result = await run(csv(["Delta Inc,Sam Lee", "Epsilon Co,leo@acme.example", "Zeta GmbH,Mia Park"]));
    expect(result.committed).toBe(false);
    expect(result.invalid).toBe(2);
    const reasons = result.issues.map((issue) => `${issue.line}: ${issue.reason}`);
    expect(reasons).toEqual([
      '2: owner "Sam Lee" matches several members (sam.lee@acme.example, sam.l@acme.example); use their email instead',
      '3: owner "leo@acme.example" is Leo Gone, who is inactive (left the workspace); give these customers to an active member',
    ]);
    expect(await ownerOf("Zeta GmbH")).toBeNull();
    // --skip-invalid writes the good row only.
    const skipped = await run(csv(["Delta Inc,Sam Lee", "Zeta GmbH,Mia Park"]), true);
    expect(skipped.committed).toBe(true);
    expect(await ownerOf("Zeta GmbH")).toBe("U1");
    expect(await app.database.prisma.customer.count({ where: { tenantId, name: "Delta Inc" } })).toBe(0);
  });
});
