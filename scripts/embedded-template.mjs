#!/usr/bin/env node
// `node scripts/embedded-template.mjs <dist dir>` (run by scripts/build.mjs): writes the template a
// new embedded data directory starts from (src/data/embedded-template.ts says what and why) into
// <dist dir>/data, from prisma/migrations. The writer is bundled from src/ into node_modules/.cache
// so that its packages resolve from this checkout wherever <dist dir> is. A process of its own:
// creating the cluster grows a ~720 MB Wasm heap that the build should not keep.
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(process.argv[2] ?? join(root, "dist"));
const cache = join(root, "node_modules/.cache/rapport");
mkdirSync(cache, { recursive: true });
const writer = join(cache, `embedded-template-${process.pid}.mjs`);
try {
  await build({ entryPoints: [join(root, "src/data/embedded-template.ts")], outfile: writer, bundle: true, packages: "external", format: "esm", platform: "node", target: "node20", logLevel: "warning" });
  const { writeEmbeddedTemplate } = await import(pathToFileURL(writer).href);
  await writeEmbeddedTemplate(join(out, "data"), join(root, "prisma/migrations"));
} finally {
  rmSync(writer, { force: true });
}
