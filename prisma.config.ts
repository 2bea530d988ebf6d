// Prisma CLI configuration. The newest Prisma cannot download its native schema engine on these
// machines, so the CLI uses the JavaScript/Wasm engine with a driver adapter (see ../shared/TOOLCHAIN.md).
// The CLI is only used to create migrations (against a throwaway in-memory PGlite); the app applies
// migrations itself (src/data/migrate.ts) on both PGlite and PostgreSQL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { btree_gin } = await import("@electric-sql/pglite/contrib/btree_gin");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const db = new PGlite({ extensions: { pg_trgm, btree_gin } });
    // The adapter bundles its own copy of the adapter-utils types; the runtime contract matches.
    return new PrismaPGlite(db) as never;
  },
});
