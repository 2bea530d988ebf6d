import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "./database.js";
import { migrationsDir } from "./migrate.js";
import { TEMPLATE_MANIFEST, unpackEmbeddedTemplate, writeEmbeddedTemplate } from "./embedded-template.js";

describe("a new embedded data directory from the build's template", () => {
  let scratch: string;
  let templateDir: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "rapport-template-"));
    templateDir = join(scratch, "template");
    await writeEmbeddedTemplate(templateDir, migrationsDir);
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("GIVEN a matching template THEN the directory opens with every migration already applied and takes writes", async () => {
    const dataDir = join(scratch, "from-template");
    expect(await unpackEmbeddedTemplate(dataDir, { migrationsDir, fsync: true, templateDir })).toBe(true);
    expect(readFileSync(join(dataDir, "PG_VERSION"), "utf8").trim()).toMatch(/^\d+$/);

    const database = await openDatabase({ kind: "pglite", dataDir });
    try {
      const applied = await database.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(applied[0]!.n).toBe(Object.keys(JSON.parse(readFileSync(join(templateDir, TEMPLATE_MANIFEST), "utf8")).migrations).length);
      const tenant = await database.prisma.tenant.create({ data: { platform: "console", externalId: "local", name: "Local" } });
      await database.prisma.customer.create({ data: { tenantId: tenant.id, name: "Acme Trading" } });
      // The trigram extension came with the template: it answers at once.
      const [row] = await database.prisma.$queryRawUnsafe<{ name: string; score: number }[]>(`SELECT name, similarity(name, 'acme tradng')::float8 AS score FROM customers`);
      expect(row!.name).toBe("Acme Trading");
      expect(row!.score).toBeGreaterThan(0.5);
    } finally {
      await database.close();
    }
  }, 60_000);

  test.each([
    ["a migration file changed since the build", (dir: string) => writeFileSync(join(dir, "20261123000000_init/migration.sql"), "-- edited\n", { flag: "a" })],
    ["a migration added since the build", (dir: string) => cpSync(join(dir, "20261123000000_init"), join(dir, "29991231000000_later"), { recursive: true })],
  ])("GIVEN %s THEN the template is not used", async (_, change) => {
    const migrations = join(scratch, `migrations-${Math.random().toString(36).slice(2)}`);
    cpSync(migrationsDir, migrations, { recursive: true });
    change(migrations);
    const dataDir = join(scratch, `refused-${Math.random().toString(36).slice(2)}`);
    expect(await unpackEmbeddedTemplate(dataDir, { migrationsDir: migrations, fsync: false, templateDir })).toBe(false);
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(false);
  });

  test("GIVEN a template made by another PGlite version THEN it is not used", async () => {
    const other = join(scratch, "other-version");
    cpSync(templateDir, other, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(other, TEMPLATE_MANIFEST), "utf8"));
    writeFileSync(join(other, TEMPLATE_MANIFEST), JSON.stringify({ ...manifest, pglite: "0.0.1" }));
    expect(await unpackEmbeddedTemplate(join(scratch, "other-dir"), { migrationsDir, fsync: false, templateDir: other })).toBe(false);
  });

  test("GIVEN no template (development) THEN false", async () => {
    expect(await unpackEmbeddedTemplate(join(scratch, "none"), { migrationsDir, fsync: false, templateDir: join(scratch, "missing") })).toBe(false);
  });
});
